import CloserCore
import Foundation
import StoreTestSupport
import Testing

/// A store written change by change keeps its stage history as each change is logged (one
/// trigger run per event); the same store's file imported whole gets its history set-based, in
/// one pass over the log. The weekly review must read the same from both, on both backends.
@Suite("A whole store's load reads the review as its changes one by one did")
struct BulkHistoryParityTests {
    /// Two reps' deals through every kind of stage change: moves on (through a gate, forced) and
    /// back, wins, losses, a withdrawal, reopenings (twice for one deal), close dates pushed out,
    /// a deal handed to the other rep.
    static func writtenOneByOne(_ backend: Backend) throws -> (store: any TestStore, clock: TestClock) {
        let clock = TestClock(StoreFixture.now.addingTimeInterval(-40 * 86_400))
        let store = try Team.store(backend, clock: clock)
        let wang = store.acting(as: Team.wang), li = store.acting(as: Team.li)
        let accounts = [Team.wang: try Team.account(store, "宝钢股份", owner: Team.wang), Team.li: try Team.account(store, "鞍钢集团", owner: Team.li)]
        var deals: [Deal] = []
        for (index, rep) in [wang, li, wang, li, wang, wang].enumerated() {
            deals.append(try rep.addDeal(Deal(accountID: accounts[rep.actor]?.id ?? 0, title: "商机\(index + 1)", processKey: "project", stageKey: "develop",
                                              amount: Money(minorUnits: Int64(index + 1) * 100_000),
                                              expectedClose: Day(year: 2026, month: 12, day: 31), owner: rep.actor)))
        }
        func step(_ days: Int = 3) { clock.advance(days: days) }
        let gate = "客户催"
        step(); _ = try wang.moveDeal(deals[0].id, to: "entry", forceReason: gate, expectedVersion: nil)
        step(); _ = try li.moveDeal(deals[1].id, to: "proposal", forceReason: gate, expectedVersion: nil)
        step(); _ = try wang.moveDeal(deals[0].id, to: "proposal", forceReason: gate, expectedVersion: nil)
        _ = try wang.moveDeal(deals[0].id, to: "entry", forceReason: nil, expectedVersion: nil)
        step(); _ = try wang.closeDeal(deals[2].id, as: .won, reason: "高层支持", expectedVersion: nil)
        _ = try li.closeDeal(deals[3].id, as: .lost, reason: "价格", expectedVersion: nil)
        step(); _ = try li.reopenDeal(deals[3].id)
        _ = try li.moveDeal(deals[3].id, to: "entry", forceReason: gate, expectedVersion: nil)
        step(); _ = try li.closeDeal(deals[3].id, as: .withdrawn, reason: "客户取消", expectedVersion: nil)
        _ = try li.reopenDeal(deals[3].id)
        _ = try wang.editDeal(deals[4].id, expectedVersion: nil) { $0.expectedClose = Day(year: 2027, month: 2, day: 28) }
        step(); _ = try wang.editDeal(deals[4].id, expectedVersion: nil) { $0.expectedClose = Day(year: 2027, month: 3, day: 31) }
        _ = try wang.moveDeal(deals[5].id, to: "proposal", forceReason: gate, expectedVersion: nil)
        _ = try store.acting(as: Team.zhao).editDeal(deals[5].id, expectedVersion: nil) { $0.owner = Team.li }
        step(1); _ = try li.moveDeal(deals[1].id, to: "develop", forceReason: nil, expectedVersion: nil)
        _ = try wang.moveDeal(deals[0].id, to: "bid", forceReason: gate, expectedVersion: nil)
        return (store, clock)
    }

    @Test(arguments: Backend.allCases) func aStoreImportedWholeReviewsAsItsChangesDid(_ backend: Backend) throws {
        let (oneByOne, clock) = try Self.writtenOneByOne(backend)
        let whole = try backend.store(actor: Team.zhao, clock: { clock.now })
        _ = try whole.importSnapshot(oneByOne.exportSnapshot())
        let stageEvents = try oneByOne.events(EventQuery(entity: "deal", limit: 500))
            .filter { ["created", "moved", "forced", "won", "lost", "withdrawn", "reopened", "close-date"].contains($0.action) }
        #expect(stageEvents.count >= 20)
        // The server logs each change at its own clock: the review's week is the one holding the changes.
        let days = Set([Day(clock.now, timeZone: TimeZone(identifier: "UTC")!), Day.today(timeZone: TimeZone(identifier: "UTC")!)])
        var listed = 0
        for today in days {
            for rep in [nil, Team.wang, Team.li] as [String?] {
                let query = ReviewQuery(today: today, rep: rep, timeZone: TimeZone(identifier: "Asia/Shanghai")!, listLimit: 500)
                let review = try oneByOne.weeklyReview(query)
                listed += review.newDeals.count + review.advanced.count + review.won.count + review.forced.count
                #expect(try whole.weeklyReview(query) == review, "\(backend) \(today) \(rep ?? "team")")
            }
        }
        #expect(listed > 0)
    }
}
