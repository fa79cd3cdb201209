import CloserCore
import TerminalUI

/// One line of the palette: a command, the key that runs it here, and the command that opens
/// the overlay it belongs to when it is not open yet (Enter for the open deal's actions).
public struct PaletteEntry: Sendable, Equatable {
    public var command: Command
    public var keys: String
    public var opener: Command?
    /// "Open the deal ▸ " before an overlay's command, in the palette's language.
    public var prefix: LocalizedText?

    func label(_ lang: Language) -> String { (prefix.map { $0[lang] + " ▸ " } ?? "") + command.label[lang] }
}

/// The command palette: every command that works here, found by its label in either language,
/// its pinyin initials or its name, shown with its key.
public struct PaletteState: Sendable {
    public var query = TextFieldState()
    public var scroll = ScrollState()

    public init() {}

    static let keys = KeyContext("palette", en: "Command palette", zh: "命令面板")
    static let bindings: [KeyBinding] = [
        KeyBinding([.enter], .confirm, keys),
        KeyBinding([.escape], .close, keys),
        KeyBinding([.up], .selectUp, keys),
        KeyBinding([.down], .selectDown, keys),
        KeyBinding([.pageUp], .pageUp, keys),
        KeyBinding([.pageDown], .pageDown, keys),
    ]

    /// What the palette offers on the current screen: its commands and the dashboard's, then
    /// those of the overlays it opens (the open deal from the board, the 360° view from the
    /// account table), each once, in the key map's order.
    static func entries(_ state: AppState) -> [PaletteEntry] {
        let contexts = Screens.module(state.screen).contexts(state).filter { $0 != AccountSearchField.keys } + [.global]
        var seen = Set<Command>([.palette])
        var entries: [PaletteEntry] = []
        for context in contexts {
            for binding in KeyMap.bindings where binding.context == context && seen.insert(binding.command).inserted {
                entries.append(PaletteEntry(command: binding.command, keys: KeyMap.keyNames(of: binding.command, in: contexts), opener: nil))
            }
        }
        for reach in PaletteReach.all where seen.contains(reach.opener) {
            for binding in KeyMap.bindings where binding.context == reach.context && !PaletteReach.closing.contains(binding.command)
                && seen.insert(binding.command).inserted {
                entries.append(PaletteEntry(command: binding.command, keys: KeyMap.keyNames(of: binding.command, in: [reach.context]),
                                            opener: reach.opener, prefix: reach.opener.label))
            }
        }
        return entries
    }

    /// Entries whose label (in either language) or name holds the query, or whose Chinese label's
    /// pinyin initials do (`bjyd` finds 标记赢单), or whose label has the query's letters in order;
    /// in that order of closeness, each group in the key map's order.
    public func matches(_ state: AppState) -> [PaletteEntry] {
        let all = Self.entries(state)
        let wanted = query.text.lowercased().filter { !$0.isWhitespace }
        guard !wanted.isEmpty else { return all }
        func closeness(_ command: Command) -> Int? {
            let labels = [command.label[state.lang].lowercased(), command.label.en.lowercased()]
            if labels.contains(where: { $0.replacingOccurrences(of: " ", with: "").contains(wanted) }) || command.id.contains(wanted) { return 0 }
            if SearchText.matches(key: SearchText.key(for: [command.label.zh]), query: wanted) { return 1 }
            if labels.contains(where: { Fuzzy.matches(wanted, $0) }) || Fuzzy.matches(wanted, command.id) { return 2 }
            return nil
        }
        return all.compactMap { entry in closeness(entry.command).map { (entry, $0) } }
            .enumerated().sorted { ($0.element.1, $0.offset) < ($1.element.1, $1.offset) }.map(\.element.0)
    }
}

/// Overlays whose commands the palette offers before they are open, and the command that opens each.
enum PaletteReach {
    static let all: [(opener: Command, context: KeyContext)] = [
        (.openDeal, DealDetailState.keys),
        (.openAccount, Account360State.keys),
    ]
    /// Closing an overlay that is not open yet means nothing.
    static let closing: Set<Command> = [.close, .selectUp, .selectDown]
}

enum Fuzzy {
    /// True when every character of `pattern` appears in `text` in order.
    static func matches(_ pattern: String, _ text: String) -> Bool {
        var remaining = pattern[...]
        for character in text where character == remaining.first {
            remaining = remaining.dropFirst()
            if remaining.isEmpty { return true }
        }
        return remaining.isEmpty
    }
}

enum PaletteView {
    /// Each command as its key (in the key column) and its label; the overlay it opens first named before it.
    static func render(_ palette: PaletteState, state: AppState, into canvas: inout Canvas, area: Rect) {
        let lang = state.lang
        var scroll = palette.scroll
        let matches = palette.matches(state)
        let box = area.centered(width: min(area.width - 4, 72), height: min(area.height - 2, 18))
        let inner = Panel.render(into: &canvas, rect: box, title: lang(.palette), focused: true, fill: .overlay)
        TextField.render(into: &canvas, rect: Rect(x: inner.x, y: inner.y, width: inner.width, height: 1), state: palette.query,
                         focused: true, placeholder: lang(.paletteHint))
        let keyWidth = min(14, matches.map { TextWidth.of($0.keys) }.max() ?? 0)
        let items = matches.map { ListView.Item(TextWidth.padRight(TextWidth.truncate($0.keys, to: keyWidth), to: keyWidth) + "  " + $0.label(lang)) }
        ListView.render(into: &canvas, rect: Rect(x: inner.x, y: inner.y + 2, width: inner.width, height: inner.height - 2),
                        items: items, state: &scroll)
    }
}
