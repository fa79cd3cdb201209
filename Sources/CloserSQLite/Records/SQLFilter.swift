import GRDB

/// Conditions joined with AND and their arguments, built up by the query functions.
struct SQLFilter {
    private var conditions: [String] = []
    private(set) var arguments = StatementArguments()

    mutating func add(_ condition: String, _ values: [(any DatabaseValueConvertible)?] = []) {
        conditions.append(condition)
        _ = arguments.append(contentsOf: StatementArguments(values))
    }

    /// `column IN (?, ?, …)` for a non-empty list of values.
    mutating func add(_ column: String, in values: [String]) {
        add("\(column) IN (\(values.map { _ in "?" }.joined(separator: ",")))", values)
    }

    /// No condition: every row.
    var isEmpty: Bool { conditions.isEmpty }

    var whereClause: String { conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ") }

    /// The arguments followed by more (LIMIT and OFFSET values, a stage key).
    func arguments(appending values: [(any DatabaseValueConvertible)?]) -> StatementArguments {
        var all = arguments
        _ = all.append(contentsOf: StatementArguments(values))
        return all
    }
}
