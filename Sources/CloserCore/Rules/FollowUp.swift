import Foundation

/// Where a deal's next step stands (002, mistake #9: no next action planned).
public enum NextStepState: Sendable, Hashable {
    case missing
    case overdue(days: Int)
    case dueToday
    case upcoming(days: Int)

    public init(nextStep: String, due: Day?, today: Day) {
        guard !nextStep.trimmingCharacters(in: .whitespaces).isEmpty, let due else {
            self = .missing
            return
        }
        let days = today.days(until: due)
        if days < 0 { self = .overdue(days: -days) } else if days == 0 { self = .dueToday } else { self = .upcoming(days: days) }
    }

    public var needsAttention: Bool {
        switch self {
        case .missing, .overdue: true
        case .dueToday, .upcoming: false
        }
    }
}

/// Days since the last work record: the weekly review's "stalled" list reads this.
public struct Staleness: Sendable, Hashable {
    public var daysSinceActivity: Int?
    public static let stalledAfterDays = 21

    public init(lastActivity: Day?, today: Day) {
        daysSinceActivity = lastActivity.map { $0.days(until: today) }
    }

    /// Stalled when nothing was done for `threshold` days, or never.
    public func isStalled(threshold: Int = Staleness.stalledAfterDays) -> Bool {
        guard let days = daysSinceActivity else { return true }
        return days >= threshold
    }
}
