import CloserCore
import Foundation
import GRDB

extension SQLiteStore {
    static let summaryColumns = """
        d.id, d.title, d.account_id, a.name AS account_name, a.grade AS account_grade, d.process_key, d.stage_key,
        d.amount, d.currency, d.probability, d.weighted, d.at_risk, d.milestones_met, d.milestones_total,
        d.stage_entered_at, d.expected_close, d.next_step, d.next_step_due, d.last_activity, d.owner, d.outcome, d.version, d.competitors,
        d.outcome_reason
        """

    /// The conditions of a deal filter and what the actor may see; `needsAccount` tells whether
    /// the account join is required.
    /// `counting`: the statement aggregates every matching deal (a count, column totals), where a
    /// rep's visible accounts are best made once as a set and met through `deal_account`; a page
    /// or a column's cards walk an index in order and check each deal's account as they go.
    /// `text`: how the filter's text is met (`DealTextSQL.plan`); the plain scan unless given.
    /// `eachDeal`: a page walked in index order checks each deal's account by its key, with no
    /// join: joined, the planner first filters every account into a Bloom filter (a rep's first
    /// page at 100k deals: 5.6 ms joined, 0.4 ms checked deal by deal).
    static func sqlFilter(_ filter: DealFilter, as who: Actor, text: DealTextSQL? = nil,
                          counting: Bool = false, eachDeal: Bool = false) -> (filter: SQLFilter, needsAccount: Bool) {
        var sql = SQLFilter()
        if !filter.includeClosed { sql.add("d.outcome = 'open'") }
        if let process = filter.processKey { sql.add("d.process_key = ?", [process]) }
        if let owner = filter.owner { sql.add("d.owner = ?", [owner]) }
        if let account = filter.accountID { sql.add("d.account_id = ?", [account]) }
        if filter.atRiskOnly { sql.add("d.at_risk = 1") }
        if !filter.grades.isEmpty { sql.add("a.grade", in: filter.grades.map(\.rawValue).sorted()) }
        let text = text ?? DealTextSQL.scanning(filter.text)
        text.add(to: &sql)
        // The account query's conditions are written over `account a`, the alias the deal queries join.
        sql.add(conditions: filter.accountConditions, me: who.name)
        let byAccount = !filter.grades.isEmpty || !filter.accountConditions.isEmpty
        if counting {
            // The index's few candidates each look up their account; a scan meets the set.
            sql.restrict(accountColumn: "d.account_id", to: who, checking: text.usesIndex ? .perRow : .asSet)
            return (sql, byAccount)
        }
        if eachDeal {
            sql.restrict(accountColumn: "d.account_id", to: who, checking: .perRow)
            return (sql, byAccount)
        }
        sql.restrict(to: who)
        return (sql, byAccount || who.isRestricted)
    }

    /// The deal table's ORDER BY: the sort column, then the id so that pages never overlap.
    static func dealOrder(_ query: DealQuery) -> String {
        let direction = query.ascending ? "ASC" : "DESC"
        switch query.sort {
        case .amount: return "d.amount \(direction), d.id"
        case .weighted: return "d.weighted \(direction), d.id"
        case .title: return "d.title \(direction), d.id"
        case .account: return "a.\(query.nameOrder.column) \(direction), d.id"
        case .stage: return "d.process_key, d.stage_key \(direction), d.id"
        case .expectedClose: return "d.expected_close IS NULL, d.expected_close \(direction), d.id"
        case .nextStepDue: return "d.next_step_due IS NULL, d.next_step_due \(direction), d.id"
        case .updated: return "d.updated_at \(direction), d.id"
        case .probability: return "d.probability \(direction), d.id"
        case .owner: return "d.owner \(direction), d.id"
        case .id: return "d.id \(direction)"
        }
    }

    public func eachDeal(_ query: DealQuery, batchSize: Int, _ body: ([DealSummary]) throws -> Void) throws {
        try eachRow(batchSize: batchSize, { who in
            let filter = Self.sqlFilter(query.filter, as: who).filter
            return ("""
                SELECT \(Self.summaryColumns) FROM deal d JOIN account a ON a.id = d.account_id
                \(filter.whereClause) ORDER BY \(Self.dealOrder(query))
                """, filter.arguments)
        }, DealSummary.init(row:), body)
    }

    public func deals(_ query: DealQuery) throws -> Page<DealSummary> {
        try deals(query, planning: DealTextSQL.plan)
    }

    /// `planning` chooses how the text is met (the tests compare the index's way with the scan).
    func deals(_ query: DealQuery, planning: (Database, String) throws -> DealTextSQL) throws -> Page<DealSummary> {
        let order = Self.dealOrder(query)
        return try readAsActor { db, who in
            let text = try planning(db, query.filter.text)
            let counting = Self.sqlFilter(query.filter, as: who, text: text, counting: true)
            let countJoin = counting.needsAccount ? "JOIN account a ON a.id = d.account_id" : ""
            let total = try dealCounts.count(db, "SELECT COUNT(*) FROM deal d \(countJoin) \(counting.filter.whereClause)",
                                             counting.filter.arguments)
            // Past the last deal (a rep's offset from a manager's table, a page after a delete)
            // nothing is shown: no walk through every deal to find that out.
            guard query.offset < total else { return Page(rows: [], total: total, offset: query.offset) }
            let pageText = try Self.pageText(db, text, query, total: total)
            let (filter, needsAccount) = Self.sqlFilter(query.filter, as: who, text: pageText, eachDeal: true)
            // Deferred join: page through ids in the index, then read only the rows shown. A deep
            // OFFSET would otherwise build every skipped row with its account.
            let innerJoin = needsAccount || query.sort == .account ? "JOIN account a ON a.id = d.account_id" : ""
            let rows = try Row.mapAll(db, sql: """
                SELECT \(Self.summaryColumns)
                FROM (SELECT d.id FROM deal d \(innerJoin) \(filter.whereClause) ORDER BY \(order) LIMIT ? OFFSET ?) page
                JOIN deal d ON d.id = page.id JOIN account a ON a.id = d.account_id
                ORDER BY \(order)
                """, arguments: filter.arguments(appending: [query.limit, query.offset]), DealSummary.init(row:))
            return Page(rows: rows, total: total, offset: query.offset)
        }
    }

    /// How a page meets the text once the count is known. Walking the amount (or id) index and
    /// testing each deal stops after `offset + limit` matches, about `(offset + limit) × deals /
    /// total` steps; the index's candidates are each looked up and sorted. A common text's first
    /// page walks (长春 as a manager: 2 000 matches, a match every 35 deals), a rare one's reads
    /// its candidates (zgsh: 96 matches among 100k).
    static func pageText(_ db: Database, _ text: DealTextSQL, _ query: DealQuery, total: Int) throws -> DealTextSQL {
        guard case .candidates(_, let pattern, let candidates) = text, query.sort == .amount || query.sort == .id else { return text }
        let deals = try Int.fetchOne(db, sql: "SELECT MAX(id) FROM deal") ?? 0
        let steps = Double(query.offset + query.limit) * Double(deals) / Double(max(total, 1))
        return steps <= Double(candidates) ? .scan(pattern: pattern) : text
    }

    /// A board is one aggregate query for every column's totals, then one small indexed query
    /// per stage for the cards that fit on screen.
    public func board(_ query: BoardQuery) throws -> Board {
        try readAsActor { db, who in
            let catalog = try Self.catalog(db)
            guard let process = catalog.process(query.processKey) else {
                throw StoreError.rule(.unknownProcess(query.processKey))
            }
            var filter = query.filter
            filter.processKey = process.key
            filter.includeClosed = false
            let text = try DealTextSQL.plan(db, text: filter.text)
            let sql = Self.sqlFilter(filter, as: who, text: text).filter
            let counting = Self.sqlFilter(filter, as: who, text: text, counting: true)
            let join = counting.needsAccount ? "JOIN account a ON a.id = d.account_id" : ""
            var counts = [String: Int]()
            var totals = [String: [CurrencyTotal]]()
            for row in try Row.fetchAll(db, sql: """
                SELECT d.stage_key, d.currency, COUNT(*) AS n, SUM(d.amount) AS amount, SUM(d.weighted) AS weighted
                FROM deal d \(join) \(counting.filter.whereClause) GROUP BY d.stage_key, d.currency
                """, arguments: counting.filter.arguments) {
                let stage = row.text("stage_key")
                counts[stage, default: 0] += row["n"] as Int
                totals[stage, default: []].append(CurrencyTotal(currency: row.text("currency"), amount: row["amount"], weighted: row["weighted"]))
            }
            var columns = [BoardColumn]()
            for stage in process.stages {
                let offset = max(0, query.offsets[stage.key] ?? 0)
                let cards = try Self.cards(db, sql, stage: stage.key, limit: query.cardsPerStage, offset: offset)
                let stageTotals = (totals[stage.key] ?? []).sorted { $0.amount > $1.amount }
                columns.append(BoardColumn(stage: stage, count: counts[stage.key] ?? 0, totals: stageTotals, cards: cards, offset: offset))
            }
            return Board(process: process, columns: columns)
        }
    }

    /// Scrolling one column needs its next cards, not the whole board again.
    public func boardCards(processKey: String, filter: DealFilter, stageKey: String, limit: Int, offset: Int) throws -> [DealSummary] {
        var filter = filter
        filter.processKey = processKey
        filter.includeClosed = false
        return try readAsActor { db, who in
            let text = try DealTextSQL.plan(db, text: filter.text)
            return try Self.cards(db, Self.sqlFilter(filter, as: who, text: text).filter, stage: stageKey, limit: limit, offset: offset)
        }
    }

    static func cards(_ db: Database, _ sql: SQLFilter, stage: String, limit: Int, offset: Int) throws -> [DealSummary] {
        guard limit > 0 else { return [] }
        var stageSQL = sql
        stageSQL.add("d.stage_key = ?", [stage])
        return try Row.mapAll(db, sql: """
            SELECT \(summaryColumns) FROM deal d JOIN account a ON a.id = d.account_id
            \(stageSQL.whereClause) ORDER BY d.amount DESC, d.id LIMIT ? OFFSET ?
            """, arguments: stageSQL.arguments(appending: [limit, max(0, offset)]), DealSummary.init(row:))
    }
}
