import CloserCore
import CloserStoreKit
import Foundation
import GRDB

/// The review's lists of what needs attention now, from the open deals.
extension SQLiteStore {
    /// What needs attention now, and the per-rep figures of the open deals: one pass over the
    /// open deals' index, grouped by rep and currency; then each list's largest deals in the base
    /// currency, from each currency's largest (one range of an index per currency).
    static func currentLists(_ db: Database, _ q: ReviewQuery, owner: SQLFilter, rates: RateTable, into review: inout WeeklyReview) throws -> [String: RepFigures] {
        let cutoff = q.today.adding(days: -q.stalledDays)
        func condition(_ list: AttentionTally.List) -> (sql: String, values: [any DatabaseValueConvertible]) {
            switch list {
            case .stalled: ("(d.last_activity < ? OR (d.last_activity IS NULL AND d.created_at < ?))",
                            [cutoff.description, q.start(of: cutoff).timeIntervalSince1970])
            case .missingNextStep: ("(d.next_step_due IS NULL OR d.next_step = '')", [])
            case .overdueNextStep: ("d.next_step_due < ?", [q.today.description])
            case .pastClose: ("d.expected_close < ?", [q.today.description])
            case .dueToday: ("d.next_step_due = ?", [q.today.description])
            }
        }
        var open = owner
        open.add("d.outcome = 'open'")
        var columns: [String] = [], arguments: [(any DatabaseValueConvertible)?] = []
        for list in AttentionTally.List.allCases {
            let (sql, values) = condition(list)
            columns.append("SUM(\(sql)) AS n\(list.rawValue), SUM(CASE WHEN \(sql) THEN d.amount END) AS amount\(list.rawValue)")
            arguments += values + values
        }
        var tally = AttentionTally(today: q.today, rates: rates)
        try Row.forEach(db, sql: """
            SELECT d.owner, d.currency, COUNT(*) AS n, SUM(d.amount) AS amount, SUM(d.weighted) AS weighted, \(columns.joined(separator: ", "))
            FROM deal d \(open.whereClause) GROUP BY d.owner, d.currency
            """, arguments: StatementArguments(arguments) + open.arguments) { row in
            tally.addGroup(rep: row["owner"], currency: row["currency"], deals: row["n"], amount: row["amount"], weighted: row["weighted"]) { list in
                (row["n\(list.rawValue)"] as Int? ?? 0, row["amount\(list.rawValue)"] as Int64? ?? 0)
            }
        }
        for (list, currencies) in tally.listsWithDeals {
            let (sql, values) = condition(list)
            tally.setItems(try largestOpen(db, q, filter: open, condition: sql, values: values, currencies: currencies, rates: rates), of: list)
        }
        return tally.finish(into: &review)
    }

    /// The `listLimit` open deals meeting `condition` worth most in the base currency today: each
    /// currency's largest by amount (its deals rank alike at one rate, one range of an index each),
    /// ranked together by id and amount alone; then the rows of the deals that made the cut.
    static func largestOpen(_ db: Database, _ q: ReviewQuery, filter open: SQLFilter, condition: String, values: [any DatabaseValueConvertible],
                            currencies: Set<String>, rates: RateTable) throws -> [ReviewItem] {
        var candidates: [(id: Int64, amount: Money)] = []
        for currency in currencies.sorted() {
            var filter = open
            filter.add(condition, values)
            filter.add("d.currency = ?", [currency])
            try Row.forEach(db, sql: """
                SELECT d.id, d.amount FROM deal d INDEXED BY deal_open_by_currency \(filter.whereClause) ORDER BY d.amount DESC, d.id LIMIT ?
                """, arguments: filter.arguments(appending: [q.listLimit])) { row in
                candidates.append((row[0], Money(minorUnits: row[1], currency: currency)))
            }
        }
        let chosen = ReviewRanking.rankedByBase(candidates, rates: rates, on: q.today, amount: { $0.amount }, id: { $0.id }).prefix(q.listLimit).map(\.id)
        guard !chosen.isEmpty else { return [] }
        var byID: [Int64: ReviewItem] = [:]
        try Row.forEach(db, sql: """
            SELECT d.id, d.title, d.account_id, a.name AS account_name, d.owner, d.amount, d.currency, d.stage_key, d.last_activity,
                   d.next_step_due, d.expected_close, d.created_at
            FROM deal d JOIN account a ON a.id = d.account_id WHERE d.id IN (\(chosen.map { _ in "?" }.joined(separator: ",")))
            """, arguments: StatementArguments(chosen)) { row in
            var item = reviewItem(row, q, dealColumn: "id")
            item.lastActivity = ColumnCoding.day(row["last_activity"])
            item.nextStepDue = ColumnCoding.day(row["next_step_due"])
            item.expectedClose = ColumnCoding.day(row["expected_close"])
            AttentionTally.complete(&item, createdAt: ColumnCoding.date(row["created_at"]), q, rates: rates)
            byID[item.dealID] = item
        }
        return chosen.compactMap { byID[$0] }
    }
}
