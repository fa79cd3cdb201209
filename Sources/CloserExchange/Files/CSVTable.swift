import CloserCore
import CSV
import Foundation

/// One entity's rows as a CSV file with a header, for spreadsheets. Lists are joined with
/// "; " so they stay editable in Excel.
struct CSVTable {
    var header: [String]
    var rows: [[String]]

    static let listSeparator = "; "

    static func list(_ values: [String]) -> String { values.joined(separator: listSeparator) }

    static func list(from text: String) -> [String] {
        text.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    func encoded() throws -> Data {
        let stream = OutputStream(toMemory: ())
        let writer = try CSVWriter(stream: stream)
        try writer.write(row: header)
        for row in rows { try writer.write(row: row) }
        writer.stream.close()
        return (stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data) ?? Data()
    }

    /// Reads a CSV file with a header row; a BOM is tolerated, as Excel writes one.
    static func decode(_ data: Data, fileName: String) throws -> CSVTable {
        guard var text = String(data: data, encoding: .utf8) else {
            throw StoreError.invalid("\(fileName): not UTF-8 text (save it as CSV UTF-8); nothing was imported")
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, hasHeaderRow: true)
        } catch {
            throw StoreError.invalid("\(fileName): no header row; nothing was imported")
        }
        let header = (reader.headerRow ?? []).map { $0.trimmingCharacters(in: .whitespaces) }
        var rows = [[String]]()
        while let row = reader.next() {
            if row.count == 1, row[0].isEmpty { continue }
            rows.append(row)
        }
        if let error = reader.error {
            throw StoreError.invalid("\(fileName) row \(rows.count + 2): \(error); nothing was imported")
        }
        return CSVTable(header: header, rows: rows)
    }
}

/// Reads fields of one CSV row by column name, with errors that name file, row and column.
struct CSVRowReader {
    let fileName: String
    let rowNumber: Int
    let columns: [String: Int]
    let values: [String]

    func location(_ column: String) -> String { "\(fileName) row \(rowNumber), column '\(column)'" }

    func text(_ column: String) -> String {
        guard let index = columns[column], index < values.count else { return "" }
        return values[index]
    }

    func optional(_ column: String) -> String? {
        let value = text(column)
        return value.isEmpty ? nil : value
    }

    func int(_ column: String, default fallback: Int? = nil) throws -> Int {
        let value = text(column).trimmingCharacters(in: .whitespaces)
        if value.isEmpty, let fallback { return fallback }
        guard let number = Int(value) else { throw StoreError.invalid("\(location(column)): '\(value)' is not a whole number") }
        return number
    }

    func id(_ column: String) throws -> Int64 {
        let value = text(column).trimmingCharacters(in: .whitespaces)
        guard let number = Int64(value), number > 0 else { throw StoreError.invalid("\(location(column)): '\(value)' is not an id") }
        return number
    }

    func optionalID(_ column: String) throws -> Int64? {
        text(column).trimmingCharacters(in: .whitespaces).isEmpty ? nil : try id(column)
    }

    func day(_ column: String) throws -> Day? {
        let value = text(column).trimmingCharacters(in: .whitespaces)
        if value.isEmpty { return nil }
        guard let day = Day(value) else { throw StoreError.invalid("\(location(column)): '\(value)' is not a date (YYYY-MM-DD)") }
        return day
    }

    func bool(_ column: String) throws -> Bool {
        switch text(column).trimmingCharacters(in: .whitespaces).lowercased() {
        case "", "0", "false", "no", "否": return false
        case "1", "true", "yes", "是": return true
        case let other: throw StoreError.invalid("\(location(column)): '\(other)' is not yes/no")
        }
    }

    func time(_ column: String) throws -> Date {
        let value = text(column).trimmingCharacters(in: .whitespaces)
        if value.isEmpty { return Date(timeIntervalSince1970: 0) }
        guard let seconds = Double(value) else { throw StoreError.invalid("\(location(column)): '\(value)' is not a timestamp") }
        return Date(timeIntervalSince1970: seconds)
    }

    func coded<T: CodedValue>(_ column: String, _ type: T.Type, default fallback: T? = nil) throws -> T {
        let value = text(column)
        if value.isEmpty, let fallback { return fallback }
        guard let parsed = T.parse(value) else {
            throw StoreError.invalid("\(location(column)): '\(value)' is not one of \(T.codes)")
        }
        return parsed
    }
}
