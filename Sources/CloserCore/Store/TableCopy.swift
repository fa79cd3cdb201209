import Foundation

/// `closer copy`: a whole store carried table by table from one backend to another (a laptop's
/// SQLite file to the team's PostgreSQL server, and back). Rows keep their ids, versions and
/// times; the event log and the review's history travel as they are. Each backend reads its
/// tables in one snapshot and writes them in one transaction; before that transaction commits,
/// the copier reads every table back and compares its row count and checksum with the source's.

/// One cell as both stores hold it. Flags are integers 0/1 here (a boolean column on one side).
public enum CellValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
}

/// A table a copy carries: its name and the columns both sides have.
public struct TableShape: Sendable, Hashable {
    public var name: String
    public var columns: [String]

    public init(name: String, columns: [String]) {
        self.name = name
        self.columns = columns
    }
}

/// Reads a store's tables, all in one snapshot.
public protocol TableSource {
    var location: String { get }
    /// The store's tables with their columns (bookkeeping tables of the backend left out).
    func copyableTables() throws -> [TableShape]
    func readTables<T>(_ body: (any TableReader) throws -> T) throws -> T
}

public protocol TableReader {
    /// Every row of the table, `batchSize` at a time, cells in `table.columns` order.
    func eachRow(of table: TableShape, batchSize: Int, _ body: ([[CellValue]]) throws -> Void) throws
}

/// Writes a store's tables in one transaction.
public protocol TableTarget {
    var location: String { get }
    func copyableTables() throws -> [TableShape]
    /// Runs `body` in one transaction with the store's derived-table triggers quiet (the history
    /// arrives with the rows); a throw rolls everything back.
    func writeTables(_ body: (any TableWriter) throws -> Void) throws
}

public protocol TableWriter: TableReader {
    /// How many rows the table holds now.
    func count(of table: String) throws -> Int
    func insert(into table: TableShape, rows: [[CellValue]]) throws
    func deleteAll(from table: String) throws
}

/// What a copy carried, table by table.
public struct CopyReport: Sendable, Equatable {
    public struct Table: Sendable, Equatable {
        public var name: String
        public var rows: Int
        public var checksum: String
    }

    public var tables: [Table]
}

/// An order-independent digest of a table's rows: the count and two sums of 64-bit row hashes.
/// Numbers are hashed by value (an integral real as the integer), so a backend that keeps `0`
/// where the other keeps `0.0` still agrees.
public struct TableChecksum: Sendable, Equatable, CustomStringConvertible {
    public private(set) var rows = 0
    private var first: UInt64 = 0
    private var second: UInt64 = 0

    public init() {}

    public mutating func add(_ row: [CellValue]) {
        var a = Hash(seed: 0xcbf2_9ce4_8422_2325)
        var b = Hash(seed: 0x8422_2325_cbf2_9ce4)
        for cell in row {
            a.add(cell)
            b.add(cell)
        }
        rows += 1
        first &+= a.value
        second &+= b.value &* 0x9e37_79b9_7f4a_7c15
    }

    public var description: String {
        String(format: "%016llx%016llx", first, second)
    }

    /// FNV-1a over a cell's kind and bytes.
    private struct Hash {
        var value: UInt64

        init(seed: UInt64) { value = seed }

        mutating func byte(_ byte: UInt8) {
            value ^= UInt64(byte)
            value &*= 0x0000_0100_0000_01b3
        }

        mutating func word(_ word: UInt64) {
            for shift in stride(from: 0, to: 64, by: 8) { byte(UInt8(truncatingIfNeeded: word >> UInt64(shift))) }
        }

        mutating func add(_ cell: CellValue) {
            switch cell {
            case .null:
                byte(0)
            case .integer(let value):
                byte(1)
                word(UInt64(bitPattern: value))
            case .real(let value):
                if value.rounded() == value, abs(value) < 9.2e18 {
                    byte(1)
                    word(UInt64(bitPattern: Int64(value)))
                } else {
                    byte(2)
                    word(value.bitPattern)
                }
            case .text(let value):
                byte(3)
                word(UInt64(value.utf8.count))
                for unit in value.utf8 { byte(unit) }
            }
        }
    }
}

public enum TableCopier {
    /// Tables in the order their foreign keys need (parents first); others follow by name.
    static let order = ["user", "process", "process_stage", "account", "person", "deal", "activity", "planned_activity", "event",
                        "stage_event", "stage_day", "stage_list_day", "saved_filter", "pool_rule", "forecast_call"]

    /// Copies every table `source` and `target` share into the empty `target`, in one transaction,
    /// and commits only if every table's row count and checksum read back agree with the source.
    public static func copy(from source: some TableSource, to target: some TableTarget, batchSize: Int = 5_000,
                            progress: (String, Int) -> Void = { _, _ in }) throws -> CopyReport {
        let sourceTables = try source.copyableTables()
        let targetTables = Dictionary(try target.copyableTables().map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var tables: [TableShape] = []
        for table in sourceTables {
            guard let other = targetTables[table.name] else {
                throw StoreError.refused(.copyMissingTable(store: target.location, table: table.name))
            }
            let missing = table.columns.filter { !other.columns.contains($0) }
            guard missing.isEmpty else {
                throw StoreError.refused(.copyMissingColumns(store: target.location, table: table.name, columns: missing))
            }
            tables.append(table)
        }
        tables.sort { rank($0.name) < rank($1.name) }

        var report = CopyReport(tables: [])
        try target.writeTables { writer in
            for table in tables where try writer.count(of: table.name) > 0 && !seeded.contains(table.name) {
                throw StoreError.refused(.copyTargetNotEmpty(store: target.location, table: table.name))
            }
            for table in tables where seeded.contains(table.name) {
                try writer.deleteAll(from: table.name)
            }
            var sums: [String: TableChecksum] = [:]
            try source.readTables { reader in
                for table in tables {
                    var sum = TableChecksum()
                    try reader.eachRow(of: table, batchSize: batchSize) { rows in
                        rows.forEach { sum.add($0) }
                        try writer.insert(into: table, rows: rows)
                        progress(table.name, sum.rows)
                    }
                    sums[table.name] = sum
                }
            }
            for table in tables {
                var written = TableChecksum()
                try writer.eachRow(of: table, batchSize: batchSize) { rows in rows.forEach { written.add($0) } }
                let read = sums[table.name] ?? TableChecksum()
                guard written == read else {
                    throw StoreError.refused(.copyMismatch(table: table.name, read: "\(read)", written: "\(written)", rowsRead: read.rows, rowsWritten: written.rows))
                }
                report.tables.append(.init(name: table.name, rows: read.rows, checksum: read.description))
            }
        }
        return report
    }

    /// Tables a new store already fills (the stage positions of the built-in processes): the
    /// copy replaces their rows with the source's.
    static let seeded: Set<String> = ["process_stage"]

    private static func rank(_ table: String) -> (Int, String) {
        (order.firstIndex(of: table) ?? order.count, table)
    }
}
