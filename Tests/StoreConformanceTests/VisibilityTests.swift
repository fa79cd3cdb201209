import CloserCore
import CloserSQLite
import Foundation
import StoreTestSupport
import Testing

@Suite("Visibility: a rep sees own, shared-with-me and pool accounts; a manager sees all — in the store's queries and writes")
struct VisibilityTests {
    /// Accounts, by id:
    ///   1 wang owned · 2 wang exclusive · 3 wang shared with li.na · 4 li.na owned · 5 pool
    ///   6 wang exclusive with a stale share list naming li.na · 7 wang legacy `protected`
    ///   8 wang shared with "li.na" only (the user "li" must not match it)
    static func world(_ backend: Backend) throws -> any TestStore {
        let store = try Team.store(backend)
        try store.saveUser(User(name: "li", role: .rep))
        _ = try Team.account(store, "A1", owner: Team.wang)
        _ = try Team.account(store, "A2", owner: Team.wang, visibility: .exclusive)
        _ = try Team.account(store, "A3", owner: Team.wang, visibility: .shared, shared: [Team.li])
        _ = try Team.account(store, "A4", owner: Team.li)
        _ = try Team.account(store, "A5", owner: nil)
        _ = try Team.account(store, "A6", owner: Team.wang, visibility: .exclusive, shared: [Team.li])
        _ = try Team.account(store, "A7", owner: Team.wang, visibility: .protected)
        _ = try Team.account(store, "A8", owner: Team.wang, visibility: .shared, shared: [Team.li])
        return store
    }

    static func ids(_ store: any TestStore, _ viewer: String?) throws -> [Int64] {
        try (viewer.map(store.acting(as:)) ?? store).accounts(AccountQuery(sort: .id, limit: 100)).rows.map(\.id)
    }

    /// The person table follows the accounts: one person on each of the eight accounts.
    @Test(arguments: Backend.allCases, [
        (Team.wang, [1, 2, 3, 5, 6, 7, 8] as [Int64]),
        (Team.li, [3, 4, 5, 8]),
        (Team.zhao, [1, 2, 3, 4, 5, 6, 7, 8]),
    ]) func personTableByViewer(_ backend: Backend, _ arguments: (String, [Int64])) throws {
        let (name, expected) = arguments
        let store = try Self.world(backend)
        for account in 1...8 { _ = try store.addPerson(Person(accountID: Int64(account), name: "P\(account)")) }
        let page = try store.acting(as: name).personRows(PersonTableQuery(sort: .name, limit: 50))
        #expect(page.rows.map(\.person.accountID) == expected)
        #expect(page.total == expected.count)
    }

    @Test(arguments: Backend.allCases, [
        (Team.wang, UserRole.rep, [1, 2, 3, 5, 6, 7, 8] as [Int64]),
        (Team.li, .rep, [3, 4, 5, 8]),
        ("li", .rep, [5]),
        (Team.zhao, .manager, [1, 2, 3, 4, 5, 6, 7, 8]),
    ]) func accountListByViewer(_ backend: Backend, _ arguments: (String, UserRole, [Int64])) throws {
        let (name, role, expected) = arguments
        let store = try Self.world(backend)
        let viewer = Viewer(name: name, role: role)
        let seen = store.acting(as: name)
        #expect(try seen.whoIsActing() == .member(viewer))
        #expect(try Self.ids(store, name) == expected)
        #expect(try seen.accounts(AccountQuery(limit: 100)).total == expected.count)
        // The Swift rule and the SQL filter agree on every account.
        let all = try store.accounts(AccountQuery(sort: .id, limit: 100)).rows.map(\.account)
        #expect(all.filter { $0.isVisible(to: viewer) }.map(\.id) == expected)
        // Single reads: visible ones come back, the others are refused naming the owner.
        for account in all {
            if expected.contains(account.id) {
                #expect(try seen.account(account.id) == account)
            } else {
                let refusal = Team.refusal { try seen.account(account.id) }
                #expect(refusal?.hasPrefix("account \(account.id) is private to \(account.owner ?? "?")") == true)
            }
        }
    }

    @Test(arguments: Backend.allCases) func nilViewerAndTheOwnerFilterCombineWithVisibility(_ backend: Backend) throws {
        let store = try Self.world(backend)
        #expect(try Self.ids(store, nil) == [1, 2, 3, 4, 5, 6, 7, 8])
        let li = store.acting(as: Team.li)
        // li.na asking for wang.lei's accounts gets only those shared with her.
        #expect(try li.accounts(AccountQuery(owner: Team.wang, sort: .id)).rows.map(\.id) == [3, 8])
        #expect(try li.accounts(AccountQuery(text: "A", sort: .id, limit: 2)).rows.map(\.id) == [3, 4])
    }

    @Test(arguments: Backend.allCases) func singleReadRefusalsNameTheOwner(_ backend: Backend) throws {
        let store = try Self.world(backend)
        let li = store.acting(as: Team.li)
        #expect(Team.refusal { try li.account(1) } == "account 1 is private to wang.lei")
        #expect(Team.refusal { try li.account(2) } == "account 2 is private to wang.lei (exclusive)")
        #expect(Team.refusal { try li.account(99) } == "no account with id 99")
        #expect(try store.acting(as: Team.zhao).account(2).name == "A2")
    }

    @Test(arguments: Backend.allCases) func rolesComeFromTheUserTable(_ backend: Backend) throws {
        let empty = try StoreFixture.store(backend)
        #expect(try empty.acting(as: "anyone").whoIsActing() == .anyone("anyone"))
        let store = try Team.store(backend)
        #expect(try store.acting(as: Team.zhao).whoIsActing() == .member(Viewer(name: Team.zhao, role: .manager)))
        #expect(try store.acting(as: Team.wang).whoIsActing() == .member(Viewer(name: Team.wang, role: .rep)))
        #expect(try store.acting(as: "nobody").whoIsActing() == .stranger("nobody"))
    }

    /// A name the user table does not know sees nothing, and every call tells them how to be added.
    @Test(arguments: Backend.allCases) func aStrangerIsToldToBeAdded(_ backend: Backend) throws {
        let stranger = try Self.world(backend).acting(as: Team.stranger)
        let told = "stranger is not a user of this store: a manager adds you with `closer user add stranger --role rep` (nothing was read or changed)"
        #expect(Team.refusal { try stranger.accounts(AccountQuery()) } == told)
        #expect(Team.refusal { try stranger.deals(DealQuery()) } == told)
        #expect(Team.refusal { try stranger.account(5) } == told)
        #expect(Team.refusal { try stranger.events(EventQuery()) } == told)
        #expect(Team.refusal { try stranger.claim(5) } == told)
    }

    @Test(arguments: Backend.allCases) func writesByNameFollowVisibility(_ backend: Backend) throws {
        let store = try Self.world(backend)
        // li.na cannot edit or delete wang.lei's private account.
        var a1 = try store.account(1)
        a1.notes = "li was here"
        #expect(Team.refusal { try store.acting(as: Team.li).updateAccount(a1) } == "account 1 is private to wang.lei")
        #expect(Team.refusal { try store.acting(as: Team.li).deleteAccount(1) } == "account 1 is private to wang.lei")
        #expect(Team.refusal { try store.acting(as: Team.stranger).updateAccount(a1) }?.hasPrefix("stranger is not a user of this store") == true)
        // She may edit one shared with her, but not move it or delete it.
        var a3 = try store.account(3)
        a3.notes = "met the CTO"
        a3 = try store.acting(as: Team.li).updateAccount(a3)
        #expect(a3.notes == "met the CTO" && a3.version == 2)
        var moved = a3
        moved.owner = Team.li
        #expect(Team.refusal { try store.acting(as: Team.li).updateAccount(moved) }
            == "a rep cannot change who holds account 3 by editing it: use `closer account assign/share/unshare/exclusive/return/claim` (nothing was saved)")
        #expect(Team.refusal { try store.acting(as: Team.li).deleteAccount(3) } == "only wang.lei (its owner) or a manager can delete account 3")
        #expect(Team.refusal { try store.acting(as: Team.li).deleteAccount(5) }
            == "account 5 is in the pool: claim it first (`closer account claim 5`); nothing was changed")
        // The owner deletes their own; a manager deletes anything and may move by editing.
        try store.acting(as: Team.wang).deleteAccount(1)
        moved.version = a3.version
        #expect(try store.acting(as: Team.zhao).updateAccount(moved).owner == Team.li)
        try store.acting(as: Team.zhao).deleteAccount(5)
        #expect(try Self.ids(store, nil) == [2, 3, 4, 6, 7, 8])
    }

    @Test(arguments: Backend.allCases) func aStoreWithoutUsersRestrictsNobody(_ backend: Backend) throws {
        let store = try StoreFixture.store(backend)
        let account = try store.acting(as: "alice").addAccount(Account(name: "Acme", grade: .b, assistance: 5, loyalty: 5, owner: "alice", visibility: .exclusive))
        var edit = account
        edit.owner = "bob"
        #expect(try store.acting(as: "bob").updateAccount(edit).owner == "bob")
        #expect(try store.acting(as: "dave").assign(account.id, to: "carol").owner == "carol")
        try store.acting(as: "erin").deleteAccount(account.id)
    }
}
