import CloserCore
import Foundation
import GRDB
import GRDBSQLite

/// New deal rows written by binding each column straight into one compiled INSERT: a large
/// import writes 100k of them, and the array of boxed values that `columnValues` makes for
/// each row (then converted, validated and bound by GRDB) cost more than SQLite's insert.
/// The columns and what each holds are `Deal.columns` and `columnValues`, value for value;
/// a test checks that both write the same row.
struct DealInsertStatement {
    private let statement: Statement

    init(_ db: Database) throws {
        statement = try db.makeStatement(sql: SQLText.insert(into: "deal", columns: Deal.columns))
        // The values are bound below by position, outside GRDB: marking the arguments as set
        // lets `execute()` step the statement (with GRDB's bookkeeping) without binding again.
        statement.setUncheckedArguments(StatementArguments())
    }

    /// Inserts the deal as a new row (SQLite picks the id).
    func insert(_ deal: Deal, derived: DealDerived, searchKey: String, updatedBy: String) throws {
        var row = Binder(statement: statement.sqliteStatement)
        row.reset()
        row.null()  // id
        row.int(deal.accountID)
        row.text(deal.title)
        row.text(deal.processKey)
        row.text(deal.stageKey)
        row.text(deal.milestonesDone.isEmpty ? "[]" : ColumnCoding.strings(deal.milestonesDone.sorted()))
        row.int(deal.amount.minorUnits)
        row.text(deal.amount.currency)
        row.text(deal.expectedClose?.description)
        row.text(deal.nextStep)
        row.text(deal.nextStepDue?.description)
        row.int(deal.budgetKnown ? 1 : 0)
        row.text(deal.competitors.isEmpty ? "[]" : ColumnCoding.strings(deal.competitors))
        row.text(deal.owner)
        row.text(deal.overrides.isEmpty ? "[]" : ColumnCoding.codable(deal.overrides))
        row.text(deal.outcome.rawValue)
        row.text(deal.outcomeReason)
        row.text(deal.forecastCategory.rawValue)
        row.double(ColumnCoding.time(deal.stageEnteredAt))
        row.text(deal.closedOn?.description)
        row.text(deal.externalID)
        row.int(Int64(derived.probability))
        row.int(derived.weighted)
        row.int(derived.atRisk ? 1 : 0)
        row.int(Int64(derived.milestonesMet))
        row.int(Int64(derived.milestonesTotal))
        row.text(searchKey)
        row.int(Int64(deal.version))
        row.double(ColumnCoding.time(deal.createdAt))
        row.double(ColumnCoding.time(deal.updatedAt))
        row.text(updatedBy)
        if let code = row.failure {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: "binding column \(row.position) of a new deal", sql: statement.sql)
        }
        guard row.position == Deal.columns.count else {
            throw DatabaseError(resultCode: .SQLITE_MISUSE, message: "\(row.position) values bound for \(Deal.columns.count) deal columns", sql: statement.sql)
        }
        try statement.execute()
    }
}

/// Binds values to the parameters of one statement in order; the first failure is kept.
private struct Binder {
    let statement: OpaquePointer
    private(set) var position: Int32 = 0
    private(set) var failure: CInt?

    /// SQLite copies the bytes during the call (SQLITE_TRANSIENT), so the Swift string may go.
    private static var transient: sqlite3_destructor_type { unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self) }

    init(statement: OpaquePointer) {
        self.statement = statement
    }

    /// A statement that ran must be reset before it takes new values.
    func reset() {
        sqlite3_reset(statement)
    }

    private mutating func check(_ code: CInt) {
        if code != SQLITE_OK, failure == nil { failure = code }
    }

    mutating func null() {
        position += 1
        check(sqlite3_bind_null(statement, position))
    }

    mutating func int(_ value: Int64) {
        position += 1
        check(sqlite3_bind_int64(statement, position, value))
    }

    mutating func double(_ value: Double) {
        position += 1
        check(sqlite3_bind_double(statement, position, value))
    }

    mutating func text(_ value: String?) {
        guard var value else { return null() }
        position += 1
        let index = position
        // An empty string must bind as '' (a NULL pointer would bind NULL into a NOT NULL column).
        let code = value.withUTF8 { bytes -> CInt in
            guard let base = bytes.baseAddress, !bytes.isEmpty else { return sqlite3_bind_text(statement, index, "", 0, Self.transient) }
            return base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                sqlite3_bind_text(statement, index, $0, CInt(bytes.count), Self.transient)
            }
        }
        check(code)
    }
}
