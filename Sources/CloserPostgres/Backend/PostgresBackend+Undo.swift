import CloserCore
import CloserStoreKit
import Foundation

/// The server's SQL for the shared undo (CloserStoreKit/Undo).
extension PostgresBackend: UndoBackend {
    func recentChanges(_ connection: Connection, since: Date) throws -> [ChangeEvent] {
        try connection.query("""
            SELECT e.* FROM event e
            WHERE e."user" = ? AND e.at >= ? AND e.version IS NOT NULL AND e.note NOT LIKE 'undo of change %'
              AND NOT EXISTS (SELECT 1 FROM event u WHERE u.note = 'undo of change ' || e.id)
            ORDER BY e.id DESC LIMIT 50
            """, [.text(actor), .time(since)]).map(ChangeEvent.init(pg:))
    }

    func loggedChange(_ connection: Connection, _ id: Int64) throws -> ChangeEvent? {
        try connection.queryOne("SELECT * FROM event WHERE id = ?", [.int(id)]).map(ChangeEvent.init(pg:))
    }

    /// The log's own lock: two undos of one change take turns, the second finds the first's row.
    func serializeUndos(_ connection: Connection) throws {
        try connection.execute("SELECT pg_advisory_xact_lock(?)", [.int(PostgresStore.logLock)])
    }

    /// The rows this write noted are appended first, so an undo finds the row it just logged.
    func latestChange(_ connection: Connection, noted note: String) throws -> ChangeEvent? {
        try EventLog.flush(connection)
        return try connection.queryOne("SELECT * FROM event WHERE note = ? ORDER BY id DESC LIMIT 1", [.text(note)]).map(ChangeEvent.init(pg:))
    }

    func author(_ connection: Connection, ofChangeNoted note: String) throws -> String? {
        try connection.queryOne(#"SELECT "user" FROM event WHERE note = ? LIMIT 1"#, [.text(note)])?.string("user")
    }

    func rowVersion(_ connection: Connection, entity: String, id: Int64) throws -> (version: Int, updatedBy: String)? {
        guard let row = try connection.queryOne("SELECT version, updated_by FROM \(entity) WHERE id = ? FOR UPDATE", [.int(id)]) else { return nil }
        return (try row.int("version"), try row.string("updated_by"))
    }

    func lastChanger(_ connection: Connection, entity: String, id: Int64, after eventID: Int64) throws -> String? {
        try connection.queryOne("""
            SELECT "user" FROM event WHERE entity = ? AND entity_id = ? AND id > ? ORDER BY id DESC LIMIT 1
            """, [.text(entity), .int(id), .int(eventID)])?.string("user")
    }

    func stageEnteredAt(_ connection: Connection, movedBy eventID: Int64) throws -> Date? {
        try connection.queryOne("SELECT entered_at FROM stage_event WHERE event_id = ?", [.int(eventID)])?
            .optionalDouble("entered_at").map { Date(timeIntervalSince1970: $0) }
    }
}
