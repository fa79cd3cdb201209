import CloserCore
import TerminalUI

extension App {
    var boardLayout: BoardLayout {
        BoardLayout(area: state.contentRect, columnCount: state.process.stages.count)
    }

    func loadBoard(keeping dealID: Int64?) throws {
        let layout = boardLayout
        fitOffsets(cardsPerColumn: layout.cardsPerColumn)
        var filter = state.filter
        filter.processKey = state.processKey
        state.board.board = try store.board(BoardQuery(
            processKey: state.processKey, filter: filter, cardsPerStage: layout.cardsPerColumn, offsets: state.board.offsets))
        if let dealID, state.board.follow(dealID: dealID) {
            // Selection follows the deal; scroll its column so the card stays on screen.
        }
        clampBoardSelection()
    }

    /// After a resize a column may hold more cards: scroll back up as far as the selection allows,
    /// so no column shows empty space while it has cards above.
    func fitOffsets(cardsPerColumn: Int) {
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

    func clampBoardSelection() {
        guard let board = state.board.board, !board.columns.isEmpty else { return }
        state.board.column = min(max(0, state.board.column), board.columns.count - 1)
        for column in board.columns {
            let selected = state.board.selected[column.stage.key] ?? 0
            state.board.selected[column.stage.key] = min(max(0, selected), max(0, column.count - 1))
        }
        state.board.firstVisibleColumn = boardLayout.firstVisible(keeping: state.board.column, current: state.board.firstVisibleColumn)
    }

    /// Moves the selection; only a scroll past the loaded cards asks the store for more.
    func moveBoardSelection(_ command: Command) {
        guard let column = state.board.currentColumn else { return }
        let layout = boardLayout
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
            return
        default: return
        }
        selected = min(max(0, selected), max(0, column.count - 1))
        state.board.selected[stage] = selected
        let offset = column.offset
        var newOffset = offset
        if selected < offset { newOffset = selected }
        if selected >= offset + layout.cardsPerColumn { newOffset = selected - layout.cardsPerColumn + 1 }
        if newOffset != offset {
            state.board.offsets[stage] = newOffset
            attempt {
                let cards = try store.boardCards(processKey: state.processKey, filter: state.filter, stageKey: stage,
                                                 limit: layout.cardsPerColumn, offset: newOffset)
                // Read the index before writing: `state` cannot be read inside its own write.
                let columnIndex = state.board.column
                state.board.board?.columns[columnIndex].cards = cards
                state.board.board?.columns[columnIndex].offset = newOffset
            }
        }
    }

    /// `>` / `<`: the gate decides; an unmet milestone opens the gate dialog instead.
    func moveSelectedDeal(by step: Int) {
        guard let deal = state.screen == .board ? state.board.selectedDeal : state.table.selectedDeal else { return }
        guard let process = state.catalog.process(deal.processKey), let index = process.stageIndex(deal.stageKey) else { return }
        let target = index + step
        guard process.stages.indices.contains(target) else {
            state.message = StatusMessage(LocalizedText(en: "No stage that way: mark it won or lost in the deal (Enter)", zh: "没有更多阶段：在商机详情中标记赢单或丢单")[state.lang])
            return
        }
        move(dealID: deal.id, title: deal.title, to: process.stages[target], version: deal.version, force: nil)
    }

    func move(dealID: Int64, title: String, to stage: StageTemplate, version: Int, force: String?) {
        do {
            let moved = try store.moveDeal(dealID, to: stage.key, forceReason: force, expectedVersion: version)
            let risk = moved.overrides.isEmpty ? "" : " ⚑"
            state.message = StatusMessage("#\(dealID) → \(stage.name[state.lang])\(risk)")
            reload(keeping: dealID)
        } catch StoreError.rule(.unmetMilestones(let unmet)) {
            let lang = state.lang
            let lines = [lang(.gateBody)] + unmet.map { "  ◇ \($0.milestone.name[lang]) (\($0.stage.name[lang]))" }
            state.overlay = .gate(GateState(
                dealID: dealID, dealTitle: title, targetStage: stage.key, version: version, unmet: unmet,
                dialog: Dialog(title: lang(.gateTitle), message: ["#\(dealID) \(title) → \(stage.name[lang])", ""] + lines,
                               buttons: [lang(.tickAndMove), lang(.force), lang(.cancel)], selected: 2)))
        } catch {
            state.message = StatusMessage(String(describing: error), isError: true)
            reload(keeping: dealID)
        }
    }

    func handleMouse(_ mouse: MouseEvent) {
        guard state.overlay == nil else { return }
        if mouse.y == 0, mouse.kind == .click {
            let ranges = AppView.tabRanges(state)
            if let tab = TabBar.tab(atX: mouse.x, ranges: ranges), let screen = ScreenID(rawValue: tab) { switchScreen(to: screen) }
            return
        }
        switch state.screen {
        case .board:
            let layout = boardLayout
            guard let hit = layout.hit(x: mouse.x, y: mouse.y) else { return }
            let first = layout.firstVisible(keeping: state.board.column, current: state.board.firstVisibleColumn)
            let columnIndex = first + hit.slot
            guard let board = state.board.board, board.columns.indices.contains(columnIndex) else { return }
            state.board.column = columnIndex
            let column = board.columns[columnIndex]
            switch mouse.kind {
            case .wheelUp: moveBoardSelection(.selectUp)
            case .wheelDown: moveBoardSelection(.selectDown)
            case .click, .doubleClick:
                if let row = hit.row, row < column.cards.count, row < layout.cardsPerColumn {
                    state.board.selected[column.stage.key] = column.offset + row
                    if mouse.kind == .doubleClick { openDeal(column.cards[row].id) }
                }
            }
        case .deals:
            let pageSize = TableView.pageSize(for: state.contentRect)
            let count = state.table.page?.total ?? 0
            let before = state.table.scroll.offset
            if mouse.y == state.contentRect.y, mouse.kind == .click {
                // A header click sorts by that column, as on the account table.
                let fitted = state.table.columns.fitted(width: state.contentRect.width)
                let columns = DealColumnLayout.tableColumns(fitted, lang: state.lang)
                if let index = TableView.column(atX: mouse.x, rect: state.contentRect, columns: columns) { sortDeals(by: fitted[index].column) }
                return
            }
            if mouse.kind == .click || mouse.kind == .doubleClick {
                _ = state.table.scroll.select(row: mouse.y, top: state.contentRect.y + 1, count: count, pageSize: pageSize)
                if mouse.kind == .doubleClick, let id = state.table.selectedDeal?.id { openDeal(id) }
            } else {
                _ = state.table.scroll.handle(mouse, count: count, pageSize: pageSize)
            }
            if state.table.scroll.offset != before { attempt { try loadTable() } }
        case .accounts:
            handleAccountsMouse(mouse)
        case .orgChart:
            handleOrgChartMouse(mouse)
        case .quadrant, .review, .persons:
            break
        }
    }
}
