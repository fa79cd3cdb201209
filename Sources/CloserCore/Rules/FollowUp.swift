import Foundation

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
