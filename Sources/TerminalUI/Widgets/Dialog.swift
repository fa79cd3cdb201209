/// What a key did to a dialog.
public enum DialogResult: Hashable, Sendable {
    case chosen(Int)
    case cancelled
}

/// A modal, centred box with a message and buttons.
public struct Dialog: Hashable, Sendable {
    public var title: String
    public var message: [String]
    public var buttons: [String]
    /// Each button's key, shown before its label ("t", "Esc"); empty for none.
    public var keys: [String]
    public var selected: Int

    public init(title: String, message: [String], buttons: [String] = ["OK"], keys: [String] = [], selected: Int = 0) {
        self.title = title
        self.message = message
        self.buttons = buttons
        self.keys = keys
        self.selected = min(max(0, selected), max(0, buttons.count - 1))
    }

    /// Moves between buttons; enter chooses, escape cancels, a button's first letter picks it.
    /// Nil while the dialog stays open.
    public mutating func handle(_ key: Key) -> DialogResult? {
        guard !buttons.isEmpty else { return key == .escape || key == .enter ? .cancelled : nil }
        switch key {
        case .left, .backTab, .shiftLeft: selected = (selected + buttons.count - 1) % buttons.count
        case .right, .tab, .shiftRight: selected = (selected + 1) % buttons.count
        case .enter: return .chosen(selected)
        case .escape: return .cancelled
        case .char(let c):
            let wanted = c.lowercased()
            if let index = buttons.firstIndex(where: { $0.first.map { $0.lowercased() == wanted } ?? false }) {
                selected = index
                return .chosen(index)
            }
        default: break
        }
        return nil
    }

    /// The box the dialog occupies when centred in `area`.
    public func frame(in area: Rect) -> Rect {
        let buttonsWidth = buttonRow().width
        let content = max(TextWidth.of(title) + 2, buttonsWidth, message.map(TextWidth.of).max() ?? 0)
        let width = min(area.width, max(24, content + 4))
        let lines = wrapped(width: width - 4)
        return area.centered(width: width, height: lines.count + 4)
    }

    private func wrapped(width: Int) -> [String] {
        message.flatMap { TextWidth.wrap($0, to: max(1, width)) }
    }

    private func buttonRow() -> (labels: [String], width: Int) {
        let labels = buttons.indices.map { index in
            let key = keys.indices.contains(index) && !keys[index].isEmpty ? keys[index] + " " : ""
            return "[ \(key)\(buttons[index]) ]"
        }
        return (labels, labels.reduce(0) { $0 + TextWidth.of($1) } + 2 * max(0, labels.count - 1))
    }

    /// Draws over whatever is in `area`; the caller draws the screen underneath first.
    public func render(into canvas: inout Canvas, area: Rect) {
        let box = frame(in: area)
        guard box.width >= 4, box.height >= 3 else { return }
        canvas.fill(box, role: .overlay)
        canvas.box(box, title: title, role: .borderFocused)
        let inner = box.inset(dx: 2, dy: 1)
        for (i, line) in wrapped(width: inner.width).enumerated() where i < inner.height - 1 {
            canvas.put(line, x: inner.x, y: inner.y + i, role: .overlay, maxWidth: inner.width)
        }
        let (labels, total) = buttonRow()
        var x = inner.x + max(0, (inner.width - total) / 2)
        let y = box.maxY - 2
        for (i, label) in labels.enumerated() {
            x += canvas.put(label, x: x, y: y, role: i == selected ? .selected : .overlay, maxWidth: inner.maxX - x) + 2
        }
    }
}

/// A yes/no question. `y`/`n` answer directly.
public struct ConfirmDialog: Hashable, Sendable {
    public var dialog: Dialog

    /// `defaultYes` false puts the focus on "No" so a stray Enter does not destroy data.
    public init(title: String, message: [String], yes: String = "Yes", no: String = "No", defaultYes: Bool = false) {
        dialog = Dialog(title: title, message: message, buttons: [yes, no], selected: defaultYes ? 0 : 1)
    }

    /// true = confirmed, false = declined or cancelled, nil = still open.
    public mutating func handle(_ key: Key) -> Bool? {
        if case .char(let c) = key {
            if c == "y" || c == "Y" { return true }
            if c == "n" || c == "N" { return false }
        }
        switch dialog.handle(key) {
        case .chosen(let index): return index == 0
        case .cancelled: return false
        case nil: return nil
        }
    }

    public func render(into canvas: inout Canvas, area: Rect) { dialog.render(into: &canvas, area: area) }
}
