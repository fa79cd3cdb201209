import CloserCore
import TerminalUI

/// Names a screen of the dashboard; each screen declares its own beside its code.
public struct ScreenID: Hashable, Sendable, CustomStringConvertible {
    public let key: String
    public init(_ key: String) { self.key = key }
    public var description: String { key }
}

/// One screen of the dashboard, kept in its own folder: its keys, how it loads, how it takes
/// commands and the mouse, how it draws and what its status line reminds of. The shell knows
/// screens only through this protocol and the registry (`Screens.all`).
protocol ScreenModule: SendableMetatype {
    static var id: ScreenID { get }
    /// The tab's name, and the shorter one used when the names do not fit (80 columns).
    static var title: LocalizedText { get }
    static var shortTitle: LocalizedText { get }
    /// Its keys' context; `bindings` are its entries in the one key map.
    static var keys: KeyContext { get }
    static var bindings: [KeyBinding] { get }
    /// The command that shows it (its number key).
    static var showCommand: Command { get }

    /// The contexts a key is looked up in, first match wins: a mode of the screen (a field
    /// being typed in) may shadow the rest or fall back on them.
    static func contexts(_ state: AppState) -> [KeyContext]
    /// A key no context binds while the screen takes text (nothing by default).
    static func text(_ key: Key, in app: App)
    /// The screen's update over the state alone: its reads and writes come back as effects
    /// (`Effect`), their replies as events; `.load` reads what it shows, sized to it, keeping the
    /// selection on the deal where it can. Nil for a command or a click the screen still takes
    /// through `run` / `mouse` with the controller.
    static func update(_ state: inout AppState, _ event: ScreenEvent) -> [Effect]?
    /// Runs a command; false when the screen has nothing to do with it.
    static func run(_ command: Command, in app: App) -> Bool
    static func mouse(_ mouse: MouseEvent, in app: App)
    static func render(_ state: AppState, into canvas: inout Canvas, area: Rect)
    /// The status line's reminder of a few keys (every key is in help).
    static func hints(_ state: AppState) -> [KeyHint]
    /// The filter in force, in a few words, for the status line.
    static func filterSummary(_ state: AppState) -> String

    /// The deal under the selection, for Enter, `>` `<` and a reload that keeps the selection.
    static func selectedDeal(_ state: AppState) -> DealSummary?
    /// The account whose org chart `o` opens.
    static func selectedAccount(_ state: AppState) -> Int64?
    /// The table `E` exports, with the query it shows.
    static func export(_ state: AppState) -> TableExport?
    /// Called after the language changed (a layout that depends on the words is made again).
    static func languageChanged(in app: App)
    /// Whether another person's write rereads it now (a costly read waits its turn).
    static func refreshesOnChange(_ app: App) -> Bool
    /// Its number key or tab: switches to it (a screen may first pick what it shows).
    static func show(in app: App)
}

extension ScreenModule {
    static var showCommand: Command { Command("screen.\(id.key)", en: title.en, zh: title.zh) }
    static func contexts(_ state: AppState) -> [KeyContext] { [keys, .global] }
    static func update(_ state: inout AppState, _ event: ScreenEvent) -> [Effect]? { nil }
    static func text(_ key: Key, in app: App) {}
    static func mouse(_ mouse: MouseEvent, in app: App) {}
    static func hints(_ state: AppState) -> [KeyHint] { Screens.dealHints(state) }
    static func filterSummary(_ state: AppState) -> String { state.filterSummary }
    static func selectedDeal(_ state: AppState) -> DealSummary? { nil }
    static func selectedAccount(_ state: AppState) -> Int64? { selectedDeal(state)?.accountID }
    static func export(_ state: AppState) -> TableExport? { nil }
    static func languageChanged(in app: App) {}
    static func refreshesOnChange(_ app: App) -> Bool { true }
    static func show(in app: App) { app.switchScreen(to: id) }
}

/// The registry of screens. Adding a screen is one folder and one line here; the tab bar, the
/// number keys, help and the palette follow.
enum Screens {
    /// Every screen, in tab order.
    static let all: [any ScreenModule.Type] = [
        BoardScreen.self,
        DealTableScreen.self,
        AccountTableScreen.self,
        QuadrantScreen.self,
        OrgChartScreen.self,
        ReviewScreen.self,
        PersonTableScreen.self,
        WinLossScreen.self,
    ]

    static func module(_ id: ScreenID) -> any ScreenModule.Type {
        all.first { $0.id == id } ?? BoardScreen.self
    }

    static func index(of id: ScreenID) -> Int { all.firstIndex { $0.id == id } ?? 0 }

    /// The reminder the deal screens share.
    static func dealHints(_ state: AppState) -> [KeyHint] {
        let lang = state.lang
        return [
            KeyHint("Enter", lang(.open)), KeyHint(">", lang(.move)), KeyHint("n", lang(.newDeal)),
            KeyHint("/", lang(.search)), KeyHint(":", lang(.palette)), KeyHint("?", lang(.help)), KeyHint("q", lang(.quit)),
        ]
    }
}
