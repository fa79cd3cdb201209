import Foundation

/// What a large load (a whole store's, or an import of another program's file) sets aside while
/// its rows go in, for each table the load at least doubles (it brings as many rows as the table
/// holds, and thousands of them), when the store's administrator (the tables' owner, who has no
/// team role) loads it — a member's load keeps every index and key, whose changes others wait on:
/// - the table's secondary indexes, built again once from all the rows, which costs less than
///   keeping each of them row by row;
/// - its foreign keys, checked again in one join per key when they are put back, instead of one
///   deferred check per row at commit (2.5 million of them for the 100k demo);
/// - the log's row triggers, which leave such a load's rows as they are anyway: the author
///   trigger does not touch the administrator's rows, and the history's is silent under
///   `closer.history` 'verbatim' or 'deferred' (the history is filled set-based afterwards).
/// Everything goes back in the same transaction, so a load that fails leaves the schema as it was.
struct BulkLoadSetAside {
    /// A table is set aside for a load of this many rows or more.
    static let minimumRows = 5_000
    static let quietTriggers = ["event": ["event_author", "stage_event_from_log"]]

    private var restore: [String] = []

    /// Sets aside what `rows` (rows to load per table) makes worth it; nothing for a member of the team.
    static func begin(_ connection: Connection, rows: [String: Int]) throws -> BulkLoadSetAside {
        var aside = BulkLoadSetAside()
        guard try connection.queryOne("SELECT closer_role() IS NULL AS administrator")?.bool("administrator") == true else { return aside }
        for (table, incoming) in rows.sorted(by: { $0.key < $1.key }) where incoming >= minimumRows {
            let quoted = CopyText.quoted(table)
            guard let state = try connection.queryOne("""
                SELECT pg_has_role(c.relowner, 'USAGE') AS owns, (SELECT count(*) FROM \(quoted)) AS held
                FROM pg_class c WHERE c.oid = ?::regclass
                """, [.text(quoted)]),
                try state.bool("owns"), try state.int64("held") <= Int64(incoming) else { continue }
            for row in try connection.query("""
                SELECT c.relname AS name, pg_get_indexdef(i.indexrelid) AS definition
                FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
                WHERE i.indrelid = ?::regclass AND NOT i.indisprimary AND NOT i.indisunique
                  AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
                ORDER BY c.relname
                """, [.text(quoted)]) {
                try connection.execute("DROP INDEX \(CopyText.quoted(try row.string("name")))")
                aside.restore.append(try row.string("definition"))
            }
            for row in try connection.query("""
                SELECT conname AS name, pg_get_constraintdef(oid) AS definition FROM pg_constraint
                WHERE conrelid = ?::regclass AND contype = 'f' ORDER BY conname
                """, [.text(quoted)]) {
                let name = CopyText.quoted(try row.string("name"))
                try connection.execute("ALTER TABLE \(quoted) DROP CONSTRAINT \(name)")
                aside.restore.append("ALTER TABLE \(quoted) ADD CONSTRAINT \(name) \(try row.string("definition"))")
            }
            for trigger in quietTriggers[table] ?? [] {
                try connection.execute("ALTER TABLE \(quoted) DISABLE TRIGGER \(CopyText.quoted(trigger))")
                aside.restore.append("ALTER TABLE \(quoted) ENABLE TRIGGER \(CopyText.quoted(trigger))")
            }
        }
        // The indexes go back in one sort each: in memory, not in batches on disk. The load's
        // set-based passes over whole tables (its deals' derived columns, the account rollups)
        // sort and hash in memory too, not in the 4 MB the server gives a screen's query.
        if aside.isActive {
            try connection.execute("SET LOCAL maintenance_work_mem = '256MB'")
            try connection.execute("SET LOCAL work_mem = '256MB'")
        }
        return aside
    }

    /// The tables of a whole store that grow with it: what a copy sets aside.
    static let copiedTables = ["account", "person", "deal", "activity", "planned_activity", "event", "stage_event", "stage_day", "stage_list_day"]

    /// Whether anything is set aside (the log's rows must then go in before `end`).
    var isActive: Bool { !restore.isEmpty }

    /// Puts back what `begin` set aside: the indexes built, the keys checked, the triggers on.
    func end(_ connection: Connection) throws {
        for statement in restore { try connection.execute(statement) }
    }
}
