import GRDB
import GRDBSQLite

/// Binds values to the parameters of one statement in order; the first failure is kept.
/// A row's texts are copied into one buffer kept from row to row and bound in place
/// (SQLITE_STATIC) for the step: SQLite copying each of a deal's eighteen texts into its own
/// allocation cost ~700 instructions a text, more than the rest of binding the row.
struct RowBinder: ColumnSink {
    let compiled: Statement
    private let statement: OpaquePointer
    private(set) var position: Int32 = 0
    private(set) var failure: (position: Int32, code: CInt)?
    /// Every text of the row, back to back, after one byte that keeps the base address real
    /// for empty texts (a NULL pointer would bind NULL into a NOT NULL column).
    private var bytes: [UInt8] = [0]
    private var texts: [(position: Int32, start: Int, count: Int)] = []

    init(_ statement: Statement) {
        // The values are bound by position, outside GRDB: marking the arguments as set lets
        // `execute()` step the statement (with GRDB's bookkeeping) without binding again.
        statement.setUncheckedArguments(StatementArguments())
        compiled = statement
        self.statement = statement.sqliteStatement
    }

    /// A row into `table` (its columns `columns`), for a binder made once and used row after row.
    init(_ db: Database, insertingInto table: String, columns: [String]) throws {
        self.init(try db.makeStatement(sql: SQLText.insert(into: table, columns: columns)))
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

    /// Steps the statement with the row's values; returns the id of the row it inserted.
    /// `what` names the row in the message of a failed binding.
    func execute(what: String) throws -> Int64 {
        let columns = sqlite3_bind_parameter_count(statement)
        guard position == columns else {
            throw DatabaseError(resultCode: .SQLITE_MISUSE, message: "\(position) values bound for the \(columns) columns of \(what)", sql: compiled.sql)
        }
        try withTextsBound { failure in
            if let failure {
                throw DatabaseError(resultCode: ResultCode(rawValue: failure.code), message: "binding column \(failure.position) of \(what)", sql: compiled.sql)
            }
            try compiled.execute()
        }
        return sqlite3_last_insert_rowid(sqlite3_db_handle(statement))
    }

    /// Binds the texts where they lie in the buffer, runs `body` with the first binding failure
    /// (if any), then unbinds them all: no pointer into the buffer outlives the call.
    private func withTextsBound(_ body: ((position: Int32, code: CInt)?) throws -> Void) throws {
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
