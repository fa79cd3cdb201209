import CloserCore
import CloserStoreKit
import Foundation

/// Undo: the flow is CloserStoreKit's Undo, the SQL SQLiteBackend+Undo's.
extension SQLiteStore {
    public func lastUndoableChange(since: Date) throws -> ChangeEvent? { try backend.lastUndoableChange(since: since) }
    public func undo(eventID: Int64) throws -> ChangeEvent { try backend.undo(eventID: eventID) }
}
