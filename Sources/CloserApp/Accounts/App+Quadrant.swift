import CloserCore
import Foundation
import TerminalUI

extension App {
    /// One aggregate read sized to the frames: counts and sums per quadrant and per score cell
    /// come from the store; only the accounts the lists can show (the rows that fit below the
    /// furthest scroll offset) are read, never every filtered account.
    func loadQuadrant() throws {
        let layout = QuadrantLayout(area: state.contentRect)
        let keep = QuadrantState.order.map { state.quadrant.scroll($0).offset }.max().map { $0 + layout.rowsPerQuadrant } ?? layout.rowsPerQuadrant
        let summary = try store.quadrantSummary(AccountQuery(conditions: state.accountSearch.conditions),
                                                topPerQuadrant: keep, rankByLifetimeValue: state.quadrant.metric == .lifetimeValue)
        state.quadrant.summary = summary
        if state.quadrant.mode == .scatter { try loadQuadrantCell() }
        let since = MoveArrow.reviewStart(today: state.today)
        state.quadrant.movesSince = since
        state.quadrant.moves = try store.quadrantMoves(since: since)
        for quadrant in QuadrantState.order {
            var scroll = state.quadrant.scroll(quadrant)
            scroll.clamp(count: summary.quadrants[quadrant]?.count ?? 0, pageSize: layout.rowsPerQuadrant)
            state.quadrant.scrolls[quadrant] = scroll
        }
    }

    /// The leaders of the scatter's cursor cell, for the side panel: one small read when the
    /// cell holds several accounts (the summary carries a lone account itself).
    func loadQuadrantCell() throws {
        let q = state.quadrant
        guard var summary = q.summary, let index = QuadrantSummary.cellIndex(assistance: q.cellAssistance, loyalty: q.cellLoyalty),
              summary.cells[index].count > 1 else { return }
        summary.cells[index].top = try store.quadrantCell(AccountQuery(conditions: state.accountSearch.conditions),
                                                          assistance: q.cellAssistance, loyalty: q.cellLoyalty,
                                                          top: QuadrantSummary.accountsPerCell, rankByLifetimeValue: q.metric == .lifetimeValue)
        state.quadrant.summary = summary
    }

    func moveQuadrantSelection(_ command: Command) {
        switch state.quadrant.mode {
        case .scatter:
            var a = state.quadrant.cellAssistance, l = state.quadrant.cellLoyalty
            switch command {
            case .selectLeft: a -= 1
            case .selectRight: a += 1
            case .selectUp: l += 1
            case .selectDown: l -= 1
            case .pageUp: l += 5
            case .pageDown: l -= 5
            default: return
            }
            state.quadrant.cellAssistance = min(10, max(1, a))
            state.quadrant.cellLoyalty = min(10, max(1, l))
            state.quadrant.pinnedAccountID = nil
            attempt { try loadQuadrantCell() }
        case .lists:
            let rows = QuadrantLayout(area: state.contentRect).rowsPerQuadrant
            let focus = state.quadrant.focus
            let group = state.quadrant.summary?.quadrants[focus]
            var scroll = state.quadrant.scroll(focus)
            let top = focus == .loyal || focus == .strategic
            switch command {
            case .selectLeft, .selectRight:
                state.quadrant.focus = QuadrantLayout.neighbour(of: focus, horizontal: true)
                return
            case .selectUp where scroll.selected == 0 && !top, .selectDown where top && scroll.selected >= (group?.count ?? 0) - 1:
                state.quadrant.focus = QuadrantLayout.neighbour(of: focus, horizontal: false)
                return
            case .selectUp: scroll.handle(.up, count: group?.count ?? 0, pageSize: rows)
            case .selectDown: scroll.handle(.down, count: group?.count ?? 0, pageSize: rows)
            case .pageUp: scroll.handle(.pageUp, count: group?.count ?? 0, pageSize: rows)
            case .pageDown: scroll.handle(.pageDown, count: group?.count ?? 0, pageSize: rows)
            case .selectFirst: scroll.handle(.home, count: group?.count ?? 0, pageSize: rows)
            case .selectLast: scroll.handle(.end, count: group?.count ?? 0, pageSize: rows)
            default: return
            }
            state.quadrant.scrolls[focus] = scroll
            // Past the accounts kept: read again with more of them.
            if scroll.offset + rows > (group?.top.count ?? 0), (group?.top.count ?? 0) < (group?.count ?? 0) {
                attempt { try loadQuadrant() }
            }
        }
    }

    func toggleQuadrantView() {
        let selected = state.quadrant.selected
        switch state.quadrant.mode {
        case .lists:
            state.quadrant.mode = .scatter
            if let account = selected?.account {
                state.quadrant.cellAssistance = account.assistance
                state.quadrant.cellLoyalty = account.loyalty
                state.quadrant.pinnedAccountID = account.id
            }
            attempt { try loadQuadrantCell() }
        case .scatter:
            state.quadrant.mode = .lists
            if let selected { select(inLists: selected.id, quadrant: selected.account.quadrant) }
        }
    }

    /// Focuses the quadrant and selects the account when it is among those loaded.
    func select(inLists id: Int64, quadrant: Quadrant) {
        state.quadrant.focus = quadrant
        let rows = QuadrantLayout(area: state.contentRect).rowsPerQuadrant
        guard let group = state.quadrant.summary?.quadrants[quadrant],
              let index = group.top.firstIndex(where: { $0.id == id }) else { return }
        var scroll = state.quadrant.scroll(quadrant)
        scroll.selected = index
        scroll.clamp(count: group.count, pageSize: rows)
        state.quadrant.scrolls[quadrant] = scroll
    }

    /// `+`/`-` loyalty, `]`/`[` assistance: a versioned save; the store logs a "scores" event
    /// with the quadrant change, and the selection follows the account across the border.
    func changeScore(loyalty: Int, assistance: Int) {
        guard let selected = state.quadrant.selected else { return }
        let lang = state.lang
        var account = selected.account
        account.loyalty += loyalty
        account.assistance += assistance
        guard Quadrant.scoreRange.contains(account.loyalty), Quadrant.scoreRange.contains(account.assistance) else {
            state.message = StatusMessage(LocalizedText(en: "Scores run 1…10", zh: "分数范围 1…10")[lang], isError: true)
            return
        }
        do {
            let saved = try store.updateAccount(account)
            let before = selected.account
            var text = "\(saved.name): " + (loyalty != 0
                ? "\(LocalizedText(en: "loyalty", zh: "忠诚")[lang]) \(before.loyalty)→\(saved.loyalty)"
                : "\(LocalizedText(en: "assistance", zh: "协助")[lang]) \(before.assistance)→\(saved.assistance)")
            if before.quadrant != saved.quadrant {
                text += " · \(before.quadrant.label[lang]) \(MoveArrow.arrow(QuadrantMove(accountID: saved.id, from: before.quadrant, to: saved.quadrant, at: Date()))) \(saved.quadrant.label[lang])"
            }
            state.message = StatusMessage(text)
            state.quadrant.pinnedAccountID = saved.id
            state.quadrant.cellAssistance = saved.assistance
            state.quadrant.cellLoyalty = saved.loyalty
            reload()
            if state.quadrant.mode == .lists { select(inLists: saved.id, quadrant: saved.quadrant) }
        } catch {
            state.message = StatusMessage(String(describing: error), isError: true)
            reload()
        }
    }
}

/// Where the quadrant screen draws: the grid (2×2 frames or the scatter) and the side panel.
struct QuadrantLayout {
    let area: Rect

    init(area: Rect) { self.area = area }

    var body: Rect { AccountScreenLayout.body(area) }
    var panelWidth: Int { max(28, body.width / 3) }
    var panel: Rect { Rect(x: body.maxX - panelWidth, y: body.y, width: panelWidth, height: body.height) }
    /// The axis captions take the first and last lines.
    var grid: Rect { Rect(x: body.x, y: body.y + 1, width: body.width - panelWidth - 1, height: max(0, body.height - 2)) }

    func frame(_ quadrant: Quadrant) -> Rect {
        let leftWidth = grid.width / 2, topHeight = grid.height / 2
        let (column, row): (Int, Int) = switch quadrant {
        case .loyal: (0, 0)
        case .strategic: (1, 0)
        case .market: (0, 1)
        case .opportunity: (1, 1)
        }
        return Rect(x: grid.x + (column == 0 ? 0 : leftWidth), y: grid.y + (row == 0 ? 0 : topHeight),
                    width: column == 0 ? leftWidth : grid.width - leftWidth, height: row == 0 ? topHeight : grid.height - topHeight)
    }

    /// Lines inside the smaller frames.
    var rowsPerQuadrant: Int { max(1, grid.height / 2 - 2) }

    static func neighbour(of quadrant: Quadrant, horizontal: Bool) -> Quadrant {
        switch (quadrant, horizontal) {
        case (.loyal, true): .strategic
        case (.strategic, true): .loyal
        case (.market, true): .opportunity
        case (.opportunity, true): .market
        case (.loyal, false): .market
        case (.market, false): .loyal
        case (.strategic, false): .opportunity
        case (.opportunity, false): .strategic
        }
    }
}
