import TerminalUI

/// Figures in letters five rows tall, readable from across a room on the wall screen. Only
/// what figures need: digits, the compact-amount suffixes and a few signs; anything else is
/// drawn at normal size in the middle row.
enum BigType {
    static let height = 5

    static let glyphs: [Character: [String]] = [
        "0": ["███", "█ █", "█ █", "█ █", "███"],
        "1": [" █ ", "██ ", " █ ", " █ ", "███"],
        "2": ["███", "  █", "███", "█  ", "███"],
        "3": ["███", "  █", "███", "  █", "███"],
        "4": ["█ █", "█ █", "███", "  █", "  █"],
        "5": ["███", "█  ", "███", "  █", "███"],
        "6": ["███", "█  ", "███", "█ █", "███"],
        "7": ["███", "  █", "  █", "  █", "  █"],
        "8": ["███", "█ █", "███", "█ █", "███"],
        "9": ["███", "█ █", "███", "  █", "███"],
        ".": ["   ", "   ", "   ", "   ", " █ "],
        ",": ["   ", "   ", "   ", " █ ", "█  "],
        "k": ["█  ", "█ █", "██ ", "█ █", "█ █"],
        "M": ["█ █", "███", "█ █", "█ █", "█ █"],
        "B": ["██ ", "█ █", "██ ", "█ █", "██ "],
        "%": ["█ █", "  █", " █ ", "█  ", "█ █"],
        "+": ["   ", " █ ", "███", " █ ", "   "],
        "-": ["   ", "   ", "███", "   ", "   "],
        "/": ["  █", "  █", " █ ", "█  ", "█  "],
        " ": ["  ", "  ", "  ", "  ", "  "],
    ]

    /// Columns the text takes in big type (one column between letters).
    static func width(_ text: String) -> Int {
        text.reduce(0) { $0 + (glyphs[$1].map { TextWidth.of($0[0]) + 1 } ?? TextWidth.of($1) + 1) }
    }

    /// Draws `text` from (x, y); returns the columns used.
    @discardableResult
    static func put(_ text: String, x: Int, y: Int, role: StyleRole, maxWidth: Int, into canvas: inout Canvas) -> Int {
        var column = x
        for character in text {
            let glyph = glyphs[character]
            let w = glyph.map { TextWidth.of($0[0]) } ?? TextWidth.of(character)
            guard column + w - x <= maxWidth else { break }
            if let glyph {
                for (row, line) in glyph.enumerated() { canvas.put(line, x: column, y: y + row, role: role, maxWidth: w) }
            } else {
                canvas.put(String(character), x: column, y: y + 2, role: role, maxWidth: w)
            }
            column += w + 1
        }
        return column - x
    }
}
