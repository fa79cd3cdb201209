/// One terminal cell. A wide character occupies a lead cell (width 2) followed by a
/// continuation cell (width 0, empty text) that the terminal fills by itself.
public struct Cell: Hashable, Sendable {
    public var text: String
    public var width: Int
    public var role: StyleRole

    public init(text: String, width: Int, role: StyleRole) {
        self.text = text
        self.width = width
        self.role = role
    }

    public static let blank = Cell(text: " ", width: 1, role: .normal)
    public var isContinuation: Bool { width == 0 }
}

/// An in-memory screen. Everything is drawn here first, so any screen can be tested as
/// text; only `Screen` copies it to the terminal. Every text write is sanitised here so
/// no caller can forget.
public struct Canvas: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]
    /// Where the terminal cursor should be shown (a focused text field), or nil to hide it.
    public private(set) var cursor: Point?

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    public func cell(x: Int, y: Int) -> Cell? {
        guard x >= 0, x < width, y >= 0, y < height else { return nil }
        return cells[y * width + x]
    }

    public func roleAt(x: Int, y: Int) -> StyleRole? { cell(x: x, y: y)?.role }

    public mutating func setCursor(x: Int, y: Int) {
        cursor = (x >= 0 && x < width && y >= 0 && y < height) ? Point(x: x, y: y) : nil
    }

    public mutating func hideCursor() { cursor = nil }

    /// Writes text from (x, y) to the right, clipped at the canvas edge and at `maxWidth`.
    /// Returns the columns used. A wide character that would straddle the limit becomes a
    /// space so no half-character is ever left behind.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, role: StyleRole = .normal, maxWidth: Int? = nil) -> Int {
        guard y >= 0, y < height else { return 0 }
        let limit = min(maxWidth ?? Int.max, width - x)
        guard limit > 0 else { return 0 }
        var used = 0
        // Printable ASCII needs no sanitising and is one cell a byte: no grapheme walk.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {
            for byte in text.utf8.prefix(limit) {
                setCell(x: x + used, y: y, Cell(text: String(UnicodeScalar(byte)), width: 1, role: role))
                used += 1
            }
            return used
        }
        for character in Sanitizer.clean(text) {
            let w = TextWidth.of(character)
            if w == 0 { continue }  // a lone mark or zero-width char has nothing to draw
            if used + w > limit {
                if used < limit { setCell(x: x + used, y: y, Cell(text: " ", width: 1, role: role)); used += 1 }
                break
            }
            setCell(x: x + used, y: y, Cell(text: String(character), width: w, role: role))
            used += w
        }
        return used
    }

    /// Writes a single cell, repairing any wide character it cuts in half.
    private mutating func setCell(x: Int, y: Int, _ cell: Cell) {
        guard x >= 0, y >= 0, y < height, x + max(cell.width, 1) <= width else {
            // Partly off-canvas (negative x, or a wide char at the last column): draw a space instead.
            if x >= 0, x < width, y >= 0, y < height {
                clearOverlap(x: x, y: y)
                cells[y * width + x] = Cell(text: " ", width: 1, role: cell.role)
            }
            return
        }
        clearOverlap(x: x, y: y)
        if cell.width == 2 { clearOverlap(x: x + 1, y: y) }
        cells[y * width + x] = cell
        if cell.width == 2 { cells[y * width + x + 1] = Cell(text: "", width: 0, role: cell.role) }
    }

    /// Before column x is overwritten, blank the other half of a wide character there.
    private mutating func clearOverlap(x: Int, y: Int) {
        let i = y * width + x
        let existing = cells[i]
        if existing.isContinuation, x > 0 {
            cells[i - 1] = Cell(text: " ", width: 1, role: cells[i - 1].role)
        } else if existing.width == 2, x + 1 < width {
            cells[i + 1] = Cell(text: " ", width: 1, role: existing.role)
        }
        cells[i] = Cell(text: " ", width: 1, role: existing.role)
    }

    /// Fills a rectangle with blanks in `role` (so backgrounds show).
    public mutating func fill(_ rect: Rect, role: StyleRole = .normal, character: Character = " ") {
        let r = rect.intersection(bounds)
        guard !r.isEmpty else { return }
        let text = String(character)
        // Every screen fills its area first: a plain one-column character goes cell by cell,
        // without `put`'s sanitising and grapheme walk over a whole line (a third of a frame).
        guard TextWidth.of(character) == 1, Sanitizer.clean(text) == text else {
            let line = String(repeating: character, count: r.width)
            for row in r.y..<r.maxY { put(line, x: r.x, y: row, role: role, maxWidth: r.width) }
            return
        }
        let cell = Cell(text: text, width: 1, role: role)
        for row in r.y..<r.maxY {
            for column in r.x..<r.maxX { setCell(x: column, y: row, cell) }
        }
    }

    public mutating func clear(role: StyleRole = .normal) {
        cells = Array(repeating: Cell(text: " ", width: 1, role: role), count: width * height)
        cursor = nil
    }

    public mutating func hline(x: Int, y: Int, length: Int, role: StyleRole = .border, character: Character = "─") {
        guard length > 0 else { return }
        put(String(repeating: character, count: length), x: x, y: y, role: role, maxWidth: length)
    }

    public mutating func vline(x: Int, y: Int, length: Int, role: StyleRole = .border, character: Character = "│") {
        guard length > 0 else { return }
        for row in y..<(y + length) { put(String(character), x: x, y: row, role: role, maxWidth: 1) }
    }

    /// A line-drawn frame with an optional title in the top edge, truncated to fit.
    public mutating func box(_ rect: Rect, title: String? = nil, role: StyleRole = .border, titleRole: StyleRole = .title) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        put("┌", x: rect.x, y: rect.y, role: role)
        hline(x: rect.x + 1, y: rect.y, length: rect.width - 2, role: role)
        put("┐", x: rect.maxX - 1, y: rect.y, role: role)
        vline(x: rect.x, y: rect.y + 1, length: rect.height - 2, role: role)
        vline(x: rect.maxX - 1, y: rect.y + 1, length: rect.height - 2, role: role)
        put("└", x: rect.x, y: rect.maxY - 1, role: role)
        hline(x: rect.x + 1, y: rect.maxY - 1, length: rect.width - 2, role: role)
        put("┘", x: rect.maxX - 1, y: rect.maxY - 1, role: role)
        if let title, !title.isEmpty, rect.width > 4 {
            let shown = " " + TextWidth.truncate(Sanitizer.clean(title), to: rect.width - 4) + " "
            put(shown, x: rect.x + 1, y: rect.y, role: titleRole, maxWidth: rect.width - 2)
        }
    }

    /// Each row as a terminal would show it: a wide character once, trailing spaces trimmed.
    public func lines() -> [String] {
        (0..<height).map { row in
            var line = ""
            for col in 0..<width { line += cells[row * width + col].text }
            while line.last == " " { line.removeLast() }
            return line
        }
    }

    /// Copies another canvas in at (x, y); used to layer overlays prepared separately.
    public mutating func blit(_ other: Canvas, x: Int, y: Int) {
        for row in 0..<other.height {
            var col = 0
            while col < other.width {
                let cell = other.cells[row * other.width + col]
                if !cell.isContinuation { setCell(x: x + col, y: y + row, cell) }
                col += 1
            }
        }
    }
}
