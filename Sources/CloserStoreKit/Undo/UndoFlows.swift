import CloserCore
import Foundation

/// Undo as every backend carries it out: a change of one's own is reverted by a new logged
/// change, only while the row is at the version that change produced.
extension UndoBackend {
    package func lastUndoableChange(since: Date) throws -> ChangeEvent? {
        try read { transaction in
            try recentChanges(transaction, since: since).first { UndoNote.isUndoable(entity: $0.entity, action: $0.action) }
        }
    }

    package func undo(eventID: Int64) throws -> ChangeEvent {
        try write { transaction in
            guard let change = try loggedChange(transaction, eventID) else {
                throw StoreError.notFound(entity: "change", id: eventID)
            }
            try serializeUndos(transaction)
            try checkUndoable(transaction, change)
            let note = UndoNote.note(undoing: change.id)
            switch change.entity {
            case "deal": try undoDeal(transaction, change, note: note)
            case "account":
                _ = try editAccount(transaction, change.entityID, expectedVersion: change.version, note: note) { account in
                    account = try reverted(account, change, skipping: ["quadrant"])
                }
            default:
                _ = try editPerson(transaction, change.entityID, expectedVersion: change.version, note: note) { person in
                    person = try reverted(person, change)
                }
            }
            guard let logged = try latestChange(transaction, noted: note) else {
                throw UndoRefusal.nothingToUndo(change: change.id)
            }
            return logged
        }
    }

    /// Refuses, naming why, what cannot be undone: someone else's change, another kind of change,
    /// one undone already, a log row from before undo, or a row that has changed since.
    private func checkUndoable(_ transaction: Transaction, _ change: ChangeEvent) throws {
        guard change.user == actor else {
            throw UndoRefusal.notYours(change: change.id, by: change.user)
        }
        guard UndoNote.undoneEvent(change) == nil else { throw UndoRefusal.isAnUndo(change: change.id) }
        guard UndoNote.isUndoable(entity: change.entity, action: change.action) else {
            throw UndoRefusal.notUndoable(entity: change.entity, action: change.action)
        }
        if let undo = try author(transaction, ofChangeNoted: UndoNote.note(undoing: change.id)) {
            throw UndoRefusal.undoneAlready(change: change.id, by: undo)
        }
        guard let version = change.version else {
            throw UndoRefusal.loggedBeforeUndo(change: change.id)
        }
        guard let row = try rowVersion(transaction, entity: change.entity, id: change.entityID) else {
            throw UndoRefusal.deleted(entity: change.entity, id: change.entityID)
        }
        guard row.version == version else {
            // Who changed it since: the log's latest change of the row, else the row's own last writer.
            let since = try lastChanger(transaction, entity: change.entity, id: change.entityID, after: change.id) ?? row.updatedBy
            throw UndoRefusal.changedSince(entity: change.entity, id: change.entityID, by: since == actor ? nil : since,
                                           version: version, current: row.version)
        }
    }

    /// A deal's move goes back to the stage it left (entered when it had entered it, its forced
    /// gates lifted); a milestone is unticked or ticked again; an edit's fields are set back.
    private func undoDeal(_ transaction: Transaction, _ change: ChangeEvent, note: String) throws {
        switch change.action {
        case "moved", "forced":
            guard let stage = change.changes["stage"]?.old else { throw UndoRefusal.movedNoStage(change: change.id) }
            let entered = try stageEnteredAt(transaction, movedBy: change.id)
            let forced = Set((change.changes["forced"]?.new ?? "").components(separatedBy: ", ").filter { !$0.isEmpty })
            _ = try mutateDeal(transaction, change.entityID, expectedVersion: change.version) { old, _, _ in
                var back = old
                back.stageKey = stage
                back.stageEnteredAt = entered ?? clock()
                back.overrides.removeAll { forced.contains($0.milestoneKey) && $0.stageKey == stage }
                return (back, "moved", note)
            }
        case "milestone":
            let ticked = change.changes["milestone"]?.new, unticked = change.changes["milestone"]?.old
            _ = try mutateDeal(transaction, change.entityID, expectedVersion: change.version) { old, _, _ in
                var back = old
                if let ticked { back.milestonesDone.remove(ticked) }
                if let unticked { back.milestonesDone.insert(unticked) }
                return (back, "milestone", note)
            }
        default:
            _ = try editDeal(transaction, change.entityID, expectedVersion: change.version, note: note) { deal in
                deal = try reverted(deal, change)
            }
        }
    }

    private func reverted<T: Codable>(_ value: T, _ change: ChangeEvent, skipping: Set<String> = []) throws -> T {
        guard let back = FieldRevert.revert(value, change.changes, skipping: skipping) else {
            throw UndoRefusal.inexact(change: change.id)
        }
        return back
    }
}
