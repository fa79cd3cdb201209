import Foundation

/// The days a review looks back over, as [since, until). A review's period is one week, Monday to
/// Sunday, stepped a week at a time with both ends moving; a longer period is asked for
/// explicitly (`closer report weekly --since … --until …`).
public struct ReviewPeriod: Sendable, Hashable, Codable {
    public let since: Day
    /// The first day after the period.
    public let until: Day

    /// An explicit period from `since` through `last`, both included; nil when `last` is before `since`.
    public init?(since: Day, through last: Day) {
        guard last >= since else { return nil }
        self.since = since
        until = last.adding(days: 1)
    }

    private init(since: Day, until: Day) {
        self.since = since
        self.until = until
    }

    /// The Monday-to-Sunday week holding `day`.
    public static func week(of day: Day) -> ReviewPeriod {
        let monday = day.adding(days: -(day.isoWeekday - 1))
        return ReviewPeriod(since: monday, until: monday.adding(days: 7))
    }

    /// Last week: what a manager reviews on Monday.
    public static func lastWeek(today: Day) -> ReviewPeriod { week(of: today.adding(days: -7)) }

    /// The last day in the period.
    public var lastDay: Day { until.adding(days: -1) }
    public var days: Int { since.days(until: until) }
    /// Monday to Sunday.
    public var isWeek: Bool { days == 7 && since.isoWeekday == 1 }

    /// The week `weeks` after this one (before, when negative): both ends move. nil when it would
    /// start after the week holding `today` (there is nothing to review there yet).
    public func stepped(weeks: Int, today: Day) -> ReviewPeriod? {
        let moved = ReviewPeriod.week(of: since.adding(days: 7 * weeks))
        return moved.since > ReviewPeriod.week(of: today).since ? nil : moved
    }

    /// The period as far as it has happened: a week still going ends after today.
    public func asOf(_ today: Day) -> ReviewPeriod {
        until > today.adding(days: 1) && since <= today ? ReviewPeriod(since: since, until: today.adding(days: 1)) : self
    }
}

extension ReviewQuery {
    /// The review of `period` as of `today`: a week still going is read up to today.
    public init(today: Day, period: ReviewPeriod, weeks: Int = 13, processKey: String = BuiltInProcesses.project.key, rep: String? = nil,
                stalledDays: Int = 14, timeZone: TimeZone = .current, listLimit: Int = 50) {
        let shown = period.asOf(today)
        self.init(today: today, since: shown.since, until: shown.until, weeks: weeks, processKey: processKey, rep: rep,
                  stalledDays: stalledDays, timeZone: timeZone, listLimit: listLimit)
    }

    public var period: ReviewPeriod { ReviewPeriod(since: since, through: until.adding(days: -1)) ?? ReviewPeriod.week(of: since) }
}
