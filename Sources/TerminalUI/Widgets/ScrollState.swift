/// Selection and scroll position of a list or table. Keeps the selection visible after
/// every change, so callers never see a selected row off screen.
public struct ScrollState: Hashable, Sendable {
    public var selected: Int
    /// Index of the first visible row.
    public var offset: Int

    public init(selected: Int = 0, offset: Int = 0) {
        self.selected = selected
        self.offset = offset
    }

    /// Clamps to `count` rows and scrolls so the selection is inside a `pageSize` window.
    public mutating func clamp(count: Int, pageSize: Int) {
        guard count > 0 else { selected = 0; offset = 0; return }
        let page = max(1, pageSize)
        selected = min(max(0, selected), count - 1)
        if selected < offset { offset = selected }
        if selected >= offset + page { offset = selected - page + 1 }
        offset = min(max(0, offset), max(0, count - page))
    }

    /// Moves the selection for navigation keys; returns false for keys it does not use.
    @discardableResult
    public mutating func handle(_ key: Key, count: Int, pageSize: Int) -> Bool {
        let page = max(1, pageSize)
        switch key {
        case .up, .char("k"): selected -= 1
        case .down, .char("j"): selected += 1
        case .pageUp: selected -= page; offset -= page
        case .pageDown: selected += page; offset += page
        case .home, .char("g"): selected = 0
        case .end, .char("G"): selected = count - 1
        default: return false
        }
        clamp(count: count, pageSize: pageSize)
        return true
    }

    /// The wheel scrolls by `step` rows and drags the selection along only when it
    /// would leave the view.
    @discardableResult
    public mutating func handle(_ mouse: MouseEvent, count: Int, pageSize: Int, step: Int = 3) -> Bool {
        let page = max(1, pageSize)
        switch mouse.kind {
        case .wheelUp: offset = max(0, offset - step)
        case .wheelDown: offset = min(max(0, count - page), offset + step)
        default: return false
        }
        if selected < offset { selected = offset }
        if selected >= offset + page { selected = offset + page - 1 }
        clamp(count: count, pageSize: pageSize)
        return true
    }

    /// Selects the row at a screen line inside a view whose first row is at `top`.
    @discardableResult
    public mutating func select(row screenY: Int, top: Int, count: Int, pageSize: Int) -> Bool {
        let index = offset + (screenY - top)
        guard screenY >= top, screenY < top + pageSize, index < count else { return false }
        selected = index
        clamp(count: count, pageSize: pageSize)
        return true
    }
}
