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
                              sections: [HelpSection], offset: Int = 0, footer: String = "Esc close", more: String = "more") {
        let content = lines(sections)
        let keyWidth = min(20, content.map { TextWidth.of($0.keys) }.max() ?? 0)
        let textWidth = content.map { $0.isTitle ? TextWidth.of($0.text) - keyWidth - 2 : TextWidth.of($0.text) }.max() ?? 0
        let columnWidth = max(26, keyWidth + 2 + textWidth)
        // Several columns, each broken at a section and as wide as its own lines, when one is
        // too tall for the area and they fit it whole.
        let rowsAvailable = area.height - 4
        if content.count > rowsAvailable, let columns = columnSplit(content, rows: rowsAvailable), columns.count > 1 {
            // A key list longer than the column's key width pushes its own label along.
            let keyWidths = columns.map { column in min(9, column.map { TextWidth.of($0.keys) }.max() ?? 0) }
            let widths = columns.indices.map { index in
                max(26, columns[index].map { line in
                    line.isTitle ? TextWidth.of(line.text) : max(keyWidths[index], TextWidth.of(line.keys)) + 2 + TextWidth.of(line.text)
                }.max() ?? 0)
            }
            let total = widths.reduce(0, +) + 3 * (columns.count - 1) + 4
            if total <= area.width {
                let height = (columns.map(\.count).max() ?? 0) + 4
                let box = area.centered(width: total, height: height)
                frame(&canvas, box, title: title)
                let inner = box.inset(dx: 2, dy: 1)
                var x = inner.x
                for (index, column) in columns.enumerated() {
                    draw(&canvas, column, x: x, y: inner.y, keyWidth: keyWidths[index], width: widths[index], rows: inner.height - 1)
                    x += widths[index] + 3
                }
                canvas.put(TextWidth.padLeft(footer, to: inner.width), x: inner.x, y: box.maxY - 2, role: .dim, maxWidth: inner.width)
                return
            }
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
        let more = start + visible < content.count ? "↓ \(more)  " : ""
        canvas.put(TextWidth.padLeft(more + footer, to: inner.width), x: inner.x, y: box.maxY - 2, role: .dim, maxWidth: inner.width)
    }

    /// The content in as few columns of at most `rows` lines as it takes, each column ending
    /// at the blank line between two sections (which is left out); nil when a section alone is
    /// taller than `rows`.
    static func columnSplit(_ content: [(keys: String, text: String, isTitle: Bool)], rows: Int) -> [[(keys: String, text: String, isTitle: Bool)]]? {
        var sections: [[(keys: String, text: String, isTitle: Bool)]] = [[]]
        for line in content {
            if line.text.isEmpty && line.keys.isEmpty { sections.append([]) } else { sections[sections.count - 1].append(line) }
        }
        var columns: [[(keys: String, text: String, isTitle: Bool)]] = []
        var current: [(keys: String, text: String, isTitle: Bool)] = []
        for section in sections {
            guard section.count <= rows else { return nil }
            let needed = current.isEmpty ? section.count : current.count + 1 + section.count
            if needed <= rows {
                if !current.isEmpty { current.append(("", "", false)) }
                current += section
            } else {
                columns.append(current)
                current = section
            }
        }
        if !current.isEmpty { columns.append(current) }
        return columns
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
                let keys = max(keyWidth, TextWidth.of(line.keys))
                canvas.put(TextWidth.padRight(line.keys, to: keys), x: x, y: y + row, role: .helpKey, maxWidth: keys)
                canvas.put(line.text, x: x + keys + 2, y: y + row, role: .overlay, maxWidth: max(0, width - keys - 2))
            }
        }
    }
}
