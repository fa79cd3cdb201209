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

extension App {
    func runAccountCommand(_ command: Command) {
        switch command {
        case .openAccount:
            let selected = state.screen == .accounts ? state.accounts.selected : state.quadrant.selected
            if let selected { openAccount360(selected.id) }
        case .accountSearch:
            state.accountSearch.editing = true
        case .accountSortNext: sortAccounts(by: nil)
        case .accountSortReverse:
            state.accounts.ascending.toggle()
            state.accounts.scroll = ScrollState()
            attempt { try loadAccounts() }
        case .chooseColumns:
            state.overlay = .accounts(.columns(ColumnChooserState()))
        case .pickSavedFilter: openSavedFilters()
        case .saveFilter: beginSaveFilter()
        case .toggleQuadrantView: toggleQuadrantView()
        case .toggleQuadrantValue:
            state.quadrant.metric = state.quadrant.metric == .pipeline ? .lifetimeValue : .pipeline
            state.quadrant.scrolls = [:]
            reload()
        case .loyaltyUp: changeScore(loyalty: 1, assistance: 0)
        case .loyaltyDown: changeScore(loyalty: -1, assistance: 0)
        case .assistanceUp: changeScore(loyalty: 0, assistance: 1)
        case .assistanceDown: changeScore(loyalty: 0, assistance: -1)
        default: break
        }
    }

    func accountQuery(offset: Int, limit: Int) -> AccountQuery {
        AccountQuery(conditions: state.accountSearch.conditions, sort: state.accounts.sort.sortKey,
                     ascending: state.accounts.ascending, offset: offset, limit: limit)
    }

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
    func handleAccountSearchKey(_ key: Key) {
        switch key {
        case .enter:
            state.accountSearch.editing = false
        case .escape:
            state.accountSearch = AccountSearchState()
            resetAccountScrolls()
            reload()
        default:
            guard state.accountSearch.field.handle(key) else { return }
            if state.accountSearch.parse() {
                resetAccountScrolls()
                reload()
            }
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

    func handleAccountOverlay(_ key: Key, _ overlay: AccountOverlay) {
        switch overlay {
        case .columns(var chooser): handleColumnChooser(key, &chooser)
        case .account(var detail): handleAccount360(key, &detail)
        case .savedFilters(var picker): handleSavedFilterPicker(key, &picker)
        }
    }

    func handleColumnChooser(_ key: Key, _ chooser: inout ColumnChooserState) {
        let open = switch chooser.table {
        case .accounts: chooser.handle(key, &state.accounts.columns)
        case .deals: chooser.handle(key, &state.table.columns)
        }
        state.overlay = open ? .accounts(.columns(chooser)) : nil
    }
}
