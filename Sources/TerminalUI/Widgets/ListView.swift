/// A scrolling list of lines with one selected.
public struct ListView {
    /// One line; `role` overrides the normal style of unselected rows.
    public struct Item: Sendable {
        public var text: String
        public var role: StyleRole?
        public init(_ text: String, role: StyleRole? = nil) { self.text = text; self.role = role }
    }

    /// Draws `items` in `rect`, scrolled per `state` (which is clamped first so the
    /// selection is always visible). Rows past the end are blank.
    public static func render(into canvas: inout Canvas, rect: Rect, items: [Item], state: inout ScrollState,
                              focused: Bool = true, selectedRole: StyleRole = .selected) {
        state.clamp(count: items.count, pageSize: rect.height)
        canvas.fill(rect)
        guard !rect.isEmpty else { return }
        for row in 0..<rect.height {
            let index = state.offset + row
            guard index < items.count else { break }
            let item = items[index]
            let isSelected = index == state.selected
            let role = isSelected ? (focused ? selectedRole : .highlight) : (item.role ?? .normal)
            canvas.put(TextWidth.fit(item.text, to: rect.width), x: rect.x, y: rect.y + row, role: role, maxWidth: rect.width)
        }
    }

    public static func render(into canvas: inout Canvas, rect: Rect, lines: [String], state: inout ScrollState,
                              focused: Bool = true) {
        render(into: &canvas, rect: rect, items: lines.map { Item($0) }, state: &state, focused: focused)
    }
}
