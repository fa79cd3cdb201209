import CloserCore
import Foundation
import TerminalUI

/// The stand-up wall screen: read-only panels that cycle by themselves, the last good picture
/// of the store, and what went wrong reading it if anything did.
public struct StandupState: Sendable {
    public enum Panel: Int, CaseIterable, Sendable {
        case board, nextSteps, yesterday, quadrants

        var title: LocalizedText {
            switch self {
            case .board: LocalizedText(en: "Pipeline", zh: "管道总览")
            case .nextSteps: LocalizedText(en: "Next steps today and overdue", zh: "今日与逾期的下一步")
            case .yesterday: LocalizedText(en: "What moved yesterday", zh: "昨日变化")
            case .quadrants: LocalizedText(en: "Customer quadrants", zh: "客户象限")
            }
        }
    }

    public var panel: Panel = .board
    public var paused = false
    /// Seconds each panel stays up.
    public var interval: TimeInterval
    /// When the panel last changed, to know when to turn to the next.
    public var panelSince: Date
    /// Opened by `closer standup`: q quits; there is no dashboard to go back to.
    public var wallOnly: Bool
    /// The last picture read whole; kept while the store cannot be read.
    public var review: WeeklyReview?
    public var quadrants: QuadrantSummary?
    /// The open deals' health (nil on a store that keeps none).
    public var health: HealthReport?
    public var loadedAt: Date?
    /// Why the store could not be read, shown as a banner over the last good picture.
    public var problem: String?

    public init(interval: TimeInterval = 15, wallOnly: Bool = false, now: Date = Date()) {
        self.interval = interval
        self.wallOnly = wallOnly
        panelSince = now
    }

    mutating func step(_ by: Int, now: Date) {
        let count = Panel.allCases.count
        panel = Panel(rawValue: ((panel.rawValue + by) % count + count) % count) ?? .board
        panelSince = now
    }
}
