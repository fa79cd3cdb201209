import CloserCore
import CloserSQLite
import Foundation
import StoreTestSupport
import Testing

/// A new account someone holds is a taking, like a claim: the roles and the per-rep limit of
/// the pool rules apply in `addAccount`, and the sweep is a manager's — in the store, so the
/// CLI and the dashboard get the same one-line refusal.
@Suite("Holding rules: who may add an account for whom, within the limit; who may sweep the pool")
struct HoldingRulesTests {
    static func new(_ name: String, owner: String?, shared: [String] = []) -> Account {
        Account(name: name, grade: .b, assistance: 5, loyalty: 5, owner: owner,
                visibility: owner == nil ? .pool : (shared.isEmpty ? .owned : .shared), sharedWith: shared)
    }

    @Test(arguments: Backend.allCases) func aRepAddsForThemselvesOrThePoolOnly(_ backend: Backend) throws {
        let store = try Team.store(backend)
        #expect(try store.acting(as: Team.wang).addAccount(Self.new("Mine", owner: Team.wang)).owner == Team.wang)
        #expect(try store.acting(as: Team.wang).addAccount(Self.new("Pool Co", owner: nil)).visibility == .pool)
        let before = try StoreFixture.counts(store)
        #expect(Team.refusal { try store.acting(as: Team.wang).addAccount(Self.new("Theirs", owner: Team.li)) }
            == "only a manager adds an account for someone else: new account 'Theirs' would belong to li.na, "
            + "and you are wang.lei (rep); add it for yourself or the pool (nothing was added)")
        // A name the user table does not know adds nothing at all.
        #expect(Team.refusal { try store.acting(as: Team.stranger).addAccount(Self.new("Theirs", owner: Team.li)) }?
            .hasPrefix("stranger is not a user of this store") == true)
        #expect(try StoreFixture.counts(store) == before, "nothing written, no event")
        // A manager adds for a rep, not for a stranger.
        #expect(try store.acting(as: Team.zhao).addAccount(Self.new("Theirs", owner: Team.li)).owner == Team.li)
        #expect(Team.refusal { try store.acting(as: Team.zhao).addAccount(Self.new("Ghost's", owner: "ghost")) }
            == "ghost is not a user of this store: add them with `closer user add ghost --role rep`")
        // And the share list names the team.
        #expect(Team.refusal { try store.acting(as: Team.wang).addAccount(Self.new("Shared", owner: Team.wang, shared: ["ghost"])) }
            == "ghost is not a user of this store: add them with `closer user add ghost --role rep`")
        #expect(try store.acting(as: Team.wang).addAccount(Self.new("Shared", owner: Team.wang, shared: [Team.li])).sharedWith == [Team.li])
    }

    @Test(arguments: Backend.allCases) func theLimitPerRepCountsANewAccount(_ backend: Backend) throws {
        let store = try Team.store(backend)
        try store.acting(as: Team.zhao).savePoolRules(PoolRules(noFollowUpDays: 30, noWinDays: 0, warnDays: 7, maxAccountsPerRep: 1))
        _ = try store.acting(as: Team.wang).addAccount(Self.new("First", owner: Team.wang))
        let limit = "wang.lei already holds 1 accounts, the limit per rep (1): new account 'Second' was not given to them "
            + "— return one to the pool first"
        #expect(Team.refusal { try store.acting(as: Team.wang).addAccount(Self.new("Second", owner: Team.wang)) } == limit)
        // The limit binds the holder, whoever adds; the pool and managers are not limited.
        #expect(Team.refusal { try store.acting(as: Team.zhao).addAccount(Self.new("Second", owner: Team.wang)) } == limit)
        #expect(try store.acting(as: Team.wang).addAccount(Self.new("Second", owner: nil)).owner == nil)
        _ = try store.acting(as: Team.zhao).addAccount(Self.new("Boss 1", owner: Team.zhao))
        _ = try store.acting(as: Team.zhao).addAccount(Self.new("Boss 2", owner: Team.zhao))
        #expect(try store.heldCount(of: Team.wang) == 1 && store.heldCount(of: Team.zhao) == 2)
    }

    @Test(arguments: Backend.allCases) func aStoreWithoutUsersAddsAsBefore(_ backend: Backend) throws {
        let store = try StoreFixture.store(backend)
        try store.acting(as: "alice").savePoolRules(PoolRules(noFollowUpDays: 30, noWinDays: 0, warnDays: 7, maxAccountsPerRep: 1))
        for name in ["One", "Two", "Three"] {
            _ = try store.acting(as: "alice").addAccount(Self.new(name, owner: "bob"))
        }
        #expect(try store.heldCount(of: "bob") == 3)
    }

    @Test(arguments: Backend.allCases) func onlyAManagerSweepsThePool(_ backend: Backend) throws {
        let store = try Team.store(backend)
        try store.acting(as: Team.zhao).savePoolRules(PoolRules(noFollowUpDays: 30, noWinDays: 0, warnDays: 7, maxAccountsPerRep: 0))
        let idle = try Team.account(store, "Idle", owner: Team.wang)
        let today = StoreFixture.today.adding(days: 40)
        #expect(try store.poolDue(today: today).map(\.accountID) == [idle.id])
        #expect(Team.refusal { try store.acting(as: Team.wang).sweepPool(today: today) }
            == "only a manager can sweep the pool; you are wang.lei (rep) (`closer pool sweep --dry-run` lists what would return; nothing was changed)")
        #expect(Team.refusal { try store.acting(as: Team.stranger).sweepPool(today: today) }?.hasPrefix("stranger is not a user of this store") == true)
        #expect(try store.account(idle.id).owner == Team.wang)
        #expect(try store.acting(as: Team.zhao).sweepPool(today: today).returned.map(\.accountID) == [idle.id])
        #expect(try store.account(idle.id).owner == nil)
    }

    @Test(arguments: Backend.allCases) func aStoreWithoutUsersIsSweptByAnyone(_ backend: Backend) throws {
        let store = try StoreFixture.store(backend)
        let idle = try store.acting(as: "alice").addAccount(Self.new("Idle", owner: "alice"))
        let report = try store.acting(as: "cron").sweepPool(today: StoreFixture.today.adding(days: 40))
        #expect(report.returned.map(\.accountID) == [idle.id])
    }
}
