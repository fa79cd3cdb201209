import CloserCore
import CloserSQLite
import Foundation
import StoreTestSupport
import Testing

/// A team of two reps and a manager; "stranger" is in no user table (so refused everything).
enum Team {
    static let wang = "wang.lei", li = "li.na", zhao = "zhao.min", stranger = "stranger"

    /// The team's store, acting as the manager unless a test says who.
    static func store(_ backend: Backend, clock: TestClock? = nil) throws -> any TestStore {
        let store = try backend.store(actor: zhao, clock: { clock?.now ?? StoreFixture.now })
        try store.saveUser(User(name: zhao, role: .manager))
        try store.saveUser(User(name: wang, role: .rep))
        try store.saveUser(User(name: li, role: .rep))
        return store
    }

    static func account(_ store: any TestStore, _ name: String, owner: String?, visibility: Visibility = .owned,
                        shared: [String] = []) throws -> Account {
        var account = Account(name: name, grade: .b, assistance: 5, loyalty: 5, owner: owner, visibility: owner == nil ? .pool : visibility,
                              sharedWith: shared)
        // The manager sets up the world: a rep may add accounts only for themselves (HoldingRulesTests).
        account = try store.acting(as: zhao).addAccount(account)
        return account
    }

    /// nil when the call succeeded, else the refusal's text.
    static func refusal(_ body: () throws -> Any) -> String? {
        do {
            _ = try body()
            return nil
        } catch let error as StoreError {
            return error.description
        } catch {
            return "\(error)"
        }
    }
}

/// A clock tests move by hand.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    init(_ start: Date) { current = start }

    var now: Date { lock.withLock { current } }

    func advance(days: Int) { lock.withLock { current = current.addingTimeInterval(Double(days) * 86_400) } }
}

@Suite("Ownership: assign, share, exclusive, return, claim, protect — who may, and what is logged")
struct OwnershipTests {
    // MARK: Assign

    @Test(arguments: Backend.allCases, [
        (Team.wang, nil as String?),
        (Team.zhao, nil),
        (Team.li, "account 1 is private to wang.lei"),
        (Team.stranger, "stranger is not a user of this store: a manager adds you with `closer user add stranger --role rep` (nothing was read or changed)"),
    ]) func assignPermissions(_ backend: Backend, _ arguments: (String, String?)) throws {
        let (actor, refusal) = arguments
        let store = try Team.store(backend)
        let account = try Team.account(store, "中国石化", owner: Team.wang)
        #expect(account.id == 1)
        #expect(Team.refusal { try store.acting(as: actor).assign(account.id, to: Team.li) } == refusal)
        let after = try store.account(account.id)
        #expect(after.owner == (refusal == nil ? Team.li : Team.wang))
        #expect(after.version == (refusal == nil ? 2 : 1))
    }

    @Test(arguments: Backend.allCases) func assignLogsAndRestartsTheClock(_ backend: Backend) throws {
        let store = try Team.store(backend)
        let account = try Team.account(store, "Acme", owner: Team.wang, visibility: .shared, shared: [Team.li])
        let assigned = try store.acting(as: Team.wang).assign(account.id, to: Team.li)
        // The new owner leaves the share list; nobody left to share with, so plainly owned.
        #expect(assigned.owner == Team.li && assigned.sharedWith.isEmpty && assigned.visibility == .owned && assigned.version == 2)
        #expect(try store.ownership(of: account.id).ownedSince == StoreFixture.now)
        let event = try #require(try store.events(EventQuery(entity: "account", entityID: account.id)).first)
        #expect(event.action == "assigned" && event.user == Team.wang && event.note == "to li.na")
        #expect(event.changes["owner"] == FieldChange(old: Team.wang, new: Team.li))
        #expect(event.changes["visibility"] == FieldChange(old: "shared", new: "owned"))
    }

    @Test(arguments: Backend.allCases) func assignRefusals(_ backend: Backend) throws {
        let store = try Team.store(backend)
        let pool = try Team.account(store, "Pool Co", owner: nil)
        let held = try Team.account(store, "Held Co", owner: Team.wang)
        #expect(Team.refusal { try store.acting(as: Team.wang).assign(pool.id, to: Team.wang) }
            == "only a manager can assign account 1 from the pool; a rep claims it (`closer account claim 1`)")
        #expect(Team.refusal { try store.acting(as: Team.zhao).assign(held.id, to: "nobody") }
            == "nobody is not a user of this store: add them with `closer user add nobody --role rep`")
        #expect(Team.refusal { try store.acting(as: Team.zhao).assign(held.id, to: Team.wang) } == "account 2 is already held by wang.lei")
        // The limit: li.na holds one, the limit is one.
        try store.acting(as: Team.zhao).savePoolRules(PoolRules(noFollowUpDays: 30, noWinDays: 0, warnDays: 7, maxAccountsPerRep: 1))
        _ = try Team.account(store, "Li's", owner: Team.li)
        #expect(Team.refusal { try store.acting(as: Team.zhao).assign(held.id, to: Team.li) }
            == "li.na already holds 1 accounts, the limit per rep (1): account 2 was not given to them — return one to the pool first")
        #expect(try store.account(held.id).owner == Team.wang)
        // Managers are not limited.
        #expect(try store.acting(as: Team.zhao).assign(pool.id, to: Team.zhao).owner == Team.zhao)
        #expect(try store.heldCount(of: Team.zhao) == 1)
    }

    // MARK: Share, unshare, exclusive

    @Test(arguments: Backend.allCases) func shareUnshareAndExclusive(_ backend: Backend) throws {
        let store = try Team.store(backend)
        let account = try Team.account(store, "Acme", owner: Team.wang)
        let li = Viewer(name: Team.li, role: .rep)
        #expect(Team.refusal { try store.acting(as: Team.li).share(account.id, with: [Team.wang]) } == "account 1 is private to wang.lei")

        let shared = try store.acting(as: Team.wang).share(account.id, with: [Team.li])
        #expect(shared.visibility == .shared && shared.sharedWith == [Team.li] && shared.version == 2)
        #expect(try store.acting(as: li.name).account(account.id).name == "Acme")
        // Shared with li.na does not make her the owner: she may not pass it on.
        #expect(Team.refusal { try store.acting(as: Team.li).share(account.id, with: [Team.zhao]) }
            == "only wang.lei (its owner) or a manager can share account 1; you are li.na (rep)")
        #expect(Team.refusal { try store.acting(as: Team.wang).share(account.id, with: [Team.li]) } == "account 1 is already shared with li.na")
        #expect(Team.refusal { try store.acting(as: Team.zhao).share(account.id, with: [Team.wang]) }
            == "wang.lei owns account 1: no need to share it with them")

        let exclusive = try store.acting(as: Team.wang).makeExclusive(account.id)
        #expect(exclusive.visibility == .exclusive && exclusive.sharedWith.isEmpty)
        #expect(Team.refusal { try store.acting(as: li.name).account(account.id) } == "account 1 is private to wang.lei (exclusive)")
        #expect(Team.refusal { try store.acting(as: Team.zhao).makeExclusive(account.id) } == "account 1 is already exclusive to wang.lei")

        _ = try store.acting(as: Team.zhao).share(account.id, with: [Team.li])
        let unshared = try store.acting(as: Team.zhao).unshare(account.id, from: [Team.li])
        #expect(unshared.visibility == .owned && unshared.sharedWith.isEmpty && unshared.version == 5)
        #expect(Team.refusal { try store.acting(as: Team.wang).unshare(account.id, from: [Team.li]) } == "account 1 is not shared with li.na")

        let actions = try store.events(EventQuery(entity: "account", entityID: account.id)).map(\.action)
        #expect(actions == ["unshared", "shared", "exclusive", "shared", "created"])
    }

    // MARK: Return and claim

    @Test(arguments: Backend.allCases) func returnNeedsAReasonAndTheOwnerOrAManager(_ backend: Backend) throws {
        let store = try Team.store(backend)
        let account = try Team.account(store, "Acme", owner: Team.wang, visibility: .shared, shared: [Team.li])
        #expect(Team.refusal { try store.acting(as: Team.wang).returnToPool(account.id, reason: "  ") }
            == "returning account 1 to the pool needs a reason (--reason \"…\"): the next rep reads it")
        #expect(Team.refusal { try store.acting(as: Team.li).returnToPool(account.id, reason: "not mine") }
            == "only wang.lei (its owner) or a manager can return account 1; you are li.na (rep)")
        #expect(Team.refusal { try store.acting(as: Team.stranger).returnToPool(account.id, reason: "x") } == "stranger is not a user of this store: a manager adds you with `closer user add stranger --role rep` (nothing was read or changed)")

        let returned = try store.acting(as: Team.wang).returnToPool(account.id, reason: "客户已转向竞品")
        #expect(returned.owner == nil && returned.visibility == .pool && returned.sharedWith.isEmpty && returned.version == 2)
        let ownership = try store.ownership(of: account.id)
        #expect(ownership.returnedReason == "客户已转向竞品" && ownership.ownedSince == nil)
        let event = try #require(try store.events(EventQuery(entity: "account", entityID: account.id)).first)
        #expect(event.action == "returned" && event.note == "客户已转向竞品" && event.user == Team.wang)
        #expect(event.changes["owner"] == FieldChange(old: Team.wang, new: nil))
        #expect(Team.refusal { try store.acting(as: Team.zhao).returnToPool(account.id, reason: "again") }
            == "account 1 is in the pool: claim or assign it before you return it")
    }

    @Test(arguments: Backend.allCases, [
        (Team.li, nil as String?),
        (Team.wang, nil),
        (Team.zhao, nil),
        (Team.stranger, "stranger is not a user of this store: a manager adds you with `closer user add stranger --role rep` (nothing was read or changed)"),
    ]) func claimPermissions(_ backend: Backend, _ arguments: (String, String?)) throws {
        let (actor, refusal) = arguments
        let store = try Team.store(backend)
        let pool = try Team.account(store, "Pool Co", owner: nil)
        #expect(Team.refusal { try store.acting(as: actor).claim(pool.id) } == refusal)
        let after = try store.account(pool.id)
        #expect(after.owner == (refusal == nil ? actor : nil))
        #expect(after.visibility == (refusal == nil ? .owned : .pool))
    }

    @Test(arguments: Backend.allCases) func claimOnlyFromThePoolAndWithinTheLimit(_ backend: Backend) throws {
        let store = try Team.store(backend)
        try store.acting(as: Team.zhao).savePoolRules(PoolRules(noFollowUpDays: 30, noWinDays: 0, warnDays: 7, maxAccountsPerRep: 2))
        let held = try Team.account(store, "Held", owner: Team.wang, visibility: .shared, shared: [Team.li])
        let p1 = try Team.account(store, "P1", owner: nil)
        let p2 = try Team.account(store, "P2", owner: nil)
        let p3 = try Team.account(store, "P3", owner: nil)
        #expect(Team.refusal { try store.acting(as: Team.li).claim(held.id) } == "account 1 is not in the pool: wang.lei holds it")
        let claimed = try store.acting(as: Team.li).claim(p1.id)
        #expect(claimed.owner == Team.li && claimed.version == 2)
        #expect(try store.events(EventQuery(entity: "account", entityID: p1.id)).first?.action == "claimed")
        _ = try store.acting(as: Team.li).claim(p2.id)
        #expect(Team.refusal { try store.acting(as: Team.li).claim(p3.id) }
            == "li.na already holds 2 accounts, the limit per rep (2): account 4 was not given to them — return one to the pool first")
        // wang.lei cannot even see li.na's account.
        #expect(Team.refusal { try store.acting(as: Team.wang).claim(p2.id) } == "account 3 is private to li.na")
        // Returning one makes room.
        _ = try store.acting(as: Team.li).returnToPool(p1.id, reason: "no budget this year")
        #expect(try store.acting(as: Team.li).claim(p3.id).owner == Team.li)
    }

    // MARK: Protect

    @Test(arguments: Backend.allCases) func protectionLocksOthersOutUntilTheOwnerOrAManagerLiftsIt(_ backend: Backend) throws {
        let store = try Team.store(backend)
        let account = try Team.account(store, "Acme", owner: Team.wang, visibility: .shared, shared: [Team.li])
        let message = "account 1 is protected: only wang.lei (its owner) or a manager can change it, and unprotect it with `closer account unprotect 1`"
        #expect(Team.refusal { try store.acting(as: Team.li).protect(account.id) }
            == "only wang.lei (its owner) or a manager can protect account 1; you are li.na (rep)")
        let protected = try store.acting(as: Team.wang).protect(account.id)
        #expect(protected.version == 2 && protected.visibility == .shared)
        #expect(try store.ownership(of: account.id).isProtected)
        #expect(Team.refusal { try store.acting(as: Team.zhao).protect(account.id) } == "account 1 is already protected")

        // li.na can see it (shared) but not change it.
        var edit = try store.account(account.id)
        edit.notes = "li's note"
        #expect(Team.refusal { try store.acting(as: Team.li).updateAccount(edit) } == message)
        #expect(Team.refusal { try store.acting(as: Team.li).deleteAccount(account.id) } == message)
        #expect(Team.refusal { try store.acting(as: Team.li).unshare(account.id, from: [Team.li]) } == message)
        #expect(Team.refusal { try store.acting(as: Team.li).unprotect(account.id) } == message)
        #expect(try store.account(account.id).version == 2)
        // The owner and a manager may edit it.
        edit.notes = "wang's note"
        let saved = try store.acting(as: Team.wang).updateAccount(edit)
        #expect(saved.notes == "wang's note" && saved.version == 3)
        edit = saved
        edit.grade = .a
        #expect(try store.acting(as: Team.zhao).updateAccount(edit).version == 4)

        let lifted = try store.acting(as: Team.zhao).unprotect(account.id)
        #expect(lifted.version == 5)
        #expect(try !store.ownership(of: account.id).isProtected)
        let events = try store.events(EventQuery(entity: "account", entityID: account.id))
        #expect(events.map(\.action) == ["unprotected", "updated", "updated", "protected", "created"])
        #expect(events.first?.changes["protected"] == FieldChange(old: "true", new: "false"))
        edit = lifted
        edit.notes = "li's note"
        #expect(try store.acting(as: Team.li).updateAccount(edit).notes == "li's note")
    }

    @Test(arguments: Backend.allCases) func legacyProtectedVisibilityCountsAsOwnedAndProtected(_ backend: Backend) throws {
        // No users at all: roles do not apply, protection still does.
        let store = try StoreFixture.store(backend)
        var legacy = StoreFixture.account("Old", owner: "alice")
        legacy.visibility = .protected
        legacy = try store.acting(as: "alice").addAccount(legacy)
        #expect(try store.ownership(of: legacy.id).isProtected)
        var edit = legacy
        edit.notes = "x"
        #expect(Team.refusal { try store.acting(as: "bob").updateAccount(edit) }
            == "account 1 is protected: only alice (its owner) or a manager can change it, and unprotect it with `closer account unprotect 1`")
        #expect(Team.refusal { try store.acting(as: "bob").unprotect(legacy.id) } != nil)
        let lifted = try store.acting(as: "alice").unprotect(legacy.id)
        #expect(lifted.visibility == .owned)
        #expect(try !store.ownership(of: legacy.id).isProtected)
        #expect(try store.acting(as: "bob").updateAccount(lifted).version == 3)
    }

    // MARK: Pool rules

    @Test(arguments: Backend.allCases) func onlyManagersChangeThePoolRules(_ backend: Backend) throws {
        let store = try Team.store(backend)
        #expect(try store.poolRules() == PoolRules.defaults)
        let rules = PoolRules(noFollowUpDays: 14, noWinDays: 90, warnDays: 3, maxAccountsPerRep: 20)
        #expect(Team.refusal { try store.acting(as: Team.wang).savePoolRules(rules) }
            == "only a manager can change the pool rules; you are wang.lei (rep)")
        #expect(Team.refusal { try store.acting(as: Team.stranger).savePoolRules(rules) } == "stranger is not a user of this store: a manager adds you with `closer user add stranger --role rep` (nothing was read or changed)")
        #expect(Team.refusal { try store.acting(as: Team.zhao).savePoolRules(PoolRules(noFollowUpDays: 14, noWinDays: 0, warnDays: 14, maxAccountsPerRep: 0)) }
            == "warn-days: must be 0…13 (less than no-follow-up-days), got 14")
        #expect(try store.poolRules() == PoolRules.defaults)
        try store.acting(as: Team.zhao).savePoolRules(rules)
        #expect(try store.poolRules() == rules)
        let event = try #require(try store.events(EventQuery(entity: "pool")).first)
        #expect(event.action == "rules" && event.user == Team.zhao)
        #expect(event.changes["no_follow_up_days"] == FieldChange(old: "30", new: "14"))
        #expect(event.changes.count == 4)
    }

    // MARK: Sweep and warnings

    /// Accounts taken on 2026-11-23 (T); rules N = 30, M = 0, K = 7; looked at on T+40:
    ///   1 wang, worked T+5  → idle 35: due, 5 days over
    ///   2 wang, worked T+15 → idle 25: warned, 5 days left
    ///   3 wang, worked T+39 → safe
    ///   4 li, never worked  → idle 40: due, 10 days over
    ///   5 wang, protected, never worked → stays
    ///   6 pool
    @Test(arguments: Backend.allCases) func sweepReturnsOverdueAccountsAndWarnsTheRest(_ backend: Backend) throws {
        // The clock walks to each day of work: an activity is recorded once it has happened.
        let clock = TestClock(StoreFixture.now)
        let store = try Team.store(backend, clock: clock)
        try store.acting(as: Team.zhao).savePoolRules(PoolRules(noFollowUpDays: 30, noWinDays: 0, warnDays: 7, maxAccountsPerRep: 0))
        let t = StoreFixture.today
        let a1 = try Team.account(store, "One", owner: Team.wang)
        let a2 = try Team.account(store, "Two", owner: Team.wang)
        let a3 = try Team.account(store, "Three", owner: Team.wang)
        let a4 = try Team.account(store, "Four", owner: Team.li)
        let a5 = try Team.account(store, "Five", owner: Team.wang)
        _ = try Team.account(store, "Six", owner: nil)
        _ = try store.acting(as: Team.wang).protect(a5.id)
        var walked = 0
        for (account, offset) in [(a1, 5), (a2, 15), (a3, 39)] {
            clock.advance(days: offset - walked)
            walked = offset
            _ = try store.acting(as: Team.wang).addActivity(Activity(accountID: account.id, kind: .call, day: t.adding(days: offset), by: Team.wang))
        }
        let today = t.adding(days: 40)

        #expect(try store.poolWarnings(for: Team.wang, today: today).map { [$0.accountID, Int64($0.daysLeft)] } == [[1, 0], [2, 5]])
        #expect(try store.poolWarnings(for: Team.wang, today: today).last?.reason == .noFollowUp(days: 30))
        #expect(try store.poolWarnings(for: Team.wang, today: t.adding(days: 30)).map(\.accountID) == [1])

        let dry = try store.poolDue(today: today)
        #expect(dry.map(\.accountID) == [a1.id, a4.id] && dry.map(\.overdueDays) == [5, 10] && dry.map(\.owner) == [Team.wang, Team.li])
        #expect(try store.account(a1.id).owner == Team.wang)

        let report = try store.acting(as: Team.zhao).sweepPool(today: today)
        #expect(report.returned == dry && report.today == today)
        for id in [a1.id, a4.id] {
            let account = try store.account(id)
            #expect(account.owner == nil && account.visibility == .pool && account.version == 2)
            #expect(try store.ownership(of: id).returnedReason == "no follow-up for 30 days")
            let event = try #require(try store.events(EventQuery(entity: "account", entityID: id)).first)
            #expect(event.action == "returned" && event.user == Team.zhao && event.note == "no follow-up for 30 days (pool rule, 2027-01-02)")
        }
        #expect(try [a2.id, a3.id, a5.id].map { try store.account($0).owner } == [Team.wang, Team.wang, Team.wang])
        #expect(try store.acting(as: Team.zhao).sweepPool(today: today).returned.isEmpty)

        #expect(try store.poolWarnings(for: Team.wang, today: today).map(\.accountID) == [a2.id])
        #expect(try store.poolWarnings(for: Team.li, today: today).isEmpty)
        #expect(try store.poolWarnings(for: nil, today: today).map(\.accountID) == [a2.id])
        #expect(try store.poolWarnings(for: nil, today: today).first?.dueOn(today: today) == t.adding(days: 45))
    }

    @Test(arguments: Backend.allCases) func noWinRuleCountsFromTheLastWonDealAndAClaimRestartsTheClocks(_ backend: Backend) throws {
        let clock = TestClock(StoreFixture.now)
        let store = try Team.store(backend, clock: clock)
        try store.acting(as: Team.zhao).savePoolRules(PoolRules(noFollowUpDays: 30, noWinDays: 60, warnDays: 7, maxAccountsPerRep: 0))
        let t = StoreFixture.today
        let won = try Team.account(store, "Won", owner: Team.wang)
        let dry = try Team.account(store, "Dry", owner: Team.wang)
        let pool = try Team.account(store, "Pool", owner: nil)
        // Day T+50: a deal on "Won" is won; both accounts are worked on T+50.
        clock.advance(days: 50)
        let deal = try store.acting(as: Team.wang).addDeal(StoreFixture.deal("Pumps", account: won.id, owner: Team.wang))
        _ = try store.acting(as: Team.wang).closeDeal(deal.id, as: .won, reason: "price", expectedVersion: deal.version)
        for account in [won, dry] {
            _ = try store.acting(as: Team.wang).addActivity(Activity(accountID: account.id, kind: .visit, day: t.adding(days: 50), by: Team.wang))
        }
        // T+55: "Dry" has won nothing for 55 days (5 left); "Won" is safe (won 5 days ago, worked 5 days ago).
        let warnings = try store.poolWarnings(for: Team.wang, today: t.adding(days: 55))
        #expect(warnings.map(\.accountID) == [dry.id] && warnings.first?.daysLeft == 5 && warnings.first?.reason == .noWin(days: 60))
        #expect(try store.poolDue(today: t.adding(days: 60)).map(\.accountID) == [dry.id])
        // A claim on T+50 restarts both clocks for the pool account: nothing due on T+79, due on T+80.
        _ = try store.acting(as: Team.li).claim(pool.id)
        #expect(try store.poolDue(today: t.adding(days: 79)).map(\.accountID) == [dry.id])
        #expect(try store.poolDue(today: t.adding(days: 80)).map(\.accountID) == [won.id, dry.id, pool.id])
    }
}
