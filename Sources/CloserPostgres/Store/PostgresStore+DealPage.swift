import CloserCore
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
        let order = Self.dealOrder(query)
        let offset = max(0, query.offset), limit = max(0, query.limit)
        return try readAsActor { connection, who in
            let (filter, needsAccount) = Self.dealConditions(query.filter, as: who)
            let join = needsAccount || query.sort == .account ? "JOIN account a ON a.id = d.account_id" : ""
            let ids = "SELECT d.id FROM deal d \(join) \(filter.whereClause) ORDER BY \(order)"
            func count() throws -> Int { try Self.dealCount(connection, query.filter, filter, needsAccount: needsAccount, as: who) }
            func page() throws -> [Int64] {
                try connection.query("\(ids) LIMIT ? OFFSET ?", filter.values(appending: [.int(limit), .int(offset)])).map { try $0.int64("id") }
            }
            let total: Int, shown: [Int64]
            if query.filter.text.trimmingCharacters(in: .whitespaces).isEmpty {
                // Page through ids in the index, then read only the rows shown; past the last deal
                // there is nothing to walk to (a rep's deep page walked every deal of the team).
                total = try count()
                shown = offset < total ? try page() : []
            } else {
                let probe = try connection.query("\(ids) LIMIT ?", filter.values(appending: [.int(Self.searchProbeLimit + 1)]))
                    .map { try $0.int64("id") }
                if probe.count <= Self.searchProbeLimit {
                    (total, shown) = (probe.count, Array(probe.dropFirst(offset).prefix(limit)))
                } else {
                    total = try count()
                    shown = offset + limit <= Self.searchProbeLimit ? Array(probe.dropFirst(offset).prefix(limit)) : try page()
                }
            }
            return Page(rows: try Self.dealRows(connection, ids: shown, order: order), total: total, offset: offset)
        }
    }

    /// The deals with these ids as the table shows them, in the page's order.
    static func dealRows(_ connection: Connection, ids: [Int64], order: String) throws -> [DealSummary] {
        guard !ids.isEmpty else { return [] }
        return try connection.query("""
            SELECT \(summaryColumns) FROM deal d JOIN account a ON a.id = d.account_id
            WHERE d.id IN (\(ids.map { _ in "?" }.joined(separator: ","))) ORDER BY \(order)
            """, ids.map(SQLValue.int)).map(DealSummary.init(pg:))
    }

    /// How many deals `conditions` (the filter's, `dealConditions`) select.
    static func dealCount(_ connection: Connection, _ filter: DealFilter, _ conditions: SQLConditions, needsAccount: Bool,
                          as who: Actor) throws -> Int {
        if needsAccount, let accounts = openDealAccounts(filter, as: who) {
            return try connection.queryOne("SELECT coalesce(sum(a.open_deals), 0)::bigint AS n FROM account a \(accounts.whereClause)",
                                           accounts.values)?.int("n") ?? 0
        }
        let join = needsAccount ? "JOIN account a ON a.id = d.account_id" : ""
        return try connection.queryOne("SELECT count(*) AS n FROM deal d \(join) \(conditions.whereClause)", conditions.values)?.int("n") ?? 0
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
