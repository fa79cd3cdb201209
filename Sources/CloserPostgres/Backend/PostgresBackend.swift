import CloserCore
import CloserStoreKit
import Foundation

/// The server store's transaction primitives for the shared flows (CloserStoreKit): a transaction
/// is one of the store's connections, inside `read` or `write`.
///
/// Why a value beside the store and not the store itself: CloserStoreKit/README.md.
struct PostgresBackend: StoreBackend {
    let store: PostgresStore

    var actor: String { store.actor }
    var clock: @Sendable () -> Date { store.clock }

    func read<T>(_ body: (Connection) throws -> T) throws -> T { try store.read(body) }
    func write<T>(_ body: (Connection) throws -> T) throws -> T { try store.write(body) }
    func knownActor(_ connection: Connection) throws -> Actor { try store.knownActor(connection) }

    @discardableResult
    func requireAccess(_ connection: Connection, account: Int64, _ wanted: AccountAccess, subject: Subject?) throws -> AccountOwnership {
        try store.requireAccess(connection, account: account, wanted, subject: subject)
    }

    func requireTeamAdmin(_ connection: Connection, to verb: ManagerAct) throws { try store.requireTeamAdmin(connection, to: verb) }
    func lockAccount(_ connection: Connection, _ id: Int64) throws { try PostgresStore.lockAccount(connection, id) }
    func fetchAccount(_ connection: Connection, _ id: Int64) throws -> Account {
        try Account(pg: try PostgresStore.fetchRow(connection, "account", id: id))
    }

    func log(_ connection: Connection, _ event: ChangeEvent) throws { try store.log(connection, event) }
}

extension PostgresStore {
    /// This store as the shared flows see it.
    var backend: PostgresBackend { PostgresBackend(store: self) }
}
