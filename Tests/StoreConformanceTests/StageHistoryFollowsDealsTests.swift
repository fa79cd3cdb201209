import CloserCore
import CloserSQLite
import Foundation
import StoreTestSupport
import Testing

@Suite("Stage history follows the deals as they are now")
struct StageHistoryFollowsDealsTests {
    @Test(arguments: Backend.allCases) func aNewAmountAndOwnerShowInThePeriodsLists(_ backend: Backend) throws {
        let store = try ReviewFixture.store(backend)
        var deal = try store.deal(3)
        deal.amount = ReviewFixture.yuan(900_000)
        deal.owner = "alice"
        _ = try store.acting(as: "alice").updateDeal(deal)
        let review = try store.weeklyReview(ReviewFixture.query())
        #expect(review.advanced.amount == ["CNY": 90_000_000] && review.slipped.items.first?.amount == ReviewFixture.yuan(900_000))
        let bob = try store.weeklyReview(ReviewFixture.query(rep: "bob"))
        #expect(bob.advanced.count == 0 && bob.slipped.count == 0, "D3 is alice's now")
        #expect(try store.weeklyReview(ReviewFixture.query(rep: "alice")).slipped.items.map(\.dealID) == [3])
    }

    @Test(arguments: Backend.allCases) func reorderedStagesTurnAnAdvanceIntoASlip(_ backend: Backend) throws {
        let store = try ReviewFixture.store(backend)
        func stage(_ key: String) -> StageTemplate { StageTemplate(key: key, name: LocalizedText(en: key, zh: key), probability: 50, milestones: []) }
        try store.saveProcess(ProcessTemplate(key: "pilot", name: LocalizedText(en: "Pilot", zh: "试点"), stages: [stage("a"), stage("b"), stage("c")]))
        let day = ReviewFixture.noon(11, 18)
        _ = try store.importSnapshot(Snapshot(deals: [Deal(id: 20, accountID: 1, title: "试点项目", processKey: "pilot", stageKey: "b",
                                                           amount: ReviewFixture.yuan(10_000), owner: "alice", createdAt: day, updatedAt: day)],
                                              events: [ChangeEvent(id: 100, at: day, user: "alice", entity: "deal", entityID: 20, action: "created",
                                                                   changes: ["stage": FieldChange(old: nil, new: "a")]),
                                                       ChangeEvent(id: 101, at: day.addingTimeInterval(3_600), user: "alice", entity: "deal", entityID: 20,
                                                                   action: "moved", changes: ["stage": FieldChange(old: "a", new: "b")])]))
        #expect(try store.weeklyReview(ReviewFixture.query()).advanced.items.map(\.dealID).contains(20))
        try store.saveProcess(ProcessTemplate(key: "pilot", name: LocalizedText(en: "Pilot", zh: "试点"), stages: [stage("c"), stage("b"), stage("a")]))
        let review = try store.weeklyReview(ReviewFixture.query())
        #expect(!review.advanced.items.map(\.dealID).contains(20))
        #expect(review.slipped.items.map(\.dealID).contains(20))
    }
}
