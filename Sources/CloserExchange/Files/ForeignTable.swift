import CloserCore
import Foundation

/// A spreadsheet from another program as a header and rows, each row with the line it
/// starts on. Decoding is `TextDecoding`'s; the fields are split as CSV.swift reads them
/// (`CSVSplitter`). This adds what a user needs when a file is wrong: the delimiter guessed
/// (comma, tab, semicolon), line numbers that count the newlines inside quoted fields, and a
/// refusal of unbalanced quotes.
public struct ForeignTable: Sendable {
    public var header: [String]
    public var rows: [ForeignRow]
    public var encoding: TextDecoding.Encoding
    public var delimiter: Character

    /// Larger files are refused before reading: split them (or raise the limit).
    public static let defaultByteLimit = 40 * 1024 * 1024

    public static func read(_ data: Data, fileName: String, byteLimit: Int = defaultByteLimit) throws(ImportError) -> ForeignTable {
        guard data.count <= byteLimit else {
            throw ImportError("\(fileName): \(data.count / (1024 * 1024)) MB is over the \(byteLimit / (1024 * 1024)) MB import limit; split the file or pass --max-mb; nothing was imported")
        }
        let (text, encoding) = try TextDecoding.decode(data, fileName: fileName)
        guard text.contains(where: { !$0.isWhitespace }) else {
            throw ImportError("\(fileName): the file is empty (\(data.count) byte\(data.count == 1 ? "" : "s")); nothing was imported")
        }
        let delimiter = guessDelimiter(text)
        if let line = unclosedQuoteLine(text) {
            throw ImportError("\(fileName) line \(line): a quoted field opened here is never closed (unbalanced quotes); nothing was imported")
        }
        guard let byte = delimiter.asciiValue else { throw ImportError("\(fileName): no delimiter") }
        var header: [String]?
        var rows = [ForeignRow]()
        var line = 1
        CSVSplitter.rows(text, delimiter: byte) { fields in
            let start = line
            line += 1 + fields.reduce(0) { $0 + newlines(in: $1) }
            if fields.allSatisfy({ ImportValue.trim($0).isEmpty }) { return }
            if header == nil {
                header = fields.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            } else {
                rows.append(ForeignRow(line: start, values: fields))
            }
        }
        guard let header else { throw ImportError("\(fileName): no header row; nothing was imported") }
        if header.count == 1, data.count < 64, rows.isEmpty {
            throw ImportError("\(fileName): \(data.count) byte\(data.count == 1 ? "" : "s") — no header and no rows; nothing was imported")
        }
        guard !rows.isEmpty else { throw ImportError("\(fileName): a header but no rows; nothing was imported") }
        return ForeignTable(header: header, rows: rows, encoding: encoding, delimiter: delimiter)
    }

    /// The delimiter that splits the first line into the most columns: tab (Excel's Unicode
    /// text), semicolon (European Excel) or comma.
    static func guessDelimiter(_ text: String) -> Character {
        let firstLine = text.prefix { $0 != "\n" && $0 != "\r\n" && $0 != "\r" }
        var best: Character = ",", bestCount = 0
        for candidate: Character in [",", "\t", ";"] {
            let count = firstLine.filter { $0 == candidate }.count
            if count > bestCount { best = candidate; bestCount = count }
        }
        return best
    }

    /// The line of a quote that opens a field and is never closed, if any. Quotes come in
    /// pairs in valid CSV ("" inside a quoted field is two), so the parity of the quotes seen
    /// tells whether a line break is inside a field.
    static func unclosedQuoteLine(_ text: String) -> Int? {
        var inside = false, line = 1, openedOn = 1
        for byte in text.utf8 {
            if byte == UInt8(ascii: "\"") {
                inside.toggle()
                if inside { openedOn = line }
            } else if byte == 0x0A {
                line += 1
            }
        }
        return inside ? openedOn : nil
    }

    /// Line breaks inside a field: CRLF and a lone CR or LF each count once.
    static func newlines(in field: String) -> Int {
        var count = 0, afterCR = false
        for byte in field.utf8 {
            if byte == 0x0D { count += 1; afterCR = true } else { if byte == 0x0A, !afterCR { count += 1 }; afterCR = false }
        }
        return count
    }
}
