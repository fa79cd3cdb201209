import CloserCore

/// The deal and account tables' footers: one grouped pass over what the filter selects.
extension PostgresStore {
    /// The deals the user may see that `filter` selects.
    public func dealTotals(_ filter: DealFilter) throws -> TableTotals {
        try readAsActor { connection, who in
            let (sql, needsAccount) = Self.dealConditions(filter, as: who)
            let join = needsAccount ? "JOIN account a ON a.id = d.account_id" : ""
            return try Self.totals(connection, count: nil, """
                SELECT d.currency, count(*) AS n, sum(d.amount)::bigint AS amount, sum(d.weighted)::bigint AS weighted
                FROM deal d \(join) \(sql.whereClause) GROUP BY d.currency
                """, sql.values)
        }
    }

    /// The accounts the user may see that `query` selects, with their open deals' amounts.
    public func accountTotals(_ query: AccountQuery) throws -> TableTotals {
        try readAsActor { connection, who in
            let filter = Self.accountFilter(query, as: who)
            let count = try connection.queryOne("SELECT count(*) AS n FROM account a \(filter.whereClause)", filter.values)?.int("n") ?? 0
            var open = filter
            open.add("d.outcome = 'open'")
            return try Self.totals(connection, count: count, """
                SELECT d.currency, count(*) AS n, sum(d.amount)::bigint AS amount, sum(d.weighted)::bigint AS weighted
                FROM deal d JOIN account a ON a.id = d.account_id \(open.whereClause) GROUP BY d.currency
                """, open.values)
        }
    }

    /// Per-currency sums; the count is the rows summed unless given.
    private static func totals(_ connection: Connection, count: Int?, _ sql: String, _ values: [SQLValue]) throws -> TableTotals {
        var rows = 0
        var amounts: [CurrencyTotal] = []
        for row in try connection.query(sql, values) {
            rows += try row.int("n")
            amounts.append(CurrencyTotal(currency: try row.string("currency"), amount: try row.int64("amount"), weighted: try row.int64("weighted")))
        }
        return TableTotals(count: count ?? rows, amounts: amounts)
    }
}
