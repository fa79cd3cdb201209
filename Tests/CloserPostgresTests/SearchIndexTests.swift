@testable import CloserPostgres
import CloserCore
import CloserStoreKit
import Foundation
import StoreTestSupport
import Testing

/// The search indexes (ScreenIndexesSQL; the deals' split by outcome, DealSearchByOutcomeSQL) on
/// a database whose planner may not scan a table (`enable_seqscan` off), so every search goes
/// through them: the statements the store writes use them, and find exactly the rows whose key
/// holds the text, open deals and closed, for a manager and for a rep who sees only some
/// accounts. (SearchPatternTests holds both stores to the same rows on small tables, where the
/// planner scans.)
@Suite("Search indexes: found by the trigram and character indexes, the same rows as a scan")
struct SearchIndexTests {
    static let patterns = ["长", "春", "长春", "春长", "长春北", "长春北方煤", "长 春", "北方", "长科", "北长", "罐区项目 1", "cc", "ccbf",
                           "zgsh", "cbfmhg", "%", "_", "pumps", "xyz"]
    static let manager = "zhao.min", rep = "wang.lei"

    /// A store on a database of its own whose planner uses the indexes wherever it can.
    static func indexedStore() throws -> PostgresStore {
        let settings = try TestServer.initializedDatabase()
        let raw = try Connection.open(settings)
        try raw.execute("ALTER DATABASE \(CopyText.quoted(settings.database)) SET enable_seqscan = off")
        // Nor walk another index of the deals: on a table this small, walking one of the open
        // deals (a condition of every open search) costs the planner less than the search indexes.
        let others = try raw.query("""
            SELECT indexname FROM pg_indexes WHERE tablename = 'deal' AND indexname NOT LIKE 'deal_search_%'
            AND indexname NOT IN (SELECT conname FROM pg_constraint)
            """)
        for row in others { try raw.execute("DROP INDEX \(CopyText.quoted(try row.string("indexname")))") }
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
        // Closed deals, found only by a search of every outcome: one of a 长春 title, one in English.
        let deals = try store.deals(DealQuery(sort: .id, ascending: true, limit: 100)).rows
        for (id, outcome) in [(deals[0].id, Outcome.lost), (deals[5].id, .won)] {
            let deal = try store.deal(id)
            _ = try store.closeDeal(id, as: outcome, reason: "price", expectedVersion: deal.version)
        }
        return store
    }

    @Test func searchesUseTheIndexes() throws {
        let store = try Self.indexedStore()
        let raw = try Connection.open(store.settings)
        defer { raw.close() }
        func plan(_ table: String, _ conditions: SQLConditions) throws -> String {
            try raw.query("EXPLAIN SELECT count(*) AS n FROM \(table) x \(conditions.whereClause)", conditions.values)
                .map { try $0.string("QUERY PLAN") }.joined(separator: "\n")
        }
        for (text, index) in [("长", "account_search_characters"), ("ccbf", "account_search_trigrams")] {
            var conditions = SQLConditions()
            conditions.addSearch(text, alias: "x")
            let found = try plan("account", conditions)
            #expect(found.contains(index), "\(text) on accounts:\n\(found)")
        }
        // Deals: an open search reads the open deals' indexes alone; a search of every outcome, both halves.
        for (text, kind) in [("长春", "characters"), ("zgsh", "trigrams")] {
            var open = SQLConditions()
            open.add("x.outcome = 'open'")
            open.addSearch(text, alias: "x")
            let openPlan = try plan("deal", open)
            #expect(openPlan.contains("deal_search_\(kind)_open") && !openPlan.contains("_closed"), "open deals, \(text):\n\(openPlan)")
            var every = SQLConditions()
            every.addSearchOfEveryOutcome(text, alias: "x")
            let everyPlan = try plan("deal", every)
            #expect(everyPlan.contains("deal_search_\(kind)_open") && everyPlan.contains("deal_search_\(kind)_closed"),
                    "deals of every outcome, \(text):\n\(everyPlan)")
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
                let openOnes = expected.filter { $0.outcome == .open }.map(\.id)
                let open = try view.deals(DealQuery(filter: DealFilter(text: text), sort: .id, ascending: true, limit: 100))
                #expect(open.rows.map(\.id) == openOnes && open.total == openOnes.count, "open deals of \(viewer) for \(text)")
                let expectedAccounts = accounts.filter { SearchText.matches(key: $0.account.searchKey, query: text) }.map(\.id)
                let foundAccounts = try view.accounts(AccountQuery(text: text, sort: .id, limit: 100))
                #expect(foundAccounts.rows.map(\.id) == expectedAccounts && foundAccounts.total == expectedAccounts.count,
                        "accounts of \(viewer) for \(text)")
            }
        }
        // Not vacuous: the rep finds 长春 in every deal of their 长春北方煤化工 and in the titles on
        // 春长实业 and the pool's 中国石化, and nothing of li.na's; the lost one of them only with the closed deals.
        let rep = store.acting(as: Self.rep)
        #expect(try rep.deals(DealQuery(filter: DealFilter(text: "长春"), limit: 100)).total == 2 + 1 + 1)
        #expect(try rep.deals(DealQuery(filter: DealFilter(text: "长春", includeClosed: true), limit: 100)).total == 3 + 1 + 1)
        #expect(try store.deals(DealQuery(filter: DealFilter(text: "pumps", includeClosed: true), limit: 100)).total == 5)
        #expect(try store.deals(DealQuery(filter: DealFilter(text: "长科"), limit: 100)).total == 0)
    }
}

/// A search's page is worked out in the server from the first matches (`probedPage`): how many
/// of the first `n` there are, and the deals at the page's offset among them, in order.
@Suite("Search probe: the first matches counted and paged in one statement")
struct SearchProbeTests {
    @Test func probeCountsAndPagesTheFirstMatches() throws {
        let store = try SearchIndexTests.indexedStore()
        let raw = try Connection.open(store.settings)
        defer { raw.close() }
        let manager = Actor.member(Viewer(name: SearchIndexTests.manager, role: .manager))
        for sort in [DealSortKey.amount, .account, .id] {
            let query = DealQuery(filter: DealFilter(text: "长春", includeClosed: true), sort: sort, limit: 100)
            let all = try store.deals(query).rows.map(\.id)
            #expect(all.count == 9)
            let (filter, needsAccount) = PostgresStore.dealConditions(query.filter, as: manager)
            let join = needsAccount || sort == .account ? "JOIN account a ON a.id = d.account_id" : ""
            for n in [1, 4, 9, 10] {
                for (offset, limit) in [(0, 3), (2, 3), (3, 40), (8, 5), (12, 2), (0, 0)] {
                    let probed = try PostgresStore.probedPage(raw, ids: "SELECT d.id FROM deal d \(join) \(filter.whereClause)", filter,
                                                              order: PostgresStore.dealOrder(query), probe: n, offset: offset, limit: limit)
                    let firstN = Array(all.prefix(n))
                    #expect(probed.matched == firstN.count, "\(sort) n \(n)")
                    #expect(probed.rows.map(\.id) == Array(firstN.dropFirst(offset).prefix(limit)), "\(sort) n \(n) offset \(offset) limit \(limit)")
                }
            }
        }
    }

    /// The count and a page past the probe are asked only when the probe is full.
    @Test func countAndPageOnlyPastTheProbe() throws {
        for (matches, offset, limit, counts, pages) in [(5, 0, 3, false, false), (10, 0, 3, false, false), (11, 0, 3, true, false),
                                                       (11, 8, 2, true, false), (11, 9, 2, true, true), (50, 40, 5, true, true)] {
            var counted = false, paged = false
            let (rows, total) = try ProbedPage.rows(offset: offset, limit: limit, probeLimit: 10, probe: { n in
                (min(matches, n), Array(Array(0 ..< min(matches, n)).dropFirst(offset).prefix(limit)))
            }, count: {
                counted = true
                return matches
            }, page: {
                paged = true
                return Array(Array(0 ..< matches).dropFirst(offset).prefix(limit))
            })
            #expect(total == matches && rows == Array(Array(0 ..< matches).dropFirst(offset).prefix(limit)), "\(matches) \(offset) \(limit)")
            #expect(counted == counts && paged == pages, "\(matches) matches, offset \(offset), limit \(limit)")
        }
    }
}
