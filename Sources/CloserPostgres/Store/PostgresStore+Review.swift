import CloserCore
import Foundation

/// The weekly review: what is open now from the deal table, what happened from the stage
/// history and its daily sums — the file store's queries (see SQLiteStore+Review and
/// +StageHistory) in PostgreSQL's dialect, with the arithmetic around them shared (ReviewRollup).
extension PostgresStore {
    /// A manager reviews the team or any rep; a rep reviews their own deals (on accounts they may
    /// see), and asking for another rep's is refused.
    public func weeklyReview(_ query: ReviewQuery) throws -> WeeklyReview {
        try readAsActor { connection, who in
            var q = query
            if who.isRestricted {
                if let rep = q.rep, rep != who.name {
                    throw StoreError.refused("a rep reviews their own deals; \(rep)'s review is for \(rep) and the managers (nothing was read)")
                }
                q.rep = who.name
            }
            let catalog = try StagePositions.catalog(connection)
            guard let process = catalog.process(q.processKey) else { throw StoreError.rule(.unknownProcess(q.processKey)) }
            var review = WeeklyReview(query: q)
            let period = (q.start(of: q.since).timeIntervalSince1970, q.start(of: q.until).timeIntervalSince1970)
            let windowStart = q.start(of: q.windowStart).timeIntervalSince1970
            var owner = SQLConditions()
            if let rep = q.rep { owner.add("d.owner = ?", [.text(rep)]) }
            owner.restrict(accountColumn: "d.account_id", to: who)
            let history = StageHistoryQueries(connection: connection, rep: q.rep)
            review.funnel = try Self.funnel(connection, process: process, owner: owner)
            review.conversions = try history.conversions(process: process, from: windowStart, until: period.1)
            review.daysInStage = try history.durations(process: process, from: windowStart, until: period.1)
            review.forecast = try Self.forecast(connection, q, owner: owner)
            let flow = try history.periodFlow(from: period.0, until: period.1)
            try history.periodLists(q, flow: flow, from: period.0, until: period.1, into: &review)
            let open = try Self.currentLists(connection, q, owner: owner, into: &review)
            review.quadrantChanges = try Self.quadrantChanges(connection, since: period.0, as: who)
            review.reps = ReviewRollup.repFigures(flow: flow, open: open)
            return review
        }
    }

    /// The team's call is a manager's; a rep records their own call only.
    public func saveForecastCall(_ call: ForecastCall) throws {
        let user = actor
        try write { connection in
            let who = try knownActor(connection)
            if !who.isTeamAdmin, call.rep != who.name {
                throw StoreError.refused("only a manager records \(call.rep.isEmpty ? "the team's call" : "\(call.rep)'s call"); "
                    + "you are \(who.described) and may record your own (nothing was saved)")
            }
            let old = try connection.queryOne("SELECT amount, currency FROM forecast_call WHERE period = ? AND rep = ? FOR UPDATE",
                                              [.text(call.period), .text(call.rep)])
            try connection.execute("""
                INSERT INTO forecast_call (period, rep, amount, currency, by, at) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (period, rep) DO UPDATE SET amount = excluded.amount, currency = excluded.currency, by = excluded.by, at = excluded.at
                """, [.text(call.period), .text(call.rep), .int(call.amount.minorUnits), .text(call.amount.currency), .text(user), .time(clock())])
            let before = try old.map { "\(try $0.string("currency")) \(try $0.int64("amount"))" }
            try log(connection, event("forecast", 0, "call", ["amount": FieldChange(old: before, new: "\(call.amount.currency) \(call.amount.minorUnits)")],
                                      note: call.period + (call.rep.isEmpty ? "" : " " + call.rep), account: nil))
        }
    }

    // MARK: Open deals now

    static func funnel(_ connection: Connection, process: ProcessTemplate, owner: SQLConditions) throws -> [FunnelStage] {
        var filter = owner
        filter.add("d.process_key = ?", [.text(process.key)])
        filter.add("d.outcome = 'open'")
        var stages = Dictionary(uniqueKeysWithValues: process.stages.map { ($0.key, FunnelStage(stage: $0.key)) })
        for row in try connection.query("""
            SELECT d.stage_key, d.currency, count(*) AS n, sum(d.amount)::bigint AS amount, sum(d.weighted)::bigint AS weighted
            FROM deal d \(filter.whereClause) GROUP BY d.stage_key, d.currency
            """, filter.values) {
            let key = try row.string("stage_key"), currency = try row.string("currency")
            guard stages[key] != nil else { continue }
            stages[key]?.count += try row.int("n")
            stages[key]?.amount[currency, default: 0] += try row.int64("amount")
            stages[key]?.weighted[currency, default: 0] += try row.int64("weighted")
        }
        return process.stages.compactMap { stages[$0.key] }
    }

    static func forecast(_ connection: Connection, _ q: ReviewQuery, owner: SQLConditions) throws -> [ForecastFigures] {
        let periods: [((start: Day, end: Day), String)] = [(q.month, ForecastCall.monthKey(q.today)), (q.quarter, ForecastCall.quarterKey(q.today))]
        return try periods.map { range, key in
            var open = owner
            open.add("d.outcome = 'open'")
            open.add("d.expected_close >= ?", [.text(range.start.description)])
            open.add("d.expected_close < ?", [.text(range.end.description)])
            var figures = ForecastFigures(period: key, start: range.start, end: range.end)
            for row in try connection.query("""
                SELECT d.forecast_category AS category, d.currency, sum(d.amount)::bigint AS amount, sum(d.weighted)::bigint AS weighted
                FROM deal d \(open.whereClause) GROUP BY d.forecast_category, d.currency
                """, open.values) {
                let currency = try row.string("currency"), amount = try row.int64("amount")
                figures.weighted[currency, default: 0] += try row.int64("weighted")
                switch ForecastCategory(rawValue: try row.string("category")) ?? .pipeline {
                case .pipeline: figures.pipeline[currency, default: 0] += amount
                case .bestCase: figures.bestCase[currency, default: 0] += amount
                case .commit: figures.commit[currency, default: 0] += amount
                }
            }
            var won = owner
            won.add("d.outcome = 'won'")
            won.add("d.closed_on >= ?", [.text(range.start.description)])
            won.add("d.closed_on < ?", [.text(range.end.description)])
            for row in try connection.query("SELECT d.currency, sum(d.amount)::bigint AS amount FROM deal d \(won.whereClause) GROUP BY d.currency",
                                            won.values) {
                figures.won[try row.string("currency")] = try row.int64("amount")
            }
            if let row = try connection.queryOne("SELECT * FROM forecast_call WHERE period = ? AND rep = ?", [.text(key), .text(q.rep ?? "")]) {
                figures.managerCall = ForecastCall(period: key, rep: try row.string("rep"),
                                                   amount: Money(minorUnits: try row.int64("amount"), currency: try row.string("currency")),
                                                   by: try row.string("by"), at: try row.date("at"))
            }
            return figures
        }
    }

    /// The lists of what needs attention now.
    enum Attention { case stalled, missing, overdue, dueToday }

    /// What needs attention now, and the per-rep figures of the open deals: one pass over the
    /// open deals, grouped by rep and currency; then each list's largest deals.
    static func currentLists(_ connection: Connection, _ q: ReviewQuery, owner: SQLConditions, into review: inout WeeklyReview) throws -> [String: RepFigures] {
        let cutoff = q.today.adding(days: -q.stalledDays)
        let conditions: [(Attention, String, [SQLValue])] = [
            (.stalled, "(d.last_activity < ? OR (d.last_activity IS NULL AND d.created_at < ?))",
             [.text(cutoff.description), .double(q.start(of: cutoff).timeIntervalSince1970)]),
            (.missing, "(d.next_step_due IS NULL OR d.next_step = '')", []),
            (.overdue, "d.next_step_due < ?", [.text(q.today.description)]),
            (.dueToday, "d.next_step_due = ?", [.text(q.today.description)]),
        ]
        var open = owner
        open.add("d.outcome = 'open'")
        var columns: [String] = [], values: [SQLValue] = []
        for (index, (_, condition, conditionValues)) in conditions.enumerated() {
            columns.append("count(*) FILTER (WHERE \(condition)) AS n\(index), sum(d.amount) FILTER (WHERE \(condition))::bigint AS amount\(index)")
            values += conditionValues + conditionValues
        }
        var lists: [Attention: ReviewList] = [:]
        var reps: [String: RepFigures] = [:]
        for row in try connection.query("""
            SELECT d.owner, d.currency, count(*) AS n, sum(d.amount)::bigint AS amount, sum(d.weighted)::bigint AS weighted,
                   \(columns.joined(separator: ", "))
            FROM deal d \(open.whereClause) GROUP BY d.owner, d.currency
            """, values + open.values) {
            let name = try row.string("owner"), currency = try row.string("currency")
            var figures = reps[name] ?? RepFigures(rep: name)
            figures.openDeals += try row.int("n")
            figures.pipeline[currency, default: 0] += try row.int64("amount")
            figures.weighted[currency, default: 0] += try row.int64("weighted")
            for (index, (kind, _, _)) in conditions.enumerated() {
                let count = try row.optionalInt("n\(index)") ?? 0
                guard count > 0 else { continue }
                lists[kind, default: ReviewList()].count += count
                lists[kind, default: ReviewList()].amount[currency, default: 0] += try row.optionalInt64("amount\(index)") ?? 0
                switch kind {
                case .stalled: figures.stalled += count
                case .overdue: figures.overdue += count
                case .dueToday: figures.dueToday += count
                case .missing: break
                }
            }
            reps[name] = figures
        }
        for (kind, condition, conditionValues) in conditions where lists[kind] != nil {
            var filter = open
            filter.add(condition, conditionValues)
            lists[kind]?.items = try connection.query("""
                SELECT d.id, d.title, d.account_id, a.name AS account_name, d.owner, d.amount, d.currency, d.stage_key, d.last_activity, d.next_step_due
                FROM deal d JOIN account a ON a.id = d.account_id \(filter.whereClause)
                ORDER BY d.amount DESC, d.id LIMIT ?
                """, filter.values(appending: [.int(q.listLimit)])).map { row in
                var item = try reviewItem(row, dealColumn: "id")
                item.lastActivity = try row.day("last_activity")
                item.nextStepDue = try row.day("next_step_due")
                return item
            }
        }
        review.stalled = lists[.stalled] ?? ReviewList()
        review.missingNextStep = lists[.missing] ?? ReviewList()
        review.overdueNextStep = lists[.overdue] ?? ReviewList()
        review.dueToday = lists[.dueToday] ?? ReviewList()
        return reps
    }

    static func quadrantChanges(_ connection: Connection, since: Double, as who: Actor) throws -> [QuadrantChangeItem] {
        var first: [Int64: Quadrant] = [:], last: [Int64: Quadrant] = [:]
        var filter = SQLConditions()
        filter.add("entity = 'account' AND action = 'scores' AND at >= ?", [.double(since)])
        filter.restrict(accountColumn: "entity_id", to: who)
        for row in try connection.query("""
            SELECT entity_id, changes::jsonb #>> '{quadrant,old}' AS old, changes::jsonb #>> '{quadrant,new}' AS new
            FROM event \(filter.whereClause) ORDER BY at, id
            """, filter.values) {
            let id = try row.int64("entity_id")
            guard let newText = try row.optionalText("new"), let new = Quadrant(rawValue: newText) else { continue }
            if first[id] == nil { first[id] = try row.optionalText("old").flatMap(Quadrant.init(rawValue:)) ?? new }
            last[id] = new
        }
        let moved = last.filter { first[$0.key] != $0.value }
        guard !moved.isEmpty else { return [] }
        let ids = Array(moved.keys)
        var names: [Int64: String] = [:]
        for row in try connection.query("SELECT id, name FROM account WHERE id IN (\(ids.map { _ in "?" }.joined(separator: ",")))",
                                        ids.map(SQLValue.int)) {
            names[try row.int64("id")] = try row.string("name")
        }
        return moved.compactMap { id, to in
            guard let from = first[id], let name = names[id] else { return nil }
            return QuadrantChangeItem(accountID: id, accountName: name, from: from, to: to)
        }.sorted { ($0.accountName, $0.accountID) < ($1.accountName, $1.accountID) }
    }

    /// A deal as a review list shows it, from the columns every list query selects.
    static func reviewItem(_ row: SQLRow, dealColumn: String) throws -> ReviewItem {
        ReviewItem(dealID: try row.int64(dealColumn), title: try row.string("title"), accountID: try row.int64("account_id"),
                   accountName: try row.string("account_name"), owner: try row.string("owner"),
                   amount: Money(minorUnits: try row.int64("amount"), currency: try row.string("currency")), stage: try row.string("stage_key"))
    }
}
