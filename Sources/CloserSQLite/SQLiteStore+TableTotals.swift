import CloserCore
import GRDB

/// The deal and account tables' footers: one grouped pass over what the filter selects.
extension SQLiteStore {
    /// The deals the user may see that `filter` selects.
    public func dealTotals(_ filter: DealFilter) throws -> TableTotals {
        try readAsActor { db, who in
            let (sql, needsAccount) = Self.sqlFilter(filter, as: who)
            let join = needsAccount ? "JOIN account a ON a.id = d.account_id" : ""
            return try Self.totals(db, count: nil, """
                SELECT d.currency, COUNT(*) AS n, SUM(d.amount) AS amount, SUM(d.weighted) AS weighted
                FROM deal d \(join) \(sql.whereClause) GROUP BY d.currency
                """, sql.arguments)
        }
    }

    /// The accounts the user may see that `query` selects, with their open deals' amounts.
    public func accountTotals(_ query: AccountQuery) throws -> TableTotals {
        try readAsActor { db, who in
            let filter = Self.accountFilter(query, as: who)
            let count = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM account a \(filter.whereClause)", arguments: filter.arguments) ?? 0
            var open = filter
            open.add("d.outcome = 'open'")
            return try Self.totals(db, count: count, """
                SELECT d.currency, COUNT(*) AS n, SUM(d.amount) AS amount, SUM(d.weighted) AS weighted
                FROM deal d JOIN account a ON a.id = d.account_id \(open.whereClause) GROUP BY d.currency
                """, open.arguments)
        }
    }

    /// Per-currency sums; the count is the rows summed unless given.
    private static func totals(_ db: Database, count: Int?, _ sql: String, _ arguments: StatementArguments) throws -> TableTotals {
        var rows = 0
        var amounts: [CurrencyTotal] = []
        for row in try Row.fetchAll(db, sql: sql, arguments: arguments) {
            rows += row["n"] as Int? ?? 0
            amounts.append(CurrencyTotal(currency: row["currency"] as String? ?? "", amount: row["amount"] as Int64? ?? 0,
                                         weighted: row["weighted"] as Int64? ?? 0))
        }
        return TableTotals(count: count ?? rows, amounts: amounts)
    }
}
