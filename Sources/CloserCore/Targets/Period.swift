import Foundation

/// A calendar month ("2026-12") or quarter ("2026-Q4"): what targets, forecast calls and
/// attainment are set and measured over.
public struct Period: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable, Codable { case month, quarter }

    public let year: Int
    public let kind: Kind
    /// 1…12 for a month, 1…4 for a quarter.
    public let number: Int

    public init?(year: Int, month: Int) {
        guard (1...12).contains(month), (1...9999).contains(year) else { return nil }
        self.year = year
        kind = .month
        number = month
    }

    public init?(year: Int, quarter: Int) {
        guard (1...4).contains(quarter), (1...9999).contains(year) else { return nil }
        self.year = year
        kind = .quarter
        number = quarter
    }

    /// "2026-12", "2026-Q4" (also "2026-q4", "2026Q4", "2026年12月", "2026年Q4" / "2026年第4季度").
    public init(parsing text: String) throws(PeriodError) {
        let body = text.trimmingCharacters(in: .whitespaces)
        guard let parsed = Self.read(body) else { throw PeriodError(text: text) }
        self = parsed
    }

    private static func read(_ body: String) -> Period? {
        var rest = Substring(body)
        let yearDigits = rest.prefix { $0.isASCII && $0.isNumber }
        guard yearDigits.count == 4, let year = Int(yearDigits) else { return nil }
        rest = rest.dropFirst(4)
        if rest.first == "-" || rest.first == "年" { rest = rest.dropFirst() }
        if rest.hasSuffix("季度"), rest.hasPrefix("第") {
            rest = rest.dropFirst().dropLast(2)
            return rest.count == 1 ? Int(rest).flatMap { Period(year: year, quarter: $0) } : nil
        }
        if rest.first == "Q" || rest.first == "q" {
            let digits = rest.dropFirst()
            guard digits.count == 1, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let quarter = Int(digits) else { return nil }
            return Period(year: year, quarter: quarter)
        }
        if rest.hasSuffix("月") { rest = rest.dropLast() }
        guard (1...2).contains(rest.count), rest.allSatisfy({ $0.isASCII && $0.isNumber }), let month = Int(rest) else { return nil }
        return Period(year: year, month: month)
    }

    public static func month(containing day: Day) -> Period { Period(year: day.year, month: day.month) ?? Period(year: 2000, month: 1)! }
    public static func quarter(containing day: Day) -> Period { Period(year: day.year, quarter: (day.month - 1) / 3 + 1) ?? Period(year: 2000, quarter: 1)! }

    /// The first day.
    public var start: Day {
        Day(year: year, month: kind == .month ? number : (number - 1) * 3 + 1, day: 1) ?? Day(ordinal: 0)
    }

    /// The first day after the period.
    public var end: Day {
        let lastMonth = kind == .month ? number : number * 3
        return (lastMonth == 12 ? Day(year: year + 1, month: 1, day: 1) : Day(year: year, month: lastMonth + 1, day: 1)) ?? start
    }

    /// The days of the period as [start, end).
    public var range: Range<Day> { start..<end }

    public func contains(_ day: Day) -> Bool { range.contains(day) }

    /// The quarter a month lies in (a quarter is its own).
    public var quarter: Period { kind == .quarter ? self : Period(year: year, quarter: (number - 1) / 3 + 1) ?? self }

    /// A quarter's three months; a month alone.
    public var months: [Period] {
        kind == .month ? [self] : (0..<3).compactMap { Period(year: year, month: (number - 1) * 3 + 1 + $0) }
    }

    public var description: String {
        kind == .month ? "\(year)-" + (number < 10 ? "0" : "") + "\(number)" : "\(year)-Q\(number)"
    }

    /// "2026年12月", "2026年第4季度"; the English form is the code itself.
    public func label(_ lang: Language) -> String {
        switch lang {
        case .en: description
        case .zh: kind == .month ? "\(year)年\(number)月" : "\(year)年第\(number)季度"
        }
    }

    public static func < (a: Period, b: Period) -> Bool {
        (a.start, a.kind == .quarter ? 0 : 1) < (b.start, b.kind == .quarter ? 0 : 1)
    }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do { self = try Period(parsing: text) } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.description))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

public struct PeriodError: Error, Sendable, Hashable, CustomStringConvertible {
    public let text: String
    public var description: String { "'\(text)' is not a period: use YYYY-MM (2026-12) or YYYY-Qn (2026-Q4)" }
}
