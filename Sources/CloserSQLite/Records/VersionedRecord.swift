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
    /// Applies `change` to the row as it is now — refused first if `expectedVersion` is given and
    /// someone saved the row since — and saves it: the fields `change` left alone keep what is
    /// stored, so two people editing different fields both keep their edit. `check` sees the
    /// row before and after, and may refuse. Returns both.
    func saveEdited<Record: VersionedRecord>(_ db: Database, _ type: Record.Type, id: Int64, expectedVersion: Int?,
                                             change: (inout Record) throws -> Void,
                                             check: (Record, Record) throws -> Void) throws -> (old: Record, new: Record) {
        let old = Record(row: try currentRow(db, table: Record.table, id: id, expected: expectedVersion))
        var updated = old
        try change(&updated)
        guard updated.id == id else { throw StoreError.invalid(.idCannotChange(.row(table: Record.table, id: id))) }
        try check(old, updated)
        updated.version = old.version + 1
        updated.createdAt = old.createdAt
        updated.updatedAt = clock()
        var values = updated.columnValues(searchKey: updated.searchKey, updatedBy: actor)
        values.removeFirst()
        try db.execute(sql: SQLText.update(Record.table, columns: Record.columns),
                       arguments: StatementArguments(values + [id, old.version]))
        return (old, updated)
    }
}
