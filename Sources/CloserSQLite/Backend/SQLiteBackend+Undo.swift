import CloserCore
import CloserStoreKit
import Foundation
import GRDB

/// The file store's SQL for the shared undo (CloserStoreKit/Undo).
extension SQLiteBackend: UndoBackend {
    func recentChanges(_ db: Database, since: Date) throws -> [ChangeEvent] {
        try Row.fetchAll(db, sql: """
            SELECT e.* FROM event e
            WHERE e.user = ? AND e.at >= ? AND e.version IS NOT NULL AND e.note NOT LIKE 'undo of change %'
              AND NOT EXISTS (SELECT 1 FROM event u WHERE u.note = 'undo of change ' || e.id)
            ORDER BY e.id DESC LIMIT 50
            """, arguments: [actor, since.timeIntervalSince1970]).map(ChangeEvent.init(row:))
    }

    func loggedChange(_ db: Database, _ id: Int64) throws -> ChangeEvent? {
        try Row.fetchOne(db, sql: "SELECT * FROM event WHERE id = ?", arguments: [id]).map(ChangeEvent.init(row:))
    }

    /// Nothing to do: one writer at a time already.
    func serializeUndos(_ db: Database) throws {}

    func latestChange(_ db: Database, noted note: String) throws -> ChangeEvent? {
        try Row.fetchOne(db, sql: "SELECT * FROM event WHERE note = ? ORDER BY id DESC LIMIT 1", arguments: [note]).map(ChangeEvent.init(row:))
    }

    func author(_ db: Database, ofChangeNoted note: String) throws -> String? {
        try String.fetchOne(db, sql: "SELECT user FROM event WHERE note = ? LIMIT 1", arguments: [note])
    }

    func rowVersion(_ db: Database, entity: String, id: Int64) throws -> (version: Int, updatedBy: String)? {
        try Row.fetchOne(db, sql: "SELECT version, updated_by FROM \(entity) WHERE id = ?", arguments: [id]).map { ($0["version"], $0.text("updated_by")) }
    }

    func lastChanger(_ db: Database, entity: String, id: Int64, after eventID: Int64) throws -> String? {
        try String.fetchOne(db, sql: """
            SELECT user FROM event WHERE entity = ? AND entity_id = ? AND id > ? ORDER BY id DESC LIMIT 1
            """, arguments: [entity, id, eventID])
    }

    func stageEnteredAt(_ db: Database, movedBy eventID: Int64) throws -> Date? {
        try Double.fetchOne(db, sql: "SELECT entered_at FROM stage_event WHERE event_id = ?", arguments: [eventID])
            .map { Date(timeIntervalSince1970: $0) }
    }
}
