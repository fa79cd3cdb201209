/// A sum in the base currency that says what it could not convert: the amounts per currency that
/// had no rate in force on their day, and how many deals they were. Never guessed, never dropped.
public struct BaseTotal: Sendable, Hashable, Codable {
    public var currency: String
    public var minorUnits: Int64
    public var unconverted: CurrencyTotals
    public var unconvertedDeals: Int

    public init(currency: String, minorUnits: Int64 = 0, unconverted: CurrencyTotals = [:], unconvertedDeals: Int = 0) {
        self.currency = currency
        self.minorUnits = minorUnits
        self.unconverted = unconverted
        self.unconvertedDeals = unconvertedDeals
    }

    public var isComplete: Bool { unconverted.isEmpty && unconvertedDeals == 0 }
    public var money: Money { Money(minorUnits: minorUnits, currency: currency) }
    /// The currencies left out, in code order.
    public var missingCurrencies: [String] { unconverted.keys.sorted() }

    public static func + (a: BaseTotal, b: BaseTotal) -> BaseTotal {
        BaseTotal(currency: a.currency, minorUnits: a.minorUnits.addingSaturating(b.minorUnits),
                  unconverted: a.unconverted.merging(b.unconverted) { $0.addingSaturating($1) },
                  unconvertedDeals: a.unconvertedDeals + b.unconvertedDeals)
    }

    public static func - (a: BaseTotal, b: BaseTotal) -> BaseTotal {
        a + BaseTotal(currency: b.currency, minorUnits: -b.minorUnits, unconverted: b.unconverted.mapValues { -$0 },
                      unconvertedDeals: -b.unconvertedDeals)
    }
}

/// Adds amounts at the rate in force on their day. The rule, the same for every total: the amounts
/// of one currency at one rate are added first and converted once, rounded half away from zero to
/// the minor unit; the base currency's own amounts are added as they are. So a total does not
/// depend on how the rows reached it (per deal, per day, per rep), only on the amounts and rates.
public struct BaseTotalBuilder: Sendable {
    public let rates: RateTable
    private var atRate: [RateKey: Int64] = [:]
    private var base: Int64 = 0
    private var unconverted: CurrencyTotals = [:]
    private var unconvertedDeals = 0

    private struct RateKey: Hashable {
        var currency: String
        var from: Day
        var micros: Int64
    }

    public init(rates: RateTable) { self.rates = rates }

    /// `minorUnits` of `currency` (the sum of `deals` deals) on `day`.
    public mutating func add(_ minorUnits: Int64, currency: String, on day: Day, deals: Int = 1) {
        if currency == rates.base {
            base = base.addingSaturating(minorUnits)
        } else if let rate = rates.rate(currency, on: day) {
            let key = RateKey(currency: currency, from: rate.from, micros: rate.micros)
            atRate[key] = (atRate[key] ?? 0).addingSaturating(minorUnits)
        } else {
            unconverted[currency, default: 0] = (unconverted[currency] ?? 0).addingSaturating(minorUnits)
            unconvertedDeals += deals
        }
    }

    public mutating func add(_ money: Money, on day: Day, deals: Int = 1) { add(money.minorUnits, currency: money.currency, on: day, deals: deals) }

    public var total: BaseTotal {
        var sum = base
        var unconverted = unconverted
        for (key, amount) in atRate {
            if let converted = ExchangeRate.convert(amount, micros: key.micros) {
                sum = sum.addingSaturating(converted)
            } else {
                unconverted[key.currency, default: 0] += amount
            }
        }
        return BaseTotal(currency: rates.base, minorUnits: sum, unconverted: unconverted, unconvertedDeals: unconvertedDeals)
    }
}

extension Int64 {
    /// Sums that would overflow stay at the limit rather than trap: no real total comes near it.
    func addingSaturating(_ other: Int64) -> Int64 {
        let (sum, overflow) = addingReportingOverflow(other)
        return overflow ? (other > 0 ? .max : .min) : sum
    }
}
