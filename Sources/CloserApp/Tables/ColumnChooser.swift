import CloserCore
import TerminalUI

/// The column chooser of a smart table (`c`): every column with a check box, in display
/// order; Space shows or hides, `[` `]` move, Esc or Enter closes. One overlay for the account
/// and the deal table, told apart by `table`.
public struct ColumnChooserState: Sendable {
    public enum Table: Sendable { case accounts, deals }

    public var table: Table
    public var cursor = 0

    public init(table: Table = .accounts) {
        self.table = table
    }

    /// Applies a key to the layout; false when the chooser closes.
    mutating func handle<Column>(_ key: Key, _ layout: inout ColumnLayout<Column>) -> Bool {
        switch key {
        case .escape, .enter, .char("c"), .char("q"): return false
        case .up, .char("k"): cursor = max(0, cursor - 1)
        case .down, .char("j"): cursor = min(layout.order.count - 1, cursor + 1)
        case .char(" "): if layout.order.indices.contains(cursor) { layout.toggle(layout.order[cursor]) }
        case .char("["): cursor = layout.move(at: cursor, by: -1)
        case .char("]"): cursor = layout.move(at: cursor, by: 1)
        default: break
        }
        return true
    }
}

enum ColumnChooserView {
    static func render<Column>(_ chooser: ColumnChooserState, layout: ColumnLayout<Column>, lang: Language,
                               into canvas: inout Canvas, area: Rect) {
        let box = area.centered(width: min(area.width - 4, 44), height: min(area.height - 2, layout.order.count + 4))
        let inner = Panel.render(into: &canvas, rect: box, title: lang(.columns), focused: true, fill: .overlay)
        for (index, column) in layout.order.enumerated() where index < inner.height - 1 {
            let mark = layout.hidden.contains(column) ? "[ ]" : "[x]"
            let role: StyleRole = index == chooser.cursor ? .selected : .overlay
            canvas.put(TextWidth.padRight(" \(mark) \(column.title[lang])", to: inner.width), x: inner.x, y: inner.y + index,
                       role: role, maxWidth: inner.width)
        }
        canvas.put("Space · [ ] · Esc", x: inner.x + 1, y: inner.maxY - 1, role: .dim, maxWidth: inner.width - 1)
    }
}
