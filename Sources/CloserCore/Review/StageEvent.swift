import Foundation

/// One event of a deal's life that the review reads from the event log: it entered a stage,
/// moved, closed, reopened, or had its close date changed.
public struct StageEvent: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, Codable {
        case created, moved, forced, won, lost, withdrawn, reopened, closeDate = "close-date"

        public var isMove: Bool { self == .moved || self == .forced }
        public var isClose: Bool { self == .won || self == .lost || self == .withdrawn }
    }

    public var dealID: Int64
    public var at: Date
    public var kind: Kind
    public var fromStage: String?
    public var toStage: String?
    /// The reason of a loss or a forced gate.
    public var note: String
    public var closeFrom: Day?
    public var closeTo: Day?

    public init(dealID: Int64, at: Date, kind: Kind, fromStage: String? = nil, toStage: String? = nil, note: String = "",
                closeFrom: Day? = nil, closeTo: Day? = nil) {
        self.dealID = dealID
        self.at = at
        self.kind = kind
        self.fromStage = fromStage
        self.toStage = toStage
        self.note = note
        self.closeFrom = closeFrom
        self.closeTo = closeTo
    }
}
