import CloserCore
import Foundation
import GRDB

/// The review's lists of what needs attention now, from the open deals.
extension SQLiteStore {
    /// What needs attention now, and the per-rep figures of the open deals: one pass over the
    /// open deals' index, grouped by rep and currency; then each list's largest deals in the base
    /// currency, from each currency's largest (one range of an index per currency).
    static func currentLists(_ db: Database, _ q: ReviewQuery, owner: SQLFilter, rates: RateTable, into review: inout WeeklyReview) throws -> [String: RepFigures] {
        let cutoff = q.today.adding(days: -q.stalledDays)
        let conditions: [(ReviewListKind, String, [any DatabaseValueConvertible])] = [
            (.stalled, "(d.last_activity < ? OR (d.last_activity IS NULL AND d.created_at < ?))",
             [cutoff.description, q.start(of: cutoff).timeIntervalSince1970]),
            (.missingNextStep, "(d.next_step_due IS NULL OR d.next_step = '')", []),
            (.overdueNextStep, "d.next_step_due < ?", [q.today.description]),
            (.pastClose, "d.expected_close < ?", [q.today.description]),
        ]
        let dueToday = (kind: "dueToday", condition: "d.next_step_due = ?", values: [q.today.description] as [any DatabaseValueConvertible])
        let counted = conditions.map { ($0.1, $0.2) } + [(dueToday.condition, dueToday.values)]
        var open = owner
        open.add("d.outcome = 'open'")
        var columns: [String] = [], arguments: [(any DatabaseValueConvertible)?] = []
        for (index, (condition, values)) in counted.enumerated() {
            columns.append("SUM(\(condition)) AS n\(index), SUM(CASE WHEN \(condition) THEN d.amount END) AS amount\(index)")
            arguments += values + values
        }
        var lists: [Int: ReviewList] = [:], builders: [Int: BaseTotalBuilder] = [:], currencies: [Int: Set<String>] = [:]
        var reps: [String: RepFigures] = [:]
        var pipeline: [String: BaseTotalBuilder] = [:], weighted: [String: BaseTotalBuilder] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT d.owner, d.currency, COUNT(*) AS n, SUM(d.amount) AS amount, SUM(d.weighted) AS weighted, \(columns.joined(separator: ", "))
            FROM deal d \(open.whereClause) GROUP BY d.owner, d.currency
            """, arguments: StatementArguments(arguments) + open.arguments) {
            let name: String = row["owner"], currency: String = row["currency"], n: Int = row["n"]
            var figures = reps[name] ?? RepFigures(rep: name, base: rates.base)
            figures.openDeals += n
            figures.pipeline[currency, default: 0] += row["amount"] as Int64
            figures.weighted[currency, default: 0] += row["weighted"] as Int64
            pipeline[name, default: BaseTotalBuilder(rates: rates)].add(row["amount"], currency: currency, on: q.today, deals: n)
            weighted[name, default: BaseTotalBuilder(rates: rates)].add(row["weighted"], currency: currency, on: q.today, deals: n)
            for index in counted.indices {
                let count = row["n\(index)"] as Int? ?? 0
                guard count > 0 else { continue }
                let amount = row["amount\(index)"] as Int64? ?? 0
                lists[index, default: ReviewList(base: BaseTotal(currency: rates.base))].count += count
                lists[index]?.amount[currency, default: 0] += amount
                builders[index, default: BaseTotalBuilder(rates: rates)].add(amount, currency: currency, on: q.today, deals: count)
                currencies[index, default: []].insert(currency)
                switch index < conditions.count ? conditions[index].0 : nil {
                case .stalled: figures.stalled += count
                case .overdueNextStep: figures.overdue += count
                case nil: figures.dueToday += count
                default: break
                }
            }
            reps[name] = figures
        }
        for (name, builder) in pipeline { reps[name]?.basePipeline = builder.total }
        for (name, builder) in weighted { reps[name]?.baseWeighted = builder.total }
        for (index, (condition, values)) in counted.enumerated() where lists[index] != nil {
            lists[index]?.base = builders[index]?.total ?? BaseTotal(currency: rates.base)
            lists[index]?.items = try largestOpen(db, q, filter: open, condition: condition, values: values,
                                                  currencies: currencies[index] ?? [], rates: rates)
        }
        func list(_ index: Int) -> ReviewList { lists[index] ?? ReviewList(base: BaseTotal(currency: rates.base)) }
        review.stalled = list(0)
        review.missingNextStep = list(1)
        review.overdueNextStep = list(2)
        review.pastClose = list(3)
        review.dueToday = list(4)
        return reps
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
            let idleSince = item.lastActivity ?? Day(ColumnCoding.date(row["created_at"]), timeZone: q.timeZone)
            item.daysIdle = max(0, idleSince.days(until: q.today))
            item.converted = rates.convert(item.amount, on: q.today)
            byID[item.dealID] = item
        }
        return chosen.compactMap { byID[$0] }
    }
}
