import CloserCore
import CloserStoreKit
import Foundation
import GRDB

/// The review's forecast: this month's and quarter's figures beside the targets.
extension SQLiteStore {
    /// This month's and quarter's forecast for the team (or the rep reviewed), and each rep's
    /// standing against their own targets: open deals at today's rates by category, won deals at
    /// their close day's rate, the manager's call and the target. The month lies in the quarter:
    /// one pass over the quarter's deals tells which are the month's.
    static func forecast(_ db: Database, _ q: ReviewQuery, owner: SQLFilter, rates: RateTable)
        throws -> (team: [ForecastFigures], reps: [String: [Attainment]]) {
        var tally = ForecastTally(today: q.today, rates: rates)
        let (month, quarter) = (tally.month, tally.quarter)
        var open = owner
        open.add("d.outcome = 'open'")
        open.add("d.expected_close >= ?", [quarter.start.description])
        open.add("d.expected_close < ?", [quarter.end.description])
        try Row.forEach(db, sql: """
            SELECT d.forecast_category AS category, d.currency, d.owner, d.expected_close >= ? AND d.expected_close < ? AS in_month,
                   COUNT(*) AS n, SUM(d.amount) AS amount, SUM(d.weighted) AS weighted
            FROM deal d \(open.whereClause) GROUP BY 1, 2, 3, 4
            """, arguments: [month.start.description, month.end.description] + open.arguments) { row in
            tally.addOpen(category: row["category"], currency: row["currency"], rep: row["owner"], inMonth: row["in_month"],
                          deals: row["n"], amount: row["amount"], weighted: row["weighted"])
        }
        var closed = owner
        closed.add("d.outcome = 'won'")
        closed.add("d.closed_on >= ?", [quarter.start.description])
        closed.add("d.closed_on < ?", [quarter.end.description])
        let piece = RateSQL.piece(day: "d.closed_on", tally.wonPieces)
        try Row.forEach(db, sql: """
            SELECT d.currency, d.owner, \(piece.sql) AS piece, COUNT(*) AS n, SUM(d.amount) AS amount
            FROM deal d \(closed.whereClause) GROUP BY 1, 2, 3
            """, arguments: piece.arguments + closed.arguments) { row in
            tally.addWon(currency: row["currency"], rep: row["owner"], piece: row["piece"], deals: row["n"], amount: row["amount"])
        }
        let book = try targetBook(db, periods: tally.periods, rates: rates)
        return try tally.result(book: book, rep: q.rep) { period in
            try Row.fetchOne(db, sql: "SELECT * FROM forecast_call WHERE period = ? AND rep = ?", arguments: [period.description, q.rep ?? ""])
                .map { row in
                    ForecastCall(period: period.description, rep: row["rep"], amount: Money(minorUnits: row["amount"], currency: row["currency"]),
                                 by: row["by"], at: ColumnCoding.date(row["at"]))
                }
        }
    }
}
