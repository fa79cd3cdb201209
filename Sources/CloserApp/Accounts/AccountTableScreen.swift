import CloserCore
import TerminalUI

extension KeyContext {
    public static let accounts = KeyContext("account.search", en: "Account search field", zh: "客户搜索框")
}

extension ScreenID {
    public static let accounts = ScreenID("accounts")
}

extension Command {
    public static let openAccount = Command("account.open", en: "Open the account (360° view)", zh: "打开客户（360° 视图）")
    public static let accountSearch = Command("account.search", en: "Search accounts (grade:A pipeline>500k …)",
                                              zh: "搜索客户（grade:A pipeline>500k …）")
    public static let saveFilter = Command("account.save-filter", en: "Save the search as a filter", zh: "将搜索保存为筛选")
    public static let searchDone = Command("account.search-done", en: "Keep the search and leave the field", zh: "保留搜索并离开输入框")
    public static let searchClear = Command("account.search-clear", en: "Clear the search", zh: "清除搜索")
}

/// The search field both account screens share: while it is being typed in, Enter and Esc are
/// its only keys and every other key is text.
enum AccountSearchField {
    static let keys = KeyContext.accounts
    static let bindings: [KeyBinding] = [
        KeyBinding([.enter], .searchDone, keys),
        KeyBinding([.escape], .searchClear, keys),
    ]

    static func contexts(_ state: AppState, screen: KeyContext) -> [KeyContext] {
        state.accountSearch.editing ? [keys] : [screen, .global]
    }

    /// Enter keeps the search, Esc clears it; false for other commands.
    static func run(_ command: Command, in app: App) -> Bool {
        switch command {
        case .accountSearch: app.state.accountSearch.editing = true
        case .searchDone: app.state.accountSearch.editing = false
        case .searchClear:
            app.state.accountSearch = AccountSearchState()
            app.resetAccountScrolls()
            app.reload()
        default: return false
        }
        return true
    }
}

/// The account table: one page of rows, searched in the query language, sorted by any column.
enum AccountTableScreen: ScreenModule {
    static let id = ScreenID.accounts
    static let title = UIText.accounts.text
    static let shortTitle = LocalizedText(en: "Accts", zh: "客户")
    static let keys = KeyContext("accounts", en: "Account table", zh: "客户列表")
    static let bindings: [KeyBinding] = AccountSearchField.bindings + [
        KeyBinding([.enter], .openAccount, keys),
        KeyBinding([.char("/")], .accountSearch, keys),
        KeyBinding([.char("s")], .sortNext, keys),
        KeyBinding([.char("S")], .sortReverse, keys),
        KeyBinding([.char("c")], .tableColumns, keys),
        KeyBinding([.char("f")], .pickSavedFilter, keys),
        KeyBinding([.char("F")], .saveFilter, keys),
        KeyBinding([.char("E")], .exportTable, keys),
        KeyBinding([.char("o")], .openOrgChart, keys),
    ]

    static func contexts(_ state: AppState) -> [KeyContext] { AccountSearchField.contexts(state, screen: keys) }
    static func text(_ key: Key, in app: App) { app.typeAccountSearch(key) }
    static func update(_ state: inout AppState, _ event: ScreenEvent) -> [Effect]? { updateWithDuplicateCheck(&state, event) }

    static func run(_ command: Command, in app: App) -> Bool {
        if AccountSearchField.run(command, in: app) { return true }
        switch command {
        case .openAccount: if let selected = app.state.accounts.selected { app.openAccount360(selected.id) }
        case .tableColumns: app.state.overlay = .accounts(.columns(ColumnChooserState()))
        case .pickSavedFilter: app.openSavedFilters(for: .accountSearch)
        case .saveFilter: app.beginSaveFilter()
        default: return false
        }
        return true
    }

    static func render(_ state: AppState, into canvas: inout Canvas, area: Rect) { AccountTableView.render(state, into: &canvas, area: area) }
    static func filterSummary(_ state: AppState) -> String { state.accountFilterSummary }
    static func selectedAccount(_ state: AppState) -> Int64? { state.accounts.selected?.account.id }

    static func export(_ state: AppState) -> TableExport? {
        let export = PagedTableUpdate<AccountRows>.exportQuery(state)
        return TableExport(name: "accounts", query: .accounts(export.query, export.columns))
    }
}
