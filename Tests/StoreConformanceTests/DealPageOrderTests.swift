import CloserCore
import Foundation
import StoreTestSupport
import Testing

/// Every page of the deal table is the slice of the whole ordered table at its offset, in every
/// sort, both ways, with the total beside it — whichever end a store walks from (the server reads
/// a page past the middle backwards from the last deal) and whoever reads it.
@Suite("Deal table pages at every offset")
struct DealPageOrderTests {
    private func store(_ backend: Backend) throws -> any TestStore {
        let store = try StoreFixture.store(backend)
        let alice = try store.acting(as: "alice").addAccount(StoreFixture.account("中国石化", owner: "alice"))
        let bob = try store.acting(as: "bob").addAccount(StoreFixture.account("Acme Steel", owner: "bob"))
        let pool = try store.addAccount(Account(name: "Pool 公海", assistance: 5, loyalty: 5, owner: nil, visibility: .pool))
        // Ties in amount, stage and owner, dates missing on some, so that the id settles each order.
        let amounts: [Int64] = [5_000, 5_000, 9_000, 1_000, 5_000, 7_500, 9_000, 2_000, 5_000, 3_000, 7_500]
        for (index, amount) in amounts.enumerated() {
            let account = [alice, bob, pool][index % 3]
            let owner = account.owner ?? "alice"
            var deal = StoreFixture.deal("Deal \(index % 4)", account: account.id, stage: index % 2 == 0 ? "develop" : "entry",
                                         amount: amount, owner: owner)
            deal.expectedClose = index % 3 == 1 ? nil : StoreFixture.today.adding(days: index % 5)
            deal.nextStepDue = index % 4 == 0 ? nil : StoreFixture.today.adding(days: index % 3)
            _ = try store.acting(as: owner).addDeal(deal)
        }
        return store
    }

    @Test(arguments: Backend.allCases) func eachPageIsTheSliceOfTheWholeTable(_ backend: Backend) throws {
        let store = try store(backend)
        for viewer in [nil, Viewer(name: "alice", role: .rep)] {
            let reader = try store.viewing(viewer)
            for sort in DealSortKey.allCases {
                for ascending in [true, false] {
                    let whole = try reader.deals(DealQuery(sort: sort, ascending: ascending, limit: 1_000))
                    let ids = whole.rows.map(\.id)
                    #expect(whole.total == ids.count)
                    #expect(ids.count == (viewer == nil ? 11 : 7))
                    for offset in 0...(ids.count + 1) {
                        let page = try reader.deals(DealQuery(sort: sort, ascending: ascending, offset: offset, limit: 3))
                        #expect(page.rows.map(\.id) == Array(ids.dropFirst(offset).prefix(3)), "\(sort) \(ascending) at \(offset)")
                        #expect(page.total == ids.count && page.offset == offset)
                    }
                }
            }
        }
    }
}
