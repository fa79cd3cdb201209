import CloserCore
import Foundation

extension Connection {
    /// Inserts many rows with one statement: the rows travel as one JSON text that the server
    /// turns into rows of the table's own type (`json_populate_recordset`), so a batch costs one
    /// round trip and one parse whatever its size, with no limit on the number of parameters.
    /// (COPY is faster still, but postgres-nio offers it only as an async call, and a store
    /// call that waits for async work can starve Swift's thread pool.)
    func insertRows(table: String, columns: [String], rows: [[CellValue]]) throws {
        guard !rows.isEmpty else { return }
        let keys = columns.map(BulkJSON.quotedKey)
        var json = "["
        json.reserveCapacity(rows.count * 64 * max(1, columns.count / 4))
        for (index, row) in rows.enumerated() {
            json += index == 0 ? "{" : ",{"
            for (column, cell) in zip(keys.indices, row) {
                if column > 0 { json += "," }
                json += keys[column]
                try BulkJSON.append(cell, to: &json)
            }
            json += "}"
        }
        json += "]"
        let quotedTable = CopyText.quoted(table)
        let list = columns.map(CopyText.quoted).joined(separator: ", ")
        try execute("INSERT INTO \(quotedTable) (\(list)) SELECT \(list) FROM json_populate_recordset(NULL::\(quotedTable), $1::json)",
                    [.text(json)])
    }
}

enum CopyText {
    static func quoted(_ identifier: String) -> String {
        "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

/// JSON text for a batch of rows: numbers as Swift prints them (the shortest text that reads
/// back as the same double, which is what PostgreSQL reads), text escaped per RFC 8259.
enum BulkJSON {
    static func quotedKey(_ column: String) -> String {
        var key = ""
        appendString(column, to: &key)
        return key + ":"
    }

    static func append(_ cell: CellValue, to json: inout String) throws {
        switch cell {
        case .null: json += "null"
        case .integer(let value): json += String(value)
        case .real(let value):
            guard value.isFinite else { throw StoreError.invalid("a number in the store is not finite: \(value)") }
            json += "\(value)"
        case .text(let value):
            guard !value.utf8.contains(0) else {
                throw StoreError.invalid("a text in the store holds a NUL character, which PostgreSQL cannot keep")
            }
            appendString(value, to: &json)
        }
    }

    static func appendString(_ text: String, to json: inout String) {
        json += "\""
        var plainStart = text.unicodeScalars.startIndex
        var index = plainStart
        let scalars = text.unicodeScalars
        while index < scalars.endIndex {
            let scalar = scalars[index]
            let escape: String? = switch scalar {
            case "\"": "\\\""
            case "\\": "\\\\"
            case "\n": "\\n"
            case "\r": "\\r"
            case "\t": "\\t"
            default: scalar.value < 0x20 ? String(format: "\\u%04x", scalar.value) : nil
            }
            if let escape {
                json.unicodeScalars.append(contentsOf: scalars[plainStart..<index])
                json += escape
                plainStart = scalars.index(after: index)
            }
            index = scalars.index(after: index)
        }
        json.unicodeScalars.append(contentsOf: scalars[plainStart..<scalars.endIndex])
        json += "\""
    }
}
