import CloserCore
import TerminalUI

/// Every action the dashboard can take, with a stable long name. Key bindings, the help
/// overlay and the command palette all read this one table.
public enum Command: String, CaseIterable, Sendable {
    case quit = "app.quit"
    case help = "app.help"
    case palette = "app.palette"
    case nextScreen = "app.next-screen"
    case previousScreen = "app.previous-screen"
    case showBoard = "screen.board"
    case showDeals = "screen.deals"
    case refresh = "app.refresh"
    case loadDemo = "app.load-demo"
    case toggleLanguage = "app.toggle-language"
    case importFile = "app.import"
    case selectUp = "select.up"
    case selectDown = "select.down"
    case selectLeft = "select.left"
    case selectRight = "select.right"
    case pageUp = "select.page-up"
    case pageDown = "select.page-down"
    case selectFirst = "select.first"
    case selectLast = "select.last"
    case moveRight = "deal.move-right"
    case moveLeft = "deal.move-left"
    case openDeal = "deal.open"
    case newDeal = "deal.new"
    case cycleProcess = "board.next-process"
    case toggleMine = "filter.mine"
    case cycleRep = "filter.rep"
    case cycleGrade = "filter.grade"
    case search = "filter.search"
    case clearFilters = "filter.clear"
    case sortNext = "table.sort"
    case sortReverse = "table.sort-reverse"
    case tableColumns = "table.columns"
    case exportTable = "table.export"
    case showAccounts = "screen.accounts"
    case showQuadrant = "screen.quadrant"
    case openAccount = "account.open"
    case accountSearch = "accounts.search"
    case accountSortNext = "accounts.sort-next"
    case accountSortReverse = "accounts.sort-reverse"
    case chooseColumns = "accounts.columns"
    case pickSavedFilter = "accounts.saved-filter"
    case saveFilter = "accounts.save-filter"
    case toggleQuadrantView = "quadrant.toggle-view"
    case toggleQuadrantValue = "quadrant.toggle-value"
    case loyaltyUp = "quadrant.loyalty-up"
    case loyaltyDown = "quadrant.loyalty-down"
    case assistanceUp = "quadrant.assistance-up"
    case assistanceDown = "quadrant.assistance-down"
    case showOrgChart = "screen.orgchart"
    case openOrgChart = "orgchart.open"
    case orgToggleLens = "orgchart.toggle-lens"
    case orgToggleFold = "orgchart.fold"
    case orgJump = "orgchart.jump"
    case personAdd = "person.add"
    case personEdit = "person.edit"
    case personDelete = "person.delete"
    case personPickManager = "person.set-manager"
    case personToggleCoach = "person.toggle-coach"
    case personCycleStance = "person.next-stance"
    case personInfluenceUp = "person.influence-up"
    case personInfluenceDown = "person.influence-down"
    case personLogMeeting = "person.log-meeting"
    case showReview = "screen.review"
    case reviewEarlier = "review.earlier"
    case reviewLater = "review.later"
    case reviewOpen = "review.open"
    case reviewCallQuarter = "review.call-quarter"
    case reviewCallMonth = "review.call-month"
    case showStandup = "screen.standup"
    case showPersons = "screen.persons"
    case personSearch = "persons.search"
    case personSortNext = "persons.sort-next"
    case personSortReverse = "persons.sort-reverse"
    case personOpenChart = "persons.open-chart"

    public var label: LocalizedText {
        switch self {
        case .quit: LocalizedText(en: "Quit", zh: "退出")
        case .help: LocalizedText(en: "Show every key", zh: "显示全部按键")
        case .palette: LocalizedText(en: "Command palette", zh: "命令面板")
        case .nextScreen: LocalizedText(en: "Next screen", zh: "下一个界面")
        case .previousScreen: LocalizedText(en: "Previous screen", zh: "上一个界面")
        case .showBoard: LocalizedText(en: "Pipeline board", zh: "管道看板")
        case .showDeals: LocalizedText(en: "Deal table", zh: "商机列表")
        case .refresh: LocalizedText(en: "Reload from the store", zh: "重新载入")
        case .loadDemo: LocalizedText(en: "Load the demo company (empty store only)", zh: "载入演示公司（仅限空数据库）")
        case .toggleLanguage: LocalizedText(en: "Switch language 中文/English", zh: "切换语言 中文/English")
        case .importFile: LocalizedText(en: "Import a CSV/TSV or vCard file (preview first)", zh: "导入 CSV/TSV 或 vCard 文件（先预览）")
        case .selectUp: LocalizedText(en: "Up", zh: "上移")
        case .selectDown: LocalizedText(en: "Down", zh: "下移")
        case .selectLeft: LocalizedText(en: "Previous column", zh: "左一列")
        case .selectRight: LocalizedText(en: "Next column", zh: "右一列")
        case .pageUp: LocalizedText(en: "Page up", zh: "上一页")
        case .pageDown: LocalizedText(en: "Page down", zh: "下一页")
        case .selectFirst: LocalizedText(en: "First", zh: "第一项")
        case .selectLast: LocalizedText(en: "Last", zh: "最后一项")
        case .moveRight: LocalizedText(en: "Move deal to the next stage (gate checked)", zh: "推进到下一阶段（检查关键节点）")
        case .moveLeft: LocalizedText(en: "Move deal back a stage", zh: "退回上一阶段")
        case .openDeal: LocalizedText(en: "Open the deal", zh: "打开商机")
        case .newDeal: LocalizedText(en: "New deal", zh: "新建商机")
        case .cycleProcess: LocalizedText(en: "Next process", zh: "切换流程")
        case .toggleMine: LocalizedText(en: "Mine / all", zh: "我的 / 全部")
        case .cycleRep: LocalizedText(en: "Next rep", zh: "切换销售")
        case .cycleGrade: LocalizedText(en: "Grade filter A/B/C/D", zh: "按等级筛选")
        case .search: LocalizedText(en: "Search (pinyin initials work)", zh: "搜索（支持拼音首字母）")
        case .clearFilters: LocalizedText(en: "Clear filters", zh: "清除筛选")
        case .sortNext: LocalizedText(en: "Sort by the next column", zh: "按下一列排序")
        case .sortReverse: LocalizedText(en: "Reverse the sort", zh: "反向排序")
        case .tableColumns: LocalizedText(en: "Choose and order columns", zh: "选择列与列顺序")
        case .exportTable: LocalizedText(en: "Export the table as shown (filter, sort, columns) to CSV/JSON", zh: "按当前显示导出列表（筛选、排序、列）为 CSV/JSON")
        case .showAccounts: LocalizedText(en: "Account table", zh: "客户列表")
        case .showQuadrant: LocalizedText(en: "Customer quadrant", zh: "客户象限")
        case .openAccount: LocalizedText(en: "Open the account (360° view)", zh: "打开客户（360° 视图）")
        case .accountSearch: LocalizedText(en: "Search accounts (grade:A region:华东 pipeline>500k …)", zh: "搜索客户（grade:A region:华东 pipeline>500k …）")
        case .accountSortNext: LocalizedText(en: "Sort by the next column", zh: "按下一列排序")
        case .accountSortReverse: LocalizedText(en: "Reverse the sort", zh: "反向排序")
        case .chooseColumns: LocalizedText(en: "Choose and order columns", zh: "选择列与列顺序")
        case .pickSavedFilter: LocalizedText(en: "Use a saved filter", zh: "使用保存的筛选")
        case .saveFilter: LocalizedText(en: "Save the search as a filter", zh: "将搜索保存为筛选")
        case .toggleQuadrantView: LocalizedText(en: "Quadrant lists / score scatter", zh: "象限列表 / 分数散点图")
        case .toggleQuadrantValue: LocalizedText(en: "Rank by pipeline / lifetime value", zh: "按在途金额 / 生命周期价值排序")
        case .loyaltyUp: LocalizedText(en: "Loyalty +1", zh: "忠诚度 +1")
        case .loyaltyDown: LocalizedText(en: "Loyalty -1", zh: "忠诚度 -1")
        case .assistanceUp: LocalizedText(en: "Assistance +1", zh: "协助 +1")
        case .assistanceDown: LocalizedText(en: "Assistance -1", zh: "协助 -1")
        case .showOrgChart: LocalizedText(en: "Key-person org chart", zh: "关键人组织结构")
        case .openOrgChart: LocalizedText(en: "Org chart of this deal's / account's customer", zh: "查看该商机 / 客户的组织结构")
        case .orgToggleLens: LocalizedText(en: "Reports-to tree / level × function grid", zh: "汇报关系树 / 层级 × 职能表")
        case .orgToggleFold: LocalizedText(en: "Collapse / expand the reports", zh: "折叠 / 展开下属")
        case .orgJump: LocalizedText(en: "Jump to a person (pinyin initials work)", zh: "跳转到人员（支持拼音首字母）")
        case .personAdd: LocalizedText(en: "Add a person (reporting to the selected one)", zh: "添加人员（上级为选中者）")
        case .personEdit: LocalizedText(en: "Edit the person", zh: "编辑人员")
        case .personDelete: LocalizedText(en: "Delete the person", zh: "删除人员")
        case .personPickManager: LocalizedText(en: "Set the manager by picking on the chart", zh: "在图上选择上级")
        case .personToggleCoach: LocalizedText(en: "Inside coach 内线 on / off", zh: "标记 / 取消内线")
        case .personCycleStance: LocalizedText(en: "Next stance: supporter, neutral, opponent", zh: "切换立场：支持、中立、反对")
        case .personInfluenceUp: LocalizedText(en: "Influence +5", zh: "影响力 +5")
        case .personInfluenceDown: LocalizedText(en: "Influence -5", zh: "影响力 -5")
        case .personLogMeeting: LocalizedText(en: "Log a meeting with the person today", zh: "记录今天与此人的会面")
        case .showReview: LocalizedText(en: "Weekly funnel review", zh: "每周漏斗回顾")
        case .reviewEarlier: LocalizedText(en: "Period starts a week earlier", zh: "起始日提前一周")
        case .reviewLater: LocalizedText(en: "Period starts a week later", zh: "起始日推后一周")
        case .reviewOpen: LocalizedText(en: "Open the list / the deal or account", zh: "打开列表 / 商机或客户")
        case .reviewCallQuarter: LocalizedText(en: "Record the manager's call for this quarter", zh: "记录经理对本季度的判断")
        case .reviewCallMonth: LocalizedText(en: "Record the manager's call for this month", zh: "记录经理对本月的判断")
        case .showStandup: LocalizedText(en: "Stand-up wall screen (read-only, cycles by itself)", zh: "站会大屏（只读，自动轮播）")
        case .showPersons: LocalizedText(en: "Key-person table (every account)", zh: "关键人列表（所有客户）")
        case .personSearch: LocalizedText(en: "Search persons as you type (pinyin initials work)", zh: "搜索关键人（支持拼音首字母）")
        case .personSortNext: LocalizedText(en: "Sort by the next column", zh: "按下一列排序")
        case .personSortReverse: LocalizedText(en: "Reverse the sort", zh: "反向排序")
        case .personOpenChart: LocalizedText(en: "Open the person on their account's org chart", zh: "在其客户的组织结构中打开")
        }
    }
}

extension Command {
    /// The list key a selection command stands for, so every scrolling widget takes commands
    /// the same way.
    var scrollKey: Key? {
        switch self {
        case .selectUp: .up
        case .selectDown: .down
        case .pageUp: .pageUp
        case .pageDown: .pageDown
        case .selectFirst: .home
        case .selectLast: .end
        default: nil
        }
    }
}

/// Where a binding applies.
public enum KeyContext: String, Sendable {
    case global, board, deals, accounts, quadrant, orgChart, review, persons
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

public enum KeyMap {
    public static let bindings: [KeyBinding] = [
        KeyBinding([.char("q")], .quit),
        KeyBinding([.char("?")], .help),
        KeyBinding([.char(":"), .ctrl("p")], .palette),
        KeyBinding([.tab], .nextScreen),
        KeyBinding([.backTab], .previousScreen),
        KeyBinding([.char("1")], .showBoard),
        KeyBinding([.char("2")], .showDeals),
        KeyBinding([.ctrl("r")], .refresh),
        KeyBinding([.char("D")], .loadDemo),
        KeyBinding([.char("L")], .toggleLanguage),
        KeyBinding([.char("I")], .importFile),
        KeyBinding([.up, .char("k")], .selectUp),
        KeyBinding([.down, .char("j")], .selectDown),
        KeyBinding([.pageUp], .pageUp),
        KeyBinding([.pageDown], .pageDown),
        KeyBinding([.home, .char("g")], .selectFirst),
        KeyBinding([.end, .char("G")], .selectLast),
        KeyBinding([.enter], .openDeal),
        KeyBinding([.char("n")], .newDeal),
        KeyBinding([.char("/")], .search),
        KeyBinding([.char("m")], .toggleMine),
        KeyBinding([.char("r")], .cycleRep),
        KeyBinding([.char("a")], .cycleGrade),
        KeyBinding([.char("x")], .clearFilters),
        KeyBinding([.char("p")], .cycleProcess),
        KeyBinding([.left, .char("h")], .selectLeft, .board),
        KeyBinding([.right, .char("l")], .selectRight, .board),
        KeyBinding([.char(">"), .shiftRight, .char(".")], .moveRight, .board),
        KeyBinding([.char("<"), .shiftLeft, .char(",")], .moveLeft, .board),
        KeyBinding([.char("f")], .pickSavedFilter, .board),
        KeyBinding([.char("s")], .sortNext, .deals),
        KeyBinding([.char("S")], .sortReverse, .deals),
        KeyBinding([.char("c")], .tableColumns, .deals),
        KeyBinding([.char("f")], .pickSavedFilter, .deals),
        KeyBinding([.char("E")], .exportTable, .deals),
        KeyBinding([.char("E")], .exportTable, .accounts),
        KeyBinding([.char("E")], .exportTable, .persons),
        KeyBinding([.char("3")], .showAccounts),
        KeyBinding([.char("4")], .showQuadrant),
        KeyBinding([.enter], .openAccount, .accounts),
        KeyBinding([.char("/")], .accountSearch, .accounts),
        KeyBinding([.char("s")], .accountSortNext, .accounts),
        KeyBinding([.char("S")], .accountSortReverse, .accounts),
        KeyBinding([.char("c")], .chooseColumns, .accounts),
        KeyBinding([.char("f")], .pickSavedFilter, .accounts),
        KeyBinding([.char("F")], .saveFilter, .accounts),
        KeyBinding([.char("f")], .pickSavedFilter, .quadrant),
        KeyBinding([.char("F")], .saveFilter, .quadrant),
        KeyBinding([.enter], .openAccount, .quadrant),
        KeyBinding([.char("/")], .accountSearch, .quadrant),
        KeyBinding([.left, .char("h")], .selectLeft, .quadrant),
        KeyBinding([.right, .char("l")], .selectRight, .quadrant),
        KeyBinding([.char("t")], .toggleQuadrantView, .quadrant),
        KeyBinding([.char("v")], .toggleQuadrantValue, .quadrant),
        KeyBinding([.char("+"), .char("=")], .loyaltyUp, .quadrant),
        KeyBinding([.char("-")], .loyaltyDown, .quadrant),
        KeyBinding([.char("]")], .assistanceUp, .quadrant),
        KeyBinding([.char("[")], .assistanceDown, .quadrant),
        KeyBinding([.char("5")], .showOrgChart),
        KeyBinding([.char("o")], .openOrgChart, .board),
        KeyBinding([.char("o")], .openOrgChart, .deals),
        KeyBinding([.char("o")], .openOrgChart, .accounts),
        KeyBinding([.char("o")], .openOrgChart, .quadrant),
        KeyBinding([.left, .char("h")], .selectLeft, .orgChart),
        KeyBinding([.right, .char("l")], .selectRight, .orgChart),
        KeyBinding([.char("t")], .orgToggleLens, .orgChart),
        KeyBinding([.char(" ")], .orgToggleFold, .orgChart),
        KeyBinding([.char("/")], .orgJump, .orgChart),
        KeyBinding([.char("a")], .personAdd, .orgChart),
        KeyBinding([.char("e"), .enter], .personEdit, .orgChart),
        KeyBinding([.char("d"), .delete], .personDelete, .orgChart),
        KeyBinding([.char("m")], .personPickManager, .orgChart),
        KeyBinding([.char("c")], .personToggleCoach, .orgChart),
        KeyBinding([.char("s")], .personCycleStance, .orgChart),
        KeyBinding([.char("+"), .char("=")], .personInfluenceUp, .orgChart),
        KeyBinding([.char("-")], .personInfluenceDown, .orgChart),
        KeyBinding([.char("M")], .personLogMeeting, .orgChart),
        KeyBinding([.char("6")], .showReview),
        KeyBinding([.char("W")], .showStandup),
        KeyBinding([.char("7")], .showPersons),
        KeyBinding([.char("/")], .personSearch, .persons),
        KeyBinding([.char("s")], .personSortNext, .persons),
        KeyBinding([.char("S")], .personSortReverse, .persons),
        KeyBinding([.enter, .char("o")], .personOpenChart, .persons),
        KeyBinding([.char("[")], .reviewEarlier, .review),
        KeyBinding([.char("]")], .reviewLater, .review),
        KeyBinding([.enter], .reviewOpen, .review),
        KeyBinding([.char("c")], .reviewCallQuarter, .review),
        KeyBinding([.char("C")], .reviewCallMonth, .review),
        KeyBinding([.left, .char("h")], .selectLeft, .review),
        KeyBinding([.right, .char("l")], .selectRight, .review),
    ]

    /// The command a key runs in a context; a context binding wins over a global one.
    public static func command(for key: Key, in context: KeyContext) -> Command? {
        bindings.first { $0.context == context && $0.keys.contains(key) }?.command
            ?? bindings.first { $0.context == .global && $0.keys.contains(key) }?.command
    }

    public static func keys(of command: Command) -> [Key] {
        bindings.filter { $0.command == command }.flatMap(\.keys)
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

    /// Help sections generated from the bindings, so help can never disagree with the keys.
    public static func helpSections(_ lang: Language) -> [HelpSection] {
        let contexts: [(KeyContext, LocalizedText)] = [
            (.global, LocalizedText(en: "Everywhere", zh: "全局")),
            (.board, LocalizedText(en: "Pipeline board", zh: "管道看板")),
            (.deals, LocalizedText(en: "Deal table", zh: "商机列表")),
            (.accounts, LocalizedText(en: "Account table", zh: "客户列表")),
            (.quadrant, LocalizedText(en: "Customer quadrant", zh: "客户象限")),
            (.review, LocalizedText(en: "Weekly review", zh: "每周回顾")),
            (.persons, LocalizedText(en: "Key-person table", zh: "关键人列表")),
            (.orgChart, LocalizedText(en: "Org chart (Enter on a picked manager sets it, Backspace clears)", zh: "组织结构（选上级时回车确定，退格清除）")),
        ]
        var sections = contexts.map { context, title in
            HelpSection(title: title[lang], entries: bindings.filter { $0.context == context }.map {
                KeyHint($0.keys.map(name).joined(separator: " "), $0.command.label[lang])
            })
        }
        sections.append(HelpSection(title: LocalizedText(en: "Open deal", zh: "商机详情")[lang], entries: DealDetailKeys.hints(lang)))
        sections.append(HelpSection(title: LocalizedText(en: "Open account (360°)", zh: "客户 360°")[lang], entries: Account360Keys.hints(lang) + AccountOwnershipKeys.hints(lang)))
        sections.append(HelpSection(title: LocalizedText(en: "Column chooser", zh: "选择列")[lang], entries: ColumnChooserKeys.hints(lang)))
        sections.append(HelpSection(title: LocalizedText(en: "Overlays", zh: "弹窗")[lang], entries: [
            KeyHint("Esc", LocalizedText(en: "Close the overlay / cancel", zh: "关闭弹窗 / 取消")[lang]),
            KeyHint("Tab S-Tab", LocalizedText(en: "Next / previous field", zh: "下一个 / 上一个字段")[lang]),
            KeyHint("Enter", LocalizedText(en: "Confirm", zh: "确认")[lang]),
        ]))
        return sections
    }
}
