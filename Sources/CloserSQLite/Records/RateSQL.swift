import CloserCore
import Foundation
import GRDB

/// SQL expressions that bring the rates into a query: which piece of a range of days (cut where a
/// rate changes) a row falls in, so a GROUP BY adds each piece's amounts at one rate; and an
/// ordering value in the base currency for "largest first" across currencies.
struct RateSQL {
    var sql: String
    var arguments: StatementArguments

    /// `CASE WHEN column < ? THEN 0 WHEN column < ? THEN 1 … ELSE n END`, or `0` without cuts.
    static func piece(_ column: String, cuts: [any DatabaseValueConvertible]) -> RateSQL {
        guard !cuts.isEmpty else { return RateSQL(sql: "0", arguments: []) }
        let whens = cuts.indices.map { "WHEN \(column) < ? THEN \($0)" }.joined(separator: " ")
        return RateSQL(sql: "CASE \(whens) ELSE \(cuts.count) END", arguments: StatementArguments(cuts))
    }

    /// Pieces of moments: cut at the start of each day a rate changes, in the query's time zone.
    static func piece(moment column: String, _ pieces: RatePieces, _ q: ReviewQuery) -> RateSQL {
        piece(column, cuts: pieces.cuts.map { q.start(of: $0).timeIntervalSince1970 })
    }

    /// Pieces of days stored as text (YYYY-MM-DD compares in day order).
    static func piece(day column: String, _ pieces: RatePieces) -> RateSQL {
        piece(column, cuts: pieces.cuts.map(\.description))
    }

    /// `amount` times its currency's rate in millionths on `day`, to rank deals of several
    /// currencies by what they are worth. A currency with no rate ranks at face value: an order,
    /// not a figure (the figures say it was not converted).
    static func rank(amount: String, currency: String, rates: RateTable, on day: Day) -> RateSQL {
        let rated = rates.currencies.compactMap { code in rates.rate(code, on: day).map { (code, $0.micros) } }
        guard !rated.isEmpty else { return RateSQL(sql: amount, arguments: []) }
        let whens = rated.map { _ in "WHEN ? THEN ?" }.joined(separator: " ")
        return RateSQL(sql: "(\(amount) * CASE \(currency) \(whens) ELSE \(ExchangeRate.scale) END)",
                       arguments: StatementArguments(rated.flatMap { code, micros -> [any DatabaseValueConvertible] in [code, micros] }))
    }
}
