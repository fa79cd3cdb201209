import CloserCore
import TerminalUI

extension KeyContext {
    public static let persons = KeyContext("persons", en: "Key-person table", zh: "关键人列表")
}

extension ScreenID {
    public static let persons = ScreenID("persons")
}

extension Command {
    public static let personSearch = Command("person.search", en: "Search persons (pinyin initials work)", zh: "搜索关键人（支持拼音首字母）")
    public static let personOpenChart = Command("person.open-chart", en: "Open the person on the org chart", zh: "在其客户的组织结构中打开")
}

/// The key persons of every account, on the same smart table as deals and accounts.
enum PersonTableScreen: ScreenModule {
    static let id = ScreenID.persons
    static let title = UIText.persons.text
    static let shortTitle = LocalizedText(en: "People", zh: "人员")
    static let keys = KeyContext.persons
    static let bindings: [KeyBinding] = [
        KeyBinding([.char("/")], .personSearch, keys),
        KeyBinding([.char("s")], .sortNext, keys),
        KeyBinding([.char("S")], .sortReverse, keys),
        KeyBinding([.enter, .char("o")], .personOpenChart, keys),
        KeyBinding([.char("E")], .exportTable, keys),
    ]

    static func update(_ state: inout AppState, _ event: ScreenEvent) -> [Effect]? { PagedTableUpdate<PersonRows>.update(&state, event) }

    static func run(_ command: Command, in app: App) -> Bool {
        switch command {
        case .personSearch, .personOpenChart: app.runPersonTableCommand(command)
        default: return false
        }
        return true
    }

    static func render(_ state: AppState, into canvas: inout Canvas, area: Rect) {
        PersonTableView.render(state.personTable, lang: state.lang, into: &canvas, area: area)
    }

    static func selectedAccount(_ state: AppState) -> Int64? { state.personTable.selected?.person.accountID }

    static func export(_ state: AppState) -> TableExport? {
        let export = PagedTableUpdate<PersonRows>.exportQuery(state)
        return TableExport(name: "persons", query: .persons(export.query, export.columns))
    }
}
