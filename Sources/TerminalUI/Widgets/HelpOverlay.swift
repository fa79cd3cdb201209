/// One group of key bindings in the help screen.
public struct HelpSection: Hashable, Sendable {
    public var title: String
    public var entries: [KeyHint]
    public init(title: String, entries: [KeyHint]) { self.title = title; self.entries = entries }
}

/// A centred box listing the caller's key map. TerminalUI does not know the keys; the
/// app passes the same table it dispatches with, so help cannot drift from behaviour.
public enum HelpOverlay {
    /// The text lines of the help, with the role of each key column.
    static func lines(_ sections: [HelpSection]) -> [(keys: String, text: String, isTitle: Bool)] {
        var result: [(String, String, Bool)] = []
        for (i, section) in sections.enumerated() {
            if i > 0 { result.append(("", "", false)) }
            result.append(("", section.title, true))
            for entry in section.entries { result.append((entry.key, entry.label, false)) }
        }
        return result
    }

    /// Total content lines, for scrolling with `offset`.
    public static func lineCount(_ sections: [HelpSection]) -> Int { lines(sections).count }

    public static func render(into canvas: inout Canvas, area: Rect, title: String = "Help",
                              sections: [HelpSection], offset: Int = 0, footer: String = "Esc close") {
        let content = lines(sections)
        let keyWidth = min(20, content.map { TextWidth.of($0.keys) }.max() ?? 0)
        let textWidth = content.map { $0.isTitle ? TextWidth.of($0.text) - keyWidth - 2 : TextWidth.of($0.text) }.max() ?? 0
        let columnWidth = max(26, keyWidth + 2 + textWidth)
        // Two columns, split at a section, when one is too tall for the area and two fit it whole.
        let rowsAvailable = area.height - 4
        if content.count > rowsAvailable, let split = twoColumnSplit(content, rows: rowsAvailable), 2 * columnWidth + 7 <= area.width {
            let height = max(split, content.count - split - 1) + 4
            let box = area.centered(width: 2 * columnWidth + 7, height: height)
            frame(&canvas, box, title: title)
            let inner = box.inset(dx: 2, dy: 1)
            draw(&canvas, Array(content[..<split]), x: inner.x, y: inner.y, keyWidth: keyWidth, width: columnWidth, rows: inner.height - 1)
            draw(&canvas, Array(content[(split + 1)...]), x: inner.x + columnWidth + 3, y: inner.y, keyWidth: keyWidth, width: columnWidth,
                 rows: inner.height - 1)
            canvas.put(TextWidth.padLeft(footer, to: inner.width), x: inner.x, y: box.maxY - 2, role: .dim, maxWidth: inner.width)
            return
        }
        let width = min(area.width, max(30, columnWidth + 4, TextWidth.of(title) + 6))
        let height = min(area.height, content.count + 4)
        let box = area.centered(width: width, height: height)
        guard box.width >= 6, box.height >= 3 else { return }
        frame(&canvas, box, title: title)
        let inner = box.inset(dx: 2, dy: 1)
        let visible = max(0, inner.height - 1)
        let start = min(max(0, offset), max(0, content.count - visible))
        draw(&canvas, Array(content[start...]), x: inner.x, y: inner.y, keyWidth: keyWidth, width: inner.width, rows: visible)
        let more = start + visible < content.count ? "↓ more  " : ""
        canvas.put(TextWidth.padLeft(more + footer, to: inner.width), x: inner.x, y: box.maxY - 2, role: .dim, maxWidth: inner.width)
    }

    /// The blank line between sections where the first column should end, if both halves fit `rows`.
    static func twoColumnSplit(_ content: [(keys: String, text: String, isTitle: Bool)], rows: Int) -> Int? {
        let breaks = content.indices.filter { content[$0].text.isEmpty && content[$0].keys.isEmpty }
        return breaks.last { $0 <= rows && content.count - $0 - 1 <= rows }
    }

    private static func frame(_ canvas: inout Canvas, _ box: Rect, title: String) {
        canvas.fill(box, role: .overlay)
        canvas.box(box, title: title, role: .borderFocused)
    }

    private static func draw(_ canvas: inout Canvas, _ content: [(keys: String, text: String, isTitle: Bool)], x: Int, y: Int,
                             keyWidth: Int, width: Int, rows: Int) {
        for (row, line) in content.prefix(max(0, rows)).enumerated() {
            if line.isTitle {
                canvas.put(line.text, x: x, y: y + row, role: .header, maxWidth: width)
            } else {
                canvas.put(TextWidth.padRight(line.keys, to: keyWidth), x: x, y: y + row, role: "help.key", maxWidth: keyWidth)
                canvas.put(line.text, x: x + keyWidth + 2, y: y + row, role: .overlay, maxWidth: max(0, width - keyWidth - 2))
            }
        }
    }
}
