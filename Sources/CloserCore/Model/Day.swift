import Foundation

/// A calendar date with no time of day: due dates, close dates, activity dates.
/// Stored as "YYYY-MM-DD" so SQL comparisons sort correctly, and counted in days
/// through a proleptic-Gregorian day number so arithmetic needs no Calendar or time zone.
public struct Day: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...Day.daysIn(month: month, year: year)).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses "YYYY-MM-DD" (also "YYYY/MM/DD"); nil for anything else or an impossible date.
    public init?(_ text: String) {
        // Stored dates are always this shape: read from the bytes, no trimming or splitting.
        if let day = Day.digits(text) {
            self = day
            return
        }
        let parts = text.trimmingCharacters(in: .whitespaces).split(whereSeparator: { $0 == "-" || $0 == "/" })
        guard parts.count == 3, parts[0].count == 4, (1...2).contains(parts[1].count), (1...2).contains(parts[2].count),
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// A date as people type it in a field or on the command line: YYYY-MM-DD, today / 今天,
    /// tomorrow / 明天, yesterday / 昨天, +N / -N days from today (a next step is due in +7,
    /// a person was last met -3), or a weekday — tue, tuesday, 周二, 星期二 — for the next one
    /// after today (a rep plans "call the chief engineer Tuesday").
    public init?(typed text: String, today: Day) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let weekday = Day.weekday(named: trimmed.lowercased()) {
            let ahead = (weekday - today.isoWeekday + 7) % 7
            self = today.adding(days: ahead == 0 ? 7 : ahead)
            return
        }
        switch trimmed.lowercased() {
        case "today", "今天": self = today
        case "tomorrow", "明天": self = today.adding(days: 1)
        case "yesterday", "昨天": self = today.adding(days: -1)
        default:
            let digits = trimmed.dropFirst()
            let isOffset = !digits.isEmpty && digits.allSatisfy { $0.isASCII && $0.isNumber }
            if isOffset, trimmed.hasPrefix("+"), let days = Int(digits) {
                self = today.adding(days: days)
            } else if isOffset, trimmed.hasPrefix("-"), let days = Int(digits) {
                self = today.adding(days: -days)
            } else if let day = Day(trimmed) {
                self = day
            } else {
                return nil
            }
        }
    }

    /// ISO weekday (1 = Monday) of an English or Chinese weekday name, short or long.
    static func weekday(named name: String) -> Int? {
        let english = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
        let long = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
        let chinese = ["一", "二", "三", "四", "五", "六", "日"]
        if let index = english.firstIndex(of: name) ?? long.firstIndex(of: name) { return index + 1 }
        for prefix in ["周", "星期", "礼拜"] where name.hasPrefix(prefix) {
            let rest = String(name.dropFirst(prefix.count))
            if let index = chinese.firstIndex(of: rest) ?? (rest == "天" ? 6 : nil) { return index + 1 }
        }
        return nil
    }

    public init(ordinal: Int) {
        // Inverse of `ordinal` (Howard Hinnant's civil_from_days).
        let z = ordinal + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        self.year = y
        self.month = m
        self.day = d
    }

    /// Days since 1970-01-01.
    public var ordinal: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// Monday = 1 … Sunday = 7 (ISO 8601).
    public var isoWeekday: Int { ((ordinal % 7 + 7 + 3) % 7) + 1 }

    public func adding(days: Int) -> Day { Day(ordinal: ordinal + days) }

    public func days(until other: Day) -> Int { other.ordinal - ordinal }

    /// The day a moment falls on in the given time zone.
    public init(_ date: Date, timeZone: TimeZone = .current) {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down)) + timeZone.secondsFromGMT(for: date)
        self.init(ordinal: Int((Double(seconds) / 86_400).rounded(.down)))
    }

    public static func today(timeZone: TimeZone = .current) -> Day { Day(Date(), timeZone: timeZone) }

    /// "YYYY-MM-DD", written into ten bytes and made a String once: Foundation's String(format:)
    /// costs microseconds, and a bulk import formats one per row.
    public var description: String {
        // The initialisers keep year in 1...9999 and month and day under 100; be safe anyway.
        guard (0...9999).contains(year), (0...99).contains(month), (0...99).contains(day) else {
            func digits(_ value: Int, _ width: Int) -> String {
                let text = String(value)
                return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
            }
            return digits(year, 4) + "-" + digits(month, 2) + "-" + digits(day, 2)
        }
        let zero = UInt8(ascii: "0"), dash = UInt8(ascii: "-")
        let bytes: [UInt8] = [
            zero + UInt8(year / 1000), zero + UInt8(year / 100 % 10), zero + UInt8(year / 10 % 10), zero + UInt8(year % 10), dash,
            zero + UInt8(month / 10), zero + UInt8(month % 10), dash, zero + UInt8(day / 10), zero + UInt8(day % 10),
        ]
        return String(decoding: bytes, as: UTF8.self)
    }

    public static func < (a: Day, b: Day) -> Bool { a.ordinal < b.ordinal }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let day = Day(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a date (YYYY-MM-DD): \(text)"))
        }
        self = day
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
