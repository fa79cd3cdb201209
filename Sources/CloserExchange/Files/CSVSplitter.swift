import Foundation

/// Splits CSV text into rows of fields exactly as CSV.swift's `CSVReader` reads a string
/// (no header row, no trimming), but over the UTF-8 bytes: that reader builds every field
/// one Unicode scalar at a time, the largest cost of reading a 100k-row file. The rules:
/// CR, LF or CRLF ends a row; a field that starts with a quote runs to the quote before a
/// delimiter or line end, "" inside it is one quote; a quote inside it followed by anything
/// else is kept and that next character dropped; an unquoted field runs to the delimiter.
/// The delimiter, quote, CR and LF are ASCII, and no byte of a multi-byte UTF-8 character
/// is ASCII, so cutting at them never splits a character. A test compares both readers.
enum CSVSplitter {
    private static let quote = UInt8(ascii: "\""), cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")

    /// Calls `body` with each row's fields in order.
    static func rows(_ text: String, delimiter: UInt8, _ body: ([String]) throws -> Void) rethrows {
        var text = text
        try text.withUTF8 { bytes in
            var reader = Reader(bytes: bytes, delimiter: delimiter)
            while let row = reader.row() { try body(row) }
        }
    }

    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        let delimiter: UInt8
        var index = 0
        /// A quoted field's bytes, reused from field to field.
        var scratch = [UInt8]()

        init(bytes: UnsafeBufferPointer<UInt8>, delimiter: UInt8) {
            self.bytes = bytes
            self.delimiter = delimiter
        }

        mutating func row() -> [String]? {
            guard index < bytes.count else { return nil }
            var fields = [String]()
            while true {
                let end: Bool
                if index >= bytes.count {
                    // A delimiter was the last character: one more, empty field.
                    fields.append("")
                    end = true
                } else if bytes[index] == CSVSplitter.quote {
                    index += 1
                    end = quoted(into: &fields)
                } else {
                    end = unquoted(into: &fields)
                }
                if end { return fields }
            }
        }

        /// Skips the LF of a CRLF.
        private mutating func afterCR() {
            if index < bytes.count, bytes[index] == CSVSplitter.lf { index += 1 }
        }

        private func text(_ range: Range<Int>) -> String {
            String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
        }

        /// Whether the row ended.
        private mutating func unquoted(into fields: inout [String]) -> Bool {
            let start = index
            while index < bytes.count {
                let byte = bytes[index]
                index += 1
                if byte == CSVSplitter.cr || byte == CSVSplitter.lf {
                    fields.append(text(start..<index - 1))
                    if byte == CSVSplitter.cr { afterCR() }
                    return true
                }
                if byte == delimiter {
                    fields.append(text(start..<index - 1))
                    return false
                }
            }
            fields.append(text(start..<index))
            return true
        }

        /// Whether the row ended; the opening quote is read.
        private mutating func quoted(into fields: inout [String]) -> Bool {
            scratch.removeAll(keepingCapacity: true)
            var ended = true
            scanning: while index < bytes.count {
                let byte = bytes[index]
                index += 1
                guard byte == CSVSplitter.quote else {
                    scratch.append(byte)
                    continue
                }
                guard index < bytes.count else { break }
                let next = bytes[index]
                index += 1
                switch next {
                case CSVSplitter.cr:
                    afterCR()
                    break scanning
                case CSVSplitter.lf:
                    break scanning
                case delimiter:
                    ended = false
                    break scanning
                case CSVSplitter.quote:
                    scratch.append(CSVSplitter.quote)
                default:
                    // As CSV.swift: the stray quote stays, the character after it goes (all its bytes).
                    scratch.append(CSVSplitter.quote)
                    while index < bytes.count, bytes[index] & 0xC0 == 0x80 { index += 1 }
                }
            }
            fields.append(String(decoding: scratch, as: UTF8.self))
            return ended
        }
    }
}
