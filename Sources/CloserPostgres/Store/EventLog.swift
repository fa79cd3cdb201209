import CloserCore
import Foundation

/// The event log's appends. A write notes its log rows as it goes (`PostgresStore.log`) and they
/// are appended together just before its transaction commits, in one statement: the server
/// function below takes the log's lock, reads the latest instant logged and inserts the rows.
///
/// Writers append one at a time so the log's order is the order of the commits; the lock is held
/// from the append to the commit. Taken at the first log row, it was held through the rest of
/// the write (the deal's update, the account's rollup, the health facts): every writer of the
/// team queued behind every other for all of that. Now it is held for one statement and COMMIT.
enum EventLog {
    /// Appends the rows the open transaction noted, if any. A read of the log inside a write
    /// (undo finds the row it just logged) flushes first.
    static func flush(_ connection: Connection) throws {
        guard let append = take(connection) else { return }
        try connection.execute(append.sql, append.values)
    }

    /// The statement appending the rows the open transaction noted (nil for none); they are no
    /// longer pending.
    static func take(_ connection: Connection) -> (sql: String, values: [SQLValue])? {
        let rows = connection.pendingLog.withLockedValue { rows -> [ChangeEvent] in
            defer { rows = [] }
            return rows
        }
        guard !rows.isEmpty else { return nil }
        return ("SELECT closer_log_append(?)", [.text(encoded(rows))])
    }

    /// One JSON array, a member per row in the order logged.
    static func encoded(_ rows: [ChangeEvent]) -> String {
        ColumnCoding.codable(rows.map(Row.init))
    }

    /// A log row as the append function reads it.
    struct Row: Encodable {
        let at: Double
        let user: String
        let entity: String
        let entityID: Int64
        let action: String
        let changes: String
        let note: String
        let accountID: Int64?
        let version: Int?

        init(_ event: ChangeEvent) {
            at = event.at.timeIntervalSince1970
            user = event.user
            entity = event.entity
            entityID = event.entityID
            action = event.action
            changes = event.changes.isEmpty ? "{}" : ColumnCoding.codable(event.changes)
            note = event.note
            accountID = event.accountID
            version = event.version
        }

        enum CodingKeys: String, CodingKey {
            case at, user, entity, entityID = "entity_id", action, changes, note, accountID = "account_id", version
        }
    }

    /// Runs as the caller, so the log's policies and its author trigger hold them as before. The
    /// lock comes first; each later statement of a PL/pgSQL function reads a new snapshot, so the
    /// latest instant includes every append that committed while this one waited for the lock.
    static var statements: [String] {
        [
            """
            CREATE FUNCTION closer_log_append(p_rows text) RETURNS void LANGUAGE plpgsql AS $$
            DECLARE
                latest double precision;
            BEGIN
                PERFORM pg_advisory_xact_lock(\(PostgresStore.logLock));
                latest := coalesce(closer_log_latest(), 0);
                INSERT INTO event (at, "user", entity, entity_id, action, changes, note, account_id, version)
                SELECT greatest((r.value->>'at')::double precision, latest), r.value->>'user', r.value->>'entity',
                       (r.value->>'entity_id')::bigint, r.value->>'action', r.value->>'changes', r.value->>'note',
                       (r.value->>'account_id')::bigint, (r.value->>'version')::integer
                FROM jsonb_array_elements(p_rows::jsonb) WITH ORDINALITY AS r(value, n)
                ORDER BY r.n;
            END
            $$
            """,
            """
            DO $$ BEGIN
                EXECUTE format('ALTER FUNCTION closer_log_append(text) SET search_path = %I, pg_temp', current_schema());
            END $$
            """,
        ]
    }
}
