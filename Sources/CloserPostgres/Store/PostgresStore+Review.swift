import CloserCore
import CloserStoreKit
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
                    throw StoreError.refused(.othersReview(rep: rep))
                }
                q.rep = who.name
            }
            let catalog = try StagePositions.catalog(connection)
            guard let process = catalog.process(q.processKey) else { throw StoreError.rule(.unknownProcess(q.processKey)) }
            let rates = try Self.rateTable(connection)
            var review = WeeklyReview(query: q)
            review.baseCurrency = rates.base
            let period = (q.start(of: q.since).timeIntervalSince1970, q.start(of: q.until).timeIntervalSince1970)
            let windowStart = q.start(of: q.windowStart).timeIntervalSince1970
            var owner = SQLConditions()
            if let rep = q.rep { owner.add("d.owner = ?", [.text(rep)]) }
            owner.restrict(accountColumn: "d.account_id", to: who)
            let history = StageHistoryQueries(connection: connection, rep: q.rep)
            review.funnel = try Self.funnel(connection, process: process, owner: owner, rates: rates, today: q.today)
            review.conversions = try history.conversions(process: process, from: windowStart, until: period.1)
            review.daysInStage = try history.durations(process: process, from: windowStart, until: period.1)
            let forecast = try Self.forecast(connection, q, owner: owner, rates: rates)
            review.forecast = forecast.team
            review.attainment = forecast.team.compactMap { $0.attainment(rep: q.rep) }
            let flow = try history.periodLists(q, rates: rates, from: period.0, until: period.1, into: &review)
            let open = try Self.currentLists(connection, q, owner: owner, rates: rates, into: &review)
            review.accountPlans = try Self.accountPlans(connection, q, as: who)
            review.quadrantChanges = try Self.quadrantChanges(connection, since: period.0, as: who)
            review.reps = try Self.repFigures(connection, open: open, flow: flow, attainment: forecast.reps, base: rates.base)
            return review
        }
    }

    /// The team's call is a manager's; a rep records their own call only.
    public func saveForecastCall(_ call: ForecastCall) throws {
        let user = actor
        try write { connection in
            let who = try knownActor(connection)
            if !who.isTeamAdmin, call.rep != who.name {
                throw StoreError.refused(.forecastCallManagerOnly(rep: call.rep, you: who))
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

    /// Open deals per stage, in their currencies and in the base currency at today's rates.
    static func funnel(_ connection: Connection, process: ProcessTemplate, owner: SQLConditions, rates: RateTable, today: Day) throws -> [FunnelStage] {
        var filter = owner
        filter.add("d.process_key = ?", [.text(process.key)])
        filter.add("d.outcome = 'open'")
        var stages = Dictionary(uniqueKeysWithValues: process.stages.map { ($0.key, FunnelStage(stage: $0.key, base: rates.base)) })
        var amounts: [String: BaseTotalBuilder] = [:], weighted: [String: BaseTotalBuilder] = [:]
        for row in try connection.query("""
            SELECT d.stage_key, d.currency, count(*) AS n, sum(d.amount)::bigint AS amount, sum(d.weighted)::bigint AS weighted
            FROM deal d \(filter.whereClause) GROUP BY d.stage_key, d.currency
            """, filter.values) {
            let key = try row.string("stage_key"), currency = try row.string("currency"), n = try row.int("n")
            guard stages[key] != nil else { continue }
            let amount = try row.int64("amount"), weight = try row.int64("weighted")
            stages[key]?.count += n
            stages[key]?.amount[currency, default: 0] += amount
            stages[key]?.weighted[currency, default: 0] += weight
            amounts[key, default: BaseTotalBuilder(rates: rates)].add(amount, currency: currency, on: today, deals: n)
            weighted[key, default: BaseTotalBuilder(rates: rates)].add(weight, currency: currency, on: today, deals: n)
        }
        for (key, builder) in amounts { stages[key]?.baseAmount = builder.total }
        for (key, builder) in weighted { stages[key]?.baseWeighted = builder.total }
        return process.stages.compactMap { stages[$0.key] }
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

    /// One row per rep who holds an open deal, closed or moved one in the period, or has a target
    /// this month or quarter; in the order of the names the team knows them by (pinyin for Chinese).
    static func repFigures(_ connection: Connection, open: [String: RepFigures], flow: PeriodListTally.Flow,
                           attainment: [String: [Attainment]], base: String) throws -> [RepFigures] {
        let team = TeamDirectory(users: try connection.query(#"SELECT name, display_name FROM "user""#).map {
            User(name: try $0.string("name"), displayName: try $0.string("display_name"))
        })
        return RepFigures.merged(open: open, flow: flow, attainment: attainment, base: base, team: team)
    }

    /// A deal as a review list shows it, from the columns every list query selects.
    static func reviewItem(_ row: SQLRow, dealColumn: String) throws -> ReviewItem {
        ReviewItem(dealID: try row.int64(dealColumn), title: try row.string("title"), accountID: try row.int64("account_id"),
                   accountName: try row.string("account_name"), owner: try row.string("owner"),
                   amount: Money(minorUnits: try row.int64("amount"), currency: try row.string("currency")), stage: try row.string("stage_key"))
    }
}
