import CloserCore
import Foundation

/// The transaction primitives every backend provides, on which the shared flows are written.
/// `Transaction` is the backend's handle on one open transaction (GRDB's `Database`, a
/// PostgreSQL connection); nothing here knows what it is.
package protocol StoreBackend {
    associatedtype Transaction

    /// Who this handle acts for: what they may see and change, and whose name the log records.
    var actor: String { get }
    var clock: @Sendable () -> Date { get }

    /// Runs `body` in one read transaction: its statements see one snapshot.
    func read<T>(_ body: (Transaction) throws -> T) throws -> T
    /// Runs `body` in one write transaction: its changes and its log rows commit together or not at all.
    func write<T>(_ body: (Transaction) throws -> T) throws -> T

    /// The actor as the team knows them, refused when the team does not.
    func knownActor(_ transaction: Transaction) throws -> Actor
    /// The account's holding when the actor has at least `wanted` access to it; else the refusal naming `subject`.
    @discardableResult
    func requireAccess(_ transaction: Transaction, account: Int64, _ wanted: AccountAccess, subject: Subject?) throws -> AccountOwnership
    /// Refuses a team-wide change to anyone but a manager (or anyone, in a store without users).
    func requireTeamAdmin(_ transaction: Transaction, to verb: ManagerAct) throws
    /// Holds the account until the transaction ends, so writes to what hangs from it take turns.
    func lockAccount(_ transaction: Transaction, _ id: Int64) throws
    /// The account as stored now, or a not-found refusal.
    func fetchAccount(_ transaction: Transaction, _ id: Int64) throws -> Account
    /// Appends a row to the event log in this transaction.
    func log(_ transaction: Transaction, _ event: ChangeEvent) throws
}

extension StoreBackend {
    /// A read that knows who is reading (a name the team does not know is refused).
    package func readAsActor<T>(_ body: (Transaction, Actor) throws -> T) throws -> T {
        try read { transaction in try body(transaction, try knownActor(transaction)) }
    }

    /// An event-log row by the actor. `account` is the account the entity hangs from (an
    /// account's own id for account events), so the log follows the account's visibility.
    /// `version` is the row's version the change produced, for a versioned row (what an undo checks).
    package func event(_ entity: String, _ id: Int64, _ action: String, _ changes: [String: FieldChange] = [:],
                       note: String = "", account: Int64?, version: Int? = nil) -> ChangeEvent {
        ChangeEvent(at: clock(), user: actor, entity: entity, entityID: id, action: action, changes: changes, note: note,
                    accountID: account, version: version)
    }
}
