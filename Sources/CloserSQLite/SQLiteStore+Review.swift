import CloserCore
import Foundation
import GRDB

/// The weekly review: what is open now from the deal table, what happened from the event log.
/// Every figure is one SQL pass over an index (the funnel, the current lists, the per-rep rows)
/// or a replay of the window's stage events; no screen ever reads every deal.
extension SQLiteStore {
    public func weeklyReview(_ q: ReviewQuery) throws -> WeeklyReview {
        try read { db in
            let catalog = try Self.catalog(db)
            guard let process = catalog.process(q.processKey) else { throw StoreError.rule(.unknownProcess(q.processKey)) }
            var review = WeeklyReview(query: q)
            let period = (q.start(of: q.since).timeIntervalSince1970, q.start(of: q.until).timeIntervalSince1970)
            let windowStart = q.start(of: q.windowStart).timeIntervalSince1970
            var owner = SQLFilter()
            if let rep = q.rep { owner.add("d.owner = ?", [rep]) }
            review.funnel = try Self.funnel(db, process: process, owner: owner)
            let window = try Self.stageEvents(db, from: windowStart, until: period.1, processKey: process.key, owner: owner)
            let prior = try Self.priorEntries(db, from: windowStart, until: period.1, processKey: process.key, owner: owner)
            let from = Date(timeIntervalSince1970: windowStart), until = Date(timeIntervalSince1970: period.1)
            review.conversions = StageHistory.conversions(process, events: window, from: from, until: until)
            review.daysInStage = StageHistory.durations(process, events: window, priorEntry: prior, from: from, until: until)
            review.forecast = try Self.forecast(db, q, owner: owner)
            try Self.periodLists(db, q, catalog: catalog, from: period.0, until: period.1, owner: owner, into: &review)
            try Self.currentLists(db, q, owner: owner, into: &review)
            review.quadrantChanges = try Self.quadrantChanges(db, since: period.0)
            review.reps = try Self.repFigures(db, q, from: period.0, until: period.1, catalog: catalog)
            return review
        }
    }

    public func saveForecastCall(_ call: ForecastCall, by user: String) throws {
        try write { db in
            let old = try Row.fetchOne(db, sql: "SELECT amount, currency FROM forecast_call WHERE period = ? AND rep = ?", arguments: [call.period, call.rep])
            try db.execute(sql: """
                INSERT INTO forecast_call (period, rep, amount, currency, by, at) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (period, rep) DO UPDATE SET amount = excluded.amount, currency = excluded.currency, by = excluded.by, at = excluded.at
                """, arguments: [call.period, call.rep, call.amount.minorUnits, call.amount.currency, user, clock().timeIntervalSince1970])
            let before = old.map { "\($0["currency"] as String) \($0["amount"] as Int64)" }
            try log(db, event(user, "forecast", 0, "call", ["amount": FieldChange(old: before, new: "\(call.amount.currency) \(call.amount.minorUnits)")],
                              note: call.period + (call.rep.isEmpty ? "" : " " + call.rep)))
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

    static let stageActions = "('created','moved','forced','won','lost','withdrawn','reopened','close-date')"

    /// The stage events of one process's deals in [from, until).
    static func stageEvents(_ db: Database, from: Double, until: Double, processKey: String, owner: SQLFilter) throws -> [StageEvent] {
        var filter = owner
        filter.add("e.entity = 'deal'")
        filter.add("e.at >= ?", [from])
        filter.add("e.at < ?", [until])
        filter.add("e.action IN \(stageActions)")
        filter.add("d.process_key = ?", [processKey])
        return try Row.mapAll(db, sql: """
            SELECT e.entity_id, e.at, e.action, e.note,
                   json_extract(e.changes, '$.stage.old') AS from_stage, json_extract(e.changes, '$.stage.new') AS to_stage
            FROM event e JOIN deal d ON d.id = e.entity_id \(filter.whereClause)
            """, arguments: filter.arguments) { row -> StageEvent? in
            guard let kind = StageEvent.Kind(rawValue: row["action"]) else { return nil }
            return StageEvent(dealID: row["entity_id"], at: ColumnCoding.date(row["at"]), kind: kind,
                              fromStage: row["from_stage"], toStage: row["to_stage"], note: row.text("note"))
        }.compactMap { $0 }
    }

    /// For the deals that leave a stage inside the window: when and into which stage they last
    /// entered before it, so a stage entered months ago still counts its full time.
    static func priorEntries(_ db: Database, from: Double, until: Double, processKey: String, owner: SQLFilter) throws -> [Int64: (at: Date, stage: String)] {
        var filter = owner
        filter.add("d.process_key = ?", [processKey])
        var result: [Int64: (at: Date, stage: String)] = [:]
        try Row.forEach(db, sql: """
            WITH leaving AS (
                SELECT DISTINCT e.entity_id AS id FROM event e JOIN deal d ON d.id = e.entity_id
                \(filter.whereClause.isEmpty ? "WHERE" : filter.whereClause + " AND") e.entity = 'deal' AND e.at >= ? AND e.at < ?
                  AND e.action IN ('moved','forced','won','lost','withdrawn')
            ),
            last AS (
                SELECT e.entity_id AS id, MAX(e.at) AS at FROM event e JOIN leaving l ON l.id = e.entity_id
                WHERE e.entity = 'deal' AND e.at < ? AND e.action IN ('created','moved','forced') GROUP BY e.entity_id
            )
            SELECT e.entity_id, e.at, json_extract(e.changes, '$.stage.new') AS stage
            FROM last JOIN event e ON e.entity = 'deal' AND e.entity_id = last.id AND e.at = last.at
            WHERE e.action IN ('created','moved','forced')
            """, arguments: filter.arguments(appending: [from, until, from])) { row in
            guard let stage: String = row["stage"] else { return }
            result[row["entity_id"]] = (ColumnCoding.date(row["at"]), stage)
        }
        return result
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

    /// What happened in the period, from the log: new, advanced, slipped, closed, forced, close dates moved.
    static func periodLists(_ db: Database, _ q: ReviewQuery, catalog: ProcessCatalog, from: Double, until: Double, owner: SQLFilter,
                            into review: inout WeeklyReview) throws {
        var filter = owner
        filter.add("e.entity = 'deal'")
        filter.add("e.at >= ?", [from])
        filter.add("e.at < ?", [until])
        filter.add("e.action IN \(stageActions)")
        var lists: [ReviewListKind: [ReviewItem]] = [:]
        var closeChanges: [Int64: CloseDateChange] = [:]
        try Row.forEach(db, sql: """
            SELECT e.entity_id, e.at, e.action, e.note,
                   json_extract(e.changes, '$.stage.old') AS from_stage, json_extract(e.changes, '$.stage.new') AS to_stage,
                   json_extract(e.changes, '$.expectedClose.old') AS close_old, json_extract(e.changes, '$.expectedClose.new') AS close_new,
                   d.title, d.account_id, a.name AS account_name, d.owner, d.amount, d.currency, d.stage_key, d.process_key
            FROM event e JOIN deal d ON d.id = e.entity_id JOIN account a ON a.id = d.account_id
            \(filter.whereClause) ORDER BY e.at, e.id
            """, arguments: filter.arguments) { row in
            guard let kind = StageEvent.Kind(rawValue: row["action"]) else { return }
            let fromStage: String? = row["from_stage"], toStage: String? = row["to_stage"]
            let day = Day(ColumnCoding.date(row["at"]), timeZone: q.timeZone)
            var item = ReviewItem(dealID: row["entity_id"], title: row["title"], accountID: row["account_id"], accountName: row["account_name"],
                                  owner: row["owner"], amount: Money(minorUnits: row["amount"], currency: row["currency"]),
                                  stage: row["stage_key"], detail: row.text("note"), day: day)
            switch kind {
            case .created:
                item.detail = ""
                item.toStage = toStage
                lists[.newDeals, default: []].append(item)
            case .moved, .forced:
                item.fromStage = fromStage
                item.toStage = toStage
                let process = catalog.process(row["process_key"])
                let direction = process.map { StageHistory.direction($0, from: fromStage, to: toStage) } ?? 0
                if direction > 0 { lists[.advanced, default: []].append(item) }
                if direction < 0 { lists[.slipped, default: []].append(item) }
                if kind == .forced { lists[.forced, default: []].append(item) }
            case .won: lists[.won, default: []].append(item)
            case .lost: lists[.lost, default: []].append(item)
            case .withdrawn: lists[.withdrawn, default: []].append(item)
            case .reopened: break
            case .closeDate:
                let old = (row["close_old"] as String?).flatMap(Day.init), new = (row["close_new"] as String?).flatMap(Day.init)
                let days = old.flatMap { old in new.map { old.days(until: $0) } } ?? 0
                var change = closeChanges[item.dealID] ?? CloseDateChange(item: item, from: old, to: new, days: 0, pushesEver: 0)
                change.to = new
                change.days += days
                closeChanges[item.dealID] = change
            }
        }
        func list(_ items: [ReviewItem]?) -> ReviewList {
            let items = items ?? []
            var amount: CurrencyTotals = [:]
            for item in items { amount[item.amount.currency, default: 0] += item.amount.minorUnits }
            let top = items.sorted { ($0.amount.minorUnits, $1.dealID) > ($1.amount.minorUnits, $0.dealID) }.prefix(q.listLimit)
            return ReviewList(count: items.count, amount: amount, items: Array(top))
        }
        review.newDeals = list(lists[.newDeals])
        review.advanced = list(lists[.advanced])
        review.slipped = list(lists[.slipped])
        review.won = list(lists[.won])
        review.lost = list(lists[.lost])
        review.withdrawn = list(lists[.withdrawn])
        review.forced = list(lists[.forced])
        if !closeChanges.isEmpty {
            // How often each of these deals has been pushed out, over the whole log.
            let ids = Array(closeChanges.keys)
            for row in try Row.fetchAll(db, sql: """
                SELECT entity_id, COUNT(*) AS pushes FROM event
                WHERE entity = 'deal' AND action = 'close-date' AND entity_id IN (\(ids.map { _ in "?" }.joined(separator: ",")))
                  AND json_extract(changes, '$.expectedClose.new') > json_extract(changes, '$.expectedClose.old')
                GROUP BY entity_id
                """, arguments: StatementArguments(ids)) {
                closeChanges[row["entity_id"]]?.pushesEver = row["pushes"]
            }
        }
        review.closeDateChanges = closeChanges.values.sorted { ($0.pushesEver, abs($0.days), $1.item.dealID) > ($1.pushesEver, abs($1.days), $0.item.dealID) }
            .prefix(q.listLimit).map { $0 }
    }

    /// What needs attention now: stalled deals and missing or overdue next steps.
    static func currentLists(_ db: Database, _ q: ReviewQuery, owner: SQLFilter, into review: inout WeeklyReview) throws {
        let cutoff = q.today.adding(days: -q.stalledDays)
        let stalled = "(d.last_activity < ? OR (d.last_activity IS NULL AND d.created_at < ?))"
        review.stalled = try currentList(db, q, owner: owner, condition: stalled,
                                         arguments: [cutoff.description, q.start(of: cutoff).timeIntervalSince1970])
        review.missingNextStep = try currentList(db, q, owner: owner, condition: "(d.next_step_due IS NULL OR d.next_step = '')", arguments: [])
        review.overdueNextStep = try currentList(db, q, owner: owner, condition: "d.next_step_due < ?", arguments: [q.today.description])
        review.dueToday = try currentList(db, q, owner: owner, condition: "d.next_step_due = ?", arguments: [q.today.description])
    }

    static func currentList(_ db: Database, _ q: ReviewQuery, owner: SQLFilter, condition: String,
                            arguments: [any DatabaseValueConvertible]) throws -> ReviewList {
        var filter = owner
        filter.add("d.outcome = 'open'")
        filter.add(condition, arguments)
        var list = ReviewList()
        for row in try Row.fetchAll(db, sql: "SELECT d.currency, COUNT(*) AS n, SUM(d.amount) AS amount FROM deal d \(filter.whereClause) GROUP BY d.currency",
                                    arguments: filter.arguments) {
            list.count += row["n"] as Int
            list.amount[row["currency"] as String] = row["amount"] as Int64
        }
        guard list.count > 0 else { return list }
        list.items = try Row.fetchAll(db, sql: """
            SELECT d.id, d.title, d.account_id, a.name AS account_name, d.owner, d.amount, d.currency, d.stage_key, d.last_activity, d.next_step_due
            FROM deal d JOIN account a ON a.id = d.account_id \(filter.whereClause) ORDER BY d.amount DESC, d.id LIMIT ?
            """, arguments: filter.arguments(appending: [q.listLimit])).map { row in
            var item = ReviewItem(dealID: row["id"], title: row["title"], accountID: row["account_id"], accountName: row["account_name"],
                                  owner: row["owner"], amount: Money(minorUnits: row["amount"], currency: row["currency"]), stage: row["stage_key"])
            item.lastActivity = ColumnCoding.day(row["last_activity"])
            item.nextStepDue = ColumnCoding.day(row["next_step_due"])
            return item
        }
        return list
    }

    static func quadrantChanges(_ db: Database, since: Double) throws -> [QuadrantChangeItem] {
        var first: [Int64: Quadrant] = [:], last: [Int64: Quadrant] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT entity_id, json_extract(changes, '$.quadrant.old') AS old, json_extract(changes, '$.quadrant.new') AS new
            FROM event WHERE entity = 'account' AND action = 'scores' AND at >= ? ORDER BY at, id
            """, arguments: [since]) {
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

    /// One row per rep who holds an open deal or closed or moved one in the period.
    static func repFigures(_ db: Database, _ q: ReviewQuery, from: Double, until: Double, catalog: ProcessCatalog) throws -> [RepFigures] {
        var reps: [String: RepFigures] = [:]
        func row(_ name: String) -> RepFigures {
            reps[name] ?? RepFigures(rep: name)
        }
        let cutoff = q.today.adding(days: -q.stalledDays)
        for r in try Row.fetchAll(db, sql: """
            SELECT owner, currency, COUNT(*) AS n, SUM(amount) AS amount, SUM(weighted) AS weighted,
                   SUM(last_activity < ? OR (last_activity IS NULL AND created_at < ?)) AS stalled,
                   SUM(next_step_due < ?) AS overdue, SUM(next_step_due = ?) AS due_today
            FROM deal WHERE outcome = 'open' \(q.rep == nil ? "" : "AND owner = ?") GROUP BY owner, currency
            """, arguments: StatementArguments([cutoff.description, q.start(of: cutoff).timeIntervalSince1970, q.today.description,
                                               q.today.description] as [any DatabaseValueConvertible] + (q.rep.map { [$0] } ?? []))) {
            let name: String = r["owner"], currency: String = r["currency"]
            var figures = row(name)
            figures.openDeals += r["n"] as Int
            figures.pipeline[currency, default: 0] += r["amount"] as Int64
            figures.weighted[currency, default: 0] += r["weighted"] as Int64
            figures.stalled += r["stalled"] as Int? ?? 0
            figures.overdue += r["overdue"] as Int? ?? 0
            figures.dueToday += r["due_today"] as Int? ?? 0
            reps[name] = figures
        }
        for r in try Row.fetchAll(db, sql: """
            SELECT d.owner, e.action, d.currency, COUNT(*) AS n, SUM(d.amount) AS amount
            FROM event e JOIN deal d ON d.id = e.entity_id
            WHERE e.entity = 'deal' AND e.at >= ? AND e.at < ? AND e.action IN ('moved','forced','won') \(q.rep == nil ? "" : "AND d.owner = ?")
            GROUP BY d.owner, e.action, d.currency
            """, arguments: StatementArguments([from, until] as [any DatabaseValueConvertible] + (q.rep.map { [$0] } ?? []))) {
            let name: String = r["owner"], action: String = r["action"]
            var figures = row(name)
            if action == "won" {
                figures.won[r["currency"] as String, default: 0] += r["amount"] as Int64
            } else {
                figures.moved += r["n"] as Int
            }
            reps[name] = figures
        }
        return reps.values.sorted { $0.rep < $1.rep }
    }
}
