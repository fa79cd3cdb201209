import CloserCore
import Foundation
import TerminalUI

extension KeyContext {
    public static let winLoss = KeyContext("winloss", en: "Win/loss", zh: "赢单/丢单分析")
}

extension ScreenID {
    public static let winLoss = ScreenID("winloss")
}

extension Command {
    public static let winLossEarlier = Command("winloss.earlier", en: "The period before", zh: "上一期")
    public static let winLossLater = Command("winloss.later", en: "The period after", zh: "下一期")
    public static let winLossLength = Command("winloss.length", en: "Month, quarter or year", zh: "按月、季度或年")
}

/// Why deals are won and lost: win rate, cycle length and won size of the deals closed in a
/// month, quarter or year, by lost reason, competitor, stage closed at, rep and period.
enum WinLossScreen: ScreenModule {
    static let id = ScreenID.winLoss
    static let title = LocalizedText(en: "Win/loss", zh: "赢丢分析")
    static let shortTitle = LocalizedText(en: "W/L", zh: "赢丢")
    static let keys = KeyContext.winLoss
    static let bindings: [KeyBinding] = [
        KeyBinding([.char("[")], .winLossEarlier, keys),
        KeyBinding([.char("]")], .winLossLater, keys),
        KeyBinding([.char("P")], .winLossLength, keys),
        KeyBinding([.left, .char("h")], .selectLeft, keys),
        KeyBinding([.right, .char("l")], .selectRight, keys),
    ]

    static func update(_ state: inout AppState, _ event: ScreenEvent) -> [Effect]? { WinLossUpdate.update(&state, event) }
    static func run(_ command: Command, in app: App) -> Bool { false }
    static func render(_ state: AppState, into canvas: inout Canvas, area: Rect) { WinLossView.render(state, into: &canvas, area: area) }
    static func hints(_ state: AppState) -> [KeyHint] { WinLossView.hints(state.lang) }
    static func selectedAccount(_ state: AppState) -> Int64? { nil }
    /// The analysis groups every closed deal of the span: others' writes show, at a pace.
    static func refreshesOnChange(_ app: App) -> Bool { app.state.overlay != nil || app.state.winLoss.reads.allows(at: Date()) }
}
