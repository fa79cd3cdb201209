/// The units amounts are written with, in both number styles: Chinese counts in 万 (10⁴) and
/// 亿 (10⁸), English in thousands, millions and billions. One table for every parser (Money,
/// the import's fast path) and for the compact formatter, so what is shown is what is read.
public enum AmountUnits {
    /// Suffix and its factor in whole units. Longest suffixes first where one ends another.
    public static let suffixes: [(suffix: String, factor: Int64)] = [
        ("亿", 100_000_000), ("万", 10_000), ("千", 1_000),
        ("B", 1_000_000_000), ("b", 1_000_000_000), ("M", 1_000_000), ("m", 1_000_000), ("K", 1_000), ("k", 1_000),
    ]

    /// The factor of the unit `text` ends with, and how many characters it takes; nil when none.
    public static func trailingUnit(of text: Substring) -> (factor: Int64, length: Int)? {
        for (suffix, factor) in suffixes where text.hasSuffix(suffix) { return (factor, suffix.count) }
        return nil
    }

    /// The factor of a unit ending these UTF-8 bytes and how many bytes it takes (the import's byte path).
    static func trailingUnit(ofBytes bytes: Substring.UTF8View) -> (factor: Int64, length: Int)? {
        for (suffix, factor) in suffixes {
            let unit = suffix.utf8
            if bytes.count >= unit.count, bytes.suffix(unit.count).elementsEqual(unit) { return (factor, unit.count) }
        }
        return nil
    }
}

extension Money {
    /// The short form of an amount in the reader's number style: 850万, 1.6亿, 9800 in Chinese;
    /// 8.5M, 160M, 9.8k in English. Three significant figures at most, rounded to what is shown
    /// before the unit is chosen (999,999.99 reads 1M, 99,999,999 reads 1亿).
    public static func compact(_ minorUnits: Int64, _ lang: Language) -> String {
        switch lang {
        case .en: compact(minorUnits)
        case .zh: chineseCompact(minorUnits)
        }
    }

    /// The amount with its currency, short: "USD 69.8k", "USD 6.98万"… in the reader's style.
    public func compact(_ lang: Language) -> String { "\(currency) \(Money.compact(minorUnits, lang))" }

    static func chineseCompact(_ minorUnits: Int64) -> String {
        let sign = minorUnits < 0 ? "-" : ""
        var magnitude = Double(minorUnits.magnitude) / 100
        // What a value reads once rounded to one decimal below 100 units of its unit, whole above.
        func shown(_ value: Double) -> Double { value >= 100 ? value.rounded() : (value * 10).rounded() / 10 }
        // 9999.96万 shows as 10000万: that is 1亿.
        if magnitude >= 10_000, magnitude < 100_000_000, shown(magnitude / 10_000) >= 10_000 { magnitude = 100_000_000 }
        if magnitude < 10_000, magnitude.rounded() >= 10_000 { magnitude = 10_000 }
        func text(_ value: Double, _ unit: String) -> String {
            let rounded = shown(value)
            let digits = rounded >= 100 || rounded == rounded.rounded() ? String(Int64(rounded)) : String(format: "%.1f", rounded)
            return sign + digits + unit
        }
        if magnitude >= 100_000_000 { return text(magnitude / 100_000_000, "亿") }
        if magnitude >= 10_000 { return text(magnitude / 10_000, "万") }
        return sign + String(Int64(magnitude.rounded()))
    }
}
