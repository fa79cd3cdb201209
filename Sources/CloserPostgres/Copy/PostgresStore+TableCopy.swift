import CloserCore
import Foundation

/// The server's side of `closer copy`: tables read through a cursor in one REPEATABLE READ
/// snapshot; written a COPY per batch in one transaction whose history triggers are quiet, and,
/// when the administrator copies, with the big tables' indexes and keys set aside (built and
/// checked once at the end).
extension PostgresStore: TableSource, TableTarget {
    /// Every table but the schema's version and the server's own counts (its triggers count the
    /// copied accounts again; the file store has no such table).
    public func copyableTables() throws -> [TableShape] {
        try read { connection in
            let rows = try connection.query("""
                SELECT c.table_name, c.column_name FROM information_schema.columns c
                JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
                WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
                  AND c.table_name NOT IN ('closer_schema', '\(DealCountsSQL.table)')
                ORDER BY c.table_name, c.ordinal_position
                """)
            var columns: [String: [String]] = [:]
            for row in rows { columns[try row.text("table_name"), default: []].append(try row.text("column_name")) }
            return columns.keys.sorted().map { TableShape(name: $0, columns: columns[$0] ?? []) }
        }
    }

    public func readTables<T>(_ body: (any TableReader) throws -> T) throws -> T {
        try read { connection in try body(CursorReader(connection: connection)) }
    }

    public func writeTables(_ body: (any TableWriter) throws -> Void) throws {
        try write { connection in
            try connection.execute("SET LOCAL closer.history = 'verbatim'")
            try connection.execute("SET CONSTRAINTS ALL DEFERRED")
            // The copy fills empty tables (it refuses any other target, and the refusal rolls
            // the set-aside back): each is set aside as for a load the size of the threshold.
            let setAside = try BulkLoadSetAside.begin(connection, rows: Dictionary(uniqueKeysWithValues: BulkLoadSetAside.copiedTables.map {
                ($0, BulkLoadSetAside.minimumRows)
            }))
            try body(CopyWriter(connection: connection))
            try setAside.end(connection)
            // Identity columns go on after the highest id copied, as the source's would.
            for row in try connection.query("""
                SELECT table_name FROM information_schema.columns
                WHERE table_schema = current_schema() AND column_name = 'id' AND is_identity = 'YES'
                """) {
                let table = CopyText.quoted(try row.text("table_name"))
                try connection.execute("SELECT setval(pg_get_serial_sequence($1, 'id'), coalesce(max(id), 0) + 1, false) FROM \(table)",
                                       [.text(table)])
            }
        }
        // Every row is new to the server: until a vacuum marks their pages all-visible, the
        // dashboard's counts and pages read the tables beside their indexes (a deal page took
        // 63 ms instead of 14 until autovacuum came by). Outside the copy's transaction, as
        // VACUUM must be; one the user may not vacuum is skipped with a notice, not an error.
        _ = try pool.withConnection { connection in try connection.execute("VACUUM (ANALYZE)") }
    }
}

/// Rows of a table through a server-side cursor: a million events are never held at once.
struct CursorReader: TableReader {
    let connection: Connection

    func eachRow(of table: TableShape, batchSize: Int, _ body: ([[CellValue]]) throws -> Void) throws {
        let columns = table.columns.map(CopyText.quoted).joined(separator: ", ")
        try connection.execute("DECLARE closer_copy NO SCROLL CURSOR FOR SELECT \(columns) FROM \(CopyText.quoted(table.name))")
        while true {
            let rows = try connection.query("FETCH FORWARD \(max(1, batchSize)) FROM closer_copy")
            if rows.isEmpty { break }
            try body(rows.map { try $0.cells() })
        }
        try connection.execute("CLOSE closer_copy")
    }
}

struct CopyWriter: TableWriter {
    let connection: Connection

    func count(of table: String) throws -> Int {
        try connection.queryOne("SELECT count(*) AS n FROM \(CopyText.quoted(table))")?.int("n") ?? 0
    }

    func insert(into table: TableShape, rows: [[CellValue]]) throws {
        try connection.insertRows(table: table.name, columns: table.columns, rows: rows)
    }

    func deleteAll(from table: String) throws {
        try connection.execute("DELETE FROM \(CopyText.quoted(table))")
    }

    func eachRow(of table: TableShape, batchSize: Int, _ body: ([[CellValue]]) throws -> Void) throws {
        try CursorReader(connection: connection).eachRow(of: table, batchSize: batchSize, body)
    }
}

extension SQLRow {
    /// The row's cells as the copy compares them: flags as 0/1.
    func cells() throws -> [CellValue] {
        try values().map { value in
            switch value {
            case .null: .null
            case .int(let number): .integer(number)
            case .double(let number): .real(number)
            case .text(let text): .text(text)
            case .bool(let flag): .integer(flag ? 1 : 0)
            }
        }
    }
}
