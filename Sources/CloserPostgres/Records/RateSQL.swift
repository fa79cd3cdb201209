import CloserCore
import Foundation

/// The rates in a query, as the file store's RateSQL: which piece of a range (cut where a rate
/// changes) a row falls in, and an ordering value in the base currency for "largest first".
struct RateSQL {
    var sql: String
    var values: [SQLValue]

    /// `CASE WHEN column < ? THEN 0 … ELSE n END`, or `0` without cuts.
    static func piece(_ column: String, cuts: [SQLValue]) -> RateSQL {
        guard !cuts.isEmpty else { return RateSQL(sql: "0", values: []) }
        let whens = cuts.indices.map { "WHEN \(column) < ? THEN \($0)" }.joined(separator: " ")
        return RateSQL(sql: "CASE \(whens) ELSE \(cuts.count) END", values: cuts)
    }

    /// Pieces of moments: cut at the start of each day a rate changes, in the query's time zone.
    static func piece(moment column: String, _ pieces: RatePieces, _ q: ReviewQuery) -> RateSQL {
        piece(column, cuts: pieces.cuts.map { .time(q.start(of: $0)) })
    }

    /// Pieces of days stored as ISO text.
    static func piece(day column: String, _ pieces: RatePieces) -> RateSQL {
        piece(column, cuts: pieces.cuts.map { .text($0.description) })
    }

    /// `amount` times its currency's rate in millionths on `day` (face value without a rate): an order, not a figure.
    /// In double precision, as the file store's product turns to a real past 64 bits: exact to 2^53, in the same
    /// order as the amounts of one currency beyond, and half the time of a numeric product (the review ranks
    /// 20 000 stage events a list).
    static func rank(amount: String, currency: String, rates: RateTable, on day: Day) -> RateSQL {
        let rated = rates.currencies.compactMap { code in rates.rate(code, on: day).map { (code, $0.micros) } }
        guard !rated.isEmpty else { return RateSQL(sql: "\(amount)::float8", values: []) }
        let whens = rated.map { _ in "WHEN ? THEN ?::float8" }.joined(separator: " ")
        return RateSQL(sql: "(\(amount)::float8 * CASE \(currency) \(whens) ELSE \(ExchangeRate.scale) END)",
                       values: rated.flatMap { code, micros -> [SQLValue] in [.text(code), .int(micros)] })
    }
}
