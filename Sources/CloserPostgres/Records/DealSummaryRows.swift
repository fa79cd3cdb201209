import CloserCore
import Foundation
import PostgresNIO

/// The deal table's rows (`PostgresStore.summaryColumns`), read by position. A page's 40 rows are
/// 960 cells, and finding each cell by its name (twice: whether it is there, then where) was a
/// quarter of a page's time in this program; the names are checked once per result instead.
extension DealSummary {
    /// The names `summaryColumns` gives its columns, in order (`d.title` is `title`, `a.name AS account_name` is `account_name`).
    static let pgNames: [String] = PostgresStore.summaryColumns.split(separator: ",").map { term in
        let last = term.split(whereSeparator: \.isWhitespace).last ?? ""
        return String(last.split(separator: ".").last ?? last)
    }

    /// The deals of a result whose columns include `summaryColumns` (after any of the statement's
    /// own), in order; a row without a deal (NULL id: the one row of a page past the end, which
    /// carries the total) is left out.
    static func pgRows(_ rows: [SQLRow]) throws -> [DealSummary] {
        guard let first = rows.first else { return [] }
        let start = try pgStart(first)
        return try rows.compactMap { row in
            guard try row.decode(at: start, as: Int64?.self) != nil else { return nil }
            return try DealSummary(pg: row, at: start)
        }
    }

    /// Where `summaryColumns` start in `row`'s result, checked name by name.
    static func pgStart(_ row: SQLRow) throws -> Int {
        let names = row.columnNames
        guard let start = names.firstIndex(of: "id"), names.count - start >= pgNames.count,
              Array(names[start ..< start + pgNames.count]) == pgNames else {
            throw PostgresFailure.programming("the result's columns \(names) do not hold the deal table's \(pgNames)")
        }
        return start
    }

    /// The deal whose `summaryColumns` start at `start`; each argument reads the next column
    /// (Swift evaluates them in order).
    init(pg row: SQLRow, at start: Int) throws {
        var cells = SQLCells(row: row, index: start)
        self.init(
            id: try cells.int64(), title: try cells.string(), accountID: try cells.int64(),
            accountName: try cells.string(), accountGrade: Grade(rawValue: try cells.string()) ?? .c,
            processKey: try cells.string(), stageKey: try cells.string(),
            amount: Money(minorUnits: try cells.int64(), currency: try cells.string()),
            probability: try cells.int(), weighted: try cells.int64(), atRisk: try cells.bool(),
            milestonesMet: try cells.int(), milestonesTotal: try cells.int(),
            stageEnteredAt: try cells.date(), expectedClose: try cells.day(),
            nextStep: try cells.string(), nextStepDue: try cells.day(),
            lastActivity: try cells.day(), owner: try cells.string(),
            outcome: Outcome(rawValue: try cells.string()) ?? .open, version: try cells.int(),
            competitors: Self.competitors(try cells.string()),
            outcomeReason: try cells.string())
    }

    static func competitors(_ column: String) -> [String] {
        column.isEmpty ? [] : ColumnCoding.strings(from: column)
    }
}

/// A row's cells read one after the other, as `SQLRow`'s named readers read them.
struct SQLCells {
    let row: SQLRow
    var index: Int

    mutating func next<T: PostgresDecodable>(_ type: T.Type) throws -> T {
        defer { index += 1 }
        return try row.decode(at: index, as: T.self)
    }

    mutating func int64() throws -> Int64 { try next(Int64.self) }
    mutating func int() throws -> Int { try next(Int.self) }
    mutating func bool() throws -> Bool { try next(Bool.self) }
    /// A text column that is NOT NULL in the schema; empty when NULL all the same.
    mutating func string() throws -> String { try next(String?.self) ?? "" }
    mutating func day() throws -> Day? { try next(String?.self).flatMap(Day.init) }
    mutating func date() throws -> Date { Date(timeIntervalSince1970: try next(Double.self)) }
}
