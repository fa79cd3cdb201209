import CloserCore
import TerminalUI

extension KeyContext {
    public static let orgChart = KeyContext("orgchart", en: "Org chart", zh: "组织结构")
}

extension ScreenID {
    public static let orgChart = ScreenID("orgchart")
}

extension Command {
    public static let openOrgChart = Command("orgchart.open", en: "The customer's org chart", zh: "客户的组织结构")
    public static let orgToggleLens = Command("orgchart.toggle-lens", en: "Reports-to tree / level × function grid", zh: "汇报关系树 / 层级 × 职能表")
    public static let orgToggleFold = Command("orgchart.fold", en: "Collapse / expand the reports", zh: "折叠 / 展开下属")
    public static let orgJump = Command("orgchart.jump", en: "Jump to a person (pinyin initials work)", zh: "跳转到人员（支持拼音首字母）")
    public static let personAdd = Command("person.add", en: "Add a person (under the selected one)", zh: "添加人员（上级为选中者）")
    public static let personEdit = Command("person.edit", en: "Edit the person", zh: "编辑人员")
    public static let personDelete = Command("person.delete", en: "Delete the person", zh: "删除人员")
    public static let personPickManager = Command("person.set-manager", en: "Set the manager by picking on the chart", zh: "在图上选择上级")
    public static let personToggleCoach = Command("person.toggle-coach", en: "Inside coach 内线 on / off", zh: "标记 / 取消内线")
    public static let personCycleStance = Command("person.next-stance", en: "Next stance: supporter, neutral, opponent", zh: "切换立场：支持、中立、反对")
    public static let personInfluenceUp = Command("person.influence-up", en: "Influence +5", zh: "影响力 +5")
    public static let personInfluenceDown = Command("person.influence-down", en: "Influence -5", zh: "影响力 -5")
    public static let personLogMeeting = Command("person.log-meeting", en: "Log a meeting with the person today", zh: "记录今天与此人的会面")
    public static let pickManagerHere = Command("orgchart.pick-here", en: "The selected person is the manager", zh: "选中者即为上级")
    public static let pickNoManager = Command("orgchart.pick-none", en: "No manager", zh: "无上级")
    public static let pickCancel = Command("orgchart.pick-cancel", en: "Stop picking", zh: "取消选择上级")
}

/// The key-person org chart of one account: a tree (or the level × function grid) and a side panel.
enum OrgChartScreen: ScreenModule {
    static let id = ScreenID.orgChart
    static let title = UIText.orgChart.text
    static let shortTitle = LocalizedText(en: "Org", zh: "组织")
    static let keys = KeyContext.orgChart
    /// While a manager is picked on the chart: these keys first, then the chart's.
    static let picking = KeyContext("orgchart.pick", en: "Org chart: picking a manager", zh: "组织结构：选择上级")
    static let bindings: [KeyBinding] = [
        KeyBinding([.left, .char("h")], .selectLeft, keys),
        KeyBinding([.right, .char("l")], .selectRight, keys),
        KeyBinding([.char("t")], .orgToggleLens, keys),
        KeyBinding([.char(" ")], .orgToggleFold, keys),
        KeyBinding([.char("/")], .orgJump, keys),
        KeyBinding([.char("a")], .personAdd, keys),
        KeyBinding([.char("e"), .enter], .personEdit, keys),
        KeyBinding([.char("d"), .delete], .personDelete, keys),
        KeyBinding([.char("m")], .personPickManager, keys),
        KeyBinding([.char("c")], .personToggleCoach, keys),
        KeyBinding([.char("s")], .personCycleStance, keys),
        KeyBinding([.char("+"), .char("=")], .personInfluenceUp, keys),
        KeyBinding([.char("-")], .personInfluenceDown, keys),
        KeyBinding([.char("M")], .personLogMeeting, keys),
        KeyBinding([.enter], .pickManagerHere, picking),
        KeyBinding([.backspace], .pickNoManager, picking),
        KeyBinding([.escape], .pickCancel, picking),
    ]

    static func contexts(_ state: AppState) -> [KeyContext] {
        state.orgChart.pickingManagerFor != nil ? [picking, keys, .global] : [keys, .global]
    }

    static func update(_ state: inout AppState, _ event: ScreenEvent) -> [Effect]? { OrgChartUpdate.update(&state, event) }
    /// `5` shows the chart last looked at, else that of the deal or account selected now.
    static func show(in app: App) { app.openOrgChart(accountID: app.state.orgChart.accountID ?? app.accountForOrgChart) }

    static func run(_ command: Command, in app: App) -> Bool {
        if app.runManagerPick(command) { return true }
        switch command {
        case _ where Command.selection.contains(command): app.moveOrgSelection(command)
        case .orgToggleLens, .orgToggleFold, .orgJump, .personAdd, .personEdit, .personDelete, .personPickManager,
             .personToggleCoach, .personCycleStance, .personInfluenceUp, .personInfluenceDown, .personLogMeeting:
            app.runOrgChartCommand(command)
        default: return false
        }
        return true
    }

    static func mouse(_ mouse: MouseEvent, in app: App) { app.handleOrgChartMouse(mouse) }
    static func render(_ state: AppState, into canvas: inout Canvas, area: Rect) { OrgChartView.render(state, into: &canvas, area: area) }
    static func hints(_ state: AppState) -> [KeyHint] { OrgChartView.hints(state.lang) }
    static func selectedAccount(_ state: AppState) -> Int64? { state.orgChart.accountID }
    // Badges change width with the language: the chart is laid out once for it, not per frame.
    static func languageChanged(in app: App) { app.relayoutOrgChart() }
}
