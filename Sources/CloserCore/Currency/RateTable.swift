import Foundation

/// The team's base currency and the rates quoted against it: which rate is in force on a day,
/// and amounts converted with it. A currency with no rate in force on a day has none: the caller
/// is told (nil), never handed a guess.
public struct RateTable: Sendable, Hashable {
    public let base: String
    /// Each currency's rates by first day, earliest first.
    private let byCurrency: [String: [ExchangeRate]]

    /// Keeps the rates quoted against `base`; of two rates for the same currency and day, the later entered.
    public init(base: String, rates: [ExchangeRate]) {
        self.base = base
        var byCurrency: [String: [Day: ExchangeRate]] = [:]
        for rate in rates where rate.base == base && rate.currency != base {
            if let kept = byCurrency[rate.currency]?[rate.from], kept.at > rate.at { continue }
            byCurrency[rate.currency, default: [:]][rate.from] = rate
        }
        self.byCurrency = byCurrency.mapValues { $0.values.sorted { $0.from < $1.from } }
    }

    /// Base currency only, no rates: every other currency is unconverted.
    public init(base: String) { self.init(base: base, rates: []) }

    public var rates: [ExchangeRate] { byCurrency.keys.sorted().flatMap { byCurrency[$0] ?? [] } }
    public var currencies: [String] { byCurrency.keys.sorted() }

    /// The rate of `currency` in force on `day`: the latest that started on or before it.
    public func rate(_ currency: String, on day: Day) -> ExchangeRate? {
        guard let rates = byCurrency[currency] else { return nil }
        var low = 0, high = rates.count
        while low < high {
            let middle = (low + high) / 2
            if rates[middle].from <= day { low = middle + 1 } else { high = middle }
        }
        return low == 0 ? nil : rates[low - 1]
    }

    /// Whether an amount in `currency` on `day` can be converted.
    public func canConvert(_ currency: String, on day: Day) -> Bool { currency == base || rate(currency, on: day) != nil }

    /// Minor units of `currency` on `day` in the base currency; nil when no rate is in force.
    public func convert(_ minorUnits: Int64, currency: String, on day: Day) -> Int64? {
        if currency == base { return minorUnits }
        return rate(currency, on: day)?.convert(minorUnits)
    }

    public func convert(_ money: Money, on day: Day) -> Money? {
        convert(money.minorUnits, currency: money.currency, on: day).map { Money(minorUnits: $0, currency: base) }
    }

    /// The days on which some rate starts, after `from` and up to `until` (exclusive): between two
    /// of them every currency has one rate, so a range of days split there converts per piece.
    public func changeDays(after from: Day, before until: Day) -> [Day] {
        Array(Set(byCurrency.values.flatMap { $0.map(\.from) }.filter { $0 > from && $0 < until })).sorted()
    }
}

/// A range of days cut where any rate changes: piece `i` starts on `starts[i]`, so SQL can
/// bucket rows by comparing their day (or moment) with the cuts, and each bucket converts at one rate.
public struct RatePieces: Sendable, Hashable {
    /// The first day of each piece, the range's own first day first.
    public let starts: [Day]

    public init(_ rates: RateTable, from: Day, until: Day) {
        starts = [from] + rates.changeDays(after: from, before: until)
    }

    /// One piece: everything converts on the same day.
    public init(day: Day) { starts = [day] }

    /// Pieces starting on these days (sorted, duplicates dropped): a range cut at more days than
    /// where rates change still converts each piece at one rate.
    public init(starts: [Day]) { self.starts = starts.isEmpty ? [Day(ordinal: 0)] : Array(Set(starts)).sorted() }

    /// Where pieces after the first begin (what a CASE expression compares with).
    public var cuts: ArraySlice<Day> { starts.dropFirst() }

    /// The day a bucket's amounts convert on: its first.
    public func day(ofPiece index: Int) -> Day { starts[min(max(index, 0), starts.count - 1)] }
}
