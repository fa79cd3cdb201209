import CloserCore
import Foundation
import StoreTestSupport
import Testing

/// Search as you type asks the same search again and again (each redraw, each page down), and
/// both stores keep what they found while nothing is written: the file store its counts
/// (CountCache), the server the first matches with the snapshot they were found in
/// (SearchProbeCache). Asked again, a search answers as it did; after any write (through this
/// handle or another program's), as a store that never kept anything would: the rows a manager
/// and a rep see, in order, page by page, and the total — the same on both stores.
@Suite("Repeated searches: the same answer while nothing changes, the new one after any write")
struct RepeatedSearchTests {
    static let texts = ["长春", "长春北", "pumps", "改造", "xyz"]
    static let viewers = [Team.zhao, Team.wang]

    /// Every answer of the script below, one line each, for comparing the stores.
    static func transcript(_ backend: Backend) throws -> [String] {
        let shared = try backend.sharedStore()
        defer { shared.remove() }
        let first = try shared.open(actor: Team.zhao)
        try first.saveUser(User(name: Team.zhao, role: .manager))
        try first.saveUser(User(name: Team.wang, role: .rep))
        try first.saveUser(User(name: Team.li, role: .rep))
        let wangs = try Team.account(first, "长春北方煤化工", owner: Team.wang)
        let lis = try Team.account(first, "Acme Steel", owner: Team.li, visibility: .shared, shared: [Team.wang])
        let pool = try Team.account(first, "中国石化", owner: nil)
        var deals: [Deal] = []
        for (index, (account, title)) in [(wangs, "罐区项目"), (lis, "长春分公司改造"), (pool, "Refinery pumps"), (lis, "长春北线"),
                                          (pool, "长春 改造"), (wangs, "pumps 二期")].enumerated() {
            deals.append(try first.addDeal(StoreFixture.deal(title, account: account.id, amount: Int64(10_000 * (index % 3 + 1)),
                                                             owner: account.owner ?? Team.wang)))
        }
        // Another program on the same store: its writes are seen by the first handle's next search.
        let other = try shared.open(actor: Team.zhao)
        var lines: [String] = []

        func ask(_ step: String) throws {
            for viewer in viewers {
                let view = first.acting(as: viewer)
                let everything = try view.deals(DealQuery(filter: DealFilter(includeClosed: true), sort: .amount, ascending: false, limit: 100)).rows
                for text in texts {
                    let expected = everything.filter {
                        $0.outcome == .open && SearchText.matches(key: Deal.searchKey(title: $0.title, accountName: $0.accountName), query: text)
                    }
                    // Twice each (the second from what the store kept), a page at a time and whole.
                    for round in 0 ..< 2 {
                        var pages: [DealSummary] = []
                        for offset in stride(from: 0, through: 4, by: 2) {
                            let page = try view.deals(DealQuery(filter: DealFilter(text: text), sort: .amount, ascending: false,
                                                                offset: offset, limit: 2))
                            #expect(page.total == expected.count, "\(step): total of \(viewer) for \(text), round \(round)")
                            pages += page.rows
                        }
                        let whole = try view.deals(DealQuery(filter: DealFilter(text: text), sort: .amount, ascending: false, limit: 40))
                        #expect(pages.map(\.id) == expected.prefix(6).map(\.id), "\(step): pages of \(viewer) for \(text), round \(round)")
                        #expect(whole.rows.map(\.id) == expected.map(\.id), "\(step): \(viewer) for \(text), round \(round)")
                        #expect(whole.rows == expected, "\(step): the rows as the table shows them, \(viewer) for \(text)")
                        lines.append("\(step) \(viewer) \(text) \(round): \(whole.total) \(whole.rows.map { "\($0.title)/\($0.amount.minorUnits)" })")
                    }
                }
            }
        }

        try ask("start")
        _ = try first.addDeal(StoreFixture.deal("长春新线 pumps", account: wangs.id, amount: 50_000, owner: Team.wang))
        try ask("added here")
        _ = try other.editDeal(deals[1].id, expectedVersion: nil) { $0.title = "分公司" }
        try ask("renamed by another program")
        _ = try other.editDeal(deals[0].id, expectedVersion: nil) { $0.amount = Money(minorUnits: 90_000, currency: "CNY") }
        try ask("reordered by another program")
        _ = try other.closeDeal(deals[4].id, as: .lost, reason: "price", expectedVersion: nil)
        try ask("closed by another program")
        _ = try other.editAccount(lis.id, expectedVersion: nil) { $0.visibility = .exclusive }
        try ask("hidden from the rep by another program")
        return lines
    }

    @Test func bothStoresAnswerAlikeAndFollowEveryWrite() throws {
        let sqlite = try Self.transcript(.sqlite)
        let postgres = try Self.transcript(.postgres)
        #expect(sqlite == postgres)
        // Not vacuous: the writes changed what the searches found.
        #expect(Set(sqlite.map { $0.split(separator: ":").dropFirst().joined() }).count > 10)
    }
}
