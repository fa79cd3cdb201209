import CloserCore
import TerminalUI

extension App {
    func loadPersonTable() throws {
        let pageSize = max(1, TableView.pageSize(for: state.contentRect))
        func read() throws -> Page<PersonRow> {
            let table = state.personTable
            return try store.personRows(PersonTableQuery(text: table.text, sort: table.sort.sortKey ?? .name, ascending: table.ascending,
                                                         offset: table.scroll.offset, limit: pageSize))
        }
        state.personTable.page = try read()
        let before = state.personTable.scroll.offset
        state.personTable.scroll.clamp(count: state.personTable.page?.total ?? 0, pageSize: pageSize)
        if state.personTable.scroll.offset != before { state.personTable.page = try read() }
    }

    func movePersonSelection(_ command: Command) {
        let pageSize = max(1, TableView.pageSize(for: state.contentRect))
        guard let key = command.scrollKey else { return }
        let before = state.personTable.scroll.offset
        _ = state.personTable.scroll.handle(key, count: state.personTable.page?.total ?? 0, pageSize: pageSize)
        if state.personTable.scroll.offset != before { attempt { try loadPersonTable() } }
    }

    func runPersonTableCommand(_ command: Command) {
        switch command {
        case .showPersons:
            switchScreen(to: .persons)
        case .personSearch:
            state.overlay = .prompt(PromptState(title: LocalizedText(en: "Search key persons (name, title or pinyin initials)",
                                                                     zh: "搜索关键人（姓名、职位或拼音首字母）")[state.lang],
                                                text: state.personTable.text, purpose: .personSearch))
        case .personSortNext:
            var (column, ascending) = ColumnSorting.next(after: state.personTable.sort, in: state.personTable.columns)
            // Roles are badges, not an order: the sort passes over them.
            if column.sortKey == nil { (column, ascending) = ColumnSorting.next(after: column, in: state.personTable.columns) }
            (state.personTable.sort, state.personTable.ascending) = (column, ascending)
            state.personTable.scroll = ScrollState()
            attempt { try loadPersonTable() }
        case .personSortReverse:
            state.personTable.ascending.toggle()
            state.personTable.scroll = ScrollState()
            attempt { try loadPersonTable() }
        case .personOpenChart:
            guard let row = state.personTable.selected else { return }
            openOrgChart(accountID: row.person.accountID)
            selectPerson(row.person.id)
        default: break
        }
    }

    /// Search as you type: each keystroke is one indexed page read.
    func searchPersons(_ text: String) {
        state.personTable.text = text
        state.personTable.scroll = ScrollState()
        attempt { try loadPersonTable() }
    }
}
