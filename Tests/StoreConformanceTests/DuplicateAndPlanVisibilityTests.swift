import CloserCore
import StoreTestSupport
import Foundation
import Testing

/// The duplicate check (查重) as another rep, and planned activities following their account's visibility.
@Suite("Duplicate check and plan visibility")
struct DuplicateAndPlanVisibilityTests {
    /// wang.lei holds 中国石化 (private) and 中国石化长春分公司 (exclusive); li.na holds 宝钢; one pool account.
    static func world(_ backend: Backend) throws -> any TestStore {
        let team = try Team.store(backend)
        try team.saveUser(User(name: Team.wang, role: .rep, displayName: "王磊"))
        _ = try Team.account(team, "中国石化", owner: Team.wang)
        _ = try Team.account(team, "中国石化长春分公司", owner: Team.wang, visibility: .exclusive)
        _ = try Team.account(team, "宝钢", owner: Team.li)
        _ = try Team.account(team, "中国海油", owner: nil)
        return team
    }

    @Test("a search says accounts exist that the rep cannot see, and who holds them — nothing more", arguments: Backend.allCases)
    func search(_ backend: Backend) throws {
        let team = try Self.world(backend)
        let li = team.acting(as: Team.li)
        let hidden = try li.hiddenAccounts(.search("zgsh"))
        #expect(hidden.holders == ["王磊 (wang.lei)"])
        #expect(hidden.text.en == "accounts matching 'zgsh' exist that you cannot see, held by 王磊 (wang.lei)")
        // The table shows none of them; what the rep may see is not "hidden".
        #expect(try li.accounts(AccountQuery(text: "zgsh")).total == 0)
        #expect(try li.hiddenAccounts(.search("bg")).exist == false)
        #expect(try li.hiddenAccounts(.search("zghy")).exist == false, "pool accounts are visible to all")
        #expect(try li.hiddenAccounts(.search("  ")).exist == false)
        // The owner and a manager see everything: nothing is hidden from them.
        #expect(try team.acting(as: Team.wang).hiddenAccounts(.search("zgsh")).exist == false)
        #expect(try team.hiddenAccounts(.search("zgsh")).exist == false)
    }

    @Test("adding an account that exists but is not visible is refused with its holder; a new name is added", arguments: Backend.allCases)
    func add(_ backend: Backend) throws {
        let team = try Self.world(backend)
        let li = team.acting(as: Team.li)
        #expect(try li.hiddenAccounts(.name(" 中国石化 ")).holders == ["王磊 (wang.lei)"])
        #expect(try li.hiddenAccounts(.name("中国石化长春")).exist == false, "a name is matched whole")
        #expect(Team.refusal { try li.addAccount(Account(name: "中国石化", owner: Team.li)) }
            == "an account named 中国石化 exists, held by 王磊 (wang.lei): ask them or a manager to share or assign it to you (nothing was added)")
        #expect(try team.accounts(AccountQuery(text: "中国石化")).total == 2)
        #expect(try li.addAccount(Account(name: "中国石化 华北", owner: Team.li)).id > 0)
        // An account the rep can see is no hidden duplicate.
        #expect(try li.hiddenAccounts(.name("宝钢")).exist == false)
    }

    @Test("a rep sees and changes the plans of the accounts they may see only", arguments: Backend.allCases)
    func plans(_ backend: Backend) throws {
        let team = try Self.world(backend)
        let wang = team.acting(as: Team.wang), li = team.acting(as: Team.li)
        let account = try #require(try wang.accounts(AccountQuery(text: "中国石化")).rows.first { $0.account.name == "中国石化" }).account
        let deal = try wang.addDeal(StoreFixture.deal("Pumps", account: account.id, owner: Team.wang))
        let plan = try wang.planActivity(PlannedActivity(dealID: deal.id, text: "call", due: StoreFixture.today))
        #expect(try wang.plannedActivities(PlanQuery()).map(\.id) == [plan.id])
        #expect(try li.plannedActivities(PlanQuery()).isEmpty)
        #expect(try team.plannedActivities(PlanQuery(dealID: deal.id)).map(\.id) == [plan.id])
        #expect(Team.refusal { try li.plannedActivity(plan.id) }?.contains("planned activity \(plan.id)") == true)
        #expect(Team.refusal { try li.planActivity(PlannedActivity(dealID: deal.id, text: "x", due: StoreFixture.today)) } != nil)
        #expect(Team.refusal { try li.completePlannedActivity(plan.id, PlanCompletion(on: StoreFixture.today), expectedVersion: nil) } != nil)
        #expect(Team.refusal { try li.cancelPlannedActivity(plan.id, expectedVersion: nil) } != nil)
        #expect(try wang.plannedActivity(plan.id).isDone == false)
        // The plans' log follows the account too.
        #expect(try li.events(EventQuery(entity: "plan")).isEmpty)
        #expect(try wang.events(EventQuery(entity: "plan")).count == 1)
    }
}
