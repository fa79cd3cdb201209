import CloserCore
import TerminalUI

/// A column of a paged table: besides its title and width, whether it is an order to sort by
/// and the export's columns it stands for — each declared once, on the column.
public protocol PagedColumn: TableColumnKind {
    associatedtype ExportColumn: Sendable
    /// False for a column that is not an order (role badges): `s` passes over it.
    var isSortable: Bool { get }
    /// The export's columns for this one: what it takes to read the row back.
    var exportColumns: [ExportColumn] { get }
}

extension PagedColumn {
    public var isSortable: Bool { true }
}

/// A store query that reads one page.
protocol PageQuery: Sendable, Equatable {
    var offset: Int { get set }
    var limit: Int { get set }
}

extension DealQuery: PageQuery {}
extension AccountQuery: PageQuery {}
extension PersonTableQuery: PageQuery {}

/// One smart table's state (deals, accounts, persons): the page read for what is visible, the
/// selection, the sort and the column layout.
public struct PagedTable<Column: PagedColumn, Row: Sendable>: Sendable {
    public var page: Page<Row>?
    public var scroll = ScrollState()
    /// The column sorted by (`s` the next sortable visible column, `S` reverse, a header click).
    public var sort: Column
    public var ascending: Bool
    public var columns: ColumnLayout<Column>
    /// What is typed after `/`, for a table whose search is its own (persons).
    public var text = ""
    /// What every row the filter selects adds up to (the footer); nil until read, or for a table without one.
    public var totals: TableTotals?

    public init(sort: Column, ascending: Bool? = nil, columns: ColumnLayout<Column> = ColumnLayout()) {
        self.sort = sort
        self.ascending = ascending ?? sort.defaultAscending
        self.columns = columns
    }

    /// The row under the selection, if it is on the page read.
    public var selected: Row? {
        guard let page else { return nil }
        let index = scroll.selected - page.offset
        return page.rows.indices.contains(index) ? page.rows[index] : nil
    }

    /// `s`: the next visible column that is an order, in its default direction.
    mutating func sortNext() {
        var (column, ascending) = ColumnSorting.next(after: sort, in: columns)
        for _ in columns.visible where !column.isSortable { (column, ascending) = ColumnSorting.next(after: column, in: columns) }
        (sort, self.ascending) = (column, ascending)
        scroll = ScrollState()
    }

    /// `S`.
    mutating func reverse() {
        ascending.toggle()
        scroll = ScrollState()
    }

    /// A header click: that column, or reversed when it is the sort already.
    mutating func sort(by column: Column) {
        guard column.isSortable else { return }
        (sort, ascending) = ColumnSorting.click(column, sort: sort, ascending: ascending)
        scroll = ScrollState()
    }
}

/// Where a table's rows come from: its place in the state, where it is drawn, its query and its
/// read. Deals, accounts and persons are each one of these; everything else is `PagedTableUpdate`.
protocol PagedSource {
    associatedtype Column: PagedColumn
    associatedtype Row: Sendable
    associatedtype Query: PageQuery
    static var screen: ScreenID { get }
    /// What a double-click on a row does (the screen's Enter).
    static var open: Command { get }
    static var table: WritableKeyPath<AppState, PagedTable<Column, Row>> { get }
    /// The table's rectangle, its header row first.
    static func body(_ state: AppState) -> Rect
    /// The table's query in its filter and sort, for one page.
    static func query(_ state: AppState, offset: Int, limit: Int) -> Query
    static func read(_ query: Query, from store: any Store) throws -> Page<Row>
    /// The footer's read (count and amounts of every row selected); nil for a table without one.
    static func totals(_ state: AppState) -> ReadTableTotals?
}

extension PagedSource {
    static func totals(_ state: AppState) -> ReadTableTotals? { nil }
    static func pageSize(_ state: AppState) -> Int { max(1, TableView.pageSize(for: body(state))) }
}

/// One page of a table from the scroll offset; a page past the end (the table shrank) is read
/// again from where the selection now stands.
struct ReadPage<Source: PagedSource>: Work {
    var query: Source.Query
    var scroll: ScrollState

    struct Reply: Sendable {
        var page: Page<Source.Row>
        var scroll: ScrollState
    }

    func run(in world: World) throws -> Reply {
        var page = try Source.read(query, from: world.store)
        var scroll = scroll
        scroll.clamp(count: page.total, pageSize: query.limit)
        if scroll.offset != query.offset {
            var again = query
            again.offset = scroll.offset
            page = try Source.read(again, from: world.store)
        }
        return Reply(page: page, scroll: scroll)
    }
}

/// What every paged table does alike: reads, selection, sorting, header clicks and the wheel.
enum PagedTableUpdate<Source: PagedSource> {
    static func load(_ state: AppState) -> Effect {
        let table = state[keyPath: Source.table]
        return .work(ReadPage<Source>(query: Source.query(state, offset: table.scroll.offset, limit: Source.pageSize(state)), scroll: table.scroll),
                     replyTo: .screen(Source.screen))
    }

    /// The selection, sort and reply commands of any table; nil for others (open, search…).
    static func update(_ state: inout AppState, _ event: ScreenEvent) -> [Effect]? {
        switch event {
        case .load:
            // The totals follow the filter and others' writes, not the scrolling: read with each load only.
            return [load(state)] + (Source.totals(state).map { [.work($0, replyTo: .screen(Source.screen))] } ?? [])
        case .command(let command):
            switch command {
            case .sortNext: state[keyPath: Source.table].sortNext()
            case .sortReverse: state[keyPath: Source.table].reverse()
            default:
                guard let key = command.scrollKey else { return nil }
                return scroll(&state) { $0.handle(key, count: $1, pageSize: $2) }
            }
            return [load(state)]
        case .mouse(let mouse): return self.mouse(&state, mouse)
        case .reply(let reply as ReadPage<Source>.Reply):
            state[keyPath: Source.table].page = reply.page
            state[keyPath: Source.table].scroll = reply.scroll
            return []
        case .reply(let totals as TableTotals):
            state[keyPath: Source.table].totals = totals
            return []
        case .failed(_, let error):
            state.message = .failure(error, in: state.lang)
            return []
        case .reply:
            return nil
        }
    }

    /// Moves the selection; only a move off the page read asks for another page.
    static func scroll(_ state: inout AppState, _ change: (inout ScrollState, _ count: Int, _ pageSize: Int) -> Void) -> [Effect] {
        let pageSize = Source.pageSize(state)
        let count = state[keyPath: Source.table].page?.total ?? 0
        let before = state[keyPath: Source.table].scroll.offset
        change(&state[keyPath: Source.table].scroll, count, pageSize)
        return state[keyPath: Source.table].scroll.offset == before ? [] : [load(state)]
    }

    /// A header click sorts by that column; a click selects a row (a double-click opens it: the
    /// screen's Enter); the wheel scrolls.
    static func mouse(_ state: inout AppState, _ mouse: MouseEvent) -> [Effect] {
        let body = Source.body(state)
        if mouse.y == body.y, mouse.kind == .click {
            let fitted = state[keyPath: Source.table].columns.fitted(width: body.width)
            let columns = ColumnLayout<Source.Column>.tableColumns(fitted, lang: state.lang)
            guard let index = TableView.column(atX: mouse.x, rect: body, columns: columns) else { return [] }
            state[keyPath: Source.table].sort(by: fitted[index].column)
            return [load(state)]
        }
        if mouse.kind == .click || mouse.kind == .doubleClick {
            let reads = scroll(&state) { $0.select(row: mouse.y, top: body.y + 1, count: $1, pageSize: $2) }
            return reads + (mouse.kind == .doubleClick ? [.command(Source.open)] : [])
        }
        return scroll(&state) { $0.handle(mouse, count: $1, pageSize: $2) }
    }

    /// Every row the table would show, in its order and its shown columns, for `E`.
    static func exportQuery(_ state: AppState) -> (query: Source.Query, columns: [Source.Column.ExportColumn]) {
        (Source.query(state, offset: 0, limit: TableExporter.pageSize), state[keyPath: Source.table].columns.visible.flatMap(\.exportColumns))
    }
}
