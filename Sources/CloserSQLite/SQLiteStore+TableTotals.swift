import CloserCore
import GRDB

/// The deal and account tables' footers: one grouped pass over what the filter selects.
extension SQLiteStore {
    /// The deals the user may see that `filter` selects.
    public func dealTotals(_ filter: DealFilter) throws -> TableTotals {
        try readAsActor { db, who in
            let (sql, needsAccount) = Self.sqlFilter(filter, as: who, text: try DealTextSQL.plan(db, text: filter.text), counting: true)
            let join = needsAccount ? "JOIN account a ON a.id = d.account_id" : ""
            return try Self.totals(db, count: nil, """
                SELECT d.currency, COUNT(*) AS n, SUM(d.amount) AS amount, SUM(d.weighted) AS weighted
                FROM deal d \(join) \(sql.whereClause) GROUP BY d.currency
                """, sql.arguments)
        }
    }

    /// The accounts the user may see that `query` selects, with their open deals' amounts. One
    /// pass over the accounts (a search's LIKE cannot use an index, so every pass is a scan: the
    /// count and the sums share it), each account's deals met through `deal_account`, so a search
    /// that matches a few accounts sums their deals, not every open deal joined to its account.
    public func accountTotals(_ query: AccountQuery) throws -> TableTotals {
        try readAsActor { db, who in
            let filter = Self.accountFilter(query, as: who)
            let rows = try Row.fetchAll(db, sql: """
                WITH matched AS MATERIALIZED (
                    SELECT a.id AS account, d.currency AS currency, d.amount AS amount, d.weighted AS weighted
                    FROM account a LEFT JOIN deal d ON d.account_id = a.id AND d.outcome = 'open' \(filter.whereClause))
                SELECT currency, COUNT(currency) AS n, SUM(amount) AS amount, SUM(weighted) AS weighted,
                       (SELECT COUNT(DISTINCT account) FROM matched) AS accounts
                FROM matched GROUP BY currency
                """, arguments: filter.arguments)
            let amounts = rows.compactMap { row -> CurrencyTotal? in
                guard let currency = row["currency"] as String? else { return nil }
                return CurrencyTotal(currency: currency, amount: row["amount"] as Int64? ?? 0, weighted: row["weighted"] as Int64? ?? 0)
            }
            return TableTotals(count: rows.first.map { $0["accounts"] as Int? ?? 0 } ?? 0, amounts: amounts)
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
