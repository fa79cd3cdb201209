import CloserCore
import TerminalUI

extension AppState {
    /// The account query as the status line words it.
    public var accountFilterSummary: String {
        let text = accountSearch.field.text.trimmingCharacters(in: .whitespaces)
        return text.isEmpty ? lang(.all) : "“\(text)”"
    }
}

/// Where the account screens put the search field, its error line and the body below.
enum AccountScreenLayout {
    /// Search line and the line under it (the parser's error, or a reminder of the syntax).
    static let searchRows = 2

    static func body(_ area: Rect) -> Rect {
        Rect(x: area.x, y: area.y + searchRows, width: area.width, height: max(0, area.height - searchRows))
    }

    static func tablePageSize(_ state: AppState) -> Int {
        max(1, TableView.pageSize(for: body(state.contentRect)))
    }
}

extension AppState {
    func accountQuery(offset: Int, limit: Int) -> AccountQuery {
        AccountQuery(conditions: accountSearch.conditions, sort: accounts.sort.sortKey, ascending: accounts.ascending, offset: offset, limit: limit)
    }
}

extension App {
    func accountQuery(offset: Int, limit: Int) -> AccountQuery { state.accountQuery(offset: offset, limit: limit) }

    /// One page: the rows that fit below the header, from the scroll offset.
    func loadAccounts() throws {
        let pageSize = AccountScreenLayout.tablePageSize(state)
        state.accounts.page = try store.accounts(accountQuery(offset: state.accounts.scroll.offset, limit: pageSize))
        let before = state.accounts.scroll.offset
        state.accounts.scroll.clamp(count: state.accounts.page?.total ?? 0, pageSize: pageSize)
        if state.accounts.scroll.offset != before {
            state.accounts.page = try store.accounts(accountQuery(offset: state.accounts.scroll.offset, limit: pageSize))
        }
    }

    func moveAccountSelection(_ command: Command) {
        guard let key = command.scrollKey else { return }
        let before = state.accounts.scroll.offset
        state.accounts.scroll.handle(key, count: state.accounts.page?.total ?? 0, pageSize: AccountScreenLayout.tablePageSize(state))
        if state.accounts.scroll.offset != before { attempt { try loadAccounts() } }
    }

    /// `s` (nil): the next visible column; a column (a header click): that one, or reversed if it is already the sort.
    func sortAccounts(by column: AccountColumn?) {
        (state.accounts.sort, state.accounts.ascending) = column.map { ColumnSorting.click($0, sort: state.accounts.sort, ascending: state.accounts.ascending) }
            ?? ColumnSorting.next(after: state.accounts.sort, in: state.accounts.columns)
        state.accounts.scroll = ScrollState()
        attempt { try loadAccounts() }
    }

    /// Typing in the search field: each keystroke parses; a good query reloads, a bad one is
    /// shown under the field while the screen keeps the last good result.
    func typeAccountSearch(_ key: Key) {
        guard state.accountSearch.field.handle(key) else { return }
        if state.accountSearch.parse() {
            resetAccountScrolls()
            reload()
        }
    }

    func resetAccountScrolls() {
        state.accounts.scroll = ScrollState()
        state.quadrant.scrolls = [:]
        state.quadrant.pinnedAccountID = nil
    }

    func handleAccountsMouse(_ mouse: MouseEvent) {
        let body = AccountScreenLayout.body(state.contentRect)
        let pageSize = AccountScreenLayout.tablePageSize(state)
        let count = state.accounts.page?.total ?? 0
        let before = state.accounts.scroll.offset
        if mouse.y == body.y, mouse.kind == .click {
            let fitted = state.accounts.columns.fitted(width: body.width)
            let columns = AccountColumnLayout.tableColumns(fitted, lang: state.lang)
            if let index = TableView.column(atX: mouse.x, rect: body, columns: columns) { sortAccounts(by: fitted[index].column) }
            return
        }
        if mouse.kind == .click || mouse.kind == .doubleClick {
            _ = state.accounts.scroll.select(row: mouse.y, top: body.y + 1, count: count, pageSize: pageSize)
            if mouse.kind == .doubleClick, let id = state.accounts.selected?.id { openAccount360(id) }
        } else {
            _ = state.accounts.scroll.handle(mouse, count: count, pageSize: pageSize)
        }
        if state.accounts.scroll.offset != before { attempt { try loadAccounts() } }
    }

    // MARK: Overlays

    func handleAccountOverlay(_ command: Command, _ overlay: AccountOverlay) {
        switch overlay {
        case .columns(var chooser): handleColumnChooser(command, &chooser)
        case .account(var detail): handleAccount360(command, &detail)
        case .savedFilters(var picker): handleSavedFilterPicker(command, &picker)
        }
    }

    func handleColumnChooser(_ command: Command, _ chooser: inout ColumnChooserState) {
        let open = switch chooser.table {
        case .accounts: chooser.run(command, &state.accounts.columns)
        case .deals: chooser.run(command, &state.table.columns)
        }
        state.overlay = open ? .accounts(.columns(chooser)) : nil
    }
}
