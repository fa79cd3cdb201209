/// The store's statements mark parameters with `?`, as the file store's do, so a condition is
/// written once and composed freely; PostgreSQL numbers them (`$1`, `$2`, …). A `?` inside a
/// quoted literal or identifier is left alone (the store never uses PostgreSQL's `?` operators).
enum Placeholders {
    static func numbered(_ sql: String) -> String {
        numbered(sql) { _ in "" }
    }

    /// Numbered, each parameter cast to its value's type (`$1::int8`): a statement the server
    /// keeps under a name is parsed once with these types, which its later values must match.
    static func numbered(_ sql: String, typedAs values: [SQLValue]) -> String {
        numbered(sql) { number in values.indices.contains(number - 1) ? values[number - 1].cast : "" }
    }

    private static func numbered(_ sql: String, suffix: (Int) -> String) -> String {
        guard sql.utf8.contains(UInt8(ascii: "?")) else { return sql }
        var result = ""
        result.reserveCapacity(sql.utf8.count + 16)
        var number = 0
        var quote: Character?
        for character in sql {
            if let open = quote {
                result.append(character)
                if character == open { quote = nil }
            } else if character == "'" || character == "\"" {
                quote = character
                result.append(character)
            } else if character == "?" {
                number += 1
                result += "$\(number)\(suffix(number))"
            } else {
                result.append(character)
            }
        }
        return result
    }
}

/// Conditions joined with AND and their values, built up by the query functions (the file
/// store's SQLFilter, for this store's values).
struct SQLConditions {
    private var conditions: [String] = []
    private(set) var values: [SQLValue] = []

    mutating func add(_ condition: String, _ values: [SQLValue] = []) {
        conditions.append(condition)
        self.values += values
    }

    /// `column IN (?, ?, …)` for a non-empty list of values.
    mutating func add(_ column: String, in values: [String]) {
        add("\(column) IN (\(values.map { _ in "?" }.joined(separator: ",")))", values.map(SQLValue.text))
    }

    var isEmpty: Bool { conditions.isEmpty }

    var whereClause: String { conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ") }

    /// The values followed by more (LIMIT and OFFSET values, a stage key).
    func values(appending more: [SQLValue]) -> [SQLValue] { values + more }
}
