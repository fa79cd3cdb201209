import CloserCore
import Foundation

extension PostgresStore {
    static let summaryColumns = """
        d.id, d.title, d.account_id, a.name AS account_name, a.grade AS account_grade, d.process_key, d.stage_key,
        d.amount, d.currency, d.probability, d.weighted, d.at_risk, d.milestones_met, d.milestones_total,
        d.stage_entered_at, d.expected_close, d.next_step, d.next_step_due, d.last_activity, d.owner, d.outcome, d.version, d.competitors,
        d.outcome_reason
        """

    /// The conditions of a deal filter and what the actor may see; `needsAccount` tells whether
    /// the account join is required.
    static func dealConditions(_ filter: DealFilter, as who: Actor) -> (filter: SQLConditions, needsAccount: Bool) {
        var sql = SQLConditions()
        if !filter.includeClosed { sql.add("d.outcome = 'open'") }
        if let process = filter.processKey { sql.add("d.process_key = ?", [.text(process)]) }
        if let owner = filter.owner { sql.add("d.owner = ?", [.text(owner)]) }
        if let account = filter.accountID { sql.add("d.account_id = ?", [.int(account)]) }
        if filter.atRiskOnly { sql.add("d.at_risk") }
        if !filter.grades.isEmpty { sql.add("a.grade", in: filter.grades.map(\.rawValue).sorted()) }
        if !filter.text.trimmingCharacters(in: .whitespaces).isEmpty {
            if filter.includeClosed {
                sql.addSearchOfEveryOutcome(filter.text, alias: "d")
            } else {
                sql.addSearch(filter.text, alias: "d")
            }
        }
        sql.add(conditions: filter.accountConditions, me: who.name)
        sql.restrict(to: who)
        return (sql, !filter.grades.isEmpty || !filter.accountConditions.isEmpty || who.isRestricted)
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
        // The columns are checked by name on the first row, then every row is read by position.
        var start: Int?
        try eachRow(batchSize: batchSize, { who in
            let filter = Self.dealConditions(query.filter, as: who).filter
            return ("""
                SELECT \(Self.summaryColumns) FROM deal d JOIN account a ON a.id = d.account_id
                \(filter.whereClause) ORDER BY \(Self.dealOrder(query))
                """, filter.values)
        }, { row in
            let at = try start ?? DealSummary.pgStart(row)
            start = at
            return try DealSummary(pg: row, at: at)
        }, body)
    }

    /// A board is one aggregate query for every column's totals, then one small indexed query
    /// per stage for the cards that fit on screen.
    public func board(_ query: BoardQuery) throws -> Board {
        try readAsActor { connection, who in
            let catalog = try StagePositions.catalog(connection)
            guard let process = catalog.process(query.processKey) else {
                throw StoreError.rule(.unknownProcess(query.processKey))
            }
            var filter = query.filter
            filter.processKey = process.key
            filter.includeClosed = false
            let (sql, needsAccount) = Self.dealConditions(filter, as: who)
            let join = needsAccount ? "JOIN account a ON a.id = d.account_id" : ""
            var counts = [String: Int]()
            var totals = [String: [CurrencyTotal]]()
            for row in try connection.query("""
                SELECT d.stage_key, d.currency, count(*) AS n, sum(d.amount)::bigint AS amount, sum(d.weighted)::bigint AS weighted
                FROM deal d \(join) \(sql.whereClause) GROUP BY d.stage_key, d.currency
                """, sql.values) {
                let stage = try row.string("stage_key")
                counts[stage, default: 0] += try row.int("n")
                totals[stage, default: []].append(CurrencyTotal(currency: try row.string("currency"), amount: try row.int64("amount"),
                                                                weighted: try row.int64("weighted")))
            }
            var columns = [BoardColumn]()
            for stage in process.stages {
                let offset = max(0, query.offsets[stage.key] ?? 0)
                let cards = try Self.cards(connection, sql, stage: stage.key, limit: query.cardsPerStage, offset: offset)
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
        return try readAsActor { connection, who in
            try Self.cards(connection, Self.dealConditions(filter, as: who).filter, stage: stageKey, limit: limit, offset: offset)
        }
    }

    static func cards(_ connection: Connection, _ sql: SQLConditions, stage: String, limit: Int, offset: Int) throws -> [DealSummary] {
        guard limit > 0 else { return [] }
        var stageSQL = sql
        stageSQL.add("d.stage_key = ?", [.text(stage)])
        return try DealSummary.pgRows(connection.query("""
            SELECT \(summaryColumns) FROM deal d JOIN account a ON a.id = d.account_id
            \(stageSQL.whereClause) ORDER BY d.amount DESC, d.id LIMIT ? OFFSET ?
            """, stageSQL.values(appending: [.int(limit), .int(max(0, offset))])))
    }
}
