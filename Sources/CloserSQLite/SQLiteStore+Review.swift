import CloserCore
import CloserStoreKit
import Foundation
import GRDB

/// The weekly review: what is open now from the deal table, what happened from the event log.
/// Every figure is one SQL pass over an index (the funnel, the current lists, the per-rep rows)
/// or a replay of the window's stage events; no screen ever reads every deal. Totals come per
/// currency and in the base currency: SQL groups by currency and by the piece of the period a
/// rate is in force for, and `BaseTotalBuilder` converts each group once.
extension SQLiteStore {
    /// A manager reviews the team or any rep; a rep reviews their own deals (on accounts they may
    /// see), and asking for another rep's is refused.
    public func weeklyReview(_ query: ReviewQuery) throws -> WeeklyReview {
        try readAsActor { db, who in
            var q = query
            if who.isRestricted {
                if let rep = q.rep, rep != who.name {
                    throw StoreError.refused(.othersReview(rep: rep))
                }
                q.rep = who.name
            }
            let catalog = try Self.catalog(db)
            guard let process = catalog.process(q.processKey) else { throw StoreError.rule(.unknownProcess(q.processKey)) }
            let rates = try Self.rateTable(db)
            var review = WeeklyReview(query: q)
            review.baseCurrency = rates.base
            let period = (q.start(of: q.since).timeIntervalSince1970, q.start(of: q.until).timeIntervalSince1970)
            let windowStart = q.start(of: q.windowStart).timeIntervalSince1970
            var owner = SQLFilter()
            if let rep = q.rep { owner.add("d.owner = ?", [rep]) }
            owner.restrict(accountColumn: "d.account_id", to: who)
            review.funnel = try Self.funnel(db, process: process, owner: owner, rates: rates, today: q.today)
            review.conversions = try Self.conversions(db, process: process, from: windowStart, until: period.1, rep: q.rep)
            review.daysInStage = try Self.durations(db, process: process, from: windowStart, until: period.1, rep: q.rep)
            let forecast = try Self.forecast(db, q, owner: owner, rates: rates)
            review.forecast = forecast.team
            review.attainment = forecast.team.compactMap { $0.attainment(rep: q.rep) }
            let flow = try Self.periodLists(db, q, rates: rates, from: period.0, until: period.1, into: &review)
            let open = try Self.currentLists(db, q, owner: owner, rates: rates, into: &review)
            review.accountPlans = try Self.accountPlans(db, q, as: who)
            review.quadrantChanges = try Self.quadrantChanges(db, since: period.0, as: who)
            review.reps = try Self.repFigures(db, open: open, flow: flow, attainment: forecast.reps, base: rates.base)
            return review
        }
    }

    /// The team's call is a manager's; a rep records their own call only.
    public func saveForecastCall(_ call: ForecastCall) throws {
        let user = actor
        try write { db in
            let who = try knownActor(db)
            if !who.isTeamAdmin, call.rep != who.name {
                throw StoreError.refused(.forecastCallManagerOnly(rep: call.rep, you: who))
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

    /// Open deals per stage, in their currencies and in the base currency at today's rates.
    static func funnel(_ db: Database, process: ProcessTemplate, owner: SQLFilter, rates: RateTable, today: Day) throws -> [FunnelStage] {
        var filter = owner
        filter.add("d.process_key = ?", [process.key])
        filter.add("d.outcome = 'open'")
        let rows = try Row.fetchAll(db, sql: """
            SELECT d.stage_key, d.currency, COUNT(*) AS n, SUM(d.amount) AS amount, SUM(d.weighted) AS weighted
            FROM deal d \(filter.whereClause) GROUP BY d.stage_key, d.currency
            """, arguments: filter.arguments)
        var stages = Dictionary(uniqueKeysWithValues: process.stages.map { ($0.key, FunnelStage(stage: $0.key, base: rates.base)) })
        var amounts: [String: BaseTotalBuilder] = [:], weighted: [String: BaseTotalBuilder] = [:]
        for row in rows {
            let key: String = row["stage_key"], currency: String = row["currency"], n: Int = row["n"]
            guard stages[key] != nil else { continue }
            stages[key]?.count += n
            stages[key]?.amount[currency, default: 0] += row["amount"] as Int64
            stages[key]?.weighted[currency, default: 0] += row["weighted"] as Int64
            amounts[key, default: BaseTotalBuilder(rates: rates)].add(row["amount"], currency: currency, on: today, deals: n)
            weighted[key, default: BaseTotalBuilder(rates: rates)].add(row["weighted"], currency: currency, on: today, deals: n)
        }
        for (key, builder) in amounts { stages[key]?.baseAmount = builder.total }
        for (key, builder) in weighted { stages[key]?.baseWeighted = builder.total }
        return process.stages.compactMap { stages[$0.key] }
    }

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

    /// One row per rep who holds an open deal, closed or moved one in the period, or has a target
    /// this month or quarter; in the order of the names the team knows them by (pinyin for Chinese).
    static func repFigures(_ db: Database, open: [String: RepFigures], flow: PeriodListTally.Flow, attainment: [String: [Attainment]], base: String) throws -> [RepFigures] {
        let team = TeamDirectory(users: try Row.fetchAll(db, sql: "SELECT name, display_name FROM user").map {
            User(name: $0["name"], displayName: $0["display_name"])
        })
        return RepFigures.merged(open: open, flow: flow, attainment: attainment, base: base, team: team)
    }
}
