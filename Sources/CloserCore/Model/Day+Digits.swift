import Foundation

extension Day {
    /// "2026-12-01" or "2026/12/1" read straight from the bytes: four digits, then one or two,
    /// then one or two, between two '-' or '/'. Anything else is nil, for the general parsers
    /// to try; what this accepts they read the same way. An import reads a date per row.
    public static func digits(_ text: String) -> Day? {
        var parts = (0, 0, 0), counts = (0, 0, 0), part = 0
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                let digit = Int(byte - UInt8(ascii: "0"))
                switch part {
                case 0: parts.0 = parts.0 * 10 + digit; counts.0 += 1
                case 1: parts.1 = parts.1 * 10 + digit; counts.1 += 1
                default: parts.2 = parts.2 * 10 + digit; counts.2 += 1
                }
                if counts.0 > 4 || counts.1 > 2 || counts.2 > 2 { return nil }
            case UInt8(ascii: "-"), UInt8(ascii: "/"):
                part += 1
                if part > 2 { return nil }
            default:
                return nil
            }
        }
        guard part == 2, counts.0 == 4, counts.1 >= 1, counts.2 >= 1 else { return nil }
        return Day(year: parts.0, month: parts.1, day: parts.2)
    }
}
