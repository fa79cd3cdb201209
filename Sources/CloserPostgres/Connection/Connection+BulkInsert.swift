import CloserCore
import Foundation

extension Connection {
    /// Inserts many rows: by COPY where the user may (`copyIn`), else with one statement.
    func insertRows(table: String, columns: [String], rows: [[CellValue]]) throws {
        guard !rows.isEmpty else { return }
        if try mayCopyIn(table) {
            try copyIn(table: table, columns: columns) { copy in
                for row in rows { try copy.append(row) }
            }
        } else {
            try insertRowsByJSON(table: table, columns: columns, rows: rows)
        }
    }

    /// Inserts many rows with one statement, as row-level security lets a member of the team:
    /// the rows travel as one JSON text that the server turns into rows of the table's own type
    /// (`json_populate_recordset`), so a batch costs one round trip and one parse whatever its
    /// size, with no limit on the number of parameters.
    func insertRowsByJSON(table: String, columns: [String], rows: [[CellValue]]) throws {
        guard !rows.isEmpty else { return }
        let json = try BulkJSON.array(columns: columns, rows: rows)
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
    /// The rows as one JSON array of objects, a member per column.
    static func array(columns: [String], rows: [[CellValue]]) throws -> String {
        let keys = columns.map(quotedKey)
        var json = "["
        json.reserveCapacity(rows.count * 64 * max(1, columns.count / 4))
        for (index, row) in rows.enumerated() {
            json += index == 0 ? "{" : ",{"
            for (column, cell) in zip(keys.indices, row) {
                if column > 0 { json += "," }
                json += keys[column]
                try append(cell, to: &json)
            }
            json += "}"
        }
        return json + "]"
    }

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
            guard value.isFinite else { throw StoreError.invalid(.notFinite("\(value)")) }
            json += "\(value)"
        case .text(let value):
            guard !value.utf8.contains(0) else {
                throw StoreError.invalid(.nulInText)
            }
            appendString(value, to: &json)
        }
    }

    /// Every character JSON must escape is ASCII, so the text is scanned by its UTF-8 bytes and
    /// copied in runs between escapes (through the scalar view: a run may end inside a character,
    /// as "\r\n" is one). (Appending through `String.unicodeScalars` copied the whole
    /// batch's text on every append: 5 000 activities took 8 s.)
    static func appendString(_ text: String, to json: inout String) {
        json += "\""
        let bytes = text.utf8
        var plainStart = bytes.startIndex
        var index = plainStart
        while index < bytes.endIndex {
            let byte = bytes[index]
            let escape: String? = switch byte {
            case UInt8(ascii: "\""): "\\\""
            case UInt8(ascii: "\\"): "\\\\"
            case UInt8(ascii: "\n"): "\\n"
            case UInt8(ascii: "\r"): "\\r"
            case UInt8(ascii: "\t"): "\\t"
            default: byte < 0x20 ? String(format: "\\u%04x", byte) : nil
            }
            if let escape {
                json += String(text.unicodeScalars[plainStart..<index])
                json += escape
                plainStart = bytes.index(after: index)
            }
            index = bytes.index(after: index)
        }
        json += String(text.unicodeScalars[plainStart..<bytes.endIndex])
        json += "\""
    }
}
