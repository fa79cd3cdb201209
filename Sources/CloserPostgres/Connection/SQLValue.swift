import CloserCore
import Foundation
import PostgresNIO

/// A value bound to a statement's `$n` placeholder: what the store writes, in the few types it uses.
public enum SQLValue: Sendable, Hashable {
    case null
    case int(Int64)
    case double(Double)
    case text(String)
    case bool(Bool)

    public static func int(_ value: Int) -> SQLValue { .int(Int64(value)) }
    public static func optional(_ value: String?) -> SQLValue { value.map(SQLValue.text) ?? .null }
    public static func optional(_ value: Int64?) -> SQLValue { value.map(SQLValue.int) ?? .null }
    public static func optional(_ value: Double?) -> SQLValue { value.map(SQLValue.double) ?? .null }
    public static func optional(_ value: Int?) -> SQLValue { value.map { SQLValue.int(Int64($0)) } ?? .null }
    public static func optional(_ value: Day?) -> SQLValue { value.map { SQLValue.text($0.description) } ?? .null }
    public static func optional(_ value: Date?) -> SQLValue { value.map { SQLValue.double($0.timeIntervalSince1970) } ?? .null }
    public static func time(_ value: Date) -> SQLValue { .double(value.timeIntervalSince1970) }

    /// The cast that gives a parameter this value's type (none for NULL, which fits any).
    var cast: String {
        switch self {
        case .null: ""
        case .int: "::int8"
        case .double: "::float8"
        case .text: "::text"
        case .bool: "::bool"
        }
    }

    /// The value as postgres-nio's statements kept by name take it.
    var data: PostgresData {
        switch self {
        case .null: .null
        case .int(let value): PostgresData(int64: value)
        case .double(let value): PostgresData(double: value)
        case .text(let value): PostgresData(string: value)
        case .bool(let value): PostgresData(bool: value)
        }
    }

    func bind(into bindings: inout PostgresBindings) {
        switch self {
        case .null: bindings.appendNull()
        case .int(let value): bindings.append(value)
        case .double(let value): bindings.append(value)
        case .text(let value): bindings.append(value)
        case .bool(let value): bindings.append(value)
        }
    }
}

extension PostgresQuery {
    /// A statement whose parameters are marked `?` (numbered here) or already `$n`.
    init(_ sql: String, _ values: [SQLValue]) {
        var bindings = PostgresBindings(capacity: values.count)
        for value in values { value.bind(into: &bindings) }
        self.init(unsafeSQL: values.isEmpty ? sql : Placeholders.numbered(sql), binds: bindings)
    }
}

/// One result row, read by column name. A column the statement did not select, or of another
/// type than asked, is a programming error reported as a store error rather than a crash.
public struct SQLRow: @unchecked Sendable {
    let row: PostgresRandomAccessRow
    /// postgres-nio asks for every result in binary, but labels the columns of a statement kept
    /// by name (Connection+Reuse) with the format the server described before that request: text.
    let labelledText: Bool

    init(_ row: PostgresRow) {
        self.row = PostgresRandomAccessRow(row)
        labelledText = false
    }

    init(kept row: PostgresRow) {
        self.row = PostgresRandomAccessRow(row)
        labelledText = true
    }

    public func contains(_ column: String) -> Bool { row.contains(column) }

    private func cell(_ column: String) -> PostgresCell {
        var cell = row[column]
        if labelledText { cell.format = .binary }
        return cell
    }

    private func cell(_ index: Int) -> PostgresCell {
        var cell = row[index]
        if labelledText { cell.format = .binary }
        return cell
    }

    func decode<T: PostgresDecodable>(_ column: String, as type: T.Type) throws -> T {
        guard row.contains(column) else { throw PostgresFailure.programming("no column \(column) in the result") }
        do {
            return try cell(column).decode(T.self)
        } catch {
            throw PostgresFailure.programming("column \(column): \(String(describing: error))")
        }
    }

    /// The cell at `index`, for a reader that found a result's columns once and reads every row
    /// by position: a name looked up in each cell of each row was a quarter of a page's decoding.
    func decode<T: PostgresDecodable>(at index: Int, as type: T.Type) throws -> T {
        guard index >= 0, index < row.count else { throw PostgresFailure.programming("no column \(index) in the result") }
        do {
            return try cell(index).decode(T.self)
        } catch {
            throw PostgresFailure.programming("column \(index): \(String(describing: error))")
        }
    }

    public func int64(_ column: String) throws -> Int64 { try decode(column, as: Int64.self) }
    public func int(_ column: String) throws -> Int { try decode(column, as: Int.self) }
    public func double(_ column: String) throws -> Double { try decode(column, as: Double.self) }
    public func text(_ column: String) throws -> String { try decode(column, as: String.self) }
    public func bool(_ column: String) throws -> Bool { try decode(column, as: Bool.self) }
    public func optionalInt64(_ column: String) throws -> Int64? { try decode(column, as: Int64?.self) }
    public func optionalInt(_ column: String) throws -> Int? { try decode(column, as: Int?.self) }
    public func optionalDouble(_ column: String) throws -> Double? { try decode(column, as: Double?.self) }
    public func optionalText(_ column: String) throws -> String? { try decode(column, as: String?.self) }
    public func optionalBool(_ column: String) throws -> Bool? { try decode(column, as: Bool?.self) }
    /// A text column that is NOT NULL in the schema; empty when NULL all the same.
    public func string(_ column: String) throws -> String { try optionalText(column) ?? "" }
    public func day(_ column: String) throws -> Day? { try optionalText(column).flatMap(Day.init) }
    public func date(_ column: String) throws -> Date { Date(timeIntervalSince1970: try double(column)) }

    /// Every column as a value, in the statement's order: what a table copy and its checksum read.
    public func values() throws -> [SQLValue] {
        try (0..<row.count).map { index in
            let cell = cell(index)
            guard cell.bytes != nil else { return .null }
            switch cell.dataType {
            case .int2, .int4, .int8: return .int(try cell.decode(Int64.self))
            case .float4, .float8: return .double(try cell.decode(Double.self))
            case .bool: return .bool(try cell.decode(Bool.self))
            default: return .text(try cell.decode(String.self))
            }
        }
    }

    public var columnNames: [String] { (0..<row.count).map { cell($0).columnName } }
}
