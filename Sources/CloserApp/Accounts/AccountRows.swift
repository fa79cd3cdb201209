import CloserCore
import TerminalUI

/// The account table's rows: the search both account screens share, in the table's sort.
enum AccountRows: PagedSource {
    static let screen = ScreenID.accounts
    static let open = Command.openAccount
    static var table: WritableKeyPath<AppState, AccountTableState> { \.accounts }

    static func body(_ state: AppState) -> Rect { AccountScreenLayout.body(state.contentRect) }
    static func query(_ state: AppState, offset: Int, limit: Int) -> AccountQuery { state.accountQuery(offset: offset, limit: limit) }
    static func read(_ query: AccountQuery, from store: any Store) throws -> Page<AccountSummary> { try store.accounts(query) }
    static func totals(_ state: AppState) -> ReadTableTotals? { ReadTableTotals(rows: .accounts(state.accountQuery(offset: 0, limit: 0))) }
}
