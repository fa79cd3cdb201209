import Foundation

/// What to export: one table's query (its filter, search and sort) and the file's form.
public enum TableExportQuery: Sendable {
    case deals(DealQuery, [DealExportColumn])
    case accounts(AccountQuery, [AccountExportColumn])
    case persons(PersonTableQuery, [PersonExportColumn])
}

public enum TableExportFormat: String, Sendable, CaseIterable {
    case csv, json

    /// By the file's extension: .json is JSON, anything else CSV.
    public static func forPath(_ path: String) -> TableExportFormat {
        path.lowercased().hasSuffix(".json") ? .json : .csv
    }
}

/// Writes a table as CSV or JSON, a batch at a time, so 100 000 rows never sit in one array:
/// the store reads the query in one pass and hands over each batch to be written before it
/// reads the next. The command line and the dashboard's tables both export through it.
public struct TableExporter {
    /// Rows per batch read and written.
    public static let pageSize = 1_000

    public let store: any Store
    public var format: TableExportFormat
    /// A UTF-8 byte-order mark first, so Chinese Excel opens the CSV as UTF-8, not GBK; and
    /// text that Excel would run as a formula guarded (ExcelFormula).
    public var excel: Bool
    public var context: ExportContext
    /// The output is a terminal: control characters in the data become U+FFFD (a file or a
    /// pipe gets the exact text, so an export → import round trip holds).
    public var forTerminal: Bool

    public init(store: any Store, format: TableExportFormat, excel: Bool = false, context: ExportContext, forTerminal: Bool = false) {
        self.store = store
        self.format = format
        self.excel = excel
        self.context = context
        self.forTerminal = forTerminal
    }

    /// Writes every row of `query` through `write`; returns how many rows there were.
    @discardableResult
    public func export(_ query: TableExportQuery, write: (Data) throws -> Void) throws -> Int {
        let size = Self.pageSize
        switch query {
        case .deals(let query, let columns): return try stream(columns, write: write) { try store.eachDeal(query, batchSize: size, $0) }
        case .accounts(let query, let columns): return try stream(columns, write: write) { try store.eachAccount(query, batchSize: size, $0) }
        case .persons(let query, let columns): return try stream(columns, write: write) { try store.eachPersonRow(query, batchSize: size, $0) }
        }
    }

    /// Writes to a file atomically: a half-written export never replaces a good one.
    @discardableResult
    public func export(_ query: TableExportQuery, toFile path: String) throws -> Int {
        let (handle, partial) = try PrivateFile.create(path)
        do {
            let count = try export(query) { data in try handle.write(contentsOf: data) }
            try handle.close()
            // rename(2) replaces the old file in one step.
            guard rename(partial, path) == 0 else { throw StoreError.refused(.fileSystem(String(cString: strerror(errno)))) }
            return count
        } catch {
            try? handle.close()
            try? FileManager.default.removeItem(atPath: partial)
            throw StoreError.refused(.cannotWrite(path: path, reason: error.localizedDescription))
        }
    }

    private func stream<Column: ExportColumnKind>(_ columns: [Column], write: (Data) throws -> Void,
                                                  rows source: (([Column.Row]) throws -> Void) throws -> Void) throws -> Int {
        var count = 0
        switch format {
        case .csv:
            try write((excel ? Data([0xEF, 0xBB, 0xBF]) : Data()) + Data(CSVLine.encode(columns.map { $0.header[context.lang] }).utf8))
        case .json:
            try write(Data("[".utf8))
        }
        let keys = columns.map(\.rawValue)
        // `write` is called only while `source` runs, within this call.
        try withoutActuallyEscaping(write) { write in try source { rows in
            var text = ""
            for row in rows {
                var values = columns.map { $0.value(row, context: context) }
                if forTerminal { values = values.map(\.forTerminal) }
                switch format {
                case .csv: text += CSVLine.encode(excel ? values.map(\.excelCSV) : values.map(\.csv))
                case .json: text += (count == 0 ? "\n" : ",\n") + JSONLine.object(zip(keys, values))
                }
                count += 1
            }
            try write(Data(text.utf8))
        } }
        if format == .json { try write(Data((count == 0 ? "]\n" : "\n]\n").utf8)) }
        return count
    }
}

/// One CSV record as RFC 4180 and Excel write it: a field with a comma, quote, line break or
/// edge space is quoted (quotes doubled); records end in CRLF.
public enum CSVLine {
    public static func encode(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\r\n"
    }

    static func field(_ text: String) -> String {
        let needsQuotes = text.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
            || text.first == " " || text.last == " "
        return needsQuotes ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }
}

/// One JSON object with its keys in the order given (the column order), written by hand
/// because an encoder of a dictionary does not keep an order.
enum JSONLine {
    static func object<S: Sequence>(_ pairs: S) -> String where S.Element == (String, ExportValue) {
        "{" + pairs.map { key, value in
            let json = switch value {
            case .text(let text): string(text)
            case .number(let number): number
            case .none: "null"
            }
            return string(key) + ": " + json
        }.joined(separator: ", ") + "}"
    }

    static func string(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029 || TextControl.isControl(scalar):
                out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
