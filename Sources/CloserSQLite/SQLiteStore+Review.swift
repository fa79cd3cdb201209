import CloserCore
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
                    throw StoreError.refused("a rep reviews their own deals; \(rep)'s review is for \(rep) and the managers (nothing was read)")
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

    /// This month's and quarter's forecast for the team (or the rep reviewed), and each rep's
    /// standing against their own targets: open deals at today's rates by category, won deals at
    /// their close day's rate, the manager's call and the target. The month lies in the quarter:
    /// one pass over the quarter's deals tells which are the month's.
    static func forecast(_ db: Database, _ q: ReviewQuery, owner: SQLFilter, rates: RateTable)
        throws -> (team: [ForecastFigures], reps: [String: [Attainment]]) {
        let periods = [Period.month(containing: q.today), Period.quarter(containing: q.today)]
        let (month, quarter) = (periods[0], periods[1])
        let book = try targetBook(db, periods: periods, rates: rates)
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
        open.add("d.expected_close >= ?", [quarter.start.description])
        open.add("d.expected_close < ?", [quarter.end.description])
        for row in try Row.fetchAll(db, sql: """
            SELECT d.forecast_category AS category, d.currency, d.owner, d.expected_close >= ? AND d.expected_close < ? AS in_month,
                   COUNT(*) AS n, SUM(d.amount) AS amount, SUM(d.weighted) AS weighted
            FROM deal d \(open.whereClause) GROUP BY 1, 2, 3, 4
            """, arguments: [month.start.description, month.end.description] + open.arguments) {
            let currency: String = row["currency"], amount: Int64 = row["amount"], n: Int = row["n"], rep: String = row["owner"]
            for index in periodsOf(row["in_month"]) {
                sums[index].figures.weighted[currency, default: 0] += row["weighted"] as Int64
                sums[index].weighted.add(row["weighted"], currency: currency, on: q.today, deals: n)
                switch ForecastCategory(rawValue: row["category"]) ?? .pipeline {
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
        closed.add("d.closed_on >= ?", [quarter.start.description])
        closed.add("d.closed_on < ?", [quarter.end.description])
        // Month and quarter start on the first of a month: the quarter's pieces cut at the month's edges too.
        let pieces = RatePieces(starts: ([quarter.start] + rates.changeDays(after: quarter.start, before: quarter.end) + [month.start, month.end])
            .filter { $0 >= quarter.start && $0 < quarter.end })
        let piece = RateSQL.piece(day: "d.closed_on", pieces)
        for row in try Row.fetchAll(db, sql: """
            SELECT d.currency, d.owner, \(piece.sql) AS piece, COUNT(*) AS n, SUM(d.amount) AS amount
            FROM deal d \(closed.whereClause) GROUP BY 1, 2, 3
            """, arguments: piece.arguments + closed.arguments) {
            let currency: String = row["currency"], amount: Int64 = row["amount"], n: Int = row["n"], day = pieces.day(ofPiece: row["piece"])
            for index in periodsOf(month.contains(day)) {
                sums[index].figures.won[currency, default: 0] += amount
                sums[index].won.add(amount, currency: currency, on: day, deals: n)
                sums[index].repWon[row["owner"], default: empty].add(amount, currency: currency, on: day, deals: n)
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
            if let row = try Row.fetchOne(db, sql: "SELECT * FROM forecast_call WHERE period = ? AND rep = ?", arguments: [period.description, q.rep ?? ""]) {
                figures.managerCall = ForecastCall(period: period.description, rep: row["rep"], amount: Money(minorUnits: row["amount"], currency: row["currency"]),
                                                   by: row["by"], at: ColumnCoding.date(row["at"]))
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
        let chosen = rankedByBase(candidates, rates: rates, on: q.today, amount: { $0.amount }, id: { $0.id }).prefix(q.listLimit).map(\.id)
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

    /// Largest first in the base currency; an amount with no rate at face value; then by id.
    static func rankedByBase<T>(_ items: [T], rates: RateTable, on day: Day, amount: (T) -> Money, id: (T) -> Int64) -> [T] {
        func value(_ item: T) -> Double {
            let money = amount(item)
            let micros = money.currency == rates.base ? ExchangeRate.scale : rates.rate(money.currency, on: day)?.micros ?? ExchangeRate.scale
            return Double(money.minorUnits) * Double(micros)
        }
        return items.map { (value($0), id($0), $0) }.sorted { ($1.0, $0.1) < ($0.0, $1.1) }.map(\.2)
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
    static func repFigures(_ db: Database, open: [String: RepFigures], flow: PeriodFlow, attainment: [String: [Attainment]], base: String) throws -> [RepFigures] {
        var reps = open
        for name in Set(flow.moved.keys).union(flow.won.keys).union(attainment.keys) where reps[name] == nil {
            reps[name] = RepFigures(rep: name, base: base)
        }
        for (name, moved) in flow.moved { reps[name]?.moved = moved }
        for (name, won) in flow.won {
            reps[name]?.won = won.amount
            reps[name]?.baseWon = won.base
        }
        for (name, standing) in attainment { reps[name]?.attainment = standing }
        let directory = TeamDirectory(users: try Row.fetchAll(db, sql: "SELECT name, display_name FROM user").map {
            User(name: $0["name"], displayName: $0["display_name"])
        })
        return directory.sorted(Array(reps.values)) { $0.rep }
    }
}
