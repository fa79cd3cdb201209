import CloserCore
import CloserStoreKit
import Foundation

/// Undo on the server, as the file store does it (SQLiteStore+Undo): a change of one's own is
/// reverted by a new logged change, only while the row is at the version that change produced.
extension PostgresStore {
    public func lastUndoableChange(since: Date) throws -> ChangeEvent? {
        try read { connection in
            let rows = try connection.query("""
                SELECT e.* FROM event e
                WHERE e."user" = ? AND e.at >= ? AND e.version IS NOT NULL AND e.note NOT LIKE 'undo of change %'
                  AND NOT EXISTS (SELECT 1 FROM event u WHERE u.note = 'undo of change ' || e.id)
                ORDER BY e.id DESC LIMIT 50
                """, [.text(actor), .time(since)])
            return try rows.map(ChangeEvent.init(pg:)).first { UndoNote.isUndoable(entity: $0.entity, action: $0.action) }
        }
    }

    public func undo(eventID: Int64) throws -> ChangeEvent {
        try write { connection in
            guard let row = try connection.queryOne("SELECT * FROM event WHERE id = ?", [.int(eventID)]) else {
                throw StoreError.notFound(entity: "change", id: eventID)
            }
            let change = try ChangeEvent(pg: row)
            // Two undos of one change at once: the second waits here and then finds the first's row.
            try connection.execute("SELECT pg_advisory_xact_lock(?)", [.int(Self.logLock)])
            try checkUndoable(connection, change)
            let note = UndoNote.note(undoing: change.id)
            switch change.entity {
            case "deal": try undoDeal(connection, change, note: note)
            case "account":
                _ = try editAccount(connection, change.entityID, expectedVersion: change.version, note: note) { account in
                    account = try reverted(account, change, skipping: ["quadrant"])
                }
            default:
                _ = try editPerson(connection, change.entityID, expectedVersion: change.version, note: note) { person in
                    person = try reverted(person, change)
                }
            }
            try EventLog.flush(connection)
            guard let logged = try connection.queryOne("SELECT * FROM event WHERE note = ? ORDER BY id DESC LIMIT 1", [.text(note)]) else {
                throw UndoRefusal.nothingToUndo(change: change.id)
            }
            return try ChangeEvent(pg: logged)
        }
    }

    /// Refuses, naming why, what cannot be undone: someone else's change, another kind of change,
    /// one undone already, a log row from before undo, or a row that has changed since.
    private func checkUndoable(_ connection: Connection, _ change: ChangeEvent) throws {
        guard change.user == actor else {
            throw UndoRefusal.notYours(change: change.id, by: change.user)
        }
        guard UndoNote.undoneEvent(change) == nil else { throw UndoRefusal.isAnUndo(change: change.id) }
        guard UndoNote.isUndoable(entity: change.entity, action: change.action) else {
            throw UndoRefusal.notUndoable(entity: change.entity, action: change.action)
        }
        if let undo = try connection.queryOne(#"SELECT "user" FROM event WHERE note = ? LIMIT 1"#, [.text(UndoNote.note(undoing: change.id))]) {
            throw UndoRefusal.undoneAlready(change: change.id, by: try undo.string("user"))
        }
        guard let version = change.version else {
            throw UndoRefusal.loggedBeforeUndo(change: change.id)
        }
        guard let row = try connection.queryOne("SELECT version, updated_by FROM \(change.entity) WHERE id = ? FOR UPDATE", [.int(change.entityID)]) else {
            throw UndoRefusal.deleted(entity: change.entity, id: change.entityID)
        }
        let current = try row.int("version")
        guard current == version else {
            // Who changed it since: the log's latest change of the row, else the row's own last writer.
            let since = try connection.queryOne("""
                SELECT "user" FROM event WHERE entity = ? AND entity_id = ? AND id > ? ORDER BY id DESC LIMIT 1
                """, [.text(change.entity), .int(change.entityID), .int(change.id)])?.string("user") ?? row.string("updated_by")
            throw UndoRefusal.changedSince(entity: change.entity, id: change.entityID, by: since == actor ? nil : since,
                                           version: version, current: current)
        }
    }

    /// A deal's move goes back to the stage it left (entered when it had entered it, its forced
    /// gates lifted); a milestone is unticked or ticked again; an edit's fields are set back.
    private func undoDeal(_ connection: Connection, _ change: ChangeEvent, note: String) throws {
        switch change.action {
        case "moved", "forced":
            guard let stage = change.changes["stage"]?.old else { throw UndoRefusal.movedNoStage(change: change.id) }
            let entered = try connection.queryOne("SELECT entered_at FROM stage_event WHERE event_id = ?", [.int(change.id)])?
                .optionalDouble("entered_at")
            let forced = Set((change.changes["forced"]?.new ?? "").components(separatedBy: ", ").filter { !$0.isEmpty })
            _ = try backend.mutateDeal(connection, change.entityID, expectedVersion: change.version) { old, _, _ in
                var back = old
                back.stageKey = stage
                back.stageEnteredAt = entered.map { Date(timeIntervalSince1970: $0) } ?? clock()
                back.overrides.removeAll { forced.contains($0.milestoneKey) && $0.stageKey == stage }
                return (back, "moved", note)
            }
        case "milestone":
            let ticked = change.changes["milestone"]?.new, unticked = change.changes["milestone"]?.old
            _ = try backend.mutateDeal(connection, change.entityID, expectedVersion: change.version) { old, _, _ in
                var back = old
                if let ticked { back.milestonesDone.remove(ticked) }
                if let unticked { back.milestonesDone.insert(unticked) }
                return (back, "milestone", note)
            }
        default:
            _ = try backend.editDeal(connection, change.entityID, expectedVersion: change.version, note: note) { deal in
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
