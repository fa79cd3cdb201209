/// A key hint such as "q Quit".
public struct KeyHint: Hashable, Sendable {
    public var key: String
    public var label: String
    public init(_ key: String, _ label: String) { self.key = key; self.label = label }
}

/// The bottom line: key hints (or the latest message) on the left, context on the right.
public enum StatusBar {
    public static func render(into canvas: inout Canvas, rect: Rect, hints: [KeyHint] = [], right: String = "",
                              message: String? = nil, messageRole: StyleRole = .status) {
        guard rect.height > 0, rect.width > 0 else { return }
        let row = Rect(x: rect.x, y: rect.y, width: rect.width, height: 1)
        canvas.fill(row, role: .status)
        // A message is what the user must read: the context on the right gives it the room it needs.
        let messageNeed = message.map { TextWidth.of($0) + 3 } ?? 0
        let rightWidth = min(TextWidth.of(right), rect.width / 2, max(0, rect.width - messageNeed - 1))
        let rightX = rect.maxX - rightWidth - 1
        if rightWidth > 0 {
            canvas.put(TextWidth.truncate(right, to: rightWidth), x: rightX, y: rect.y, role: .status, maxWidth: rightWidth)
        }
        let leftLimit = max(0, rightX - rect.x - 1)
        var x = rect.x + 1
        if let message {
            canvas.put(TextWidth.truncate(message, to: max(0, leftLimit - 1)), x: x, y: rect.y, role: messageRole, maxWidth: leftLimit - 1)
            return
        }
        for hint in hints {
            let need = TextWidth.of(hint.key) + 1 + TextWidth.of(hint.label)
            guard x - rect.x + need <= leftLimit else { break }  // drop whole hints rather than cut one
            x += canvas.put(hint.key, x: x, y: rect.y, role: .statusKey)
            x += canvas.put(" " + hint.label + "  ", x: x, y: rect.y, role: .status, maxWidth: rect.x + leftLimit - x)
        }
    }
}
