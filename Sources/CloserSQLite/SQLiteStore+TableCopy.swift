import CloserCore
import Foundation
import GRDB

/// The file's side of `closer copy`: tables read in one read transaction, written in one write
/// transaction. SQLite cannot silence a trigger, so the history triggers are dropped for the
/// copy and made again from their own text before it commits; foreign keys are checked at commit.
/// The deals' search index is not copied: the target fills its own from the deals it received.
extension SQLiteStore: TableSource, TableTarget {
    /// Bookkeeping of this backend that a copy does not carry.
    static let notCopied: Set<String> = ["meta", "grdb_migrations"]

    public func copyableTables() throws -> [TableShape] {
        try read { db in
            let names = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
            return try names.filter { !Self.notCopied.contains($0) && !DealSearchSchema.isIndexTable($0) }.map { name in
                TableShape(name: name, columns: try db.columns(in: name).map(\.name))
            }
        }
    }

    public func readTables<T>(_ body: (any TableReader) throws -> T) throws -> T {
        try read { db in try body(SQLiteTableRows(db: db)) }
    }

    public func writeTables(_ body: (any TableWriter) throws -> Void) throws {
        try write { db in
            try db.execute(sql: "PRAGMA defer_foreign_keys = ON")
            let triggers = try String.fetchAll(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND sql IS NOT NULL ORDER BY name")
            for name in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger'") {
                try db.execute(sql: "DROP TRIGGER \(name.quotedDatabaseIdentifier)")
            }
            try body(SQLiteTableRows(db: db))
            for trigger in triggers { try db.execute(sql: trigger) }
            try DealSearchSchema.refill(db)
        }
    }
}

struct SQLiteTableRows: TableWriter {
    let db: Database

    func eachRow(of table: TableShape, batchSize: Int, _ body: ([[CellValue]]) throws -> Void) throws {
        let columns = table.columns.map(\.quotedDatabaseIdentifier).joined(separator: ", ")
        let rows = try Row.fetchCursor(db, sql: "SELECT \(columns) FROM \(table.name.quotedDatabaseIdentifier)")
        var batch: [[CellValue]] = []
        batch.reserveCapacity(batchSize)
        while let row = try rows.next() {
            batch.append(row.databaseValues.map(Self.cell))
            if batch.count >= batchSize {
                try body(batch)
                batch.removeAll(keepingCapacity: true)
            }
        }
        if !batch.isEmpty { try body(batch) }
    }

    func count(of table: String) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table.quotedDatabaseIdentifier)") ?? 0
    }

    func insert(into table: TableShape, rows: [[CellValue]]) throws {
        let statement = try db.cachedStatement(sql: SQLText.insert(into: table.name.quotedDatabaseIdentifier,
                                                                   columns: table.columns.map(\.quotedDatabaseIdentifier)))
        for row in rows {
            try statement.execute(arguments: StatementArguments(row.map(Self.value)))
        }
    }

    func deleteAll(from table: String) throws {
        try db.execute(sql: "DELETE FROM \(table.quotedDatabaseIdentifier)")
    }

    static func cell(_ value: DatabaseValue) -> CellValue {
        switch value.storage {
        case .null: .null
        case .int64(let number): .integer(number)
        case .double(let number): .real(number)
        case .string(let text): .text(text)
        case .blob(let data): .text(String(decoding: data, as: UTF8.self))
        }
    }

    static func value(_ cell: CellValue) -> DatabaseValue {
        switch cell {
        case .null: .null
        case .integer(let number): number.databaseValue
        case .real(let number): number.databaseValue
        case .text(let text): text.databaseValue
        }
    }
}
