import CloserCore
import TerminalUI

extension App {
    func loadTable() throws {
        let pageSize = max(1, TableView.pageSize(for: state.contentRect))
        state.table.page = try store.deals(DealQuery(
            filter: state.filter, sort: state.table.sort.sortKey, ascending: state.table.ascending,
            offset: state.table.scroll.offset, limit: pageSize))
        let total = state.table.page?.total ?? 0
        let before = state.table.scroll.offset
        state.table.scroll.clamp(count: total, pageSize: pageSize)
        if state.table.scroll.offset != before {
            state.table.page = try store.deals(DealQuery(
                filter: state.filter, sort: state.table.sort.sortKey, ascending: state.table.ascending,
                offset: state.table.scroll.offset, limit: pageSize))
        }
    }

    func moveTableSelection(_ command: Command) {
        let pageSize = max(1, TableView.pageSize(for: state.contentRect))
        let count = state.table.page?.total ?? 0
        guard let key = command.scrollKey else { return }
        let before = state.table.scroll.offset
        _ = state.table.scroll.handle(key, count: count, pageSize: pageSize)
        if state.table.scroll.offset != before { attempt { try loadTable() } }
    }

    /// `s`: the next visible column; a column (a header click): that one, or reversed if it is already the sort.
    func sortDeals(by column: DealColumn?) {
        (state.table.sort, state.table.ascending) = column.map { ColumnSorting.click($0, sort: state.table.sort, ascending: state.table.ascending) }
            ?? ColumnSorting.next(after: state.table.sort, in: state.table.columns)
        state.table.scroll = ScrollState()
        attempt { try loadTable() }
    }

    func reverseDealSort() {
        state.table.ascending.toggle()
        state.table.scroll = ScrollState()
        attempt { try loadTable() }
    }
}
