import CloserCore
import Foundation

/// The review's forecast and what needs attention now, on the server (SQLiteStore+Forecast,
/// +ReviewAttention): the same passes over the open and won deals, the same conversions.
extension PostgresStore {
    /// This month's and quarter's forecast for the team (or the rep reviewed), and each rep's
    /// standing against their own targets: open deals at today's rates by category, won deals at
    /// their close day's rate, the manager's call and the target.
    static func forecast(_ connection: Connection, _ q: ReviewQuery, owner: SQLConditions, rates: RateTable)
        throws -> (team: [ForecastFigures], reps: [String: [Attainment]]) {
        let periods = [Period.month(containing: q.today), Period.quarter(containing: q.today)]
        let (month, quarter) = (periods[0], periods[1])
        let book = try targetBook(connection, periods: periods, rates: rates)
        let empty = BaseTotalBuilder(rates: rates)
        struct Sums {
            var figures: ForecastFigures
            var weighted, pipeline, bestCase, commit, won: BaseTotalBuilder
            var repCommit: [String: BaseTotalBuilder] = [:], repBest: [String: BaseTotalBuilder] = [:], repWon: [String: BaseTotalBuilder] = [:]
        }
        var sums = periods.map { period in
            Sums(figures: ForecastFigures(period: period.description, start: period.start, end: period.end, base: rates.base),
                 weighted: empty, pipeline: empty, bestCase: empty, commit: empty, won: empty)
        }
        /// The periods a row's day lies in: the quarter, and the month when it is in it.
        func periodsOf(_ inMonth: Bool) -> [Int] { inMonth ? [0, 1] : [1] }
        var open = owner
        open.add("d.outcome = 'open'")
        open.add("d.expected_close >= ?", [.text(quarter.start.description)])
        open.add("d.expected_close < ?", [.text(quarter.end.description)])
        for row in try connection.query("""
            SELECT d.forecast_category AS category, d.currency, d.owner, (d.expected_close >= ? AND d.expected_close < ?) AS in_month,
                   count(*) AS n, sum(d.amount)::bigint AS amount, sum(d.weighted)::bigint AS weighted
            FROM deal d \(open.whereClause) GROUP BY 1, 2, 3, 4
            """, [.text(month.start.description), .text(month.end.description)] + open.values) {
            let currency = try row.string("currency"), amount = try row.int64("amount"), n = try row.int("n"), rep = try row.string("owner")
            let weight = try row.int64("weighted")
            for index in periodsOf(try row.bool("in_month")) {
                sums[index].figures.weighted[currency, default: 0] += weight
                sums[index].weighted.add(weight, currency: currency, on: q.today, deals: n)
                switch ForecastCategory(rawValue: try row.string("category")) ?? .pipeline {
                case .pipeline:
                    sums[index].figures.pipeline[currency, default: 0] += amount
                    sums[index].pipeline.add(amount, currency: currency, on: q.today, deals: n)
                case .bestCase:
                    sums[index].figures.bestCase[currency, default: 0] += amount
                    sums[index].bestCase.add(amount, currency: currency, on: q.today, deals: n)
                    sums[index].repBest[rep, default: empty].add(amount, currency: currency, on: q.today, deals: n)
                case .commit:
                    sums[index].figures.commit[currency, default: 0] += amount
                    sums[index].commit.add(amount, currency: currency, on: q.today, deals: n)
                    sums[index].repCommit[rep, default: empty].add(amount, currency: currency, on: q.today, deals: n)
                }
            }
        }
        var closed = owner
        closed.add("d.outcome = 'won'")
        closed.add("d.closed_on >= ?", [.text(quarter.start.description)])
        closed.add("d.closed_on < ?", [.text(quarter.end.description)])
        // Month and quarter start on the first of a month: the quarter's pieces cut at the month's edges too.
        let pieces = RatePieces(starts: ([quarter.start] + rates.changeDays(after: quarter.start, before: quarter.end) + [month.start, month.end])
            .filter { $0 >= quarter.start && $0 < quarter.end })
        let piece = RateSQL.piece(day: "d.closed_on", pieces)
        for row in try connection.query("""
            SELECT d.currency, d.owner, \(piece.sql) AS piece, count(*) AS n, sum(d.amount)::bigint AS amount
            FROM deal d \(closed.whereClause) GROUP BY 1, 2, 3
            """, piece.values + closed.values) {
            let currency = try row.string("currency"), amount = try row.int64("amount"), n = try row.int("n")
            let day = pieces.day(ofPiece: try row.int("piece"))
            for index in periodsOf(month.contains(day)) {
                sums[index].figures.won[currency, default: 0] += amount
                sums[index].won.add(amount, currency: currency, on: day, deals: n)
                sums[index].repWon[try row.string("owner"), default: empty].add(amount, currency: currency, on: day, deals: n)
            }
        }
        var team: [ForecastFigures] = [], reps: [String: [Attainment]] = [:]
        for (index, period) in periods.enumerated() {
            var figures = sums[index].figures
            figures.baseWeighted = sums[index].weighted.total
            figures.basePipeline = sums[index].pipeline.total
            figures.baseBestCase = sums[index].bestCase.total
            figures.baseCommit = sums[index].commit.total
            figures.baseWon = sums[index].won.total
            figures.target = book.target(rep: q.rep, period: period)
            if let row = try connection.queryOne("SELECT * FROM forecast_call WHERE period = ? AND rep = ?", [.text(period.description), .text(q.rep ?? "")]) {
                figures.managerCall = ForecastCall(period: period.description, rep: try row.string("rep"),
                                                   amount: Money(minorUnits: try row.int64("amount"), currency: try row.string("currency")),
                                                   by: try row.string("by"), at: try row.date("at"))
            }
            team.append(figures)
            let s = sums[index]
            for rep in Set(s.repWon.keys).union(s.repCommit.keys).union(s.repBest.keys).union(book.reps(in: period)) where q.rep == nil || q.rep == rep {
                reps[rep, default: []].append(Attainment(period: period, rep: rep, target: book.target(rep: rep, period: period),
                                                         won: (s.repWon[rep] ?? empty).total, commit: (s.repCommit[rep] ?? empty).total,
                                                         bestCase: (s.repBest[rep] ?? empty).total))
            }
        }
        return (team, reps)
    }

    /// What needs attention now, and the per-rep figures of the open deals: one pass over the
    /// open deals grouped by rep and currency; then each list's largest deals in the base currency.
    static func currentLists(_ connection: Connection, _ q: ReviewQuery, owner: SQLConditions, rates: RateTable,
                             into review: inout WeeklyReview) throws -> [String: RepFigures] {
        let cutoff = q.today.adding(days: -q.stalledDays)
        let conditions: [(ReviewListKind?, String, [SQLValue])] = [
            (.stalled, "(d.last_activity < ? OR (d.last_activity IS NULL AND d.created_at < ?))",
             [.text(cutoff.description), .double(q.start(of: cutoff).timeIntervalSince1970)]),
            (.missingNextStep, "(d.next_step_due IS NULL OR d.next_step = '')", []),
            (.overdueNextStep, "d.next_step_due < ?", [.text(q.today.description)]),
            (.pastClose, "d.expected_close < ?", [.text(q.today.description)]),
            // Due today: counted per rep and listed, not one of the review's attention kinds.
            (nil, "d.next_step_due = ?", [.text(q.today.description)]),
        ]
        var open = owner
        open.add("d.outcome = 'open'")
        var columns: [String] = [], values: [SQLValue] = []
        for (index, (_, condition, conditionValues)) in conditions.enumerated() {
            columns.append("count(*) FILTER (WHERE \(condition)) AS n\(index), sum(d.amount) FILTER (WHERE \(condition))::bigint AS amount\(index)")
            values += conditionValues + conditionValues
        }
        var lists: [Int: ReviewList] = [:], builders: [Int: BaseTotalBuilder] = [:], currencies: [Int: Set<String>] = [:]
        var reps: [String: RepFigures] = [:]
        var pipeline: [String: BaseTotalBuilder] = [:], weighted: [String: BaseTotalBuilder] = [:]
        for row in try connection.query("""
            SELECT d.owner, d.currency, count(*) AS n, sum(d.amount)::bigint AS amount, sum(d.weighted)::bigint AS weighted,
                   \(columns.joined(separator: ", "))
            FROM deal d \(open.whereClause) GROUP BY d.owner, d.currency
            """, values + open.values) {
            let name = try row.string("owner"), currency = try row.string("currency"), n = try row.int("n")
            let amount = try row.int64("amount"), weight = try row.int64("weighted")
            var figures = reps[name] ?? RepFigures(rep: name, base: rates.base)
            figures.openDeals += n
            figures.pipeline[currency, default: 0] += amount
            figures.weighted[currency, default: 0] += weight
            pipeline[name, default: BaseTotalBuilder(rates: rates)].add(amount, currency: currency, on: q.today, deals: n)
            weighted[name, default: BaseTotalBuilder(rates: rates)].add(weight, currency: currency, on: q.today, deals: n)
            for (index, (kind, _, _)) in conditions.enumerated() {
                let count = try row.optionalInt("n\(index)") ?? 0
                guard count > 0 else { continue }
                let listed = try row.optionalInt64("amount\(index)") ?? 0
                lists[index, default: ReviewList(base: BaseTotal(currency: rates.base))].count += count
                lists[index]?.amount[currency, default: 0] += listed
                builders[index, default: BaseTotalBuilder(rates: rates)].add(listed, currency: currency, on: q.today, deals: count)
                currencies[index, default: []].insert(currency)
                switch kind {
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
        for (index, (_, condition, conditionValues)) in conditions.enumerated() where lists[index] != nil {
            lists[index]?.base = builders[index]?.total ?? BaseTotal(currency: rates.base)
            lists[index]?.items = try largestOpen(connection, q, filter: open, condition: condition, values: conditionValues,
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
            let created = Day(try row.date("created_at"), timeZone: q.timeZone)
            let idleSince = item.lastActivity ?? created
            item.daysIdle = max(0, idleSince.days(until: q.today))
            item.converted = rates.convert(item.amount, on: q.today)
            byID[item.dealID] = item
        }
        return chosen.compactMap { byID[$0] }
    }
}
