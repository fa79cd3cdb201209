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

    // MARK: Overlays

    func handleAccountOverlay(_ command: Command, _ overlay: AccountOverlay) {
        switch overlay {
        case .columns(var chooser): handleColumnChooser(command, &chooser)
        case .account: perform(Account360Update.update(&state, .command(command)))
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
