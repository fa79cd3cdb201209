import CloserCore
import CloserSQLite
import Foundation
import Testing

@Suite("Visibility: a rep sees own, shared-with-me and pool accounts; a manager sees all — in the store's queries and writes")
struct VisibilityTests {
    /// Accounts, by id:
    ///   1 wang owned · 2 wang exclusive · 3 wang shared with li.na · 4 li.na owned · 5 pool
    ///   6 wang exclusive with a stale share list naming li.na · 7 wang legacy `protected`
    ///   8 wang shared with "li.na" only (the user "li" must not match it)
    static func world() throws -> SQLiteStore {
        let store = try Team.store()
        try store.saveUser(User(name: "li", role: .rep), by: "admin")
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

    static func ids(_ store: SQLiteStore, _ viewer: Viewer?) throws -> [Int64] {
        try store.accounts(AccountQuery(viewer: viewer, sort: .id, limit: 100)).rows.map(\.id)
    }

    /// The person table follows the accounts: one person on each of the eight accounts.
    @Test(arguments: [
        (Team.wang, [1, 2, 3, 5, 6, 7, 8] as [Int64]),
        (Team.li, [3, 4, 5, 8]),
        (Team.zhao, [1, 2, 3, 4, 5, 6, 7, 8]),
    ])
    func personTableByViewer(name: String, expected: [Int64]) throws {
        let store = try Self.world()
        for account in 1...8 { _ = try store.addPerson(Person(accountID: Int64(account), name: "P\(account)"), by: "admin") }
        let viewer = try #require(try store.viewer(named: name))
        let page = try store.personRows(PersonTableQuery(sort: .name, limit: 50, viewer: viewer))
        #expect(page.rows.map(\.person.accountID) == expected)
        #expect(page.total == expected.count)
    }

    @Test(arguments: [
        (Team.wang, UserRole.rep, [1, 2, 3, 5, 6, 7, 8] as [Int64]),
        (Team.li, .rep, [3, 4, 5, 8]),
        ("li", .rep, [5]),
        (Team.stranger, .rep, [5]),
        (Team.zhao, .manager, [1, 2, 3, 4, 5, 6, 7, 8]),
    ])
    func accountListByViewer(name: String, role: UserRole, expected: [Int64]) throws {
        let store = try Self.world()
        let viewer = try #require(try store.viewer(named: name))
        #expect(viewer == Viewer(name: name, role: role))
        #expect(try Self.ids(store, viewer) == expected)
        #expect(try store.accounts(AccountQuery(viewer: viewer, limit: 100)).total == expected.count)
        // The Swift rule and the SQL filter agree on every account.
        let all = try store.accounts(AccountQuery(sort: .id, limit: 100)).rows.map(\.account)
        #expect(all.filter { $0.isVisible(to: viewer) }.map(\.id) == expected)
        // Single reads: visible ones come back, the others are refused naming the owner.
        for account in all {
            if expected.contains(account.id) {
                #expect(try store.account(account.id, as: viewer) == account)
            } else {
                let refusal = Team.refusal { try store.account(account.id, as: viewer) }
                #expect(refusal?.hasPrefix("account \(account.id) is private to \(account.owner ?? "?")") == true)
            }
        }
    }

    @Test func nilViewerAndTheOwnerFilterCombineWithVisibility() throws {
        let store = try Self.world()
        #expect(try Self.ids(store, nil) == [1, 2, 3, 4, 5, 6, 7, 8])
        let li = Viewer(name: Team.li, role: .rep)
        // li.na asking for wang.lei's accounts gets only those shared with her.
        #expect(try store.accounts(AccountQuery(owner: Team.wang, viewer: li, sort: .id)).rows.map(\.id) == [3, 8])
        #expect(try store.accounts(AccountQuery(text: "A", viewer: li, sort: .id, limit: 2)).rows.map(\.id) == [3, 4])
    }

    @Test func singleReadRefusalsNameTheOwner() throws {
        let store = try Self.world()
        let li = Viewer(name: Team.li, role: .rep)
        #expect(Team.refusal { try store.account(1, as: li) } == "account 1 is private to wang.lei")
        #expect(Team.refusal { try store.account(2, as: li) } == "account 2 is private to wang.lei (exclusive)")
        #expect(Team.refusal { try store.account(99, as: li) } == "no account with id 99")
        #expect(try store.account(2, as: Viewer(name: Team.zhao, role: .manager)).name == "A2")
        #expect(try store.account(2, as: nil).name == "A2")
    }

    @Test func rolesComeFromTheUserTable() throws {
        let empty = try StoreFixture.store()
        #expect(try empty.viewer(named: "anyone") == nil)
        let store = try Team.store()
        #expect(try store.viewer(named: Team.zhao) == Viewer(name: Team.zhao, role: .manager))
        #expect(try store.viewer(named: Team.wang) == Viewer(name: Team.wang, role: .rep))
        #expect(try store.viewer(named: "nobody") == Viewer(name: "nobody", role: .rep))
    }

    @Test func writesByNameFollowVisibility() throws {
        let store = try Self.world()
        // li.na cannot edit or delete wang.lei's private account.
        var a1 = try store.account(1)
        a1.notes = "li was here"
        #expect(Team.refusal { try store.updateAccount(a1, by: Team.li) } == "account 1 is private to wang.lei")
        #expect(Team.refusal { try store.deleteAccount(1, by: Team.li) } == "account 1 is private to wang.lei")
        #expect(Team.refusal { try store.updateAccount(a1, by: Team.stranger) } == "account 1 is private to wang.lei")
        // She may edit one shared with her, but not move it or delete it.
        var a3 = try store.account(3)
        a3.notes = "met the CTO"
        a3 = try store.updateAccount(a3, by: Team.li)
        #expect(a3.notes == "met the CTO" && a3.version == 2)
        var moved = a3
        moved.owner = Team.li
        #expect(Team.refusal { try store.updateAccount(moved, by: Team.li) }
            == "a rep cannot change who holds account 3 by editing it: use `closer account assign/share/unshare/exclusive/return/claim` (nothing was saved)")
        #expect(Team.refusal { try store.deleteAccount(3, by: Team.li) } == "only wang.lei (its owner) or a manager can delete account 3")
        #expect(Team.refusal { try store.deleteAccount(5, by: Team.li) }
            == "only a manager, since it is in the pool, can delete account 5")
        // The owner deletes their own; a manager deletes anything and may move by editing.
        try store.deleteAccount(1, by: Team.wang)
        moved.version = a3.version
        #expect(try store.updateAccount(moved, by: Team.zhao).owner == Team.li)
        try store.deleteAccount(5, by: Team.zhao)
        #expect(try Self.ids(store, nil) == [2, 3, 4, 6, 7, 8])
    }

    @Test func aStoreWithoutUsersRestrictsNobody() throws {
        let store = try StoreFixture.store()
        let account = try store.addAccount(Account(name: "Acme", grade: .b, assistance: 5, loyalty: 5, owner: "alice", visibility: .exclusive), by: "alice")
        var edit = account
        edit.owner = "bob"
        #expect(try store.updateAccount(edit, by: "bob").owner == "bob")
        #expect(try store.assign(account.id, to: "carol", by: "dave").owner == "carol")
        try store.deleteAccount(account.id, by: "erin")
    }
}
