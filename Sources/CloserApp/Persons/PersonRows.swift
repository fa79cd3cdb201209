import CloserCore
import TerminalUI

/// The key-person table's rows: its own search (name, title or pinyin initials), in its sort.
enum PersonRows: PagedSource {
    static let screen = ScreenID.persons
    static let open = Command.personOpenChart
    static var table: WritableKeyPath<AppState, PersonTableState> { \.personTable }

    static func body(_ state: AppState) -> Rect { state.contentRect }

    static func query(_ state: AppState, offset: Int, limit: Int) -> PersonTableQuery {
        let table = state.personTable
        return PersonTableQuery(text: table.text, sort: table.sort.sortKey ?? .name, ascending: table.ascending, offset: offset, limit: limit)
    }

    static func read(_ query: PersonTableQuery, from store: any Store) throws -> Page<PersonRow> { try store.personRows(query) }
}
