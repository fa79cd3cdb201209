import CloserCore
import TerminalUI

/// Where a binding applies: the dashboard as a whole, a screen, an overlay or a mode of one
/// (a field being typed in, a manager being picked). Each is declared beside its code.
public struct KeyContext: Hashable, Sendable, CustomStringConvertible {
    public let id: String
    /// The heading of its section in help.
    public let title: LocalizedText

    public init(_ id: String, en: String, zh: String) {
        self.id = id
        title = LocalizedText(en: en, zh: zh)
    }

    public var description: String { id }
    public static func == (a: KeyContext, b: KeyContext) -> Bool { a.id == b.id }
    public func hash(into hasher: inout Hasher) { hasher.combine(id) }

    public static let global = KeyContext("global", en: "Everywhere", zh: "全局")
}

public struct KeyBinding: Sendable {
    public var keys: [Key]
    public var command: Command
    public var context: KeyContext

    public init(_ keys: [Key], _ command: Command, _ context: KeyContext = .global) {
        self.keys = keys
        self.command = command
        self.context = context
    }
}

/// The one table of keys: the dashboard's own bindings and those every screen and overlay in
/// the registry declares. Dispatch, help, the palette and the status line all read it.
public enum KeyMap {
    static let globalBindings: [KeyBinding] = [
        KeyBinding([.char("q")], .quit),
        KeyBinding([.char("?")], .help),
        KeyBinding([.char(":"), .ctrl("p")], .palette),
        KeyBinding([.tab], .nextScreen),
        KeyBinding([.backTab], .previousScreen),
        KeyBinding([.ctrl("r")], .refresh),
        KeyBinding([.char("D")], .loadDemo),
        KeyBinding([.char("L")], .toggleLanguage),
        KeyBinding([.char("I")], .importFile),
        KeyBinding([.char("W")], .showStandup),
        KeyBinding([.char("$")], .showRates),
        KeyBinding([.char("u")], .undo),
        KeyBinding([.up, .char("k")], .selectUp),
        KeyBinding([.down, .char("j")], .selectDown),
        KeyBinding([.pageUp], .pageUp),
        KeyBinding([.pageDown], .pageDown),
        KeyBinding([.home, .char("g")], .selectFirst),
        KeyBinding([.end, .char("G")], .selectLast),
        KeyBinding([.char("n")], .newDeal),
        KeyBinding([.char("/")], .search),
        KeyBinding([.char("m")], .toggleMine),
        KeyBinding([.char("r")], .cycleRep),
        KeyBinding([.char("a")], .cycleGrade),
        KeyBinding([.char("x")], .clearFilters),
        KeyBinding([.char("p")], .cycleProcess),
    ]

    /// Every binding: the dashboard's, each screen's (its number key first), each overlay's.
    public static let bindings: [KeyBinding] = {
        var all = globalBindings
        for (index, screen) in Screens.all.enumerated() {
            if index < 9 { all.append(KeyBinding([.char(Character(String(index + 1)))], screen.showCommand)) }
        }
        for screen in Screens.all { all += screen.bindings }
        for overlay in Overlays.all { all += overlay.bindings }
        return all
    }()

    /// The command a key runs where the first context that binds it wins.
    public static func command(for key: Key, in contexts: [KeyContext]) -> Command? {
        for context in contexts {
            if let binding = bindings.first(where: { $0.context == context && $0.keys.contains(key) }) { return binding.command }
        }
        return nil
    }

    /// The command a key runs on a screen: the screen's binding wins over a global one.
    public static func command(for key: Key, in context: KeyContext) -> Command? {
        command(for: key, in: [context, .global])
    }

    /// The keys bound to a command in the first of `contexts` that binds it (every key when none is given).
    public static func keys(of command: Command, in contexts: [KeyContext]? = nil) -> [Key] {
        guard let contexts else { return bindings.filter { $0.command == command }.flatMap(\.keys) }
        for context in contexts {
            let keys = bindings.filter { $0.context == context && $0.command == command }.flatMap(\.keys)
            if !keys.isEmpty { return keys }
        }
        return []
    }

    /// "> S-→ .": how help and the palette write a command's keys.
    public static func keyNames(of command: Command, in contexts: [KeyContext]? = nil) -> String {
        keys(of: command, in: contexts).map(name).joined(separator: " ")
    }

    /// A status-line hint for a command, its first key named: nil when nothing binds it here.
    static func hint(_ command: Command, _ label: LocalizedText, in contexts: [KeyContext], _ lang: Language) -> KeyHint? {
        keys(of: command, in: contexts).first.map { KeyHint(name(of: $0), label[lang]) }
    }

    public static func name(of key: Key) -> String {
        switch key {
        case .char(" "): "Space"
        case .char(let c): String(c)
        case .up: "↑"
        case .down: "↓"
        case .left: "←"
        case .right: "→"
        case .shiftUp: "S-↑"
        case .shiftDown: "S-↓"
        case .shiftLeft: "S-←"
        case .shiftRight: "S-→"
        case .pageUp: "PgUp"
        case .pageDown: "PgDn"
        case .home: "Home"
        case .end: "End"
        case .tab: "Tab"
        case .backTab: "S-Tab"
        case .enter: "Enter"
        case .escape: "Esc"
        case .backspace: "Bksp"
        case .delete: "Del"
        case .insert: "Ins"
        case .ctrl(let c): "C-\(c)"
        case .function(let n): "F\(n)"
        }
    }

    /// Every context in the order help lists them: the dashboard, its screens, its overlays.
    static var contexts: [KeyContext] {
        var seen = Set<KeyContext>()
        return ([.global] + bindings.map(\.context)).filter { seen.insert($0).inserted }
    }

    /// Help sections generated from the bindings, so help can never disagree with the keys.
    public static func helpSections(_ lang: Language) -> [HelpSection] {
        contexts.map { context in
            HelpSection(title: context.title[lang], entries: bindings.filter { $0.context == context }.map {
                KeyHint($0.keys.map(name).joined(separator: " "), $0.command.label[lang])
            })
        } + [OrgChartLegend.helpSection(lang)]
    }
}
