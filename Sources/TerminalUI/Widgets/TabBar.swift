/// A row of screen names with the active one highlighted.
public enum TabBar {
    /// Draws the tabs and returns the column range each occupies, for mouse clicks.
    @discardableResult
    public static func render(into canvas: inout Canvas, rect: Rect, names: [String], active: Int) -> [Range<Int>] {
        guard rect.height > 0 else { return [] }
        canvas.fill(Rect(x: rect.x, y: rect.y, width: rect.width, height: 1), role: .tab)
        var ranges: [Range<Int>] = []
        var x = rect.x
        for (i, name) in names.enumerated() {
            let label = " " + name + " "
            let used = canvas.put(label, x: x, y: rect.y, role: i == active ? .tabActive : .tab, maxWidth: max(0, rect.maxX - x))
            ranges.append(x..<(x + used))
            x += used + 1
            if x >= rect.maxX { break }
        }
        return ranges
    }

    /// Which tab a click at column x hit.
    public static func tab(atX x: Int, ranges: [Range<Int>]) -> Int? {
        ranges.firstIndex { $0.contains(x) }
    }
}
