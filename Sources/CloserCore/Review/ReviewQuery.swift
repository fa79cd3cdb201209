import Foundation

/// What the weekly funnel review covers: the period "since" (by default Monday of last week),
/// the longer window the conversion rates and stage times look back over, one process's stages,
/// one rep or the team, and the time zone weeks begin in.
public struct ReviewQuery: Sendable, Hashable {
    public var since: Day
    /// The first day after the period: today + 1 by default, so today's changes count.
    public var until: Day
    /// How far back conversions and days-in-stage look, in weeks before `until`.
    public var weeks: Int
    public var processKey: String
    public var rep: String?
    /// An open deal with no activity for this many days is stalled.
    public var stalledDays: Int
    public var today: Day
    public var timeZone: TimeZone
    /// How many deals each list carries (its count is always complete).
    public var listLimit: Int

    public init(today: Day, since: Day? = nil, until: Day? = nil, weeks: Int = 13, processKey: String = BuiltInProcesses.project.key,
                rep: String? = nil, stalledDays: Int = 14, timeZone: TimeZone = .current, listLimit: Int = 50) {
        self.today = today
        self.since = since ?? ReviewQuery.mondayOfLastWeek(today)
        self.until = until ?? today.adding(days: 1)
        self.weeks = weeks
        self.processKey = processKey
        self.rep = rep
        self.stalledDays = stalledDays
        self.timeZone = timeZone
        self.listLimit = listLimit
    }

    public static func mondayOfLastWeek(_ today: Day) -> Day { today.adding(days: -(today.isoWeekday - 1) - 7) }

    /// The first day of the conversion window.
    public var windowStart: Day { until.adding(days: -7 * weeks) }

    /// Midnight starting a day in the query's time zone: where the period's moments begin.
    public func start(of day: Day) -> Date { day.startDate(timeZone: timeZone) }

    /// The calendar month and quarter containing `today`, as [first, next first).
    public var month: (start: Day, end: Day) {
        let first = Day(year: today.year, month: today.month, day: 1) ?? today
        let next = today.month == 12 ? Day(year: today.year + 1, month: 1, day: 1) : Day(year: today.year, month: today.month + 1, day: 1)
        return (first, next ?? first.adding(days: 31))
    }

    public var quarter: (start: Day, end: Day) {
        let firstMonth = (today.month - 1) / 3 * 3 + 1
        let first = Day(year: today.year, month: firstMonth, day: 1) ?? today
        let next = firstMonth == 10 ? Day(year: today.year + 1, month: 1, day: 1) : Day(year: today.year, month: firstMonth + 3, day: 1)
        return (first, next ?? first.adding(days: 92))
    }
}

extension Day {
    /// 00:00 of this day in a time zone (the moment the day begins there).
    public func startDate(timeZone: TimeZone) -> Date {
        let utcMidnight = Date(timeIntervalSince1970: Double(ordinal) * 86_400)
        // The offset at the local midnight itself, which may differ from the UTC midnight's across a DST change.
        let guess = utcMidnight.addingTimeInterval(-Double(timeZone.secondsFromGMT(for: utcMidnight)))
        return utcMidnight.addingTimeInterval(-Double(timeZone.secondsFromGMT(for: guess)))
    }
}
