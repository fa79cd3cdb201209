import CloserCore
import TerminalUI

/// An action the dashboard can take: a stable long name and what help and the palette call it.
/// Names read `area.verb`, the area being a thing (`deal`, `account`, `person`) or a part of the
/// dashboard (`app`, `select`, `filter`, `table`, `form`, `quadrant`, `orgchart`, `review`…).
/// Each screen and overlay declares its own commands beside its code; the key map binds them to
/// keys, and help, the palette and the status line read that one table.
public struct Command: Hashable, Sendable, CustomStringConvertible {
    public let id: String
    public let label: LocalizedText

    public init(_ id: String, en: String, zh: String) {
        self.id = id
        label = LocalizedText(en: en, zh: zh)
    }

    public var description: String { id }

    // Two commands are the same when their names are: a label is what they are called.
    public static func == (a: Command, b: Command) -> Bool { a.id == b.id }
    public func hash(into hasher: inout Hasher) { hasher.combine(id) }
}

// MARK: The dashboard as a whole

extension Command {
    public static let quit = Command("app.quit", en: "Quit", zh: "退出")
    public static let help = Command("app.help", en: "Show every key", zh: "显示全部按键")
    public static let palette = Command("app.palette", en: "Command palette", zh: "命令面板")
    public static let nextScreen = Command("app.next-screen", en: "Next screen", zh: "下一个界面")
    public static let previousScreen = Command("app.previous-screen", en: "Previous screen", zh: "上一个界面")
    public static let refresh = Command("app.refresh", en: "Reload from the store", zh: "重新载入")
    public static let loadDemo = Command("app.load-demo", en: "Load the demo company (empty store only)", zh: "载入演示公司（仅限空数据库）")
    public static let toggleLanguage = Command("app.toggle-language", en: "Switch language 中文/English", zh: "切换语言 中文/English")
    public static let importFile = Command("app.import", en: "Import a CSV/TSV or vCard file", zh: "导入 CSV/TSV 或 vCard 文件")
    public static let showStandup = Command("app.standup", en: "Stand-up wall screen (read-only)", zh: "站会大屏（只读）")
}

// MARK: Moving the selection (every list, table, chart and the board)

extension Command {
    public static let selectUp = Command("select.up", en: "Up", zh: "上移")
    public static let selectDown = Command("select.down", en: "Down", zh: "下移")
    public static let selectLeft = Command("select.left", en: "Previous column", zh: "左一列")
    public static let selectRight = Command("select.right", en: "Next column", zh: "右一列")
    public static let pageUp = Command("select.page-up", en: "Page up", zh: "上一页")
    public static let pageDown = Command("select.page-down", en: "Page down", zh: "下一页")
    public static let selectFirst = Command("select.first", en: "First", zh: "第一项")
    public static let selectLast = Command("select.last", en: "Last", zh: "最后一项")

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

    static let selection: [Command] = [.selectUp, .selectDown, .selectLeft, .selectRight, .pageUp, .pageDown, .selectFirst, .selectLast]
}

// MARK: The deal filter (board, deal table, review)

extension Command {
    public static let search = Command("filter.search", en: "Search (pinyin initials work)", zh: "搜索（支持拼音首字母）")
    public static let toggleMine = Command("filter.mine", en: "Mine / all", zh: "我的 / 全部")
    public static let cycleRep = Command("filter.rep", en: "Next rep", zh: "切换销售")
    public static let cycleGrade = Command("filter.grade", en: "Grade filter A/B/C/D", zh: "按等级筛选")
    public static let clearFilters = Command("filter.clear", en: "Clear filters", zh: "清除筛选")
    public static let cycleProcess = Command("filter.process", en: "Next process", zh: "切换流程")
    public static let pickSavedFilter = Command("filter.saved", en: "Use a saved filter", zh: "使用保存的筛选")
}

// MARK: Answering what an overlay asks

extension Command {
    /// Closes what is open without doing anything (Esc).
    public static let close = Command("overlay.close", en: "Close / cancel", zh: "关闭 / 取消")
    public static let confirm = Command("overlay.confirm", en: "Confirm", zh: "确认")
    public static let nextField = Command("form.next-field", en: "Next field", zh: "下一个字段")
    public static let previousField = Command("form.previous-field", en: "Previous field", zh: "上一个字段")
    public static let reloadForm = Command("form.reload", en: "Newest version under what was typed", zh: "载入最新版本（保留已输入的内容）")
    public static let dialogPrevious = Command("dialog.previous", en: "Previous button", zh: "上一个按钮")
    public static let dialogNext = Command("dialog.next", en: "Next button", zh: "下一个按钮")
    public static let yes = Command("dialog.yes", en: "Yes", zh: "是")
    public static let no = Command("dialog.no", en: "No", zh: "否")
}
