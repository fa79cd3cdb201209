import CloserCore
import Foundation
import StoreTestSupport
import Testing

/// Search as you type finds the rows whose search key holds the text, however the store looks
/// for them (a scan; on PostgreSQL the trigram and character indexes): Chinese and pinyin
/// patterns of one, two and three or more characters, patterns whose characters are all in a key
/// but not side by side (长科 in 长沙春天科技), characters a LIKE would read as wildcards,
/// for a manager and for reps who see only some accounts. The rows expected are worked out here
/// from each visible row's key, by `SearchText.matches`, the Swift twin of the stores' LIKE.
@Suite("Search patterns: the same rows by index as by a scan of the keys")
struct SearchPatternTests {
    static let patterns = ["长", "春", "长春", "春长", "长春北", "长春北方", "长 春", "北方", "方罐", "春天", "方长春", "长科", "北长", "春检",
                           "cc", "c", "ccbf", "zcbf", "zgsh", "sh", "sctk", "%", "_", "100%", "改造_", "pumps", "mp", "furnace", "xyz",
                           "长春x", "长春 f"]

    /// Accounts, by id: 1 长春北方煤化工 wang · 2 长沙春天科技 li · 3 春长实业 wang exclusive · 4 中国石化 pool ·
    /// 5 Acme Steel li shared with wang · 6 北方长春仪表 li exclusive. Deals on each; one lost.
    static func world(_ backend: Backend) throws -> any TestStore {
        let store = try Team.store(backend)
        let accounts = [
            try Team.account(store, "长春北方煤化工", owner: Team.wang),
            try Team.account(store, "长沙春天科技", owner: Team.li),
            try Team.account(store, "春长实业", owner: Team.wang, visibility: .exclusive),
            try Team.account(store, "中国石化", owner: nil),
            try Team.account(store, "Acme Steel", owner: Team.li, visibility: .shared, shared: [Team.wang]),
            try Team.account(store, "北方长春仪表", owner: Team.li, visibility: .exclusive),
        ]
        let deals: [(Int, String)] = [(0, "长春罐区项目"), (0, "100% 改造_一期"), (1, "春季检修"), (2, "长春线改造"), (3, "Refinery pumps"),
                                      (3, "长春分公司"), (4, "长 春 furnace"), (5, "北方长春仪表更新")]
        for (index, (account, title)) in deals.enumerated() {
            let owner = accounts[account].owner ?? Team.wang
            _ = try store.addDeal(StoreFixture.deal(title, account: accounts[account].id, amount: Int64(10_000 * (index + 1)), owner: owner))
        }
        let lost = try store.addDeal(StoreFixture.deal("长春备件", account: accounts[0].id, owner: Team.wang))
        _ = try store.closeDeal(lost.id, as: .lost, reason: "price", expectedVersion: lost.version)
        return store
    }

    @Test(arguments: Backend.allCases) func dealsAndAccountsFoundByEveryPattern(_ backend: Backend) throws {
        let store = try Self.world(backend)
        for viewer in [Team.zhao, Team.wang, Team.li] {
            let view = store.acting(as: viewer)
            let deals = try view.deals(DealQuery(filter: DealFilter(includeClosed: true), sort: .id, ascending: true, limit: 100)).rows
            let accounts = try view.accounts(AccountQuery(sort: .id, limit: 100)).rows
            for text in Self.patterns {
                let expectedDeals = deals.filter { SearchText.matches(key: Deal.searchKey(title: $0.title, accountName: $0.accountName), query: text) }
                let found = try view.deals(DealQuery(filter: DealFilter(text: text, includeClosed: true), sort: .id, ascending: true, limit: 100))
                #expect(found.rows.map(\.id) == expectedDeals.map(\.id), "deals of \(viewer) for \(text)")
                #expect(found.total == expectedDeals.count, "deal total of \(viewer) for \(text)")
                let open = try view.deals(DealQuery(filter: DealFilter(text: text), sort: .id, ascending: true, limit: 100))
                #expect(open.rows.map(\.id) == expectedDeals.filter { $0.outcome == .open }.map(\.id), "open deals of \(viewer) for \(text)")

                let expectedAccounts = accounts.filter { SearchText.matches(key: $0.account.searchKey, query: text) }.map(\.id)
                let byText = try view.accounts(AccountQuery(text: text, sort: .id, limit: 100))
                #expect(byText.rows.map(\.id) == expectedAccounts, "accounts of \(viewer) for \(text)")
                #expect(byText.total == expectedAccounts.count, "account total of \(viewer) for \(text)")
                let byCondition = try view.accounts(AccountQuery(conditions: [.text(text)], sort: .id, limit: 100))
                #expect(byCondition.rows.map(\.id) == expectedAccounts, "accounts of \(viewer) for the condition \(text)")
            }
        }
    }

    /// The fixture is not vacuous: the manager's matches for the patterns the indexes treat apart.
    @Test(arguments: Backend.allCases, [
        ("长", 8), ("长春", 6), ("春长", 1), ("长春北", 3), ("长 春", 1), ("ccbf", 3), ("%", 1), ("_", 1), ("xyz", 0),
        ("春天", 1), ("长科", 0), ("北长", 0), ("sctk", 1),
    ] as [(String, Int)]) func managerMatches(_ backend: Backend, _ arguments: (String, Int)) throws {
        let (text, count) = arguments
        let store = try Self.world(backend)
        #expect(try store.deals(DealQuery(filter: DealFilter(text: text, includeClosed: true), limit: 100)).total == count)
    }

    /// The total of a rep's open deals is the number of deals the table lists, whichever way the
    /// store counts them, and follows a deal that closes.
    @Test(arguments: Backend.allCases) func openDealTotalsCountTheDealsListed(_ backend: Backend) throws {
        let store = try Self.world(backend)
        let filters = [DealFilter(), DealFilter(accountConditions: [.visibility([.owned, .shared])]), DealFilter(grades: [.b]),
                       DealFilter(grades: [.a])]
        func check(_ label: String) throws {
            for viewer in [Team.zhao, Team.wang, Team.li] {
                for filter in filters {
                    let page = try store.acting(as: viewer).deals(DealQuery(filter: filter, limit: 100))
                    #expect(page.total == page.rows.count, "\(label): \(viewer) \(filter)")
                }
            }
        }
        try check("as made")
        #expect(try store.acting(as: Team.wang).deals(DealQuery(limit: 100)).total == 6)
        let first = try #require(try store.acting(as: Team.wang).deals(DealQuery(sort: .id, ascending: true, limit: 1)).rows.first)
        _ = try store.closeDeal(first.id, as: .won, reason: "", expectedVersion: first.version)
        try check("after a win")
        #expect(try store.acting(as: Team.wang).deals(DealQuery(limit: 100)).total == 5)
    }
}
