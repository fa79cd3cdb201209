import GRDB

/// Where a record writes its columns, in order. A record that says its columns once, through
/// this, is written the same way by GRDB's argument list (`BoxedColumns`, for one row) and by
/// a `RowBinder` straight into a compiled statement (for a million rows, where boxing each
/// value cost more than SQLite's insert).
protocol ColumnSink {
    mutating func null()
    mutating func int(_ value: Int64)
    mutating func double(_ value: Double)
    mutating func text(_ value: String?)
}

extension ColumnSink {
    mutating func int(_ value: Int64?) {
        if let value { int(value) } else { null() }
    }

    mutating func double(_ value: Double?) {
        if let value { double(value) } else { null() }
    }
}

/// A record's columns as GRDB arguments.
struct BoxedColumns: ColumnSink {
    private(set) var values: [(any DatabaseValueConvertible)?] = []

    mutating func null() { values.append(nil) }
    mutating func int(_ value: Int64) { values.append(value) }
    mutating func double(_ value: Double) { values.append(value) }
    mutating func text(_ value: String?) { values.append(value) }
}

/// A record whose columns are said once, in `columns` order.
protocol ColumnWriting {
    static var columns: [String] { get }
    func writeColumns(to row: inout some ColumnSink)
}

extension ColumnWriting {
    var columnValues: [(any DatabaseValueConvertible)?] {
        var boxed = BoxedColumns()
        writeColumns(to: &boxed)
        return boxed.values
    }
}

/// Many rows of one kind into a table, each bound column by column into one compiled INSERT.
struct BulkInsert<Record: ColumnWriting> {
    private var row: RowBinder
    private let what: String

    init(_ db: Database, into table: String, what: String) throws {
        row = try RowBinder(db, insertingInto: table, columns: Record.columns)
        self.what = what
    }

    @discardableResult
    mutating func insert(_ record: Record) throws -> Int64 {
        row.reset()
        record.writeColumns(to: &row)
        return try row.execute(what: what)
    }
}
