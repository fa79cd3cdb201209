@testable import CloserPostgres
import CloserCore
import Foundation
import StoreTestSupport
import Testing

/// The search indexes (ScreenIndexesSQL) on a database whose planner may not scan a table
/// (`enable_seqscan` off), so every search goes through them: the statements the store writes
/// use them, and find exactly the rows whose key holds the text, for a manager and for a rep who
/// sees only some accounts. (SearchPatternTests holds both stores to the same rows on small
/// tables, where the planner scans.)
@Suite("Search indexes: found by the trigram and character indexes, the same rows as a scan")
struct SearchIndexTests {
    static let patterns = ["长", "春", "长春", "春长", "长春北", "长 春", "北方", "cc", "ccbf", "zgsh", "%", "_", "pumps", "xyz"]
    static let manager = "zhao.min", rep = "wang.lei"

    /// A store on a database of its own whose planner uses the indexes wherever it can.
    static func indexedStore() throws -> PostgresStore {
        let settings = try TestServer.initializedDatabase()
        let raw = try Connection.open(settings)
        try raw.execute("ALTER DATABASE \(CopyText.quoted(settings.database)) SET enable_seqscan = off")
        raw.close()
        let store = try TestServer.store(on: settings, actor: manager)
        try store.saveUser(User(name: manager, role: .manager))
        try store.saveUser(User(name: rep, role: .rep))
        try store.saveUser(User(name: "li.na", role: .rep))
        let names: [(String, String?)] = [("长春北方煤化工", rep), ("长沙春天科技", "li.na"), ("春长实业", rep), ("中国石化", nil), ("北方长春仪表", "li.na")]
        for (index, (name, owner)) in names.enumerated() {
            let account = try store.addAccount(Account(name: name, grade: .b, assistance: 5, loyalty: 5, owner: owner,
                                                       visibility: owner == nil ? .pool : .owned))
            for title in ["长春罐区项目 \(index)", "100% 改造_\(index)", "Refinery pumps \(index)"] {
                _ = try store.addDeal(Deal(accountID: account.id, title: title, processKey: "project", stageKey: "develop",
                                           amount: Money(minorUnits: Int64(1_000 * (index + 1)), currency: "CNY"), owner: owner ?? rep))
            }
        }
        return store
    }

    @Test func searchesUseTheIndexes() throws {
        let store = try Self.indexedStore()
        let raw = try Connection.open(store.settings)
        defer { raw.close() }
        for (text, table, index) in [("长春", "deal", "deal_search_characters"), ("长", "account", "account_search_characters"),
                                     ("zgsh", "deal", "deal_search_trigrams"), ("ccbf", "account", "account_search_trigrams")] {
            var conditions = SQLConditions()
            conditions.addSearch(text, alias: "x")
            let plan = try raw.query("EXPLAIN SELECT count(*) AS n FROM \(table) x \(conditions.whereClause)", conditions.values)
                .map { try $0.string("QUERY PLAN") }.joined(separator: "\n")
            #expect(plan.contains(index), "\(text) on \(table):\n\(plan)")
        }
    }

    @Test func indexedSearchFindsTheRowsAScanFinds() throws {
        let store = try Self.indexedStore()
        for viewer in [Self.manager, Self.rep] {
            let view = store.acting(as: viewer)
            let deals = try view.deals(DealQuery(filter: DealFilter(includeClosed: true), sort: .id, ascending: true, limit: 100)).rows
            let accounts = try view.accounts(AccountQuery(sort: .id, limit: 100)).rows
            for text in Self.patterns {
                let expected = deals.filter { SearchText.matches(key: Deal.searchKey(title: $0.title, accountName: $0.accountName), query: text) }
                let found = try view.deals(DealQuery(filter: DealFilter(text: text, includeClosed: true), sort: .id, ascending: true, limit: 100))
                #expect(found.rows.map(\.id) == expected.map(\.id) && found.total == expected.count, "deals of \(viewer) for \(text)")
                let expectedAccounts = accounts.filter { SearchText.matches(key: $0.account.searchKey, query: text) }.map(\.id)
                let foundAccounts = try view.accounts(AccountQuery(text: text, sort: .id, limit: 100))
                #expect(foundAccounts.rows.map(\.id) == expectedAccounts && foundAccounts.total == expectedAccounts.count,
                        "accounts of \(viewer) for \(text)")
            }
        }
        // Not vacuous: the rep finds 长春 in every deal of their 长春北方煤化工 and in the titles on
        // 春长实业 and the pool's 中国石化, and nothing of li.na's.
        #expect(try store.acting(as: Self.rep).deals(DealQuery(filter: DealFilter(text: "长春"), limit: 100)).total == 3 + 1 + 1)
    }
}
