import CloserCore
import CloserStoreKit
import Foundation

/// One page of the deal table with the count of every deal the filter selects: the table's first
/// screen, each page down, and each keystroke of a search.
extension PostgresStore {
    /// A search reads up to this many matching ids, in order, in the pass that finds them and
    /// counts them itself; a broader match is counted by a second pass. The indexes find a
    /// search's rows scattered over the table, and reading them twice (to count, then to page)
    /// was half of a keystroke's time; a thousand or two ids cost less than that.
    static let searchProbeLimit = 2_000

    public func deals(_ query: DealQuery) throws -> Page<DealSummary> {
        if let page = try dealPageInOneStatement(query) { return page }
        let order = Self.dealOrder(query)
        let offset = max(0, query.offset), limit = max(0, query.limit)
        return try readAsActor { connection, who in
            let selection = DealSelection(query, as: who)
            let filter = selection.filter
            if selection.text.isEmpty {
                guard let page = try Self.browsedPage(selection, order: order, offset: offset, limit: limit, actorColumns: nil).run(connection) else {
                    throw PostgresFailure.programming("a browsed page always has its total")
                }
                return page
            }
            let (shown, total) = try ProbedPage.rows(offset: offset, limit: limit, probeLimit: Self.searchProbeLimit, probe: { n in
                try Self.probedPage(connection, cache: searchProbes, ids: selection.ids, filter, order: order, probe: n, offset: offset, limit: limit)
            }, count: {
                let count = selection.total
                return try connection.queryOne("SELECT (\(count.sql)) AS n", count.values)?.int("n") ?? 0
            }, page: {
                let page = try connection.query("\(selection.ids) ORDER BY \(order) LIMIT ? OFFSET ?", filter.values(appending: [.int(limit), .int(offset)]))
                return try Self.dealRows(connection, ids: page.map { try $0.int64("id") }, order: order)
            })
            return Page(rows: shown, total: total, offset: offset)
        }
    }

    /// What a deal query selects for an actor: the conditions, how the deals meet their accounts,
    /// the search's ids and the count of every deal selected.
    struct DealSelection {
        let filter: SQLConditions
        /// `FROM deal d …`, with the account when a condition or the order needs it.
        let deals: String
        /// The search text, trimmed (empty: the table browsed).
        let text: String
        /// The ids of the deals selected, unordered (a search's, `searchJoin`).
        let ids: String
        let total: (sql: String, values: [SQLValue])

        init(_ query: DealQuery, as who: Actor) {
            let (filter, needsAccount) = PostgresStore.dealConditions(query.filter, as: who)
            let joined = needsAccount || query.sort == .account
            self.filter = filter
            deals = "FROM deal d \(joined ? "JOIN account a ON a.id = d.account_id" : "")"
            text = query.filter.text.trimmingCharacters(in: .whitespaces)
            ids = "SELECT d.id FROM deal d \(joined ? PostgresStore.searchJoin(text) : "") \(filter.whereClause)"
            total = PostgresStore.dealTotal(query.filter, filter, needsAccount: needsAccount, as: who)
        }

        /// The key of a search's kept matches (`probedPage`) in this order.
        func probeKey(order: String, probe n: Int) -> SearchProbeCache.Key {
            SearchProbeCache.Key(statement: "\(ids) ORDER BY \(order)", values: filter.values, probe: n)
        }
    }

    /// How a search's matches meet their accounts (the rep's visibility, an account condition, a
    /// sort by name). A text the indexes find few deals for is met by looking up each match's
    /// account by its key, whatever the statistics say: the planner, estimating the matches
    /// from a sample, sometimes read and hashed all 20 000 accounts instead (zgsh as a rep:
    /// 9 ms against 1.2 ms, from one `ANALYZE` to the next). The subquery's OFFSET 0 keeps it
    /// from being merged into the statement, so the account can only be looked up for each deal
    /// found. A text the indexes cannot narrow (one character; "长" is in 8 000 open deals)
    /// leaves the choice to the planner.
    static func searchJoin(_ text: String) -> String {
        guard SearchPatternSQL.findsFew(SearchText.fold(text)) else { return "JOIN account a ON a.id = d.account_id" }
        return "JOIN LATERAL (SELECT * FROM account a WHERE a.id = d.account_id OFFSET 0) a ON true"
    }

    /// The first `n` matches of a search, counted, and the deals of the page among them, in one
    /// statement: the matches' ids stay in the server (a search's 2 000 ids, sent to be counted
    /// and sliced here, cost more than finding them). The ids come back once, on the first row,
    /// with the snapshot they were found in, for `cache`: while that snapshot stands, the same
    /// search reads only its page's deals (`cachedProbe`).
    static func probedPage(_ connection: Connection, cache: SearchProbeCache? = nil, ids: String, _ filter: SQLConditions,
                           order: String, probe n: Int, offset: Int, limit: Int) throws -> (matched: Int, rows: [DealSummary]) {
        let key = SearchProbeCache.Key(statement: "\(ids) ORDER BY \(order)", values: filter.values, probe: n)
        if let cache, let entry = cache.entry(key),
           let page = try cachedProbe(entry, order: order, offset: offset, limit: limit, actorColumns: nil).run(connection) {
            return page
        }
        return try probe(ids: ids, filter, key: key, cache: cache, order: order, offset: offset, limit: limit, actorColumns: nil).run(connection)
            ?? (0, [])
    }

    /// The statement of `probedPage` that finds the matches (`actorColumns`: the read's question
    /// of who is acting, when it is the whole read), keeping them in `cache`.
    static func probe(ids: String, _ filter: SQLConditions, key: SearchProbeCache.Key, cache: SearchProbeCache?, order: String,
                      offset: Int, limit: Int, actorColumns: String?) -> OneStatement<(matched: Int, rows: [DealSummary])> {
        let n = key.probe
        // ARRAY(…) keeps the order of the query inside it; the page is a slice of it.
        let sql = """
            WITH probe AS MATERIALIZED (SELECT ARRAY(\(ids) ORDER BY \(order) LIMIT ?) AS ids)
            SELECT cardinality(p.ids) AS closer_matched,
                   CASE WHEN d.id IS NOT DISTINCT FROM p.ids[?::integer] THEN pg_current_snapshot()::text END AS closer_snapshot,
                   CASE WHEN d.id IS NOT DISTINCT FROM p.ids[?::integer] THEN p.ids END AS closer_ids,
                   \(actorColumns.map { $0 + "," } ?? "") \(summaryColumns)
            FROM probe p LEFT JOIN (deal d JOIN account a ON a.id = d.account_id) ON d.id = ANY (p.ids[?::integer : ?::integer])
            ORDER BY \(order)
            """
        let first = min(offset, n) + 1, last = min(offset + limit, n)
        // Planned for its values each time: a plan kept for every pattern reads and hashes every account.
        return OneStatement(sql: sql, values: filter.values(appending: [.int(n), .int(first), .int(first), .int(first), .int(last)]),
                            kept: false) { rows in
            let matched = try rows.first?.int("closer_matched") ?? 0
            // The page's first row (or its one row without a deal) carries the ids.
            if let cache, let row = rows.first, let snapshot = try row.optionalText("closer_snapshot"),
               let found = try row.decode("closer_ids", as: [Int64]?.self), found.count == matched {
                cache.keep(SearchProbeCache.Entry(snapshot: snapshot, ids: found), for: key)
            }
            return (matched, try DealSummary.pgRows(rows))
        }
    }

    /// The page of a search whose matches `entry` holds, when the read's snapshot is the one they
    /// were found in (nil otherwise: they must be found again). A statement kept on the server:
    /// its plan is a look-up of each id, whatever the values. `actorColumns`: the read's
    /// question of who is acting, when this statement is the whole read (OneStatementRead).
    static func cachedProbe(_ entry: SearchProbeCache.Entry, order: String, offset: Int, limit: Int,
                            actorColumns: String?) -> OneStatement<(matched: Int, rows: [DealSummary])> {
        let page = entry.ids.dropFirst(offset).prefix(limit)
        let sql = """
            WITH fresh AS MATERIALIZED (SELECT pg_current_snapshot()::text = ? AS same)
            SELECT f.same AS closer_same, \(actorColumns.map { $0 + "," } ?? "") \(summaryColumns)
            FROM fresh f LEFT JOIN (deal d JOIN account a ON a.id = d.account_id) ON f.same AND d.id = ANY (?::bigint[])
            ORDER BY \(order)
            """
        return OneStatement(sql: sql, values: [.text(entry.snapshot), .text("{" + page.map(String.init).joined(separator: ",") + "}")]) { rows in
            guard try rows.first?.bool("closer_same") == true else { return nil }
            return (entry.ids.count, try DealSummary.pgRows(rows))
        }
    }

    /// A page of the table unsearched, in one statement: the total, then the page's ids walked in
    /// the index from whichever end is nearer (the total is exact, so page 50 000 of 70 000 is
    /// page 20 000 from the other end, read backwards), then those deals' rows. Past the last deal
    /// nothing is walked (a rep's deep page walked every deal of the team).
    ///
    /// The offset and the page's length are written into the statement, not passed as values:
    /// the server then keeps one plan for the page (Connection+Reuse), where planning it for
    /// values it could not see took longer than running it.
    static func browsedPage(_ selection: DealSelection, order: String, offset: Int, limit: Int,
                            actorColumns: String?) -> OneStatement<Page<DealSummary>> {
        let deals = selection.deals, total = selection.total
        let n = "(SELECT n FROM total)"
        var forward = selection.filter, backward = selection.filter
        forward.add("\(n) > \(offset) AND 2 * \(offset) < \(n)")
        // The rows offset ..< offset + limit are the last `n - offset` of the order (at most
        // `limit` of them), which the reversed order starts with, past its first `n - offset - limit`.
        backward.add("\(n) > \(offset) AND 2 * \(offset) >= \(n)")
        let sql = """
            WITH total AS MATERIALIZED (SELECT (\(total.sql)) AS n),
            forward AS (SELECT d.id \(deals) \(forward.whereClause) ORDER BY \(order) LIMIT \(limit) OFFSET \(offset)),
            backward AS (SELECT d.id \(deals) \(backward.whereClause)
                         ORDER BY \(reversed(order)) LIMIT greatest(0, least(\(limit), \(n) - \(offset))) OFFSET greatest(0, \(n) - \(offset) - \(limit))),
            -- At most a page, as the planner sees too: it then looks up only those deals and accounts.
            page AS (SELECT id FROM forward UNION ALL SELECT id FROM backward LIMIT \(limit))
            SELECT t.n AS closer_total, \(actorColumns.map { $0 + "," } ?? "") \(summaryColumns)
            FROM total t LEFT JOIN (page p JOIN deal d ON d.id = p.id JOIN account a ON a.id = d.account_id) ON true
            ORDER BY \(order)
            """
        return OneStatement(sql: sql, values: total.values + forward.values + backward.values) { rows in
            Page(rows: try DealSummary.pgRows(rows), total: try rows.first?.int("closer_total") ?? 0, offset: offset)
        }
    }

    /// `order` (a `dealOrder`) the other way round, term by term: walking it from the start is
    /// walking `order` from the end (PostgreSQL puts NULLs last going up and first going down, so
    /// they turn round too).
    static func reversed(_ order: String) -> String {
        order.components(separatedBy: ", ").map { term in
            if term.hasSuffix(" ASC") { return String(term.dropLast(4)) + " DESC" }
            if term.hasSuffix(" DESC") { return String(term.dropLast(5)) + " ASC" }
            return term + " DESC"
        }.joined(separator: ", ")
    }

    /// A scalar query counting the deals `conditions` (the filter's, `dealConditions`) select.
    /// The open deals of everything the actor sees are added up from their visibility units
    /// (DealCountsSQL): a handful of rows, under the same rule as the accounts.
    static func dealTotal(_ filter: DealFilter, _ conditions: SQLConditions, needsAccount: Bool,
                          as who: Actor) -> (sql: String, values: [SQLValue]) {
        var plain = filter
        plain.accountFilterName = nil
        plain.text = ""
        if plain == DealFilter() {
            var units = SQLConditions()
            units.restrict("u", to: who)
            return ("SELECT coalesce(sum(u.open_deals), 0)::bigint FROM \(DealCountsSQL.table) u \(units.whereClause)", units.values)
        }
        if needsAccount, let accounts = openDealAccounts(filter, as: who) {
            return ("SELECT coalesce(sum(a.open_deals), 0)::bigint FROM account a \(accounts.whereClause)", accounts.values)
        }
        let join = needsAccount ? "JOIN account a ON a.id = d.account_id" : ""
        return ("SELECT count(*) FROM deal d \(join) \(conditions.whereClause)", conditions.values)
    }

    /// The deals with these ids as the table shows them, in the page's order.
    static func dealRows(_ connection: Connection, ids: [Int64], order: String) throws -> [DealSummary] {
        guard !ids.isEmpty else { return [] }
        return try DealSummary.pgRows(connection.query("""
            SELECT \(summaryColumns) FROM deal d JOIN account a ON a.id = d.account_id
            WHERE d.id IN (\(ids.map { _ in "?" }.joined(separator: ","))) ORDER BY \(order)
            """, ids.map(SQLValue.int)))
    }

    /// When a filter asks for the open deals of some accounts and nothing else of the deals, the
    /// conditions on `account a` that pick those accounts: their open deals are counted by the
    /// account's own figure (`open_deals`, kept by every deal write), not by joining each deal to
    /// its account — for a rep, a join of every open deal was most of a page's time.
    static func openDealAccounts(_ filter: DealFilter, as who: Actor) -> SQLConditions? {
        // Only what names accounts may differ from the filter of every open deal.
        guard filter == DealFilter(grades: filter.grades, accountConditions: filter.accountConditions,
                                   accountFilterName: filter.accountFilterName) else { return nil }
        var sql = SQLConditions()
        if !filter.grades.isEmpty { sql.add("a.grade", in: filter.grades.map(\.rawValue).sorted()) }
        sql.add(conditions: filter.accountConditions, me: who.name)
        sql.restrict(to: who)
        return sql
    }
}
