import CloserCore
import CloserStoreKit
import Foundation

/// Undo on the server, as in the file store: the flow is CloserStoreKit's Undo, the SQL
/// PostgresBackend+Undo's.
extension PostgresStore {
    public func lastUndoableChange(since: Date) throws -> ChangeEvent? { try backend.lastUndoableChange(since: since) }
    public func undo(eventID: Int64) throws -> ChangeEvent { try backend.undo(eventID: eventID) }
}
