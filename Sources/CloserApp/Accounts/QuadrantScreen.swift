import CloserCore
import TerminalUI

extension KeyContext {
    public static let quadrant = KeyContext("quadrant", en: "Customer quadrant", zh: "客户象限")
}

extension ScreenID {
    public static let quadrant = ScreenID("quadrant")
}

extension Command {
    public static let toggleQuadrantView = Command("quadrant.toggle-view", en: "Quadrant lists / score scatter", zh: "象限列表 / 分数散点图")
    public static let toggleQuadrantValue = Command("quadrant.toggle-value", en: "Rank by pipeline / lifetime value", zh: "按在途金额 / 生命周期价值排序")
    public static let loyaltyUp = Command("quadrant.loyalty-up", en: "Loyalty +1", zh: "忠诚度 +1")
    public static let loyaltyDown = Command("quadrant.loyalty-down", en: "Loyalty -1", zh: "忠诚度 -1")
    public static let assistanceUp = Command("quadrant.assistance-up", en: "Assistance +1", zh: "协助 +1")
    public static let assistanceDown = Command("quadrant.assistance-down", en: "Assistance -1", zh: "协助 -1")
}

/// The customer quadrant: accounts by supplier assistance × loyalty, as lists or a scatter.
enum QuadrantScreen: ScreenModule {
    static let id = ScreenID.quadrant
    static let title = UIText.quadrant.text
    static let shortTitle = LocalizedText(en: "Quad", zh: "象限")
    static let keys = KeyContext.quadrant
    static let bindings: [KeyBinding] = [
        KeyBinding([.enter], .openAccount, keys),
        KeyBinding([.char("/")], .accountSearch, keys),
        KeyBinding([.char("f")], .pickSavedFilter, keys),
        KeyBinding([.char("F")], .saveFilter, keys),
        KeyBinding([.left, .char("h")], .selectLeft, keys),
        KeyBinding([.right, .char("l")], .selectRight, keys),
        KeyBinding([.char("t")], .toggleQuadrantView, keys),
        KeyBinding([.char("v")], .toggleQuadrantValue, keys),
        KeyBinding([.char("+"), .char("=")], .loyaltyUp, keys),
        KeyBinding([.char("-")], .loyaltyDown, keys),
        KeyBinding([.char("]")], .assistanceUp, keys),
        KeyBinding([.char("[")], .assistanceDown, keys),
        KeyBinding([.escape], .dropScores, keys),
        KeyBinding([.char("o")], .openOrgChart, keys),
    ]

    static func contexts(_ state: AppState) -> [KeyContext] { AccountSearchField.contexts(state, screen: keys) }
    static func text(_ key: Key, in app: App) { app.typeAccountSearch(key) }
    static func update(_ state: inout AppState, _ event: ScreenEvent) -> [Effect]? { QuadrantUpdate.update(&state, event) }

    static func run(_ command: Command, in app: App) -> Bool {
        if AccountSearchField.run(command, in: app) { return true }
        switch command {
        case .openAccount: if let selected = app.state.quadrant.selected { app.openAccount360(selected.id) }
        case .pickSavedFilter: app.openSavedFilters(for: .accountSearch)
        case .saveFilter: app.beginSaveFilter()
        default: return false
        }
        return true
    }

    static func render(_ state: AppState, into canvas: inout Canvas, area: Rect) { QuadrantView.render(state, into: &canvas, area: area) }
    static func filterSummary(_ state: AppState) -> String { state.accountFilterSummary }
    static func selectedAccount(_ state: AppState) -> Int64? { state.quadrant.selected?.account.id }
}
