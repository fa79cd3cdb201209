@testable import CloserExchange
import CSV
import Foundation
import Testing

/// The byte splitter must read every text as CSV.swift's reader does, quirks included.
@Suite("CSV splitter")
struct CSVSplitterTests {
    static func split(_ text: String, _ delimiter: Character) -> [[String]] {
        var rows = [[String]]()
        CSVSplitter.rows(text, delimiter: delimiter.asciiValue ?? 0) { rows.append($0) }
        return rows
    }

    static func library(_ text: String, _ delimiter: Character) throws -> [[String]] {
        let reader = try CSVReader(string: text, hasHeaderRow: false, delimiter: delimiter.unicodeScalars.first ?? ",")
        var rows = [[String]]()
        while let row = reader.next() { rows.append(row) }
        return rows
    }

    @Test("random texts of delimiters, quotes, line ends and multi-byte characters split the same")
    func randomTexts() throws {
        var generator = SystemRandomNumberGenerator()
        let pieces = [",", ";", "\t", "\"", "\"\"", "\r", "\n", "\r\n", "a", "bc", " ", "é", "中文", "😀", "\u{0301}", "x\"y"]
        for round in 0..<4_000 {
            let text = (0..<Int.random(in: 0...24, using: &generator)).map { _ in pieces.randomElement(using: &generator) ?? "" }.joined()
            let delimiter: Character = [",", ";", "\t"][round % 3]
            #expect(Self.split(text, delimiter) == (try Self.library(text, delimiter)), "\(text.debugDescription) split on \(delimiter.debugDescription)")
        }
    }

    @Test("the usual shapes")
    func usual() {
        #expect(Self.split("a,b\r\n\"c, d\",\"e \"\"f\"\"\"\r\n", ",") == [["a", "b"], ["c, d", "e \"f\""]])
        #expect(Self.split("a,\n,\n\n\"x\ny\"", ",") == [["a", ""], ["", ""], [""], ["x\ny"]])
        #expect(Self.split("\"ab\"中c,d", ",") == [["ab\"c,d"]], "a stray quote stays, the character after it goes, and the field stays quoted, as in CSV.swift")
        #expect(Self.split("", ",").isEmpty)
    }
}
