import CloserCore
import Foundation

/// One page of the account table with the count of every account the query selects: what each
/// keystroke of the search field asks for.
extension PostgresStore {
    public func accounts(_ query: AccountQuery) throws -> Page<AccountSummary> {
        let order = Self.accountOrder(query)
        let offset = max(0, query.offset), limit = max(0, query.limit)
        return try readAsActor { connection, who in
            let filter = Self.accountFilter(query, as: who)
            guard !filter.isEmpty else {
                // Nothing to test: the count reads the smallest index, the page walks the sort's.
                let total = try connection.queryOne("SELECT count(*) AS n FROM account a")?.int("n") ?? 0
                let rows = try connection.query("SELECT a.* FROM account a ORDER BY \(order) LIMIT ? OFFSET ?", [.int(limit), .int(offset)])
                return Page(rows: try rows.map(AccountSummary.init(pg:)), total: total, offset: offset)
            }
            // The count rides along with the page (a window over the matches), so a keystroke is one
            // statement; the window and the sort carry ids, and only the rows shown are read whole.
            let rows = try connection.query("""
                SELECT a.*, page.total
                FROM (SELECT a.id, count(*) OVER () AS total FROM account a \(filter.whereClause) ORDER BY \(order) LIMIT ? OFFSET ?) page
                JOIN account a ON a.id = page.id
                ORDER BY \(order)
                """, filter.values(appending: [.int(limit), .int(offset)]))
            let total: Int
            if let first = rows.first {
                total = try first.int("total")
            } else {
                total = try connection.queryOne("SELECT count(*) AS n FROM account a \(filter.whereClause)", filter.values)?.int("n") ?? 0
            }
            return Page(rows: try rows.map(AccountSummary.init(pg:)), total: total, offset: offset)
        }
    }

    public func eachAccount(_ query: AccountQuery, batchSize: Int, _ body: ([AccountSummary]) throws -> Void) throws {
        try eachRow(batchSize: batchSize, { who in
            let filter = Self.accountFilter(query, as: who)
            return ("SELECT a.* FROM account a \(filter.whereClause) ORDER BY \(Self.accountOrder(query))", filter.values)
        }, AccountSummary.init(pg:), body)
    }

    /// Empty values sort last whichever the direction, then by id so pages never overlap.
    static func accountOrder(_ query: AccountQuery) -> String {
        let direction = query.ascending ? "ASC" : "DESC"
        // Names by pinyin (their collation key) or by code point, as the query asks.
        let name = query.nameOrder.column
        switch query.sort {
        case .name: return "a.\(name) \(direction), a.id \(direction)"
        case .grade: return "a.grade \(direction), a.\(name), a.id"
        case .quadrant: return "a.quadrant \(direction), a.\(name), a.id"
        case .industry: return "a.industry = '', a.industry \(direction), a.id"
        case .region: return "a.region = '', a.region \(direction), a.id"
        case .owner: return "a.owner IS NULL, a.owner \(direction), a.id"
        case .pipeline: return "a.pipeline \(direction), a.id"
        case .weighted: return "a.weighted \(direction), a.id"
        case .won: return "a.won \(direction), a.id"
        case .lastActivity: return "a.last_activity IS NULL, a.last_activity \(direction), a.id"
        case .nextStepDue: return "a.next_due IS NULL, a.next_due \(direction), a.id"
        case .updated: return "a.updated_at \(direction), a.id"
        case .id: return "a.id \(direction)"
        }
    }

    /// Every row of one query, from one snapshot (however long `body` takes: writers carry on
    /// beside it), read through a cursor and handed over in batches. The query is built for the
    /// actor as the transaction knows them.
    func eachRow<T>(batchSize: Int, _ query: (Actor) -> (sql: String, values: [SQLValue]),
                    _ transform: (SQLRow) throws -> T, _ body: ([T]) throws -> Void) throws {
        let size = max(1, batchSize)
        try readAsActor { connection, who in
            let (sql, values) = query(who)
            try connection.execute("DECLARE closer_rows NO SCROLL CURSOR FOR \(sql)", values)
            while true {
                let rows = try connection.query("FETCH FORWARD \(size) FROM closer_rows")
                if rows.isEmpty { break }
                try body(try rows.map(transform))
            }
            try connection.execute("CLOSE closer_rows")
        }
    }
}

/// The figures the account table sorts and filters on, kept current by every deal and activity write.
extension PostgresStore {
    private static let rollupAssignments = """
        open_deals = (SELECT count(*) FROM deal d WHERE d.account_id = account.id AND d.outcome = 'open'),
        pipeline = (SELECT coalesce(sum(d.amount), 0) FROM deal d
                    WHERE d.account_id = account.id AND d.outcome = 'open' AND d.currency = '\(Money.defaultCurrency)'),
        weighted = (SELECT coalesce(sum(d.weighted), 0) FROM deal d
                    WHERE d.account_id = account.id AND d.outcome = 'open' AND d.currency = '\(Money.defaultCurrency)'),
        won = (SELECT coalesce(sum(d.amount), 0) FROM deal d
               WHERE d.account_id = account.id AND d.outcome = 'won' AND d.currency = '\(Money.defaultCurrency)'),
        last_activity = (SELECT max(x.day) FROM activity x WHERE x.account_id = account.id),
        next_due = (SELECT min(d.next_step_due) FROM deal d WHERE d.account_id = account.id AND d.outcome = 'open')
        """

    /// Recomputes one account's figures after a deal or activity write. Not a change of the
    /// account itself: its version stays, so nobody's edit of the account is refused for it.
    static func refreshAccountRollup(_ connection: Connection, accountID: Int64) throws {
        try connection.execute("UPDATE account SET \(rollupAssignments) WHERE id = ?", [.int(accountID)])
    }

    /// Every account's figures in one grouped pass over deals and one over activities (a bulk write).
    static func refreshAllAccountRollups(_ connection: Connection) throws {
        let currency = Money.defaultCurrency
        try connection.execute("""
            UPDATE account SET open_deals = coalesce(agg.open_deals, 0), pipeline = coalesce(agg.pipeline, 0),
                               weighted = coalesce(agg.weighted, 0), won = coalesce(agg.won, 0), next_due = agg.next_due,
                               last_activity = act.last_day
            FROM account base
            LEFT JOIN (SELECT account_id,
                              count(*) FILTER (WHERE outcome = 'open') AS open_deals,
                              coalesce(sum(amount) FILTER (WHERE outcome = 'open' AND currency = '\(currency)'), 0) AS pipeline,
                              coalesce(sum(weighted) FILTER (WHERE outcome = 'open' AND currency = '\(currency)'), 0) AS weighted,
                              coalesce(sum(amount) FILTER (WHERE outcome = 'won' AND currency = '\(currency)'), 0) AS won,
                              min(next_step_due) FILTER (WHERE outcome = 'open') AS next_due
                       FROM deal GROUP BY account_id) agg ON agg.account_id = base.id
            LEFT JOIN (SELECT account_id, max(day) AS last_day FROM activity GROUP BY account_id) act ON act.account_id = base.id
            WHERE base.id = account.id
            """)
    }

    /// Accounts whose quadrant changed since a date, with the direction of the latest move.
    public func quadrantMoves(since: Date) throws -> [Int64: QuadrantMove] {
        try readAsActor { connection, who in
            var moves = [Int64: QuadrantMove]()
            var filter = SQLConditions()
            filter.add("entity = 'account' AND action = 'scores' AND at >= ?", [.time(since)])
            filter.restrict(accountColumn: "entity_id", to: who)
            for row in try connection.query("SELECT entity_id, at, changes FROM event \(filter.whereClause) ORDER BY at, id", filter.values) {
                guard let changes = ColumnCoding.decode([String: FieldChange].self, from: try row.string("changes")),
                      let change = changes["quadrant"], let toText = change.new, let to = Quadrant(rawValue: toText) else { continue }
                let id = try row.int64("entity_id")
                let from = moves[id]?.from ?? change.old.flatMap(Quadrant.init(rawValue:)) ?? to
                moves[id] = QuadrantMove(accountID: id, from: from, to: to, at: try row.date("at"))
            }
            return moves.filter { $0.value.from != $0.value.to }
        }
    }

    public func accountSummary(_ id: Int64) throws -> AccountSummary {
        try read { connection in
            try requireAccess(connection, account: id, .read)
            return try AccountSummary(pg: try Self.fetchRow(connection, "account", id: id))
        }
    }
}
