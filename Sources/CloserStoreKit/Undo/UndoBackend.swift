import CloserCore
import Foundation

/// What undo needs of a backend, beyond the deal, account and person edits it reverts with: the
/// log as it reads it.
package protocol UndoBackend: PlanBackend, RecordBackend {
    /// The actor's newest versioned changes logged at or after `since` that no undo has taken
    /// back and that are no undo themselves, newest first (at most 50).
    func recentChanges(_ transaction: Transaction, since: Date) throws -> [ChangeEvent]
    /// The log row with this id, nil for none.
    func loggedChange(_ transaction: Transaction, _ id: Int64) throws -> ChangeEvent?
    /// Makes two undos of one change take turns: the second waits here, then finds the first's row.
    func serializeUndos(_ transaction: Transaction) throws
    /// The newest log row with this note, as the log holds it now (this transaction's rows included).
    func latestChange(_ transaction: Transaction, noted note: String) throws -> ChangeEvent?
    /// Who logged the first row with this note, nil for nobody.
    func author(_ transaction: Transaction, ofChangeNoted note: String) throws -> String?
    /// The row's version and last writer (held until the transaction ends), nil when it is gone.
    func rowVersion(_ transaction: Transaction, entity: String, id: Int64) throws -> (version: Int, updatedBy: String)?
    /// Who logged the newest change of the row after the log row `eventID`, nil for nobody.
    func lastChanger(_ transaction: Transaction, entity: String, id: Int64, after eventID: Int64) throws -> String?
    /// When the deal entered the stage the move logged as `eventID` left (the stage history's record).
    func stageEnteredAt(_ transaction: Transaction, movedBy eventID: Int64) throws -> Date?
}
