import CloserCore
import TerminalUI

extension KeyContext {
    public static let deals = KeyContext("deals", en: "Deal table", zh: "商机列表")
}

extension ScreenID {
    public static let deals = ScreenID("deals")
}

extension Command {
    public static let sortNext = Command("table.sort-next", en: "Sort by the next column", zh: "按下一列排序")
    public static let sortReverse = Command("table.sort-reverse", en: "Reverse the sort", zh: "反向排序")
    public static let tableColumns = Command("table.columns", en: "Choose and order columns", zh: "选择列与列顺序")
    public static let exportTable = Command("table.export", en: "Export the table as shown to CSV/JSON", zh: "导出当前列表（CSV/JSON）")
}

/// The deal table: one page of rows, the visible columns that fit, the sort marked.
enum DealTableScreen: ScreenModule {
    static let id = ScreenID.deals
    static let title = UIText.deals.text
    static let shortTitle = LocalizedText(en: "Deals", zh: "商机")
    static let keys = KeyContext.deals
    static let bindings: [KeyBinding] = [
        KeyBinding([.enter], .openDeal, keys),
        KeyBinding([.char("s")], .sortNext, keys),
        KeyBinding([.char("S")], .sortReverse, keys),
        KeyBinding([.char("c")], .tableColumns, keys),
        KeyBinding([.char("f")], .pickSavedFilter, keys),
        KeyBinding([.char("E")], .exportTable, keys),
        KeyBinding([.char("o")], .openOrgChart, keys),
    ]

    static func update(_ state: inout AppState, _ event: ScreenEvent) -> [Effect]? { PagedTableUpdate<DealRows>.update(&state, event) }

    static func run(_ command: Command, in app: App) -> Bool {
        switch command {
        case .openDeal: if let id = app.state.table.selectedDeal?.id { app.openDeal(id) }
        case .tableColumns: app.state.overlay = .accounts(.columns(ColumnChooserState(table: .deals)))
        case .pickSavedFilter: app.openSavedFilters(for: .deals)
        default: return false
        }
        return true
    }

    static func render(_ state: AppState, into canvas: inout Canvas, area: Rect) {
        DealTableView.render(state.table, catalog: state.catalog, numbers: state.numbers, lang: state.lang, today: state.today, into: &canvas, area: area)
    }

    static func selectedDeal(_ state: AppState) -> DealSummary? { state.table.selectedDeal }

    static func export(_ state: AppState) -> TableExport? {
        let export = PagedTableUpdate<DealRows>.exportQuery(state)
        return TableExport(name: "deals", query: .deals(export.query, export.columns))
    }
}
