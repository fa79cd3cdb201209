import CloserCore

/// Every label the dashboard shows, in both languages.
public enum UIText: Sendable {
    case appName, board, deals, help, palette, search, filter, all, mine, rep, grade, process
    case count, total, weighted, days, overdue, dueToday, noNextStep, atRisk, none
    case welcomeTitle, welcomeLoadDemo, welcomeImport, welcomeAddDeal, welcomeCLI
    case tooSmall, quit, open, move, newDeal, close, cancel, save, force, tickAndMove, reason
    case gateTitle, gateBody, forceReasonPrompt, searchPrompt, nextStep, due, amount, expectedClose, account, title
    case milestones, activities, logActivity, won, lost, notes, kind, history, storeChanged, readOnly
    case emptyColumn, dealsTotal, paletteHint, stage, owner, probability, outcome
    case orgChart, review, persons, accounts, quadrant, accountsTotal, columns, pipelineWord, lifetimeValue

    var text: LocalizedText {
        switch self {
        case .appName: LocalizedText(en: "Closer", zh: "Closer")
        case .board: LocalizedText(en: "Board", zh: "管道看板")
        case .orgChart: LocalizedText(en: "Org chart", zh: "组织结构")
        case .review: LocalizedText(en: "Review", zh: "每周回顾")
        case .persons: LocalizedText(en: "People", zh: "关键人")
        case .deals: LocalizedText(en: "Deals", zh: "商机列表")
        case .help: LocalizedText(en: "Help", zh: "帮助")
        case .palette: LocalizedText(en: "Commands", zh: "命令")
        case .search: LocalizedText(en: "Search", zh: "搜索")
        case .filter: LocalizedText(en: "Filter", zh: "筛选")
        case .all: LocalizedText(en: "all", zh: "全部")
        case .mine: LocalizedText(en: "mine", zh: "我的")
        case .rep: LocalizedText(en: "rep", zh: "销售")
        case .grade: LocalizedText(en: "grade", zh: "等级")
        case .process: LocalizedText(en: "Process", zh: "流程")
        case .count: LocalizedText(en: "deals", zh: "个")
        case .total: LocalizedText(en: "Σ", zh: "合计")
        case .weighted: LocalizedText(en: "≈", zh: "加权")
        case .days: LocalizedText(en: "d", zh: "天")
        case .overdue: LocalizedText(en: "overdue", zh: "逾期")
        case .dueToday: LocalizedText(en: "due today", zh: "今天到期")
        case .noNextStep: LocalizedText(en: "no next step", zh: "无下一步")
        case .atRisk: LocalizedText(en: "RISK", zh: "风险")
        case .none: LocalizedText(en: "none", zh: "无")
        case .welcomeTitle: LocalizedText(en: "Welcome to Closer — this store is empty", zh: "欢迎使用 Closer —— 数据库还是空的")
        case .welcomeLoadDemo: LocalizedText(en: "D   load the demo company (40 accounts, 150 deals)", zh: "D   载入演示公司（40 个客户，150 个商机）")
        case .welcomeImport: LocalizedText(en: "I   import a CSV, TSV or vCard file (or closer import FILE)", zh: "I   导入 CSV、TSV 或 vCard 文件（或 closer import 文件）")
        case .welcomeAddDeal: LocalizedText(en: "n   add a deal (an account is created if new)", zh: "n   新建商机（新客户会自动创建）")
        case .welcomeCLI: LocalizedText(en: "?   every key · q quit", zh: "?   所有按键 · q 退出")
        case .tooSmall: LocalizedText(en: "Terminal too small", zh: "终端窗口太小")
        case .quit: LocalizedText(en: "quit", zh: "退出")
        case .open: LocalizedText(en: "open", zh: "打开")
        case .move: LocalizedText(en: "move", zh: "推进")
        case .newDeal: LocalizedText(en: "New deal", zh: "新建商机")
        case .close: LocalizedText(en: "close", zh: "关闭")
        case .cancel: LocalizedText(en: "Cancel", zh: "取消")
        case .save: LocalizedText(en: "save", zh: "保存")
        case .force: LocalizedText(en: "Force…", zh: "强制推进…")
        case .tickAndMove: LocalizedText(en: "Tick & move", zh: "勾选并推进")
        case .reason: LocalizedText(en: "Reason", zh: "原因")
        case .gateTitle: LocalizedText(en: "Gate not met 关键节点未达成", zh: "关键节点未达成")
        case .gateBody: LocalizedText(en: "These milestones are not met:", zh: "以下关键节点尚未达成：")
        case .forceReasonPrompt: LocalizedText(en: "Why force the gate? (recorded; the deal is marked at risk)", zh: "为什么强制推进？（将被记录，商机标记为风险）")
        case .searchPrompt: LocalizedText(en: "Search (text or pinyin initials)", zh: "搜索（文字或拼音首字母）")
        case .nextStep: LocalizedText(en: "Next step", zh: "下一步")
        case .due: LocalizedText(en: "Due", zh: "到期日")
        case .amount: LocalizedText(en: "Amount", zh: "金额")
        case .expectedClose: LocalizedText(en: "Close date", zh: "预计成交")
        case .account: LocalizedText(en: "Account", zh: "客户")
        case .title: LocalizedText(en: "Title", zh: "标题")
        case .milestones: LocalizedText(en: "Milestones", zh: "关键节点")
        case .activities: LocalizedText(en: "Activities", zh: "行动记录")
        case .logActivity: LocalizedText(en: "Log activity", zh: "记录行动")
        case .won: LocalizedText(en: "won", zh: "赢单")
        case .lost: LocalizedText(en: "lost", zh: "丢单")
        case .notes: LocalizedText(en: "Notes", zh: "备注")
        case .kind: LocalizedText(en: "Kind", zh: "类型")
        case .history: LocalizedText(en: "History", zh: "历史")
        case .storeChanged: LocalizedText(en: "updated by someone else", zh: "已被他人更新")
        case .readOnly: LocalizedText(en: "read-only", zh: "只读")
        case .emptyColumn: LocalizedText(en: "(no deals)", zh: "（无商机）")
        case .dealsTotal: LocalizedText(en: "deals", zh: "个商机")
        case .paletteHint: LocalizedText(en: "type to filter · Enter run · Esc close", zh: "输入筛选 · 回车执行 · Esc 关闭")
        case .stage: LocalizedText(en: "Stage", zh: "阶段")
        case .owner: LocalizedText(en: "Owner", zh: "负责人")
        case .probability: LocalizedText(en: "Probability", zh: "赢率")
        case .outcome: LocalizedText(en: "Outcome", zh: "结果")
        case .accounts: LocalizedText(en: "Accounts", zh: "客户列表")
        case .quadrant: LocalizedText(en: "Quadrant", zh: "客户象限")
        case .accountsTotal: LocalizedText(en: "accounts", zh: "个客户")
        case .columns: LocalizedText(en: "Columns", zh: "列")
        case .pipelineWord: LocalizedText(en: "pipeline", zh: "在途")
        case .lifetimeValue: LocalizedText(en: "lifetime value", zh: "生命周期价值")
        }
    }
}

extension Language {
    /// `lang(.board)` reads as the label in this language.
    public func callAsFunction(_ text: UIText) -> String { text.text[self] }
}
