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
        let width = min(area.width, max(30, keyWidth + 2 + textWidth + 4, TextWidth.of(title) + 6))
        let height = min(area.height, content.count + 4)
        let box = area.centered(width: width, height: height)
        guard box.width >= 6, box.height >= 3 else { return }
        canvas.fill(box, role: .overlay)
        canvas.box(box, title: title, role: .borderFocused)
        let inner = box.inset(dx: 2, dy: 1)
        let visible = max(0, inner.height - 1)
        let start = min(max(0, offset), max(0, content.count - visible))
        for row in 0..<visible {
            let index = start + row
            guard index < content.count else { break }
            let line = content[index]
            let y = inner.y + row
            if line.isTitle {
                canvas.put(line.text, x: inner.x, y: y, role: .header, maxWidth: inner.width)
            } else {
                canvas.put(TextWidth.padRight(line.keys, to: keyWidth), x: inner.x, y: y, role: "help.key", maxWidth: keyWidth)
                canvas.put(line.text, x: inner.x + keyWidth + 2, y: y, role: .overlay, maxWidth: max(0, inner.width - keyWidth - 2))
            }
        }
        let more = start + visible < content.count ? "↓ more  " : ""
        canvas.put(TextWidth.padLeft(more + footer, to: inner.width), x: inner.x, y: box.maxY - 2, role: .dim, maxWidth: inner.width)
    }
}
