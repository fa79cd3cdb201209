import Foundation
import Testing
@testable import CloserCore

@Suite("Day")
struct DayTests {
    @Test(arguments: [
        ("2026-11-23", 2026, 11, 23),
        ("2024-02-29", 2024, 2, 29),   // leap year
        ("2000-02-29", 2000, 2, 29),   // divisible by 400: leap
        ("2026/3/5", 2026, 3, 5),      // slashes and single digits
        (" 2026-12-31 ", 2026, 12, 31),
    ])
    func parsesValidDates(text: String, year: Int, month: Int, day: Int) throws {
        let parsed = try #require(Day(text))
        #expect(parsed.year == year && parsed.month == month && parsed.day == day)
    }

    @Test(arguments: ["2026-02-30", "2026-13-01", "2026-00-10", "2026-04-31", "abc", "2023-02-29", "1900-02-29",
                      "26-03-05", "2026-03", "2026-03-05-01", "2026-03-05T10:00", "", "0000-01-01"])
    func rejectsInvalidDates(text: String) {
        #expect(Day(text) == nil)
    }

    @Test func ordinalCountsFromTheUnixEpoch() {
        #expect(Fixture.day("1970-01-01").ordinal == 0)
        #expect(Fixture.day("1969-12-31").ordinal == -1)
        // 30 years with 7 leap days (1972…1996), then January and a leap February.
        #expect(Fixture.day("2000-03-01").ordinal == 30 * 365 + 7 + 31 + 29)
        // 56 years with 14 leap days (1972…2024), then 326 days into 2026.
        #expect(Fixture.day("2026-11-23").ordinal == 56 * 365 + 14 + 326)
    }

    @Test func ordinalRoundTripsOverARange() {
        // Every day from 1899-12-25 to 2101-01-05 (covers 1900 and 2100, not leap, and 2000, leap).
        let start = Fixture.day("1899-12-25").ordinal
        let end = Fixture.day("2101-01-05").ordinal
        var previous: Day?
        for ordinal in start...end {
            let day = Day(ordinal: ordinal)
            #expect(day.ordinal == ordinal)
            #expect(Day(day.description) == day)
            if let previous { #expect(previous < day) }
            previous = day
        }
    }

    @Test func daysInALeapAndACommonYear() {
        #expect(Fixture.day("2024-01-01").days(until: Fixture.day("2025-01-01")) == 366)
        #expect(Fixture.day("2025-01-01").days(until: Fixture.day("2026-01-01")) == 365)
        #expect(Fixture.day("2100-02-28").adding(days: 1) == Fixture.day("2100-03-01"))
        #expect(Fixture.day("2000-02-28").adding(days: 1) == Fixture.day("2000-02-29"))
    }

    @Test(arguments: [
        ("2026-11-23", 1), ("2026-11-24", 2), ("2026-11-28", 6), ("2026-11-29", 7),
        ("1970-01-01", 4), ("1969-12-29", 1), ("2000-01-01", 6),
    ])
    func isoWeekday(text: String, weekday: Int) {
        #expect(Fixture.day(text).isoWeekday == weekday)
    }

    @Test func daysUntil() {
        #expect(Fixture.day("2026-02-01").days(until: Fixture.day("2026-03-01")) == 28)
        #expect(Fixture.day("2024-02-01").days(until: Fixture.day("2024-03-01")) == 29)
        #expect(Fixture.day("2026-11-23").days(until: Fixture.day("2026-11-20")) == -3)
        #expect(Fixture.day("2026-12-30").days(until: Fixture.day("2027-01-02")) == 3)
        #expect(Fixture.today.days(until: Fixture.today) == 0)
    }

    @Test func dayOfAMomentDependsOnTheTimeZone() throws {
        // 1970-01-01 20:00 UTC is already 1970-01-02 in Shanghai (UTC+8).
        let evening = Date(timeIntervalSince1970: 20 * 3_600)
        #expect(Day(evening, timeZone: try #require(TimeZone(identifier: "UTC"))) == Fixture.day("1970-01-01"))
        #expect(Day(evening, timeZone: try #require(TimeZone(secondsFromGMT: 8 * 3_600))) == Fixture.day("1970-01-02"))
        #expect(Day(Fixture.now, timeZone: try #require(TimeZone(identifier: "UTC"))) == Fixture.today)
        // Before the epoch the division must round down, not toward zero.
        #expect(Day(Date(timeIntervalSince1970: -1), timeZone: try #require(TimeZone(identifier: "UTC"))) == Fixture.day("1969-12-31"))
    }

    @Test func codableAsIsoText() throws {
        let data = try JSONEncoder().encode([Fixture.day("2026-03-05")])
        #expect(String(decoding: data, as: UTF8.self) == #"["2026-03-05"]"#)
        #expect(try JSONDecoder().decode([Day].self, from: data) == [Fixture.day("2026-03-05")])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([Day].self, from: Data(#"["2026-02-30"]"#.utf8)) }
    }

    @Test func descriptionPadsWithZeros() {
        #expect(Day(year: 987, month: 3, day: 5)?.description == "0987-03-05")
        #expect(Day(year: 2026, month: 2, day: 29) == nil)
    }

    /// 2026-11-23 is a Monday: Monday to Thursday give the next day; Friday, Saturday and Sunday give Monday 11-30.
    @Test func nextWorkingDaySkipsTheWeekend() throws {
        let expected = [(23, 24), (24, 25), (25, 26), (26, 27), (27, 30), (28, 30), (29, 30)]
        for (from, to) in expected {
            let day = try #require(Day(year: 2026, month: 11, day: from))
            #expect(day.nextWorkingDay == Day(year: 2026, month: 11, day: to), "after 11-\(from)")
        }
        #expect(Day(year: 2026, month: 12, day: 31)?.nextWorkingDay == Day(year: 2027, month: 1, day: 1), "a Thursday across the year")
    }
}

@Suite("Day as typed")
struct DayTypedTests {
    static let today = Day(year: 2026, month: 11, day: 23)!

    @Test(arguments: [("today", "2026-11-23"), ("今天", "2026-11-23"), ("Tomorrow", "2026-11-24"), ("明天", "2026-11-24"),
                      ("+7", "2026-11-30"), ("+0", "2026-11-23"),
                      ("yesterday", "2026-11-22"), ("昨天", "2026-11-22"), ("-30", "2026-10-24"), (" 2026-12-01 ", "2026-12-01"), ("2027/1/2", "2027-01-02")])
    func accepted(text: String, expected: String) {
        #expect(Day(typed: text, today: Self.today)?.description == expected)
    }

    @Test(arguments: ["", "the day before", "+x", "-x", "--3", "+-3", "2026-02-30", "next week"])
    func refused(text: String) {
        #expect(Day(typed: text, today: Self.today) == nil)
    }

    @Test func descriptionIsZeroPaddedLikeFormat() throws {
        var generator = SystemRandomNumberGenerator()
        let edges = [(1, 1, 1), (9, 9, 9), (999, 12, 31), (1000, 10, 10), (2024, 2, 29), (9999, 12, 31)]
        let random = (0..<2_000).map { _ in
            (Int.random(in: 1...9999, using: &generator), Int.random(in: 1...12, using: &generator), Int.random(in: 1...28, using: &generator))
        }
        for (year, month, day) in edges + random {
            let value = try #require(Day(year: year, month: month, day: day))
            #expect(value.description == String(format: "%04d-%02d-%02d", year, month, day))
            #expect(Day(value.description) == value)
        }
    }
}
