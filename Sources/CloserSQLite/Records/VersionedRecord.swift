import CloserCore
import Foundation
import GRDB

/// A row kept under optimistic concurrency: read, edit, and saved only if still at the version read.
protocol VersionedRecord: Sendable {
    static var table: String { get }
    static var columns: [String] { get }
    init(row: Row)
    var id: Int64 { get }
    var version: Int { get set }
    var createdAt: Date { get set }
    var updatedAt: Date { get set }
    var searchKey: String { get }
    func columnValues(searchKey: String, updatedBy: String) -> [(any DatabaseValueConvertible)?]
}

extension Account: VersionedRecord {
    static var table: String { "account" }
}

extension Person: VersionedRecord {
    static var table: String { "person" }
}

extension SQLiteStore {
    /// Saves `record` if nobody changed it since it was read; returns the row before and after.
    func saveVersioned<Record: VersionedRecord>(_ db: Database, _ record: Record, by user: String,
                                                check: (Record) throws -> Void = { _ in }) throws -> (old: Record, new: Record) {
        let old = Record(row: try currentRow(db, table: Record.table, id: record.id, expected: record.version))
        try check(old)
        var updated = record
        updated.version = old.version + 1
        updated.createdAt = old.createdAt
        updated.updatedAt = clock()
        var values = updated.columnValues(searchKey: updated.searchKey, updatedBy: user)
        values.removeFirst()
        try db.execute(sql: SQLText.update(Record.table, columns: Record.columns),
                       arguments: StatementArguments(values + [record.id, old.version]))
        return (old, updated)
    }
}
