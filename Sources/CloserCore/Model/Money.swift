import Foundation

/// An amount in integer minor units (fen, cents) with an ISO 4217 code: money is never a float.
public struct Money: Sendable, Hashable, Codable, CustomStringConvertible {
    public var minorUnits: Int64
    public var currency: String

    public init(minorUnits: Int64, currency: String = Money.defaultCurrency) {
        self.minorUnits = minorUnits
        self.currency = currency
    }

    public static let defaultCurrency = "CNY"

    /// Parses "1200000", "1,200,000.50", "¥1.2m", "120万", "850万元", "3.5k", "1.2亿", "1.6B" into minor units
    /// (the units are `AmountUnits`, both number styles).
    /// Decimal arithmetic on the digits, so "0.1" is exactly 10 minor units.
    public static func parse(_ text: String, currency: String = Money.defaultCurrency) -> Money? {
        // Spaces and tabs cut, separators dropped, without bridging to NSString: a 100k-row
        // import parses an amount per row.
        func trimmed(_ text: Substring) -> Substring {
            let isSpace: (Character) -> Bool = { $0 == "\t" || $0.unicodeScalars.allSatisfy { $0.properties.generalCategory == .spaceSeparator } }
            if let first = text.utf8.first, let last = text.utf8.last, first > 0x20, first < 0x7F, last > 0x20, last < 0x7F { return text }
            guard let first = text.firstIndex(where: { !isSpace($0) }), let last = text.lastIndex(where: { !isSpace($0) }) else { return "" }
            return text[first...last]
        }
        var body = trimmed(Substring(text))
        if let first = body.first, !first.isNumber, first != "." {
            for symbol in ["¥", "￥", "$", "€", "£", "RMB", "CNY", "USD", "EUR"] where body.hasPrefix(symbol) {
                body.removeFirst(symbol.count)
            }
        }
        if body.contains(where: { $0 == "," || $0 == "_" }) { body = Substring(body.filter { $0 != "," && $0 != "_" }) }
        body = trimmed(body)
        // "850万元": the yuan sign after the unit says nothing more.
        if body.hasSuffix("元") { body = trimmed(body.dropLast()) }
        var multiplier: Int64 = 1
        if let unit = AmountUnits.trailingUnit(of: body) {
            body.removeLast(unit.length)
            multiplier = unit.factor
        }
        guard !body.isEmpty, !body.hasPrefix("-") else { return nil }
        let pieces = body.split(separator: ".", omittingEmptySubsequences: false)
        guard pieces.count <= 2, !(pieces[0].isEmpty && (pieces.count == 1 || pieces[1].isEmpty)), let whole = Int64(pieces[0].isEmpty ? "0" : String(pieces[0])), whole >= 0 else { return nil }
        let fraction = pieces.count == 2 ? String(pieces[1]) : ""
        guard fraction.allSatisfy(\.isASCII), fraction.allSatisfy(\.isNumber), fraction.count <= 8 else { return nil }
        // Work in 1e-8 units so a multiplier applied to a fraction ("1.25万") stays exact.
        let scale: Int64 = 100_000_000
        let fractionUnits = Int64(fraction + String(repeating: "0", count: 8 - fraction.count)) ?? 0
        let (wholeScaled, o1) = whole.multipliedReportingOverflow(by: scale)
        let (total, o2) = wholeScaled.addingReportingOverflow(fractionUnits)
        let (multiplied, o3) = total.multipliedReportingOverflow(by: multiplier)
        // Minor units are 1e-2: round half up from 1e-8.
        let (rounded, o4) = multiplied.addingReportingOverflow(500_000)
        guard !o1, !o2, !o3, !o4 else { return nil }
        let minor = rounded / 1_000_000
        return Money(minorUnits: minor, currency: currency)
    }

    /// "1,200,000.00"
    public var plain: String { Money.format(minorUnits) }

    public var description: String { "\(currency) \(plain)" }

    public static func format(_ minorUnits: Int64) -> String {
        let negative = minorUnits < 0
        let magnitude = minorUnits.magnitude
        let whole = String(magnitude / 100)
        var grouped = ""
        for (index, character) in whole.enumerated() {
            if index > 0, (whole.count - index) % 3 == 0 { grouped.append(",") }
            grouped.append(character)
        }
        let cents = magnitude % 100
        return (negative ? "-" : "") + grouped + "." + (cents < 10 ? "0" : "") + String(cents)
    }

    /// Short form for cards and column headers: "1.2M", "350k", "980".
    public static func compact(_ minorUnits: Int64) -> String {
        let units = Double(minorUnits) / 100
        // Round to what will be shown first, so 999,999.99 reads 1M rather than 1000k.
        var magnitude = abs(units)
        for unit in [1_000.0, 1_000_000.0, 1_000_000_000.0] where magnitude < unit && magnitude >= unit / 1000 {
            let shown = magnitude / (unit / 1000)
            let roundedShown = shown >= 100 ? shown.rounded() : (shown * 10).rounded() / 10
            if roundedShown >= 1000 { magnitude = unit }
        }
        func trim(_ value: Double, _ suffix: String) -> String {
            let text = value >= 100 ? String(Int(value.rounded())) : String(format: "%.1f", value)
            return (units < 0 ? "-" : "") + (text.hasSuffix(".0") ? String(text.dropLast(2)) : text) + suffix
        }
        if magnitude >= 1_000_000_000 { return trim(magnitude / 1_000_000_000, "B") }
        if magnitude >= 1_000_000 { return trim(magnitude / 1_000_000, "M") }
        if magnitude >= 1_000 { return trim(magnitude / 1_000, "k") }
        return (units < 0 ? "-" : "") + String(Int(magnitude.rounded()))
    }

    public static func isValidCurrency(_ code: String) -> Bool {
        // Three characters, each ASCII and upper-case, are three bytes A…Z: tested on the bytes,
        // as every imported deal is (by Character it cost ~3k instructions).
        code.utf8.count == 3 && code.utf8.allSatisfy { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) }
    }
}
