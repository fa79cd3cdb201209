import Foundation

/// How a foreign spreadsheet writes values, turned into ours. Each returns nil for text it
/// cannot read, and the caller names the line and column.
public enum ImportValue {
    /// Whitespace (and the ideographic space) cut from both ends, without bridging to
    /// NSString: this runs for every field of a 100k-row file.
    public static func trim(_ text: String) -> String {
        // Most fields start and end with bytes no whitespace character starts or ends with: nothing to cut.
        if let first = text.utf8.first, let last = text.utf8.last, !mayStartWhitespace(first), !mayEndWhitespace(last) { return text }
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        guard let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        if first == scalars.startIndex, scalars.index(after: last) == scalars.endIndex { return text }
        return String(scalars[first...last])
    }

    /// Unicode's White_Space characters are ASCII 09–0D and 20, U+0085, U+00A0, U+1680,
    /// U+2000–200A, U+2028, U+2029, U+202F, U+205F and U+3000: in UTF-8 their first byte is
    /// one of these, and their last byte one of those below.
    static func mayStartWhitespace(_ byte: UInt8) -> Bool {
        byte <= 0x20 || byte == 0xC2 || byte == 0xE1 || byte == 0xE2 || byte == 0xE3
    }

    static func mayEndWhitespace(_ byte: UInt8) -> Bool {
        switch byte {
        case 0...0x20, 0x80...0x8A, 0x9F, 0xA0, 0xA8, 0xA9, 0xAF: true
        default: false
        }
    }

    /// "2026-12-01", "2026/12/1", "2026.12.01", "2026年12月1日", "12/01/2026" (US), "01.12.2026",
    /// "2026-12-01 09:30:00", "2026-12-01T09:30:00Z", or an Excel serial day number (46357).
    public static func day(_ text: String) -> Day? {
        var body = trim(text)
        if body.isEmpty { return nil }
        // Digits and '-' or '/' only: none of the rewrites below apply, so this is their answer.
        if let day = Day.digits(body) { return day }
        if let cut = body.firstIndex(where: { $0 == " " || $0 == "T" }), body.distance(from: body.startIndex, to: cut) >= 8 {
            body = String(body[..<cut])
        }
        if body.hasSuffix("日") || body.contains("年") {
            body = body.replacingOccurrences(of: "年", with: "-").replacingOccurrences(of: "月", with: "-")
                .replacingOccurrences(of: "日", with: "")
        }
        if let day = Day(body.contains(".") ? body.replacingOccurrences(of: ".", with: "-") : body) { return day }
        if body.count == 5, let serial = Int(body), (20_000...80_000).contains(serial) {
            // Excel counts days from 1899-12-30 (its 1900 leap-year bug included).
            guard let epoch = Day(year: 1899, month: 12, day: 30) else { return nil }
            return epoch.adding(days: serial)
        }
        let parts = body.split(whereSeparator: { $0 == "/" || $0 == "." || $0 == "-" }).map(String.init)
        guard parts.count == 3, parts[2].count == 4, let a = Int(parts[0]), let b = Int(parts[1]), let year = Int(parts[2]) else { return nil }
        // Day first when it must be (13/01/2026) or when dots say European; else US month first.
        let dayFirst = a > 12 || body.contains(".")
        return dayFirst ? Day(year: year, month: b, day: a) : Day(year: year, month: a, day: b)
    }

    /// A message that quotes a multi-line field stays one line: line breaks become ↵.
    public static func oneLine(_ text: String) -> String {
        guard text.contains(where: { $0.isNewline }) else { return text }
        return String(text.map { $0.isNewline ? "↵" : $0 })
    }

    /// An amount as spreadsheets write it: "¥1,200,000.00", "120万", "1.2M", "USD 5,000", "(none)" is not one.
    public static func amount(_ text: String, currency: String) -> Money? {
        let body = trim(text)
        return PlainAmount.parse(body, currency: currency) ?? amountByCharacters(body, currency: currency)
    }

    /// Any amount `amount` reads, symbols, spaces and full-width commas included, one Character at a time.
    static func amountByCharacters(_ text: String, currency: String) -> Money? {
        var body = text
        var currency = currency
        for (symbol, code) in [("US$", "USD"), ("HK$", "HKD"), ("€", "EUR"), ("£", "GBP"), ("$", "USD")] where body.hasPrefix(symbol) && currency == Money.defaultCurrency {
            body.removeFirst(symbol.count)
            currency = code
            break
        }
        // A German or French export puts the euro sign last: "1.200.000,00 €".
        if body.hasSuffix("€"), currency == Money.defaultCurrency {
            body.removeLast()
            currency = "EUR"
        }
        // One pass instead of four replacements: drop 元 and spaces, full-width comma → comma.
        if body.contains(where: { $0 == "元" || $0 == "，" || $0 == " " || $0 == "\u{00A0}" || $0 == "\u{202F}" }) {
            body = String(body.compactMap { $0 == "元" || $0 == " " || $0 == "\u{00A0}" || $0 == "\u{202F}" ? nil : $0 == "，" ? "," : $0 })
        }
        let number = decimalPoint(body)
        guard commasGroupThousands(number) else { return nil }
        return Money.parse(number, currency: currency)
    }

    /// Commas left in a number must group thousands: "1,200,000.5" yes, "12,5," and ",5" no
    /// (Money would read them by dropping the commas, as 125 and 5).
    static func commasGroupThousands(_ number: String) -> Bool {
        let digits = number.filter { $0.isASCII && ($0.isNumber || $0 == "," || $0 == ".") }
        guard digits.contains(",") else { return true }
        let parts = digits.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        if parts.count > 1, parts[1].contains(",") { return false }
        let groups = parts[0].split(separator: ",", omittingEmptySubsequences: false)
        return (1...3).contains(groups[0].count) && groups.dropFirst().allSatisfy { $0.count == 3 }
    }

    /// A number written with a decimal comma, as most of Europe writes it, in the form Money
    /// reads: "1.200.000,50" and "1200000,5" → "1200000.50"/"1200000.5". Only forms that cannot
    /// be read the other way change: dots between groups of three digits (two or more groups,
    /// or one before a comma), or a comma before one or two last digits; "1,200" stays twelve hundred.
    static func decimalPoint(_ number: String) -> String {
        let bytes = Array(number.utf8)
        func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
        let comma = bytes.firstIndex(of: UInt8(ascii: ","))
        guard bytes.lastIndex(of: UInt8(ascii: ",")) == comma else { return number }
        let whole = bytes[..<(comma ?? bytes.count)]
        let fraction = comma.map { bytes[($0 + 1)...] } ?? []
        guard fraction.allSatisfy(isDigit) else { return number }
        let groups = whole.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        let grouped = groups.count >= 2 && groups[0].count >= 1 && groups[0].count <= 3 && groups.dropFirst().allSatisfy { $0.count == 3 }
            && groups.allSatisfy { $0.allSatisfy(isDigit) }
        let plainWhole = groups.count == 1 && whole.allSatisfy(isDigit) && !whole.isEmpty
        if grouped && (groups.count >= 3 || comma != nil) || plainWhole && comma != nil && (1...2).contains(fraction.count) {
            let digits = groups.joined()
            return String(decoding: digits, as: UTF8.self) + (comma == nil ? "" : "." + String(decoding: fraction, as: UTF8.self))
        }
        return number
    }

    public static func bool(_ text: String) -> Bool? {
        switch trim(text).lowercased() {
        case "", "0", "false", "no", "n", "否", "不是", "无": return false
        case "1", "true", "yes", "y", "x", "是", "有", "✓", "√": return true
        default: return nil
        }
    }

    /// What an export writes in the owner column of an account in the public pool, per language.
    public static let poolOwner = LocalizedText(en: "(pool)", zh: "（公海）")

    /// "(pool)", "（公海）", "公海": the account has no owner and sits in the pool.
    public static func isPool(_ owner: String) -> Bool {
        ["(pool)", "（公海）", "公海", "(公海)"].contains(trim(owner).lowercased())
    }

    /// "a; b", "a, b", "a，b", "a、b" → ["a", "b"].
    public static func list(_ text: String) -> [String] {
        text.split(whereSeparator: { ";,，、；|".contains($0) }).map { trim(String($0)) }.filter { !$0.isEmpty }
    }

    /// A person's name from first and last: "Ada Lovelace", or "王" + "伟" → "王伟" (family name first in Chinese).
    public static func name(first: String, last: String) -> String {
        let first = trim(first), last = trim(last)
        if first.isEmpty || last.isEmpty { return first + last }
        let han = (first + last).unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) }
        return han ? last + first : first + " " + last
    }

    /// Grades from other CRMs' ratings: A–D, Hot/Warm/Cold, 重点/一般.
    public static func grade(_ text: String) -> Grade? {
        if let grade = Grade.parse(text) { return grade }
        switch trim(text).lowercased() {
        case "hot", "重点", "重要", "a类", "a级": return .a
        case "warm", "b类", "b级": return .b
        case "cold", "一般", "c类", "c级": return .c
        case "d类", "d级", "低": return .d
        default: return nil
        }
    }
}

/// Stage names from another CRM, mapped to one process's stages: by key, name (English or
/// Chinese) or number, then by the mapping file, then by the names common CRMs use.
public struct StageMapper: Sendable {
    public let process: ProcessTemplate
    /// Folded foreign name → stage and outcome: the mapping file's, then the process's own
    /// keys and names, then common CRM outcome names. Built once; a row is one lookup.
    private let known: [String: (stage: String, outcome: Outcome)]

    public init(process: ProcessTemplate, explicit: [String: String] = [:]) {
        self.process = process
        var known = [String: (stage: String, outcome: Outcome)]()
        let closing: (Outcome) -> (stage: String, outcome: Outcome) = { outcome in
            ((outcome == .won ? process.stages.last : process.stages.first)?.key ?? "", outcome)
        }
        for name in ["closedwon", "won", "赢单", "成交", "已成交", "签约", "已签约", "成功", "closedlost", "lost", "输单", "丢单", "失败",
                     "已丢单", "withdrawn", "放弃", "已放弃"] {
            if let outcome = Self.outcome(name) { known[name] = closing(outcome) }
        }
        for (number, stage) in process.stages.enumerated() {
            for name in [stage.key, stage.name.en, stage.name.zh, String(number + 1)] { known[HeaderDictionary.fold(name)] = (stage.key, .open) }
        }
        for (name, target) in explicit {
            if let outcome = Self.outcome(HeaderDictionary.fold(target)) {
                known[HeaderDictionary.fold(name)] = closing(outcome)
            } else if let stage = process.resolveStage(target) {
                known[HeaderDictionary.fold(name)] = (stage.key, .open)
            }
        }
        self.known = known
    }

    /// The stage and outcome a foreign stage name means, or nil when it is not mapped.
    public func map(_ text: String) -> (stage: String, outcome: Outcome)? {
        known[HeaderDictionary.fold(text)]
    }

    static func outcome(_ folded: String) -> Outcome? {
        switch folded {
        case "closedwon", "won", "赢单", "成交", "已成交", "签约", "已签约", "成功": return .won
        case "closedlost", "lost", "输单", "丢单", "失败", "已丢单": return .lost
        case "withdrawn", "放弃", "已放弃": return .withdrawn
        default: return nil
        }
    }
}
