import CloserCore
import Foundation
import StoreTestSupport
import Testing

/// Actions planned on an account alone (from the quadrant) in the weekly review: which are
/// listed, in what order, counted how, and for whom.
@Suite("Weekly review: actions planned on accounts")
struct ReviewAccountPlansTests {
    static let today = StoreFixture.today
    static let query = ReviewQuery(today: today, timeZone: TimeZone(identifier: "UTC") ?? .current)

    /// wang.lei holds 宝钢 (shared with li.na) and 沙钢; li.na holds 鞍钢.
    struct World {
        let team: any TestStore
        let baosteel: Account, shagang: Account, angang: Account
    }

    static func world(_ backend: Backend) throws -> World {
        let team = try Team.store(backend)
        return World(team: team,
                     baosteel: try Team.account(team, "宝钢", owner: Team.wang, visibility: .shared, shared: [Team.li]),
                     shagang: try Team.account(team, "沙钢", owner: Team.wang),
                     angang: try Team.account(team, "鞍钢", owner: Team.li))
    }

    static func plan(_ store: any TestStore, _ account: Account, _ text: String, in days: Int) throws -> PlannedActivity {
        try store.planActivity(PlannedActivity(dealID: nil, accountID: account.id, text: text, due: today.adding(days: days)))
    }

    @Test("open plans on no deal, overdue or due within 7 days, in the order to do them; overdue counted", arguments: Backend.allCases)
    func listed(_ backend: Backend) throws {
        let w = try Self.world(backend)
        let wang = w.team.acting(as: Team.wang)
        let late = try Self.plan(wang, w.shagang, "联合促销", in: -3)
        let soon = try Self.plan(wang, w.baosteel, "技术培训", in: 2)
        let lastDay = try Self.plan(wang, w.shagang, "共享预测", in: 7)
        _ = try Self.plan(wang, w.shagang, "下月再议", in: 8)
        let done = try Self.plan(wang, w.baosteel, "已完成", in: -1)
        _ = try wang.completePlannedActivity(done.id, PlanCompletion(on: Self.today), expectedVersion: nil)
        // A plan on a deal is the deal's next step: the review's deal lists have it, not this one.
        let deal = try wang.addDeal(StoreFixture.deal("Pumps", account: w.shagang.id, owner: Team.wang))
        _ = try wang.planActivity(PlannedActivity(dealID: deal.id, text: "回访", due: Self.today.adding(days: -1)))

        let plans = try w.team.weeklyReview(Self.query).accountPlans
        #expect(plans.items.map(\.planID) == [late.id, soon.id, lastDay.id])
        #expect(plans.count == 3)
        #expect(plans.overdue == 1)
        #expect(plans.through == Self.today.adding(days: 7))
        let first = try #require(plans.items.first)
        #expect(first.accountName == "沙钢" && first.accountID == w.shagang.id && first.owner == Team.wang && first.text == "联合促销")
        #expect(first.due == Self.today.adding(days: -3) && first.isOverdue(today: Self.today))
        #expect(first.dueText(today: Self.today, lang: .en) == "11-20 · 3 days late")
        #expect(first.dueText(today: Self.today, lang: .zh) == "11-20 · 逾期 3 天")
        #expect(plans.items[1].dueText(today: Self.today, lang: .en) == "11-25")

        // The count is whole when the list carries fewer.
        var short = Self.query
        short.listLimit = 1
        let cut = try w.team.weeklyReview(short).accountPlans
        #expect(cut.count == 3 && cut.overdue == 1 && cut.items.map(\.planID) == [late.id])
    }

    @Test("a rep's review lists the plans they made on accounts they may see; one rep's review is that rep's", arguments: Backend.allCases)
    func perRep(_ backend: Backend) throws {
        let w = try Self.world(backend)
        let wang = w.team.acting(as: Team.wang), li = w.team.acting(as: Team.li)
        let wangs = try Self.plan(wang, w.baosteel, "技术培训", in: 1)
        let lis = try Self.plan(li, w.baosteel, "联合促销", in: 2)
        let lisOwn = try Self.plan(li, w.angang, "共享预测", in: 3)
        #expect(try wang.weeklyReview(Self.query).accountPlans.items.map(\.planID) == [wangs.id])
        #expect(try li.weeklyReview(Self.query).accountPlans.items.map(\.planID) == [lis.id, lisOwn.id])
        var liReview = Self.query
        liReview.rep = Team.li
        #expect(try w.team.weeklyReview(liReview).accountPlans.items.map(\.planID) == [lis.id, lisOwn.id])
        #expect(try w.team.weeklyReview(Self.query).accountPlans.count == 3)
    }

    @Test("a plan on another rep's exclusive account is not shown to a rep, even one they made", arguments: Backend.allCases)
    func exclusiveHidden(_ backend: Backend) throws {
        let w = try Self.world(backend)
        let wang = w.team.acting(as: Team.wang), li = w.team.acting(as: Team.li)
        // li.na planned on 宝钢 while it was shared with her; then wang.lei made it his alone.
        let lis = try Self.plan(li, w.baosteel, "联合促销", in: -1)
        #expect(try li.weeklyReview(Self.query).accountPlans.items.map(\.planID) == [lis.id])
        _ = try wang.makeExclusive(w.baosteel.id)
        let seen = try li.weeklyReview(Self.query).accountPlans
        #expect(seen.items.isEmpty && seen.count == 0 && seen.overdue == 0)
        // A plan the manager made for her there is hidden from her too; the manager sees both.
        _ = try w.team.planActivity(PlannedActivity(dealID: nil, accountID: w.baosteel.id, text: "技术培训", due: Self.today, owner: Team.li))
        #expect(try li.weeklyReview(Self.query).accountPlans.count == 0)
        var liReview = Self.query
        liReview.rep = Team.li
        #expect(try w.team.weeklyReview(liReview).accountPlans.count == 2)
        #expect(try w.team.weeklyReview(liReview).accountPlans.overdue == 1)
    }
}
