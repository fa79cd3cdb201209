/// Deal health (the taboos of 002 the data proves) and the team's settings for it.
///
/// As every store protocol, a handle acts for one user (`Store.actor`): reads follow the deal's
/// account — a rep is told about the deals of the accounts they may see, a manager about
/// everyone's, a name that is not a user is refused — and the settings are a manager's to change.
/// Kept apart from `Store` while the dashboard (which has a `Store` of its own in its tests) is
/// reshaped; every backend that serves the CLI conforms.
public protocol HealthStore: Sendable {
    func healthSettings() throws -> HealthSettings
    /// Managers only, once the store has users; checked against the processes before it is kept.
    func saveHealthSettings(_ settings: HealthSettings) throws

    /// What each of these deals trips now (the open deal's list, a screen of cards); deals the
    /// actor may not see, and unknown ids, are left out. At most `HealthLimits.dealsPerCall` ids.
    func dealWarnings(_ dealIDs: [Int64], today: Day) throws -> [Int64: [HealthWarning]]
    /// The open deals' health for a report or the weekly review.
    func healthReport(_ query: HealthReportQuery) throws -> HealthReport
}

public enum HealthLimits {
    /// A screen's worth of cards, with room: warnings are worked out per deal.
    public static let dealsPerCall = 500
}

extension HealthStore {
    /// How many rules each card's deal trips: the board's health mark.
    public func healthCounts(_ dealIDs: [Int64], today: Day) throws -> [Int64: Int] {
        try dealWarnings(dealIDs, today: today).mapValues(\.count)
    }

    /// One deal's warnings, empty when it trips none (or the actor may not see it).
    public func dealHealth(_ dealID: Int64, today: Day) throws -> [HealthWarning] {
        try dealWarnings([dealID], today: today)[dealID] ?? []
    }
}
