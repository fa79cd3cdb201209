import CloserCore
import Foundation
import GRDB

/// The weekly review: what is open now from the deal table, what happened from the event log.
/// Every figure is one SQL pass over an index (the funnel, the current lists, the per-rep rows)
/// or a replay of the window's stage events; no screen ever reads every deal.
extension SQLiteStore {
    /// A manager reviews the team or any rep; a rep reviews their own deals (on accounts they may
    /// see), and asking for another rep's is refused.
    public func weeklyReview(_ query: ReviewQuery) throws -> WeeklyReview {
        try readAsActor { db, who in
            var q = query
            if who.isRestricted {
                if let rep = q.rep, rep != who.name {
                    throw StoreError.refused("a rep reviews their own deals; \(rep)'s review is for \(rep) and the managers (nothing was read)")
                }
                q.rep = who.name
            }
            let catalog = try Self.catalog(db)
            guard let process = catalog.process(q.processKey) else { throw StoreError.rule(.unknownProcess(q.processKey)) }
            var review = WeeklyReview(query: q)
            let period = (q.start(of: q.since).timeIntervalSince1970, q.start(of: q.until).timeIntervalSince1970)
            let windowStart = q.start(of: q.windowStart).timeIntervalSince1970
            var owner = SQLFilter()
            if let rep = q.rep { owner.add("d.owner = ?", [rep]) }
            owner.restrict(accountColumn: "d.account_id", to: who)
            review.funnel = try Self.funnel(db, process: process, owner: owner)
            review.conversions = try Self.conversions(db, process: process, from: windowStart, until: period.1, rep: q.rep)
            review.daysInStage = try Self.durations(db, process: process, from: windowStart, until: period.1, rep: q.rep)
            review.forecast = try Self.forecast(db, q, owner: owner)
            let flow = try Self.periodFlow(db, rep: q.rep, from: period.0, until: period.1)
            try Self.periodLists(db, q, flow: flow, from: period.0, until: period.1, into: &review)
            let open = try Self.currentLists(db, q, owner: owner, into: &review)
            review.quadrantChanges = try Self.quadrantChanges(db, since: period.0, as: who)
            review.reps = ReviewRollup.repFigures(flow: flow, open: open)
            return review
        }
    }

    /// The team's call is a manager's; a rep records their own call only.
    public func saveForecastCall(_ call: ForecastCall) throws {
        let user = actor
        try write { db in
            let who = try knownActor(db)
            if !who.isTeamAdmin, call.rep != who.name {
                throw StoreError.refused("only a manager records \(call.rep.isEmpty ? "the team's call" : "\(call.rep)'s call"); "
                    + "you are \(who.described) and may record your own (nothing was saved)")
            }
            let old = try Row.fetchOne(db, sql: "SELECT amount, currency FROM forecast_call WHERE period = ? AND rep = ?", arguments: [call.period, call.rep])
            try db.execute(sql: """
                INSERT INTO forecast_call (period, rep, amount, currency, by, at) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (period, rep) DO UPDATE SET amount = excluded.amount, currency = excluded.currency, by = excluded.by, at = excluded.at
                """, arguments: [call.period, call.rep, call.amount.minorUnits, call.amount.currency, user, clock().timeIntervalSince1970])
            let before = old.map { "\($0["currency"] as String) \($0["amount"] as Int64)" }
            try log(db, event("forecast", 0, "call", ["amount": FieldChange(old: before, new: "\(call.amount.currency) \(call.amount.minorUnits)")],
                              note: call.period + (call.rep.isEmpty ? "" : " " + call.rep), account: nil))
        }
    }

    // MARK: Parts

    static func funnel(_ db: Database, process: ProcessTemplate, owner: SQLFilter) throws -> [FunnelStage] {
        var filter = owner
        filter.add("d.process_key = ?", [process.key])
        filter.add("d.outcome = 'open'")
        let rows = try Row.fetchAll(db, sql: """
            SELECT d.stage_key, d.currency, COUNT(*) AS n, SUM(d.amount) AS amount, SUM(d.weighted) AS weighted
            FROM deal d \(filter.whereClause) GROUP BY d.stage_key, d.currency
            """, arguments: filter.arguments)
        var stages = Dictionary(uniqueKeysWithValues: process.stages.map { ($0.key, FunnelStage(stage: $0.key)) })
        for row in rows {
            let key: String = row["stage_key"], currency: String = row["currency"]
            guard stages[key] != nil else { continue }
            stages[key]?.count += row["n"] as Int
            stages[key]?.amount[currency, default: 0] += row["amount"] as Int64
            stages[key]?.weighted[currency, default: 0] += row["weighted"] as Int64
        }
        return process.stages.compactMap { stages[$0.key] }
    }

    static func forecast(_ db: Database, _ q: ReviewQuery, owner: SQLFilter) throws -> [ForecastFigures] {
        let periods: [((start: Day, end: Day), String)] = [(q.month, ForecastCall.monthKey(q.today)), (q.quarter, ForecastCall.quarterKey(q.today))]
        return try periods.map { range, key in
            var open = owner
            open.add("d.outcome = 'open'")
            open.add("d.expected_close >= ?", [range.start.description])
            open.add("d.expected_close < ?", [range.end.description])
            var figures = ForecastFigures(period: key, start: range.start, end: range.end)
            for row in try Row.fetchAll(db, sql: """
                SELECT d.forecast_category AS category, d.currency, SUM(d.amount) AS amount, SUM(d.weighted) AS weighted
                FROM deal d \(open.whereClause) GROUP BY d.forecast_category, d.currency
                """, arguments: open.arguments) {
                let currency: String = row["currency"], amount: Int64 = row["amount"]
                figures.weighted[currency, default: 0] += row["weighted"] as Int64
                switch ForecastCategory(rawValue: row["category"]) ?? .pipeline {
                case .pipeline: figures.pipeline[currency, default: 0] += amount
                case .bestCase: figures.bestCase[currency, default: 0] += amount
                case .commit: figures.commit[currency, default: 0] += amount
                }
            }
            var won = owner
            won.add("d.outcome = 'won'")
            won.add("d.closed_on >= ?", [range.start.description])
            won.add("d.closed_on < ?", [range.end.description])
            for row in try Row.fetchAll(db, sql: "SELECT d.currency, SUM(d.amount) AS amount FROM deal d \(won.whereClause) GROUP BY d.currency",
                                        arguments: won.arguments) {
                figures.won[row["currency"] as String] = row["amount"] as Int64
            }
            if let row = try Row.fetchOne(db, sql: "SELECT * FROM forecast_call WHERE period = ? AND rep = ?", arguments: [key, q.rep ?? ""]) {
                figures.managerCall = ForecastCall(period: key, rep: row["rep"], amount: Money(minorUnits: row["amount"], currency: row["currency"]),
                                                   by: row["by"], at: ColumnCoding.date(row["at"]))
            }
            return figures
        }
    }

    /// What needs attention now, and the per-rep figures of the open deals: one pass over the
    /// open deals' index, grouped by rep and currency; then each list's largest deals.
    static func currentLists(_ db: Database, _ q: ReviewQuery, owner: SQLFilter, into review: inout WeeklyReview) throws -> [String: RepFigures] {
        let cutoff = q.today.adding(days: -q.stalledDays)
        let conditions: [(Attention, String, [any DatabaseValueConvertible])] = [
            (.stalled, "(d.last_activity < ? OR (d.last_activity IS NULL AND d.created_at < ?))",
             [cutoff.description, q.start(of: cutoff).timeIntervalSince1970]),
            (.missing, "(d.next_step_due IS NULL OR d.next_step = '')", []),
            (.overdue, "d.next_step_due < ?", [q.today.description]),
            (.dueToday, "d.next_step_due = ?", [q.today.description]),
        ]
        var open = owner
        open.add("d.outcome = 'open'")
        var columns: [String] = [], arguments: [(any DatabaseValueConvertible)?] = []
        for (index, (_, condition, values)) in conditions.enumerated() {
            columns.append("SUM(\(condition)) AS n\(index), SUM(CASE WHEN \(condition) THEN d.amount END) AS amount\(index)")
            arguments += values + values
        }
        var lists: [Attention: ReviewList] = [:]
        var reps: [String: RepFigures] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT d.owner, d.currency, COUNT(*) AS n, SUM(d.amount) AS amount, SUM(d.weighted) AS weighted, \(columns.joined(separator: ", "))
            FROM deal d \(open.whereClause) GROUP BY d.owner, d.currency
            """, arguments: StatementArguments(arguments) + open.arguments) {
            let name: String = row["owner"], currency: String = row["currency"]
            var figures = reps[name] ?? RepFigures(rep: name)
            figures.openDeals += row["n"] as Int
            figures.pipeline[currency, default: 0] += row["amount"] as Int64
            figures.weighted[currency, default: 0] += row["weighted"] as Int64
            for (index, (kind, _, _)) in conditions.enumerated() {
                let count = row["n\(index)"] as Int? ?? 0
                guard count > 0 else { continue }
                lists[kind, default: ReviewList()].count += count
                lists[kind, default: ReviewList()].amount[currency, default: 0] += row["amount\(index)"] as Int64? ?? 0
                switch kind {
                case .stalled: figures.stalled += count
                case .overdue: figures.overdue += count
                case .dueToday: figures.dueToday += count
                case .missing: break
                }
            }
            reps[name] = figures
        }
        for (kind, condition, values) in conditions where lists[kind] != nil {
            var filter = open
            filter.add(condition, values)
            lists[kind]?.items = try Row.fetchAll(db, sql: """
                SELECT d.id, d.title, d.account_id, a.name AS account_name, d.owner, d.amount, d.currency, d.stage_key, d.last_activity, d.next_step_due
                FROM deal d INDEXED BY deal_amount_cover JOIN account a ON a.id = d.account_id \(filter.whereClause)
                ORDER BY d.amount DESC, d.id LIMIT ?
                """, arguments: filter.arguments(appending: [q.listLimit])).map { row in
                var item = reviewItem(row, q, dealColumn: "id")
                item.lastActivity = ColumnCoding.day(row["last_activity"])
                item.nextStepDue = ColumnCoding.day(row["next_step_due"])
                return item
            }
        }
        review.stalled = lists[.stalled] ?? ReviewList()
        review.missingNextStep = lists[.missing] ?? ReviewList()
        review.overdueNextStep = lists[.overdue] ?? ReviewList()
        review.dueToday = lists[.dueToday] ?? ReviewList()
        return reps
    }

    /// The lists of what needs attention now.
    enum Attention { case stalled, missing, overdue, dueToday }

    static func quadrantChanges(_ db: Database, since: Double, as who: Actor) throws -> [QuadrantChangeItem] {
        var first: [Int64: Quadrant] = [:], last: [Int64: Quadrant] = [:]
        var filter = SQLFilter()
        filter.add("entity = 'account' AND action = 'scores' AND at >= ?", [since])
        filter.restrict(accountColumn: "entity_id", to: who)
        for row in try Row.fetchAll(db, sql: """
            SELECT entity_id, json_extract(changes, '$.quadrant.old') AS old, json_extract(changes, '$.quadrant.new') AS new
            FROM event \(filter.whereClause) ORDER BY at, id
            """, arguments: filter.arguments) {
            let id: Int64 = row["entity_id"]
            guard let newText: String = row["new"], let new = Quadrant(rawValue: newText) else { continue }
            if first[id] == nil { first[id] = (row["old"] as String?).flatMap(Quadrant.init(rawValue:)) ?? new }
            last[id] = new
        }
        let moved = last.filter { first[$0.key] != $0.value }
        guard !moved.isEmpty else { return [] }
        let ids = Array(moved.keys)
        let names = try Dictionary(Row.fetchAll(db, sql: "SELECT id, name FROM account WHERE id IN (\(ids.map { _ in "?" }.joined(separator: ",")))",
                                                arguments: StatementArguments(ids)).map { ($0["id"] as Int64, $0["name"] as String) },
                                   uniquingKeysWith: { first, _ in first })
        return moved.compactMap { id, to in
            guard let from = first[id], let name = names[id] else { return nil }
            return QuadrantChangeItem(accountID: id, accountName: name, from: from, to: to)
        }.sorted { ($0.accountName, $0.accountID) < ($1.accountName, $1.accountID) }
    }
}
