import CloserCore
import Foundation
import StoreTestSupport
import Testing

/// The server writes a rep's name into the statements that limit what they see (so a page of
/// theirs is planned once, VisibilitySQL.visibleTo): a name with a quote, a backslash or a
/// question mark limits exactly as any other name does — their own accounts, the pool, what is
/// shared with them — on both stores, on every screen that reads by it.
@Suite("A rep's name in the statement: quotes, backslashes and question marks limit as any name")
struct RepNameInStatementTests {
    static let odd = #"o'neil\x?y"#, other = #"o'neil\x"#

    @Test(arguments: Backend.allCases) func anOddNameSeesItsOwnAndNoMore(_ backend: Backend) throws {
        let store = try Team.store(backend)
        try store.saveUser(User(name: Self.odd, role: .rep))
        try store.saveUser(User(name: Self.other, role: .rep))
        let own = try Team.account(store, "长春自有", owner: Self.odd)
        let near = try Team.account(store, "长春近名", owner: Self.other)
        let shared = try Team.account(store, "长春共享", owner: Self.other, visibility: .shared, shared: [Self.odd])
        let pool = try Team.account(store, "长春公共", owner: nil)
        for account in [own, near, shared, pool] {
            _ = try store.addDeal(StoreFixture.deal("长春项目 \(account.name)", account: account.id, owner: account.owner ?? Self.odd))
        }
        let view = store.acting(as: Self.odd)
        let seen = [own.id, shared.id, pool.id].sorted()
        #expect(try view.accounts(AccountQuery(sort: .id, limit: 10)).rows.map(\.id) == seen)
        #expect(try view.accounts(AccountQuery(text: "长春", sort: .id, limit: 10)).rows.map(\.id) == seen)
        let browsed = try view.deals(DealQuery(sort: .id, ascending: true, limit: 10))
        #expect(browsed.rows.map(\.accountID).sorted() == seen && browsed.total == 3)
        for _ in 0 ..< 2 {
            let searched = try view.deals(DealQuery(filter: DealFilter(text: "长春"), sort: .id, ascending: true, limit: 10))
            #expect(searched.rows.map(\.accountID).sorted() == seen && searched.total == 3)
        }
        #expect(throws: (any Error).self) { try view.account(near.id) }
        // The other name, a prefix of the odd one, sees its own and not the one shared with the odd name only.
        let nearView = store.acting(as: Self.other)
        #expect(try nearView.deals(DealQuery(sort: .id, ascending: true, limit: 10)).rows.map(\.accountID).sorted()
                    == [near.id, shared.id, pool.id].sorted())
        #expect(try nearView.accounts(AccountQuery(sort: .id, limit: 10)).rows.map(\.id) == [near.id, shared.id, pool.id].sorted())
    }
}
