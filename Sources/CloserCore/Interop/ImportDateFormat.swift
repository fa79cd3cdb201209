import Foundation

/// How a spreadsheet column writes the dates whose year comes last: `01-03-17` is 1 March 2017
/// in a European export (DD-MM-YY) and 3 January 2017 in an American one (MM-DD-YY). A value
/// alone often cannot say which; a column usually can (one `25-12-17` settles it), and when it
/// cannot the user must. Year-first dates (2026-12-01, 2026/12/1, 2026年12月1日) and Excel serial
/// numbers are unambiguous and read the same whatever the column's format.
public struct ImportDateFormat: Sendable, Hashable, CustomStringConvertible {
    public enum Order: String, Sendable, Hashable, CaseIterable {
        case yearFirst, dayFirst, monthFirst
    }

    public var order: Order
    /// How the format is written back to the user ("DD-MM-YY"): the separator and year width
    /// the column uses. Reading accepts any of `-` `/` `.` and two or four year digits.
    public var separator: Character
    public var yearDigits: Int

    public init(order: Order, separator: Character = "-", yearDigits: Int = 4) {
        self.order = order
        self.separator = separator
        self.yearDigits = yearDigits
    }

    public static let yearFirst = ImportDateFormat(order: .yearFirst)

    /// "DD-MM-YY", "MM/DD/YYYY", "DD.MM.YYYY", "YYYY-MM-DD".
    public var description: String {
        let year = String(repeating: "Y", count: yearDigits)
        let parts: [String] = switch order {
        case .yearFirst: [year, "MM", "DD"]
        case .dayFirst: ["DD", "MM", year]
        case .monthFirst: ["MM", "DD", year]
        }
        return parts.joined(separator: String(separator))
    }

    /// Reads a format as a user names it: `DD-MM-YY`, `dd/mm/yyyy`, `MM/DD/YYYY`, `DD.MM.YYYY`,
    /// `YYYY-MM-DD` (D, M and Y in any case, one separator of `-` `/` `.`); nil for anything else.
    public static func named(_ text: String) -> ImportDateFormat? {
        let upper = text.trimmingCharacters(in: .whitespaces).uppercased()
        guard let separator = upper.first(where: { "-/.".contains($0) }) else { return nil }
        let parts = upper.split(separator: separator, omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3 else { return nil }
        let year = parts.first { $0 == "YY" || $0 == "YYYY" }
        let order: Order
        switch (parts[0], parts[1], parts[2]) {
        case ("DD", "MM", let y) where y == year: order = .dayFirst
        case ("D", "M", let y) where y == year: order = .dayFirst
        case ("MM", "DD", let y) where y == year: order = .monthFirst
        case ("M", "D", let y) where y == year: order = .monthFirst
        case ("YYYY", "MM", "DD"): order = .yearFirst
        default: return nil
        }
        guard let year else { return nil }
        return ImportDateFormat(order: order, separator: separator, yearDigits: year.count)
    }

    /// What `--date-format` and a mapping file's `dateFormat` accept, for messages.
    public static let examples = "DD-MM-YY, DD/MM/YYYY, MM/DD/YYYY, DD.MM.YYYY or YYYY-MM-DD"
}

/// A date written with the year last, split into its three numbers: what both orders read.
struct YearLastDate: Sendable {
    var first: Int
    var second: Int
    var year: Int
    var separator: Character
    var yearDigits: Int

    /// "01-03-17", "3/1/2017", "01.03.2017" → the parts; nil for any other shape (year-first
    /// dates, serial numbers and words are not this kind).
    init?(_ text: String) {
        var numbers = [0, 0, 0], digits = [0, 0, 0], part = 0
        var separator: Character?
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                numbers[part] = numbers[part] * 10 + Int(byte - UInt8(ascii: "0"))
                digits[part] += 1
                if digits[part] > (part == 2 ? 4 : 2) { return nil }
            case UInt8(ascii: "-"), UInt8(ascii: "/"), UInt8(ascii: "."):
                let character = Character(UnicodeScalar(byte))
                // One separator throughout: "01-03/17" is not a date.
                if let separator, separator != character { return nil }
                separator = character
                part += 1
                if part > 2 || digits[part - 1] == 0 { return nil }
            default:
                return nil
            }
        }
        guard part == 2, let separator, digits[2] == 2 || digits[2] == 4 else { return nil }
        first = numbers[0]
        second = numbers[1]
        // Two-digit years as POSIX reads them (strptime %y): 69–99 are 1969–1999, 00–68 are 2000–2068.
        year = digits[2] == 4 ? numbers[2] : numbers[2] + (numbers[2] >= 69 ? 1900 : 2000)
        self.separator = separator
        yearDigits = digits[2]
    }

    /// A field's date part: "01-03-17 09:30" → "01-03-17".
    init?(field: String) {
        if let cut = field.firstIndex(of: " ") {
            self.init(String(field[..<cut]))
        } else {
            self.init(field)
        }
    }

    /// The day in `order`; nil when the numbers make no date that way (a dotted date is always
    /// day first: nobody writes MM.DD.YYYY).
    func day(_ order: ImportDateFormat.Order) -> Day? {
        switch order {
        case .dayFirst: Day(year: year, month: second, day: first)
        case .monthFirst: separator == "." ? nil : Day(year: year, month: first, day: second)
        case .yearFirst: nil
        }
    }

    var format: (ImportDateFormat.Order) -> ImportDateFormat {
        { ImportDateFormat(order: $0, separator: separator, yearDigits: yearDigits) }
    }
}

/// How one date column of a file is read, for the preview ("'Close Date': DD-MM-YY").
public struct DateColumnReading: Sendable, Hashable {
    public var header: String
    public var format: ImportDateFormat
    /// True when the user named the format (`--date-format`, a mapping file), false when the values said it.
    public var chosen: Bool

    public init(header: String, format: ImportDateFormat, chosen: Bool) {
        self.header = header
        self.format = format
        self.chosen = chosen
    }

    public var text: LocalizedText {
        LocalizedText(en: "'\(header)' read as \(format)\(chosen ? " (as told)" : "")",
                      zh: "「\(header)」按 \(format) 读取\(chosen ? "（按指定）" : "")")
    }
}

/// A date column whose values read as well day first as month first: the user must say which.
public struct AmbiguousDateColumn: Error, Sendable, Hashable, CustomStringConvertible {
    public var fileName: String
    public var header: String
    /// A value that reads both ways, for the message.
    public var example: String
    /// The two formats to choose from, in the column's own separator and year width.
    public var choices: [ImportDateFormat]

    public var description: String { text.en }

    public var text: LocalizedText {
        let options = choices.map { "--date-format \($0)" }.joined(separator: " or ")
        let zhOptions = choices.map { "--date-format \($0)" }.joined(separator: " 或 ")
        return LocalizedText(
            en: "\(fileName): the dates in column '\(header)' read both as \(choices.map(\.description).joined(separator: " and ")) "
                + "('\(example)'); say which with \(options) (or \"dateFormat\" in the mapping file); nothing was imported",
            zh: "\(fileName)：「\(header)」列的日期既可读作 \(choices.map(\.description).joined(separator: " 也可读作 "))"
                + "（如 '\(example)'）；请用 \(zhOptions) 指明（或在映射文件中写 \"dateFormat\"）；未导入任何内容")
    }
}

/// Deciding the format of each date column from its values.
public enum DateColumnFormat {
    /// The format of one column: year first when no value has its year last; else the one
    /// order every year-last value fits; when both fit, the column is ambiguous; when neither
    /// fits every value, the order more values fit (the others are then rejected, row by row).
    public static func detect(_ values: some Sequence<String>, header: String, fileName: String) throws(AmbiguousDateColumn) -> ImportDateFormat {
        var count = 0, dayFirst = 0, monthFirst = 0
        var sample: YearLastDate?
        var example = ""
        for value in values {
            // Most columns are year first (or empty): not the year-last shape, skipped at the first byte.
            guard let first = value.utf8.first, first >= UInt8(ascii: "0"), first <= UInt8(ascii: "9") else { continue }
            let trimmed = ImportValue.trim(value)
            guard let date = YearLastDate(field: trimmed) else { continue }
            count += 1
            let byDay = date.day(.dayFirst) != nil, byMonth = date.day(.monthFirst) != nil
            if byDay { dayFirst += 1 }
            if byMonth { monthFirst += 1 }
            if sample == nil || byDay && byMonth && example.isEmpty {
                sample = date
                if byDay && byMonth { example = trimmed }
            }
        }
        guard let sample, count > 0 else { return .yearFirst }
        if dayFirst > monthFirst { return sample.format(.dayFirst) }
        if monthFirst > dayFirst { return sample.format(.monthFirst) }
        throw AmbiguousDateColumn(fileName: fileName, header: header, example: example.isEmpty ? "\(sample.first)\(sample.separator)\(sample.second)" : example,
                                  choices: [sample.format(.dayFirst), sample.format(.monthFirst)])
    }
}

extension ImportValue {
    /// A date in a column of known format: a date with its year last (a time after it is
    /// dropped) only in `format`'s order; year-first dates, Chinese dates and serial numbers as
    /// `day(_:)` reads them.
    public static func day(_ text: String, format: ImportDateFormat) -> Day? {
        let body = trim(text)
        if let date = YearLastDate(field: body) { return date.day(format.order) }
        return day(body)
    }
}
