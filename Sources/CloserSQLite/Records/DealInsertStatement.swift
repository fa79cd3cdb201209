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
    private var row: Binder

    init(_ db: Database) throws {
        statement = try db.makeStatement(sql: SQLText.insert(into: "deal", columns: Deal.columns))
        // The values are bound below by position, outside GRDB: marking the arguments as set
        // lets `execute()` step the statement (with GRDB's bookkeeping) without binding again.
        statement.setUncheckedArguments(StatementArguments())
        row = Binder(statement: statement.sqliteStatement)
    }

    /// Inserts the deal as a new row; returns the id SQLite picked.
    @discardableResult
    mutating func insert(_ deal: Deal, derived: DealDerived, searchKey: String, updatedBy: String) throws -> Int64 {
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
        row.text(ColumnCoding.needs(deal.needs))
        row.int(deal.hasStatedNeeds ? 1 : 0)
        row.text(deal.nextStepKey)
        row.text(deal.lossReason)
        row.text(deal.lostTo)
        guard row.position == Deal.columns.count else {
            throw DatabaseError(resultCode: .SQLITE_MISUSE, message: "\(row.position) values bound for \(Deal.columns.count) deal columns", sql: statement.sql)
        }
        let statement = statement
        try row.withTextsBound { failure in
            if let failure {
                throw DatabaseError(resultCode: ResultCode(rawValue: failure.code), message: "binding column \(failure.position) of a new deal", sql: statement.sql)
            }
            try statement.execute()
        }
        return sqlite3_last_insert_rowid(sqlite3_db_handle(statement.sqliteStatement))
    }
}

/// Binds values to the parameters of one statement in order; the first failure is kept.
/// A row's texts are copied into one buffer kept from row to row and bound in place
/// (SQLITE_STATIC) for the step: SQLite copying each of a deal's eighteen texts into its own
/// allocation cost ~700 instructions a text, more than the rest of binding the row.
private struct Binder {
    let statement: OpaquePointer
    private(set) var position: Int32 = 0
    private(set) var failure: (position: Int32, code: CInt)?
    /// Every text of the row, back to back, after one byte that keeps the base address real
    /// for empty texts (a NULL pointer would bind NULL into a NOT NULL column).
    private var bytes: [UInt8] = [0]
    private var texts: [(position: Int32, start: Int, count: Int)] = []

    init(statement: OpaquePointer) {
        self.statement = statement
    }

    /// A statement that ran must be reset before it takes new values.
    mutating func reset() {
        sqlite3_reset(statement)
        position = 0
        failure = nil
        bytes.removeSubrange(1...)
        texts.removeAll(keepingCapacity: true)
    }

    private mutating func check(_ code: CInt) {
        if code != SQLITE_OK, failure == nil { failure = (position, code) }
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
        let start = bytes.count
        value.withUTF8 { bytes.append(contentsOf: $0) }
        texts.append((position, start, bytes.count - start))
    }

    /// Binds the texts where they lie in the buffer, runs `body` with the first binding failure
    /// (if any), then unbinds them all: no pointer into the buffer outlives the call.
    func withTextsBound(_ body: ((position: Int32, code: CInt)?) throws -> Void) throws {
        try bytes.withUnsafeBufferPointer { buffer in
            defer { sqlite3_clear_bindings(statement) }
            var failure = failure
            if let base = buffer.baseAddress {
                for text in texts {
                    let code = (base + text.start).withMemoryRebound(to: CChar.self, capacity: max(1, text.count)) {
                        sqlite3_bind_text(statement, text.position, $0, CInt(text.count), nil)
                    }
                    if code != SQLITE_OK, failure == nil { failure = (text.position, code) }
                }
            }
            try body(failure)
        }
    }
}
