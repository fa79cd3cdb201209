import CloserCore
import Foundation
import TerminalUI

/// Everything printed from data passes through the sanitiser: a deal named with an escape
/// sequence must not reach the user's terminal as one.
enum Output {
    static func line(_ text: String = "") {
        print(Sanitizer.clean(text))
    }

    static func error(_ text: String) {
        FileHandle.standardError.write(Data(("closer: " + Sanitizer.clean(text) + "\n").utf8))
    }

    static func json<T: Encodable>(_ value: T) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        let data = SafeText.escapingControls(inJSON: try encoder.encode(value))
        FileHandle.standardOutput.write(data)
        FileHandle.standardOutput.write(Data("\n".utf8))
    }

    /// A table aligned by display width, so Chinese names line up with Latin ones.
    static func table(_ header: [String], _ rows: [[String]], rightAligned: Set<Int> = [], maxWidth: Int = 40) {
        for line in alignedLines(header, rows, rightAligned: rightAligned, maxWidth: maxWidth, rule: true) { print(line) }
    }

    /// The lines of such a table: the header, a rule under it when asked, the rows; cells cut
    /// at `maxWidth` columns, trailing spaces trimmed.
    static func alignedLines(_ header: [String], _ rows: [[String]], rightAligned: Set<Int> = [], maxWidth: Int = 40, rule: Bool) -> [String] {
        let cleanRows = rows.map { $0.map(Sanitizer.clean) }
        var widths = header.map(TextWidth.of)
        for row in cleanRows {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = min(maxWidth, max(widths[index], TextWidth.of(cell)))
            }
        }
        func render(_ cells: [String]) -> String {
            cells.enumerated().map { index, cell in
                let fitted = TextWidth.truncate(cell, to: widths[index])
                return rightAligned.contains(index) ? TextWidth.padLeft(fitted, to: widths[index]) : TextWidth.padRight(fitted, to: widths[index])
            }.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }
        return [render(header)] + (rule ? [render(widths.map { String(repeating: "─", count: $0) })] : []) + cleanRows.map(render)
    }

    static func fields(_ pairs: [(String, String)]) {
        let width = pairs.map { TextWidth.of($0.0) }.max() ?? 0
        for (name, value) in pairs {
            print(TextWidth.padRight(name, to: width) + "  " + Sanitizer.clean(value))
        }
    }

    static func money(_ money: Money) -> String { "\(money.currency) \(money.plain)" }
}
