import CloserCore
import CloserSQLite
import Foundation
import StoreTestSupport

enum StoreFixture {
    /// 2026-11-23 12:00:00 UTC.
    static let now = Date(timeIntervalSince1970: 20_780 * 86_400 + 12 * 3_600)
    static let today = Day(year: 2026, month: 11, day: 23)!

    /// A new, empty store of `backend` acting for "admin", its clock at `now`.
    static func store(_ backend: Backend, actor: String = "admin") throws -> any TestStore {
        try backend.store(actor: actor, clock: { now })
    }

    static func account(_ name: String, grade: Grade = .b, owner: String = "alice") -> Account {
        Account(name: name, grade: grade, assistance: 5, loyalty: 5, owner: owner)
    }

    static func deal(_ title: String, account: Int64, stage: String = "develop", amount: Int64 = 100_000,
                     currency: String = "CNY", owner: String = "alice") -> Deal {
        Deal(accountID: account, title: title, processKey: "project", stageKey: stage,
             amount: Money(minorUnits: amount, currency: currency), owner: owner)
    }

    static func counts(_ store: any Store) throws -> [Int] {
        let snapshot = try store.exportSnapshot()
        return [snapshot.accounts.count, snapshot.persons.count, snapshot.deals.count, snapshot.activities.count,
                snapshot.events.count, snapshot.users.count, snapshot.processes.count]
    }

    /// A small hand-made pipeline, amounts in minor units:
    ///   中国石化 (A, alice): d1 develop 100 000, d2 develop 250 000, d5 proposal 1 000 000 (lost)
    ///   Acme Steel (B, bob): d3 develop 33 335 (bob), d4 entry 500 000 "Furnace upgrade" (bob), d6 develop 10 000 USD (alice)
    struct Pipeline {
        var store: any TestStore
        var sinopec: Account
        var acme: Account
        var d1, d2, d3, d4, d5, d6: Deal
    }

    static func pipeline(_ backend: Backend) throws -> Pipeline {
        let store = try store(backend)
        let sinopec = try store.acting(as: "alice").addAccount(account("中国石化", grade: .a, owner: "alice"))
        let acme = try store.acting(as: "bob").addAccount(account("Acme Steel", grade: .b, owner: "bob"))
        let d1 = try store.acting(as: "alice").addDeal(deal("Refinery pumps", account: sinopec.id, amount: 100_000))
        let d2 = try store.acting(as: "alice").addDeal(deal("Pipeline valves", account: sinopec.id, amount: 250_000))
        let d3 = try store.acting(as: "bob").addDeal(deal("Rolling mill sensors", account: acme.id, amount: 33_335, owner: "bob"))
        let d4 = try store.acting(as: "bob").addDeal(deal("Furnace upgrade", account: acme.id, stage: "entry", amount: 500_000, owner: "bob"))
        var d5 = try store.acting(as: "alice").addDeal(deal("Tank farm", account: sinopec.id, stage: "proposal", amount: 1_000_000))
        d5 = try store.acting(as: "alice").closeDeal(d5.id, as: .lost, reason: "price", expectedVersion: d5.version)
        let d6 = try store.acting(as: "alice").addDeal(deal("Spare parts", account: acme.id, amount: 10_000, currency: "USD"))
        return Pipeline(store: store, sinopec: sinopec, acme: acme, d1: d1, d2: d2, d3: d3, d4: d4, d5: d5, d6: d6)
    }
}

extension TestStore {
    /// The store as `viewer` sees it: the viewer joins the user table with their role (and the
    /// store's own actor as a manager, so the fixture's other calls keep seeing everything).
    /// nil is the store as it is.
    func viewing(_ viewer: Viewer?) throws -> Self {
        guard let viewer else { return self }
        let names = Set(try users().map(\.name))
        if !names.contains(actor) { try saveUser(User(name: actor, role: .manager)) }
        if !names.contains(viewer.name) { try saveUser(User(name: viewer.name, role: viewer.role)) }
        return acting(as: viewer.name)
    }
}
