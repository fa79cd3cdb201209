import CloserCore
import CloserStoreKit
import Foundation

/// The review's forecast and what needs attention now, on the server (SQLiteStore+Forecast,
/// +ReviewAttention): the same passes over the open and won deals, the same conversions.
extension PostgresStore {
    /// This month's and quarter's forecast for the team (or the rep reviewed), and each rep's
    /// standing against their own targets: open deals at today's rates by category, won deals at
    /// their close day's rate, the manager's call and the target.
    static func forecast(_ connection: Connection, _ q: ReviewQuery, owner: SQLConditions, rates: RateTable)
        throws -> (team: [ForecastFigures], reps: [String: [Attainment]]) {
        var tally = ForecastTally(today: q.today, rates: rates)
        let (month, quarter) = (tally.month, tally.quarter)
        var open = owner
        open.add("d.outcome = 'open'")
        open.add("d.expected_close >= ?", [.text(quarter.start.description)])
        open.add("d.expected_close < ?", [.text(quarter.end.description)])
        for row in try connection.query("""
            SELECT d.forecast_category AS category, d.currency, d.owner, (d.expected_close >= ? AND d.expected_close < ?) AS in_month,
                   count(*) AS n, sum(d.amount)::bigint AS amount, sum(d.weighted)::bigint AS weighted
            FROM deal d \(open.whereClause) GROUP BY 1, 2, 3, 4
            """, [.text(month.start.description), .text(month.end.description)] + open.values) {
            tally.addOpen(category: try row.string("category"), currency: try row.string("currency"), rep: try row.string("owner"),
                          inMonth: try row.bool("in_month"), deals: try row.int("n"), amount: try row.int64("amount"),
                          weighted: try row.int64("weighted"))
        }
        var closed = owner
        closed.add("d.outcome = 'won'")
        closed.add("d.closed_on >= ?", [.text(quarter.start.description)])
        closed.add("d.closed_on < ?", [.text(quarter.end.description)])
        let piece = RateSQL.piece(day: "d.closed_on", tally.wonPieces)
        for row in try connection.query("""
            SELECT d.currency, d.owner, \(piece.sql) AS piece, count(*) AS n, sum(d.amount)::bigint AS amount
            FROM deal d \(closed.whereClause) GROUP BY 1, 2, 3
            """, piece.values + closed.values) {
            tally.addWon(currency: try row.string("currency"), rep: try row.string("owner"), piece: try row.int("piece"),
                         deals: try row.int("n"), amount: try row.int64("amount"))
        }
        let book = try targetBook(connection, periods: tally.periods, rates: rates)
        return try tally.result(book: book, rep: q.rep) { period in
            try connection.queryOne("SELECT * FROM forecast_call WHERE period = ? AND rep = ?", [.text(period.description), .text(q.rep ?? "")])
                .map { row in
                    ForecastCall(period: period.description, rep: try row.string("rep"),
                                 amount: Money(minorUnits: try row.int64("amount"), currency: try row.string("currency")),
                                 by: try row.string("by"), at: try row.date("at"))
                }
        }
    }

    /// What needs attention now, and the per-rep figures of the open deals: one pass over the
    /// open deals grouped by rep and currency; then each list's largest deals in the base currency.
    static func currentLists(_ connection: Connection, _ q: ReviewQuery, owner: SQLConditions, rates: RateTable,
                             into review: inout WeeklyReview) throws -> [String: RepFigures] {
        let cutoff = q.today.adding(days: -q.stalledDays)
        func condition(_ list: AttentionTally.List) -> (sql: String, values: [SQLValue]) {
            switch list {
            case .stalled: ("(d.last_activity < ? OR (d.last_activity IS NULL AND d.created_at < ?))",
                            [.text(cutoff.description), .double(q.start(of: cutoff).timeIntervalSince1970)])
            case .missingNextStep: ("(d.next_step_due IS NULL OR d.next_step = '')", [])
            case .overdueNextStep: ("d.next_step_due < ?", [.text(q.today.description)])
            case .pastClose: ("d.expected_close < ?", [.text(q.today.description)])
            case .dueToday: ("d.next_step_due = ?", [.text(q.today.description)])
            }
        }
        var open = owner
        open.add("d.outcome = 'open'")
        var columns: [String] = [], values: [SQLValue] = []
        for list in AttentionTally.List.allCases {
            let (sql, conditionValues) = condition(list)
            columns.append("count(*) FILTER (WHERE \(sql)) AS n\(list.rawValue), sum(d.amount) FILTER (WHERE \(sql))::bigint AS amount\(list.rawValue)")
            values += conditionValues + conditionValues
        }
        var tally = AttentionTally(today: q.today, rates: rates)
        for row in try connection.query("""
            SELECT d.owner, d.currency, count(*) AS n, sum(d.amount)::bigint AS amount, sum(d.weighted)::bigint AS weighted,
                   \(columns.joined(separator: ", "))
            FROM deal d \(open.whereClause) GROUP BY d.owner, d.currency
            """, values + open.values) {
            try tally.addGroup(rep: try row.string("owner"), currency: try row.string("currency"), deals: try row.int("n"),
                               amount: try row.int64("amount"), weighted: try row.int64("weighted")) { list in
                (try row.optionalInt("n\(list.rawValue)") ?? 0, try row.optionalInt64("amount\(list.rawValue)") ?? 0)
            }
        }
        for (list, currencies) in tally.listsWithDeals {
            let (sql, conditionValues) = condition(list)
            tally.setItems(try largestOpen(connection, q, filter: open, condition: sql, values: conditionValues,
                                           currencies: currencies, rates: rates), of: list)
        }
        return tally.finish(into: &review)
    }

    /// The `listLimit` open deals meeting `condition` worth most in the base currency today: each
    /// currency's largest by amount, ranked together; then the rows of the deals that made the cut.
    static func largestOpen(_ connection: Connection, _ q: ReviewQuery, filter open: SQLConditions, condition: String, values: [SQLValue],
                            currencies: Set<String>, rates: RateTable) throws -> [ReviewItem] {
        var candidates: [(id: Int64, amount: Money)] = []
        for currency in currencies.sorted() {
            var filter = open
            filter.add(condition, values)
            filter.add("d.currency = ?", [.text(currency)])
            for row in try connection.query("SELECT d.id, d.amount FROM deal d \(filter.whereClause) ORDER BY d.amount DESC, d.id LIMIT ?",
                                            filter.values(appending: [.int(q.listLimit)])) {
                candidates.append((try row.int64("id"), Money(minorUnits: try row.int64("amount"), currency: currency)))
            }
        }
        let chosen = ReviewRanking.rankedByBase(candidates, rates: rates, on: q.today, amount: { $0.amount }, id: { $0.id })
            .prefix(q.listLimit).map(\.id)
        guard !chosen.isEmpty else { return [] }
        var byID: [Int64: ReviewItem] = [:]
        for row in try connection.query("""
            SELECT d.id, d.title, d.account_id, a.name AS account_name, d.owner, d.amount, d.currency, d.stage_key, d.last_activity,
                   d.next_step_due, d.expected_close, d.created_at
            FROM deal d JOIN account a ON a.id = d.account_id WHERE d.id = ANY (?::bigint[])
            """, [.text("{" + chosen.map(String.init).joined(separator: ",") + "}")]) {
            var item = try reviewItem(row, dealColumn: "id")
            item.lastActivity = try row.day("last_activity")
            item.nextStepDue = try row.day("next_step_due")
            item.expectedClose = try row.day("expected_close")
            AttentionTally.complete(&item, createdAt: try row.date("created_at"), q, rates: rates)
            byID[item.dealID] = item
        }
        return chosen.compactMap { byID[$0] }
    }
}
