import CloserCore
import TerminalUI

/// The deal table's rows: the deal filter in force, in the table's sort.
enum DealRows: PagedSource {
    static let screen = ScreenID.deals
    static let open = Command.openDeal
    static var table: WritableKeyPath<AppState, DealTableState> { \.table }

    static func body(_ state: AppState) -> Rect { state.contentRect }

    static func query(_ state: AppState, offset: Int, limit: Int) -> DealQuery {
        DealQuery(filter: state.filter, sort: state.table.sort.sortKey, ascending: state.table.ascending, offset: offset, limit: limit)
    }

    static func read(_ query: DealQuery, from store: any Store) throws -> Page<DealSummary> { try store.deals(query) }
    static func totals(_ state: AppState) -> ReadTableTotals? { ReadTableTotals(rows: .deals(state.filter)) }
}
