import Foundation

/// How the review ranks deals of several currencies, the same on every store.
public enum ReviewRanking {
    /// Largest first in the base currency; an amount with no rate at face value; then by id.
    public static func rankedByBase<T>(_ items: [T], rates: RateTable, on day: Day, amount: (T) -> Money, id: (T) -> Int64) -> [T] {
        func value(_ item: T) -> Double {
            let money = amount(item)
            let micros = money.currency == rates.base ? ExchangeRate.scale : rates.rate(money.currency, on: day)?.micros ?? ExchangeRate.scale
            return Double(money.minorUnits) * Double(micros)
        }
        return items.map { (value($0), id($0), $0) }.sorted { ($1.0, $0.1) < ($0.0, $1.1) }.map(\.2)
    }
}
