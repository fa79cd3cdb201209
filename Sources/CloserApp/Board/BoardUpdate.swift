import CloserCore
import TerminalUI

/// The board's reads, as values the runner performs.
struct ReadBoard: Work, Equatable {
    var query: BoardQuery
    /// The deal the selection stays on.
    var keeping: Int64?
    /// Whether an empty board may mean an empty store (no filter in force): then ask.
    var askIfStoreIsEmpty: Bool
    /// The day the cards' health is judged on.
    var today: Day

    struct Reply: Sendable {
        var board: Board
        var keeping: Int64?
        var storeIsEmpty: Bool
        /// How many health rules each card's deal trips (cards that trip none are left out).
        var health: [Int64: Int] = [:]
    }

    func run(in world: World) throws -> Reply {
        let board = try world.store.board(query)
        let empty = askIfStoreIsEmpty && board.columns.allSatisfy { $0.count == 0 }
            ? try world.store.accounts(AccountQuery(limit: 1)).total == 0 : false
        return Reply(board: board, keeping: keeping, storeIsEmpty: empty,
                     health: try CardHealth.counts(board.columns.flatMap(\.cards), today: today, in: world))
    }
}

/// The health marks of the cards on screen: worked out for those deals only.
enum CardHealth {
    static func counts(_ cards: [DealSummary], today: Day, in world: World) throws -> [Int64: Int] {
        guard !cards.isEmpty else { return [:] }
        return try world.store.healthCounts(Array(cards.map(\.id).prefix(HealthLimits.dealsPerCall)), today: today).filter { $0.value > 0 }
    }
}

/// One column's cards from a new scroll position: only a scroll past the loaded cards reads.
struct ReadBoardCards: Work, Equatable {
    var processKey: String
    var filter: DealFilter
    var stageKey: String
    var limit: Int
    var offset: Int
    var today: Day

    struct Reply: Sendable {
        var stageKey: String
        var offset: Int
        var cards: [DealSummary]
        var health: [Int64: Int] = [:]
    }

    func run(in world: World) throws -> Reply {
        let cards = try world.store.boardCards(processKey: processKey, filter: filter, stageKey: stageKey, limit: limit, offset: offset)
        return Reply(stageKey: stageKey, offset: offset, cards: cards, health: try CardHealth.counts(cards, today: today, in: world))
    }
}

extension AppState {
    var boardLayout: BoardLayout { BoardLayout(area: contentRect, columnCount: process.stages.count) }
}

/// The board's update: state in, effects out; no store, no App.
enum BoardUpdate {
    static func update(_ state: inout AppState, _ event: ScreenEvent) -> [Effect]? {
        switch event {
        case .load(let keeping): return [load(&state, keeping: keeping)]
        case .command(let command):
            if Command.selection.contains(command) { return move(&state, command) }
            switch command {
            case .moveRight, .moveLeft: return DealMoves.step(&state, deal: state.board.selectedDeal, by: command == .moveRight ? 1 : -1)
            default: return nil
            }
        case .mouse(let mouse): return self.mouse(&state, mouse)
        case .reply(let reply as ReadBoard.Reply):
            state.board.board = reply.board
            state.board.health = reply.health
            if let id = reply.keeping { _ = state.board.follow(dealID: id) }
            clampSelection(&state)
            state.isEmptyStore = reply.storeIsEmpty
            return []
        case .reply(let reply as ReadBoardCards.Reply):
            guard let index = state.board.board?.columns.firstIndex(where: { $0.stage.key == reply.stageKey }) else { return [] }
            state.board.board?.columns[index].cards = reply.cards
            state.board.board?.columns[index].offset = reply.offset
            state.board.health.merge(reply.health) { $1 }
            return []
        case .failed(_, let error):
            state.message = .failure(error, in: state.lang)
            return []
        case .reply:
            return []
        }
    }

    /// The read that fills the board for its size; after a resize a column may hold more cards.
    static func load(_ state: inout AppState, keeping: Int64?) -> Effect {
        let layout = state.boardLayout
        fitOffsets(&state, cardsPerColumn: layout.cardsPerColumn)
        var filter = state.filter
        filter.processKey = state.processKey
        let query = BoardQuery(processKey: state.processKey, filter: filter, cardsPerStage: layout.cardsPerColumn, offsets: state.board.offsets)
        return .work(ReadBoard(query: query, keeping: keeping, askIfStoreIsEmpty: state.filter.isDefault, today: state.today), replyTo: .screen(.board))
    }

    /// Scrolls back up as far as the selection allows, so no column shows empty space while it has cards above.
    static func fitOffsets(_ state: inout AppState, cardsPerColumn: Int) {
        guard let board = state.board.board else { return }
        for column in board.columns {
            let key = column.stage.key
            let selected = state.board.selected[key] ?? 0
            var offset = state.board.offsets[key] ?? 0
            offset = min(offset, max(0, column.count - cardsPerColumn), selected)
            offset = max(offset, selected - cardsPerColumn + 1, 0)
            state.board.offsets[key] = offset
        }
    }

    static func clampSelection(_ state: inout AppState) {
        guard let board = state.board.board, !board.columns.isEmpty else { return }
        state.board.column = min(max(0, state.board.column), board.columns.count - 1)
        for column in board.columns {
            let selected = state.board.selected[column.stage.key] ?? 0
            state.board.selected[column.stage.key] = min(max(0, selected), max(0, column.count - 1))
        }
        state.board.firstVisibleColumn = state.boardLayout.firstVisible(keeping: state.board.column, current: state.board.firstVisibleColumn)
    }

    /// Moves the selection; only a scroll past the loaded cards asks the store for more.
    static func move(_ state: inout AppState, _ command: Command) -> [Effect] {
        guard let column = state.board.currentColumn else { return [] }
        let layout = state.boardLayout
        let stage = column.stage.key
        var selected = state.board.selectedIndex(in: stage)
        switch command {
        case .selectUp: selected -= 1
        case .selectDown: selected += 1
        case .pageUp: selected -= layout.cardsPerColumn
        case .pageDown: selected += layout.cardsPerColumn
        case .selectFirst: selected = 0
        case .selectLast: selected = column.count - 1
        case .selectLeft, .selectRight:
            let count = state.board.board?.columns.count ?? 0
            state.board.column = min(max(0, state.board.column + (command == .selectLeft ? -1 : 1)), max(0, count - 1))
            state.board.firstVisibleColumn = layout.firstVisible(keeping: state.board.column, current: state.board.firstVisibleColumn)
            return []
        default: return []
        }
        selected = min(max(0, selected), max(0, column.count - 1))
        state.board.selected[stage] = selected
        let offset = column.offset
        let shown = layout.cardsPerColumn
        // A step past the edge scrolls half a column (as vim's scrolljump): every card of the
        // column is redrawn on a scroll, so fewer, larger scrolls cost far fewer bytes per key.
        let stepping = command == .selectUp || command == .selectDown
        let jump = stepping ? max(1, shown / 2) : 1
        var newOffset = offset
        if selected < offset { newOffset = max(0, selected - jump + 1) }
        if selected >= offset + shown { newOffset = min(selected - shown + jump, max(0, column.count - shown)) }
        guard newOffset != offset else { return [] }
        state.board.offsets[stage] = newOffset
        return [.work(ReadBoardCards(processKey: state.processKey, filter: state.filter, stageKey: stage,
                                     limit: layout.cardsPerColumn, offset: newOffset, today: state.today), replyTo: .screen(.board))]
    }

    /// A click selects the card under it (a double-click opens it); the wheel scrolls its column.
    static func mouse(_ state: inout AppState, _ mouse: MouseEvent) -> [Effect] {
        let layout = state.boardLayout
        guard let hit = layout.hit(x: mouse.x, y: mouse.y) else { return [] }
        let first = layout.firstVisible(keeping: state.board.column, current: state.board.firstVisibleColumn)
        let columnIndex = first + hit.slot
        guard let board = state.board.board, board.columns.indices.contains(columnIndex) else { return [] }
        state.board.column = columnIndex
        let column = board.columns[columnIndex]
        switch mouse.kind {
        case .wheelUp: return move(&state, .selectUp)
        case .wheelDown: return move(&state, .selectDown)
        case .click, .doubleClick:
            guard let row = hit.row, row < column.cards.count, row < layout.cardsPerColumn else { return [] }
            state.board.selected[column.stage.key] = column.offset + row
            return mouse.kind == .doubleClick ? [.command(.openDeal)] : []
        }
    }
}
