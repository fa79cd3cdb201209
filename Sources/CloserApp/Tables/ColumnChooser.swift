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

    static let keys = KeyContext("columns", en: "Column chooser", zh: "选择列")
    static let bindings: [KeyBinding] = [
        KeyBinding([.char(" ")], .toggleColumn, keys),
        KeyBinding([.char("[")], .columnEarlier, keys),
        KeyBinding([.char("]")], .columnLater, keys),
        KeyBinding([.up, .char("k")], .selectUp, keys),
        KeyBinding([.down, .char("j")], .selectDown, keys),
        KeyBinding([.escape, .enter, .char("c"), .char("q")], .close, keys),
    ]

    /// Applies a command to the layout; false when the chooser closes.
    mutating func run<Column>(_ command: Command, _ layout: inout ColumnLayout<Column>) -> Bool {
        switch command {
        case .close: return false
        case .selectUp: cursor = max(0, cursor - 1)
        case .selectDown: cursor = min(layout.order.count - 1, cursor + 1)
        case .toggleColumn: if layout.order.indices.contains(cursor) { layout.toggle(layout.order[cursor]) }
        case .columnEarlier: cursor = layout.move(at: cursor, by: -1)
        case .columnLater: cursor = layout.move(at: cursor, by: 1)
        default: break
        }
        return true
    }
}

extension Command {
    public static let toggleColumn = Command("columns.toggle", en: "Show / hide the column", zh: "显示 / 隐藏该列")
    public static let columnEarlier = Command("columns.earlier", en: "Move the column earlier", zh: "列前移")
    public static let columnLater = Command("columns.later", en: "Move the column later", zh: "列后移")
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
