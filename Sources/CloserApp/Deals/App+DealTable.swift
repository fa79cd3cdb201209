import CloserCore
import TerminalUI

extension App {
    func loadTable() throws {
        let pageSize = max(1, TableView.pageSize(for: state.contentRect))
        state.table.page = try store.deals(DealQuery(
            filter: state.filter, sort: state.table.sort, ascending: state.table.ascending,
            offset: state.table.scroll.offset, limit: pageSize))
        let total = state.table.page?.total ?? 0
        let before = state.table.scroll.offset
        state.table.scroll.clamp(count: total, pageSize: pageSize)
        if state.table.scroll.offset != before {
            state.table.page = try store.deals(DealQuery(
                filter: state.filter, sort: state.table.sort, ascending: state.table.ascending,
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

    /// `s` steps through the sort columns; past the last it reverses the direction.
    func cycleSort() {
        guard state.screen == .deals else { return }
        let keys = DealTableState.sortKeys
        let index = keys.firstIndex(of: state.table.sort) ?? 0
        if index + 1 < keys.count {
            state.table.sort = keys[index + 1]
        } else {
            state.table.sort = keys[0]
            state.table.ascending.toggle()
        }
        state.table.scroll = ScrollState()
        attempt { try loadTable() }
    }
}
