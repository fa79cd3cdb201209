import GRDB

/// A large import into a table: its secondary indexes dropped, the rows inserted, the indexes
/// made again — all inside the caller's one transaction, so a failure rolls the indexes back
/// with the rows. Building an index once over sorted keys is several times cheaper than
/// updating eight B-trees per inserted row. The indexes are read from the schema, not named
/// here, so one added by a later migration is kept too; unique ones (constraints) stay.
enum BulkIndexes {
    /// Worth it when the insert is large and at least as big as what the table holds: then
    /// rebuilding costs less than maintaining the indexes row by row.
    static func worthDropping(inserts: Int, existing: Int) -> Bool {
        inserts >= 5_000 && inserts >= existing
    }

    static func withoutSecondaryIndexes<T>(on table: String, _ db: Database, _ body: () throws -> T) throws -> T {
        let indexes = try Row.fetchAll(db, sql: """
            SELECT name, sql FROM sqlite_master
            WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%'
            ORDER BY name
            """, arguments: [table])
        for index in indexes {
            let name: String = index["name"]
            try db.execute(sql: "DROP INDEX \(name.quotedDatabaseIdentifier)")
        }
        let result = try body()
        // Each index is built by one sort of the whole table: in memory, with room, it needs no temp file.
        let cache = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -2_000
        let temp = try Int.fetchOne(db, sql: "PRAGMA temp_store") ?? 0
        try db.execute(sql: "PRAGMA cache_size = -65536; PRAGMA temp_store = MEMORY")
        defer { try? db.execute(sql: "PRAGMA cache_size = \(cache); PRAGMA temp_store = \(temp)") }
        for index in indexes {
            let sql: String = index["sql"]
            try db.execute(sql: sql)
        }
        return result
    }
}
