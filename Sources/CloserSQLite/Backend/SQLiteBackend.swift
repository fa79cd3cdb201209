import CloserCore
import CloserStoreKit
import Foundation
import GRDB

/// The file store's transaction primitives for the shared flows (CloserStoreKit): a transaction
/// is GRDB's `Database`, inside the store's `read` or `write`.
///
/// Why a value beside the store and not the store itself: CloserStoreKit/README.md.
struct SQLiteBackend: StoreBackend {
    let store: SQLiteStore

    var actor: String { store.actor }
    var clock: @Sendable () -> Date { store.clock }

    func read<T>(_ body: (Database) throws -> T) throws -> T { try store.read(body) }
    func write<T>(_ body: (Database) throws -> T) throws -> T { try store.write(body) }
    func knownActor(_ db: Database) throws -> Actor { try store.knownActor(db) }

    @discardableResult
    func requireAccess(_ db: Database, account: Int64, _ wanted: AccountAccess, subject: Subject?) throws -> AccountOwnership {
        try store.requireAccess(db, account: account, wanted, subject: subject)
    }

    func requireTeamAdmin(_ db: Database, to verb: ManagerAct) throws { try store.requireTeamAdmin(db, to: verb) }
    /// Nothing to do: SQLite has one writer at a time, so a write already holds every row it reads.
    func lockAccount(_ db: Database, _ id: Int64) throws {}
    func fetchAccount(_ db: Database, _ id: Int64) throws -> Account { Account(row: try SQLiteStore.fetchRow(db, "account", id: id)) }
    func log(_ db: Database, _ event: ChangeEvent) throws { try store.log(db, event) }
}

extension SQLiteStore {
    /// This store as the shared flows see it.
    var backend: SQLiteBackend { SQLiteBackend(store: self) }
}
