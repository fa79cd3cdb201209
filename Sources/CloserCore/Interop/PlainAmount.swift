import Foundation

/// The amounts most exports write — "1200000", "¥1,200,000.00", "120万", "1.5k" — read
/// straight from the bytes. Anything else (other symbols, spaces, 元, full-width commas,
/// signs) is nil, for `ImportValue.amount` to read the long way; what this accepts, that
/// reads the same. An import parses an amount per row, and the long way walks Characters.
enum PlainAmount {
    static func parse(_ text: String, currency: String) -> Money? {
        var bytes = text.utf8[...]
        // ¥ (U+00A5) or ￥ (U+FFE5), then a digit: both are dropped whatever the currency.
        if bytes.starts(with: [0xC2, 0xA5]) {
            bytes = bytes.dropFirst(2)
        } else if bytes.starts(with: [0xEF, 0xBF, 0xA5]) {
            bytes = bytes.dropFirst(3)
        }
        var multiplier: Int64 = 1
        // A unit of either number style (万, 亿, k, M, B…) last; a digit last is the common case.
        if let last = bytes.last, !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(last) {
            guard let unit = AmountUnits.trailingUnit(ofBytes: bytes) else { return nil }
            multiplier = unit.factor
            bytes = bytes.dropLast(unit.length)
        }
        // Whole part: a digit first, then digits and thousands commas; at most 18 digits.
        guard let first = bytes.first, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) else { return nil }
        // A comma here groups thousands ("12,5" is a decimal comma, "12300002,200" no number: both read the long way).
        var whole: Int64 = 0, wholeDigits = 0, fraction: Int64 = 0, fractionDigits = 0, inFraction = false
        var sinceComma: Int?
        // A comma or the point after anything but three digits since the last comma.
        var badGroup: Bool { sinceComma.map { $0 != 3 } ?? false }
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                let digit = Int64(byte - UInt8(ascii: "0"))
                if inFraction {
                    fractionDigits += 1
                    if fractionDigits > 8 { return nil }
                    fraction = fraction * 10 + digit
                } else {
                    wholeDigits += 1
                    if wholeDigits > 18 { return nil }
                    whole = whole * 10 + digit
                    sinceComma = sinceComma.map { $0 + 1 }
                }
            case UInt8(ascii: ","):
                // One to three digits before the first comma, three between commas.
                if inFraction || badGroup || sinceComma == nil && !(1...3).contains(wholeDigits) { return nil }
                sinceComma = 0
            case UInt8(ascii: "."):
                if inFraction || badGroup { return nil }
                inFraction = true
            default:
                return nil
            }
        }
        if !inFraction, badGroup { return nil }
        // As Money.parse: in 1e-8 units, so a multiplier applied to a fraction stays exact; round half up.
        for _ in fractionDigits..<8 { fraction *= 10 }
        let (wholeScaled, o1) = whole.multipliedReportingOverflow(by: 100_000_000)
        let (total, o2) = wholeScaled.addingReportingOverflow(fraction)
        let (multiplied, o3) = total.multipliedReportingOverflow(by: multiplier)
        let (rounded, o4) = multiplied.addingReportingOverflow(500_000)
        guard !o1, !o2, !o3, !o4 else { return nil }
        return Money(minorUnits: rounded / 1_000_000, currency: currency)
    }
}
