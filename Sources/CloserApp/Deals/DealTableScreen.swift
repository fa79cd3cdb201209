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

    static func load(_ app: App, keeping dealID: Int64?) throws { try app.loadTable() }

    static func run(_ command: Command, in app: App) -> Bool {
        switch command {
        case _ where Command.selection.contains(command): app.moveTableSelection(command)
        case .openDeal: if let id = app.state.table.selectedDeal?.id { app.openDeal(id) }
        case .sortNext: app.sortDeals(by: nil)
        case .sortReverse: app.reverseDealSort()
        case .tableColumns: app.state.overlay = .accounts(.columns(ColumnChooserState(table: .deals)))
        case .pickSavedFilter: app.openSavedFilters(for: .deals)
        default: return false
        }
        return true
    }

    static func mouse(_ mouse: MouseEvent, in app: App) { app.handleDealTableMouse(mouse) }

    static func render(_ state: AppState, into canvas: inout Canvas, area: Rect) {
        DealTableView.render(state.table, catalog: state.catalog, lang: state.lang, today: state.today, into: &canvas, area: area)
    }

    static func selectedDeal(_ state: AppState) -> DealSummary? { state.table.selectedDeal }

    static func export(_ state: AppState) -> TableExport? {
        let query = DealQuery(filter: state.filter, sort: state.table.sort.sortKey, ascending: state.table.ascending)
        return TableExport(name: "deals", query: .deals(query, state.table.columns.visible.flatMap(\.exportColumns)))
    }
}

extension App {
    /// A header click sorts by that column; a click selects a row (a double-click opens it); the wheel scrolls.
    func handleDealTableMouse(_ mouse: MouseEvent) {
        let pageSize = TableView.pageSize(for: state.contentRect)
        let count = state.table.page?.total ?? 0
        let before = state.table.scroll.offset
        if mouse.y == state.contentRect.y, mouse.kind == .click {
            let fitted = state.table.columns.fitted(width: state.contentRect.width)
            let columns = DealColumnLayout.tableColumns(fitted, lang: state.lang)
            if let index = TableView.column(atX: mouse.x, rect: state.contentRect, columns: columns) { sortDeals(by: fitted[index].column) }
            return
        }
        if mouse.kind == .click || mouse.kind == .doubleClick {
            _ = state.table.scroll.select(row: mouse.y, top: state.contentRect.y + 1, count: count, pageSize: pageSize)
            if mouse.kind == .doubleClick, let id = state.table.selectedDeal?.id { openDeal(id) }
        } else {
            _ = state.table.scroll.handle(mouse, count: count, pageSize: pageSize)
        }
        if state.table.scroll.offset != before { attempt { try loadTable() } }
    }
}
