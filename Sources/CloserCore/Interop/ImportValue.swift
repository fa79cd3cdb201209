import Foundation

/// How a foreign spreadsheet writes values, turned into ours. Each returns nil for text it
/// cannot read, and the caller names the line and column.
public enum ImportValue {
    /// "2026-12-01", "2026/12/1", "2026.12.01", "2026年12月1日", "12/01/2026" (US), "01.12.2026",
    /// "2026-12-01 09:30:00", "2026-12-01T09:30:00Z", or an Excel serial day number (46357).
    public static func day(_ text: String) -> Day? {
        var body = text.trimmingCharacters(in: .whitespaces)
        if body.isEmpty { return nil }
        if let cut = body.firstIndex(where: { $0 == " " || $0 == "T" }), body.distance(from: body.startIndex, to: cut) >= 8 {
            body = String(body[..<cut])
        }
        if body.hasSuffix("日") || body.contains("年") {
            body = body.replacingOccurrences(of: "年", with: "-").replacingOccurrences(of: "月", with: "-")
                .replacingOccurrences(of: "日", with: "")
        }
        if let day = Day(body.replacingOccurrences(of: ".", with: "-")) { return day }
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

    /// An amount as spreadsheets write it: "¥1,200,000.00", "120万", "1.2M", "USD 5,000", "(none)" is not one.
    public static func amount(_ text: String, currency: String) -> Money? {
        var body = text.trimmingCharacters(in: .whitespaces)
        for (symbol, code) in [("US$", "USD"), ("HK$", "HKD"), ("€", "EUR"), ("£", "GBP"), ("$", "USD")] where body.hasPrefix(symbol) && currency == Money.defaultCurrency {
            body.removeFirst(symbol.count)
            return Money.parse(body, currency: code)
        }
        body = body.replacingOccurrences(of: "元", with: "").replacingOccurrences(of: "，", with: ",")
            .replacingOccurrences(of: "\u{00A0}", with: "").replacingOccurrences(of: " ", with: "")
        if body.hasSuffix("万元") { body.removeLast() }
        return Money.parse(body, currency: currency)
    }

    public static func bool(_ text: String) -> Bool? {
        switch text.trimmingCharacters(in: .whitespaces).lowercased() {
        case "", "0", "false", "no", "n", "否", "不是", "无": return false
        case "1", "true", "yes", "y", "x", "是", "有", "✓", "√": return true
        default: return nil
        }
    }

    /// "a; b", "a, b", "a，b", "a、b" → ["a", "b"].
    public static func list(_ text: String) -> [String] {
        text.split(whereSeparator: { ";,，、；|".contains($0) }).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// A person's name from first and last: "Ada Lovelace", or "王" + "伟" → "王伟" (family name first in Chinese).
    public static func name(first: String, last: String) -> String {
        let first = first.trimmingCharacters(in: .whitespaces), last = last.trimmingCharacters(in: .whitespaces)
        if first.isEmpty || last.isEmpty { return first + last }
        let han = (first + last).unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) }
        return han ? last + first : first + " " + last
    }

    /// Grades from other CRMs' ratings: A–D, Hot/Warm/Cold, 重点/一般.
    public static func grade(_ text: String) -> Grade? {
        if let grade = Grade.parse(text) { return grade }
        switch text.trimmingCharacters(in: .whitespaces).lowercased() {
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
    let explicit: [String: String]

    public init(process: ProcessTemplate, explicit: [String: String] = [:]) {
        self.process = process
        self.explicit = Dictionary(explicit.map { (HeaderDictionary.fold($0.key), $0.value) }, uniquingKeysWith: { a, _ in a })
    }

    /// The stage and outcome a foreign stage name means, or nil when it is not mapped.
    public func map(_ text: String) -> (stage: String, outcome: Outcome)? {
        let folded = HeaderDictionary.fold(text)
        if let target = explicit[folded] {
            if let outcome = Self.outcome(HeaderDictionary.fold(target)) { return (closingStage(outcome), outcome) }
            return process.resolveStage(target).map { ($0.key, .open) }
        }
        if let stage = process.resolveStage(text) { return (stage.key, .open) }
        if let stage = process.stages.first(where: { HeaderDictionary.fold($0.name.en) == folded || HeaderDictionary.fold($0.key) == folded }) {
            return (stage.key, .open)
        }
        if let outcome = Self.outcome(folded) { return (closingStage(outcome), outcome) }
        return nil
    }

    private func closingStage(_ outcome: Outcome) -> String {
        (outcome == .won ? process.stages.last : process.stages.first)?.key ?? ""
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
