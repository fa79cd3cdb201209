import Foundation

/// What one unit of a currency is worth in the team's base currency, from a day on, until the
/// next rate of that currency: "USD 7.10 from 2026-12-01". Rates are quoted against one base;
/// when the base changes, the old quotes stop applying (they are never chained or guessed).
public struct ExchangeRate: Sendable, Hashable, Codable {
    public var currency: String
    public var base: String
    /// The first day the rate is in force.
    public var from: Day
    /// Base units per unit in millionths (7.10 is 7_100_000): integers, so conversions are exact.
    public var micros: Int64
    public var by: String
    public var at: Date

    public init(currency: String, base: String, from: Day, micros: Int64, by: String = "", at: Date = Date(timeIntervalSince1970: 0)) {
        self.currency = currency
        self.base = base
        self.from = from
        self.micros = micros
        self.by = by
        self.at = at
    }

    public static let scale: Int64 = 1_000_000
    /// No currency is worth a million of another: a typo, not a rate.
    public static let largest: Int64 = 1_000_000 * scale

    /// "7.1", "0.138", "7.103456": the rate as typed back.
    public var text: String { Self.text(micros) }

    public static func text(_ micros: Int64) -> String {
        let whole = micros / scale, fraction = micros % scale
        guard fraction != 0 else { return String(whole) }
        var digits = String(fraction)
        digits = String(repeating: "0", count: 6 - digits.count) + digits
        while digits.hasSuffix("0") { digits.removeLast() }
        return "\(whole).\(digits)"
    }

    /// A typed rate in millionths: digits with at most six decimals, more than zero.
    public static func parse(_ text: String) throws(CurrencyError) -> Int64 {
        let body = text.trimmingCharacters(in: .whitespaces)
        let pieces = body.split(separator: ".", omittingEmptySubsequences: false)
        guard !body.isEmpty, pieces.count <= 2, pieces.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              !(pieces[0].isEmpty && (pieces.count == 1 || pieces[1].isEmpty)) else {
            if body.hasPrefix("-"), (try? parse(String(body.dropFirst()))) != nil || Double(body) != nil { throw .rateNotPositive(body) }
            throw .notARate(body)
        }
        let fraction = pieces.count == 2 ? String(pieces[1]) : ""
        guard fraction.count <= 6 else { throw .tooPrecise(body) }
        guard pieces[0].count <= 7, let whole = Int64(pieces[0].isEmpty ? "0" : String(pieces[0])),
              let decimals = Int64(fraction + String(repeating: "0", count: 6 - fraction.count)) else { throw .rateTooLarge(body) }
        let micros = whole * scale + decimals
        guard micros > 0 else { throw .rateNotPositive(body) }
        guard micros <= largest else { throw .rateTooLarge(body) }
        return micros
    }

    /// `minorUnits` of this rate's currency in the base currency, rounded half away from zero to
    /// the minor unit; nil only when the result would not fit (no real amount comes near).
    public func convert(_ minorUnits: Int64) -> Int64? { Self.convert(minorUnits, micros: micros) }

    public static func convert(_ minorUnits: Int64, micros: Int64) -> Int64? {
        // 128-bit product: a large sum times a rate overflows 64 bits long before its result does.
        let (high, low) = minorUnits.magnitude.multipliedFullWidth(by: UInt64(micros))
        let (rounded, carry) = low.addingReportingOverflow(UInt64(scale / 2))
        let upper = high + (carry ? 1 : 0)
        guard upper < UInt64(scale) else { return nil }
        let (quotient, _) = UInt64(scale).dividingFullWidth((upper, rounded))
        guard quotient <= UInt64(Int64.max) else { return nil }
        return minorUnits < 0 ? -Int64(quotient) : Int64(quotient)
    }
}

/// Why a currency or a rate was refused, in one line.
public enum CurrencyError: Error, Sendable, Hashable, CustomStringConvertible {
    case unknownCurrency(String)
    case notARate(String)
    case rateNotPositive(String)
    case tooPrecise(String)
    case rateTooLarge(String)
    case rateOfBase(String)

    public var description: String { text.en }

    public var text: LocalizedText {
        switch self {
        case .unknownCurrency(let code):
            LocalizedText(en: "'\(code)' is not a currency code (ISO 4217, like CNY, USD, EUR)", zh: "「\(code)」不是币种代码（如 CNY、USD）")
        case .notARate(let text):
            LocalizedText(en: "'\(text)' is not a rate: write what one unit is worth in the base currency, e.g. 7.10",
                          zh: "「\(text)」不是汇率：请写出一个单位折合多少基准货币，如 7.10")
        case .rateNotPositive(let text): LocalizedText(en: "a rate must be more than 0: '\(text)'", zh: "汇率必须大于 0：「\(text)」")
        case .tooPrecise(let text): LocalizedText(en: "'\(text)' has more than six decimals", zh: "「\(text)」的小数超过六位")
        case .rateTooLarge(let text): LocalizedText(en: "'\(text)' is too large for a rate", zh: "「\(text)」作为汇率太大")
        case .rateOfBase(let code): LocalizedText(en: "\(code) is the base currency: its rate is always 1", zh: "\(code) 是基准货币：其汇率始终为 1")
        }
    }
}
