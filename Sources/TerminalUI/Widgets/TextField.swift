/// Editing state of a one-line text input. The cursor counts grapheme clusters, so one
/// Chinese character or emoji is one step however many bytes or columns it takes.
public struct TextFieldState: Hashable, Sendable {
    public private(set) var characters: [Character]
    /// 0...characters.count
    public private(set) var cursor: Int
    /// Maximum characters accepted, if limited.
    public var maxLength: Int?

    public init(text: String = "", maxLength: Int? = nil) {
        // Store sanitised text so what is edited is what is shown.
        characters = Array(Sanitizer.clean(text))
        cursor = characters.count
        self.maxLength = maxLength
    }

    public var text: String {
        get { String(characters) }
        set { characters = Array(Sanitizer.clean(newValue)); cursor = characters.count }
    }

    /// Display columns from the start of the text to the cursor.
    public var cursorColumn: Int { TextWidth.of(String(characters[..<cursor])) }

    public mutating func insert(_ character: Character) {
        guard Sanitizer.clean(String(character)) == String(character) else { return }
        if let maxLength, characters.count >= maxLength { return }
        characters.insert(character, at: cursor)
        cursor += 1
    }

    public mutating func insert(_ text: String) {
        for character in text { insert(character) }
    }

    /// Applies an editing key; returns false for keys the field does not use (tab, enter…).
    @discardableResult
    public mutating func handle(_ key: Key) -> Bool {
        switch key {
        case .char(let c): insert(c)
        case .backspace:
            if cursor > 0 { characters.remove(at: cursor - 1); cursor -= 1 }
        case .delete, .ctrl("d"):
            if cursor < characters.count { characters.remove(at: cursor) }
        case .left, .ctrl("b"): cursor = max(0, cursor - 1)
        case .right, .ctrl("f"): cursor = min(characters.count, cursor + 1)
        case .home, .ctrl("a"): cursor = 0
        case .end, .ctrl("e"): cursor = characters.count
        case .ctrl("u"): characters.removeAll(); cursor = 0
        case .ctrl("k"): characters.removeSubrange(cursor...)
        case .ctrl("w"): deleteWordBackward()
        default: return false
        }
        return true
    }

    private mutating func deleteWordBackward() {
        var start = cursor
        while start > 0, characters[start - 1].isWhitespace { start -= 1 }
        while start > 0, !characters[start - 1].isWhitespace { start -= 1 }
        characters.removeSubrange(start..<cursor)
        cursor = start
    }

    /// First visible character so that the cursor fits in `width` columns.
    public func scrollStart(width: Int) -> Int {
        guard width > 0 else { return cursor }
        var start = 0
        // One column is kept for the cursor itself when it sits past the last character.
        while start < cursor, TextWidth.of(String(characters[start..<cursor])) + 1 > width { start += 1 }
        return start
    }
}

public enum TextField {
    /// Draws the field on the first row of `rect`, scrolled so the cursor is visible, and
    /// places the canvas cursor there when focused. `placeholder` shows when empty.
    public static func render(into canvas: inout Canvas, rect: Rect, state: TextFieldState, focused: Bool,
                              placeholder: String = "", role: StyleRole = .input) {
        guard rect.width > 0, rect.height > 0 else { return }
        canvas.fill(Rect(x: rect.x, y: rect.y, width: rect.width, height: 1), role: role)
        if state.characters.isEmpty, !placeholder.isEmpty {
            canvas.put(placeholder, x: rect.x, y: rect.y, role: .dim, maxWidth: rect.width)
        }
        let start = state.scrollStart(width: rect.width)
        let visible = String(state.characters[start...])
        canvas.put(visible, x: rect.x, y: rect.y, role: role, maxWidth: rect.width)
        if focused {
            let column = TextWidth.of(String(state.characters[start..<state.cursor]))
            canvas.setCursor(x: rect.x + min(column, rect.width - 1), y: rect.y)
        }
    }
}
