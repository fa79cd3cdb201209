import Foundation
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
        inserts >= fewestWorthDropping && inserts >= existing
    }

    private static let fewestWorthDropping = 5_000

    /// The indexes kept by triggers rather than by SQLite, each able to stand aside for a bulk
    /// insert into its table and be filled once after it.
    static let triggerKept: [TriggerKeptIndex] = [DealSearchSchema.index]

    /// `body` inserts `inserts` rows into `table`: without its secondary indexes when that is
    /// cheaper (`worthDropping`), with them otherwise.
    static func inserting<T>(_ inserts: Int, into table: String, _ db: Database, existing: Int? = nil, _ body: () throws -> T) throws -> T {
        guard inserts >= fewestWorthDropping else { return try body() }
        let existing = try existing ?? Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? 0
        guard worthDropping(inserts: inserts, existing: existing) else { return try body() }
        return try withoutSecondaryIndexes(on: table, db, body)
    }

    /// After a bulk load changed the data's shape: the planner's statistics from a sample of each
    /// index (as PRAGMA optimize takes them). Reading all of a million activities' and eleven
    /// deal indexes cost seconds and gave plans no better.
    static func refreshStatistics(_ db: Database) throws {
        try db.execute(sql: "PRAGMA analysis_limit = 1000; ANALYZE; PRAGMA analysis_limit = 0")
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
        // Indexes a trigger keeps (a full-text index) are set aside the same way: filled once
        // after the rows, the deals' search index costs half of what 100k trigger runs did.
        let kept = triggerKept.filter { $0.table == table }
        for index in kept { try index.setAside(db) }
        let result = try body()
        for index in kept { try index.putBack(db) }
        // Each index is built by one sort of the whole table. SQLite sorts in pieces the size of
        // the page cache and merges them; pieces a few MB big, merged through temporary files the
        // OS keeps in memory, sorted 100k deals' eight indexes in 1.0 s where one 64 MB in-memory
        // sort took 1.35 s (and the smaller cache writes pages out as it goes: the commit is shorter).
        let cache = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -2_000
        let temp = try Int.fetchOne(db, sql: "PRAGMA temp_store") ?? 0
        try db.execute(sql: "PRAGMA cache_size = -4096")
        // SQLite refuses to move temporary storage inside a transaction once this connection has
        // opened its temporary database (a migration's ALTER TABLE … RENAME does): the sort then
        // stays in memory, slower by a third but the same indexes.
        let movedTemp = (try? db.execute(sql: "PRAGMA temp_store = \(TemporaryFiles.canWrite ? "FILE" : "MEMORY")")) != nil
        defer {
            try? db.execute(sql: "PRAGMA cache_size = \(cache)")
            if movedTemp { try? db.execute(sql: "PRAGMA temp_store = \(temp)") }
        }
        for index in indexes {
            let sql: String = index["sql"]
            try db.execute(sql: sql)
        }
        return result
    }
}

/// An index a trigger keeps on each insert into `table`: `setAside` drops the trigger, `putBack`
/// (in the same transaction) fills the index from the whole table and makes the trigger again.
struct TriggerKeptIndex: Sendable {
    let table: String
    let setAside: @Sendable (Database) throws -> Void
    let putBack: @Sendable (Database) throws -> Void
}

/// Whether SQLite can make temporary files: it takes the first writable folder of these
/// (its own search order on Unix), and fails the statement when there is none.
enum TemporaryFiles {
    static var canWrite: Bool {
        let environment = ProcessInfo.processInfo.environment
        let folders = [environment["SQLITE_TMPDIR"], environment["TMPDIR"], "/var/tmp", "/usr/tmp", "/tmp", "."].compactMap { $0 }
        return folders.contains { access($0, W_OK | X_OK) == 0 && isFolder($0) }
    }

    private static func isFolder(_ path: String) -> Bool {
        var folder: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &folder) && folder.boolValue
    }
}
