import CloserCore
import Foundation
import TerminalUI

extension KeyContext {
    public static let review = KeyContext("review", en: "Weekly review", zh: "每周回顾")
}

extension ScreenID {
    public static let review = ScreenID("review")
}

extension Command {
    public static let reviewEarlier = Command("review.earlier", en: "The week before", zh: "上一周")
    public static let reviewLater = Command("review.later", en: "The week after", zh: "下一周")
    public static let reviewTargetQuarter = Command("review.target-quarter", en: "Set this quarter's target", zh: "设定本季度目标")
    public static let reviewTargetMonth = Command("review.target-month", en: "Set this month's target", zh: "设定本月目标")
    public static let reviewOpen = Command("review.open", en: "Open the list / the deal or account", zh: "打开列表 / 商机或客户")
    public static let reviewCallQuarter = Command("review.call-quarter", en: "Manager's call for this quarter", zh: "记录经理对本季度的判断")
    public static let reviewCallMonth = Command("review.call-month", en: "Manager's call for this month", zh: "记录经理对本月的判断")
}

/// The Monday review: the funnel, the forecast and the lists of what happened since the period began.
enum ReviewScreen: ScreenModule {
    static let id = ScreenID.review
    static let title = UIText.review.text
    static let shortTitle = LocalizedText(en: "Review", zh: "周报")
    static let keys = KeyContext.review
    static let bindings: [KeyBinding] = [
        KeyBinding([.char("[")], .reviewEarlier, keys),
        KeyBinding([.char("]")], .reviewLater, keys),
        KeyBinding([.enter], .reviewOpen, keys),
        KeyBinding([.char("c")], .reviewCallQuarter, keys),
        KeyBinding([.char("C")], .reviewCallMonth, keys),
        KeyBinding([.char("t")], .reviewTargetQuarter, keys),
        KeyBinding([.char("T")], .reviewTargetMonth, keys),
        KeyBinding([.left, .char("h")], .selectLeft, keys),
        KeyBinding([.right, .char("l")], .selectRight, keys),
    ]

    static func update(_ state: inout AppState, _ event: ScreenEvent) -> [Effect]? { ReviewUpdate.update(&state, event) }

    static func run(_ command: Command, in app: App) -> Bool {
        guard command == .reviewOpen else { return false }
        app.openReviewSelection()
        return true
    }

    static func render(_ state: AppState, into canvas: inout Canvas, area: Rect) { ReviewView.render(state, into: &canvas, area: area) }
    static func hints(_ state: AppState) -> [KeyHint] { ReviewView.hints(state.lang) }
    static func selectedAccount(_ state: AppState) -> Int64? { nil }
    /// The review's read grows with the store: others' writes show, but not at every keystroke of theirs.
    static func refreshesOnChange(_ app: App) -> Bool { app.state.overlay != nil || app.state.review.reads.allows(at: Date()) }
}
