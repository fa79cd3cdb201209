import CloserCore
import TerminalUI

extension KeyContext {
    public static let board = KeyContext("board", en: "Pipeline board", zh: "管道看板")
}

extension ScreenID {
    public static let board = ScreenID("board")
}

extension Command {
    public static let openDeal = Command("deal.open", en: "Open the deal", zh: "打开商机")
    public static let newDeal = Command("deal.new", en: "New deal", zh: "新建商机")
    public static let moveRight = Command("deal.move-right", en: "Next stage (gate checked)", zh: "推进到下一阶段（检查关键节点）")
    public static let moveLeft = Command("deal.move-left", en: "Move deal back a stage", zh: "退回上一阶段")
}

/// The pipeline board: a column per stage of the process, the cards that fit.
enum BoardScreen: ScreenModule {
    static let id = ScreenID.board
    static let title = UIText.board.text
    static let shortTitle = LocalizedText(en: "Board", zh: "看板")
    static let keys = KeyContext.board
    static let bindings: [KeyBinding] = [
        KeyBinding([.enter], .openDeal, keys),
        KeyBinding([.left, .char("h")], .selectLeft, keys),
        KeyBinding([.right, .char("l")], .selectRight, keys),
        KeyBinding([.char(">"), .shiftRight, .char(".")], .moveRight, keys),
        KeyBinding([.char("<"), .shiftLeft, .char(",")], .moveLeft, keys),
        KeyBinding([.char("f")], .pickSavedFilter, keys),
        KeyBinding([.char("o")], .openOrgChart, keys),
    ]

    static func update(_ state: inout AppState, _ event: ScreenEvent) -> [Effect]? { BoardUpdate.update(&state, event) }

    static func run(_ command: Command, in app: App) -> Bool {
        switch command {
        case .openDeal: if let id = app.state.board.selectedDeal?.id { app.openDeal(id) }
        case .newDeal: app.beginNewDeal(stage: app.state.board.currentColumn?.stage.key)
        case .pickSavedFilter: app.openSavedFilters(for: .deals)
        default: return false
        }
        return true
    }

    static func render(_ state: AppState, into canvas: inout Canvas, area: Rect) {
        if state.isEmptyStore {
            WelcomeView.render(lang: state.lang, into: &canvas, area: area)
        } else {
            BoardView.render(state.board, numbers: state.numbers, lang: state.lang, today: state.today, into: &canvas, area: area)
        }
    }

    static func selectedDeal(_ state: AppState) -> DealSummary? { state.board.selectedDeal }
}
