import CloserCore
import Foundation
import TerminalUI

/// The quadrant's one aggregate read sized to the frames: counts and sums per quadrant and per
/// score cell come from the store; only the accounts the lists can show (the rows that fit below
/// the furthest scroll offset) are read, never every filtered account; then who moved quadrant
/// since the last review.
struct ReadQuadrant: Work, Equatable {
    var query: AccountQuery
    var topPerQuadrant: Int
    var byLifetimeValue: Bool
    /// The scatter's cursor cell, whose leaders the side panel lists (nil on the lists).
    var cell: ReadQuadrantCell?
    var movesSince: Date

    struct Reply: Sendable {
        var summary: QuadrantSummary
        var moves: [Int64: QuadrantMove]
        var movesSince: Date
    }

    func run(in world: World) throws -> Reply {
        var summary = try world.store.quadrantSummary(query, topPerQuadrant: topPerQuadrant, rankByLifetimeValue: byLifetimeValue)
        if let cell, let top = try cell.leaders(of: summary, in: world) { summary.cells[top.index].top = top.rows }
        return Reply(summary: summary, moves: try world.store.quadrantMoves(since: movesSince), movesSince: movesSince)
    }
}

/// The leaders of the scatter's cursor cell: one small read when the cell holds several
/// accounts (the summary carries a lone account itself).
struct ReadQuadrantCell: Work, Equatable {
    var query: AccountQuery
    var assistance: Int
    var loyalty: Int
    var byLifetimeValue: Bool

    struct Reply: Sendable {
        var assistance: Int
        var loyalty: Int
        var rows: [AccountSummary]
    }

    func leaders(of summary: QuadrantSummary, in world: World) throws -> (index: Int, rows: [AccountSummary])? {
        guard let index = QuadrantSummary.cellIndex(assistance: assistance, loyalty: loyalty), summary.cells[index].count > 1 else { return nil }
        return (index, try world.store.quadrantCell(query, assistance: assistance, loyalty: loyalty, top: QuadrantSummary.accountsPerCell,
                                                    rankByLifetimeValue: byLifetimeValue))
    }

    func run(in world: World) throws -> Reply {
        Reply(assistance: assistance, loyalty: loyalty,
              rows: try world.store.quadrantCell(query, assistance: assistance, loyalty: loyalty, top: QuadrantSummary.accountsPerCell,
                                                 rankByLifetimeValue: byLifetimeValue))
    }
}

/// `+`/`-` loyalty, `]`/`[` assistance: a versioned save; the store logs a "scores" event with
/// the quadrant change.
struct SaveScores: Work, Equatable {
    var account: Account
    var before: Account

    struct Reply: Sendable {
        var saved: Account
        var before: Account
    }

    func run(in world: World) throws -> Reply { Reply(saved: try world.store.updateAccount(account), before: before) }
}

/// The quadrant's update: state in, effects out.
enum QuadrantUpdate {
    static func update(_ state: inout AppState, _ event: ScreenEvent) -> [Effect]? {
        switch event {
        case .load: return [load(state)]
        case .command(let command) where state.quadrant.pendingScores != nil && !scoreCommands.contains(command):
            // Presses waiting: Enter saves them, Esc drops them, any other command saves them first.
            switch command {
            case .openAccount: return saveScores(&state)
            case .dropScores:
                state.quadrant.pendingScores = nil
                state.message = StatusMessage(LocalizedText(en: "Score presses dropped", zh: "已放弃分数修改")[state.lang])
                return []
            default: return saveScores(&state) + [.command(command)]
            }
        case .command(let command):
            if let effects = QuadrantActions.update(&state, command) { return effects }
            if Command.selection.contains(command) { return move(&state, command) }
            switch command {
            case .toggleQuadrantView: return toggleView(&state)
            case .toggleQuadrantValue:
                state.quadrant.metric = state.quadrant.metric == .pipeline ? .lifetimeValue : .pipeline
                state.quadrant.scrolls = [:]
                return [.reload(keeping: nil)]
            case .loyaltyUp: return changeScore(&state, loyalty: 1, assistance: 0)
            case .loyaltyDown: return changeScore(&state, loyalty: -1, assistance: 0)
            case .assistanceUp: return changeScore(&state, loyalty: 0, assistance: 1)
            case .assistanceDown: return changeScore(&state, loyalty: 0, assistance: -1)
            case .dropScores: return []
            default: return nil
            }
        case .reply(let read as ReadQuadrant.Reply):
            let layout = QuadrantLayout(area: state.contentRect)
            state.quadrant.summary = read.summary
            state.quadrant.movesSince = read.movesSince
            state.quadrant.moves = read.moves
            for quadrant in QuadrantState.order {
                var scroll = state.quadrant.scroll(quadrant)
                scroll.clamp(count: read.summary.quadrants[quadrant]?.count ?? 0, pageSize: layout.rowsPerQuadrant)
                state.quadrant.scrolls[quadrant] = scroll
            }
            if let follow = state.quadrant.followAfterLoad {
                state.quadrant.followAfterLoad = nil
                select(&state, inLists: follow.id, quadrant: follow.quadrant)
            }
            return []
        case .reply(let cell as ReadQuadrantCell.Reply):
            guard let index = QuadrantSummary.cellIndex(assistance: cell.assistance, loyalty: cell.loyalty),
                  state.quadrant.summary?.cells.indices.contains(index) == true else { return [] }
            state.quadrant.summary?.cells[index].top = cell.rows
            return []
        case .reply(let plan as PlannedActivity):
            QuadrantActions.planned(&state, plan)
            return []
        case .reply(let scores as SaveScores.Reply):
            scoresSaved(&state, scores)
            return [.reload(keeping: nil)]
        case .failed(let work, let error):
            state.message = .failure(error, in: state.lang)
            return work is SaveScores ? [.reload(keeping: nil)] : []
        case .mouse, .reply:
            return nil
        }
    }

    static func load(_ state: AppState) -> Effect {
        let layout = QuadrantLayout(area: state.contentRect)
        let keep = QuadrantState.order.map { state.quadrant.scroll($0).offset }.max().map { $0 + layout.rowsPerQuadrant } ?? layout.rowsPerQuadrant
        return .work(ReadQuadrant(query: AccountQuery(conditions: state.accountSearch.conditions), topPerQuadrant: keep,
                                  byLifetimeValue: state.quadrant.metric == .lifetimeValue,
                                  cell: state.quadrant.mode == .scatter ? cellRead(state) : nil,
                                  movesSince: MoveArrow.reviewStart(today: state.today)),
                     replyTo: .screen(.quadrant))
    }

    static func cellRead(_ state: AppState) -> ReadQuadrantCell {
        ReadQuadrantCell(query: AccountQuery(conditions: state.accountSearch.conditions), assistance: state.quadrant.cellAssistance,
                         loyalty: state.quadrant.cellLoyalty, byLifetimeValue: state.quadrant.metric == .lifetimeValue)
    }

    /// The cursor cell's leaders, when it holds more than the summary carries.
    static func cellEffects(_ state: AppState) -> [Effect] {
        let q = state.quadrant
        guard let summary = q.summary, let index = QuadrantSummary.cellIndex(assistance: q.cellAssistance, loyalty: q.cellLoyalty),
              summary.cells[index].count > 1 else { return [] }
        return [.work(cellRead(state), replyTo: .screen(.quadrant))]
    }

    static func move(_ state: inout AppState, _ command: Command) -> [Effect] {
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
            default: return []
            }
            state.quadrant.cellAssistance = min(10, max(1, a))
            state.quadrant.cellLoyalty = min(10, max(1, l))
            state.quadrant.pinnedAccountID = nil
            return cellEffects(state)
        case .lists:
            let rows = QuadrantLayout(area: state.contentRect).rowsPerQuadrant
            let focus = state.quadrant.focus
            let group = state.quadrant.summary?.quadrants[focus]
            var scroll = state.quadrant.scroll(focus)
            let top = focus == .loyal || focus == .strategic
            switch command {
            case .selectLeft, .selectRight:
                state.quadrant.focus = QuadrantLayout.neighbour(of: focus, horizontal: true)
                return []
            case .selectUp where scroll.selected == 0 && !top, .selectDown where top && scroll.selected >= (group?.count ?? 0) - 1:
                state.quadrant.focus = QuadrantLayout.neighbour(of: focus, horizontal: false)
                return []
            default:
                guard let key = command.scrollKey else { return [] }
                scroll.handle(key, count: group?.count ?? 0, pageSize: rows)
            }
            state.quadrant.scrolls[focus] = scroll
            // Past the accounts kept: read again with more of them.
            if scroll.offset + rows > (group?.top.count ?? 0), (group?.top.count ?? 0) < (group?.count ?? 0) { return [load(state)] }
            return []
        }
    }

    static func toggleView(_ state: inout AppState) -> [Effect] {
        let selected = state.quadrant.selected
        switch state.quadrant.mode {
        case .lists:
            state.quadrant.mode = .scatter
            if let account = selected?.account {
                state.quadrant.cellAssistance = account.assistance
                state.quadrant.cellLoyalty = account.loyalty
                state.quadrant.pinnedAccountID = account.id
            }
            return cellEffects(state)
        case .scatter:
            state.quadrant.mode = .lists
            if let selected { select(&state, inLists: selected.id, quadrant: selected.account.quadrant) }
            return []
        }
    }

    /// Focuses the quadrant and selects the account when it is among those loaded.
    static func select(_ state: inout AppState, inLists id: Int64, quadrant: Quadrant) {
        state.quadrant.focus = quadrant
        let rows = QuadrantLayout(area: state.contentRect).rowsPerQuadrant
        guard let group = state.quadrant.summary?.quadrants[quadrant],
              let index = group.top.firstIndex(where: { $0.id == id }) else { return }
        var scroll = state.quadrant.scroll(quadrant)
        scroll.selected = index
        scroll.clamp(count: group.count, pageSize: rows)
        state.quadrant.scrolls[quadrant] = scroll
    }

    static let scoreCommands: [Command] = [.loyaltyUp, .loyaltyDown, .assistanceUp, .assistanceDown]

    /// A press adds to the presses waiting on the selected account; nothing is written until Enter.
    static func changeScore(_ state: inout AppState, loyalty: Int, assistance: Int) -> [Effect] {
        guard let selected = state.quadrant.selected else { return [] }
        var saveFirst: [Effect] = []
        if let pending = state.quadrant.pendingScores, pending.before.id != selected.id { saveFirst = saveScores(&state) }
        var pending = state.quadrant.pendingScores ?? PendingScores(selected.account)
        guard Quadrant.scoreRange.contains(pending.loyalty + loyalty), Quadrant.scoreRange.contains(pending.assistance + assistance) else {
            state.message = StatusMessage(LocalizedText(en: "Scores run 1…10", zh: "分数范围 1…10")[state.lang], isError: true)
            return saveFirst
        }
        pending.loyalty += loyalty
        pending.assistance += assistance
        state.quadrant.pendingScores = pending.changed ? pending : nil
        state.message = StatusMessage(pending.changed ? pending.message(state.lang, room: state.width - 4) : "\(pending.before.name): =")
        return saveFirst
    }

    /// The presses waiting, saved as one change.
    static func saveScores(_ state: inout AppState) -> [Effect] {
        guard let pending = state.quadrant.pendingScores else { return [] }
        state.quadrant.pendingScores = nil
        return [.work(SaveScores(account: pending.account, before: pending.before), replyTo: .screen(.quadrant))]
    }

    /// Says what changed; the selection follows the account across the border once the reread is in.
    static func scoresSaved(_ state: inout AppState, _ reply: SaveScores.Reply) {
        let lang = state.lang, saved = reply.saved, before = reply.before
        var parts: [String] = []
        if before.loyalty != saved.loyalty { parts.append("\(LocalizedText(en: "loyalty", zh: "忠诚")[lang]) \(before.loyalty)→\(saved.loyalty)") }
        if before.assistance != saved.assistance {
            parts.append("\(LocalizedText(en: "assistance", zh: "协助")[lang]) \(before.assistance)→\(saved.assistance)")
        }
        var text = "\(saved.name): " + parts.joined(separator: ", ")
        if before.quadrant != saved.quadrant {
            text += " · \(before.quadrant.label[lang]) \(MoveArrow.arrow(QuadrantMove(accountID: saved.id, from: before.quadrant, to: saved.quadrant, at: Date(timeIntervalSince1970: 0)))) \(saved.quadrant.label[lang])"
        }
        state.message = StatusMessage(text)
        state.quadrant.pinnedAccountID = saved.id
        state.quadrant.cellAssistance = saved.assistance
        state.quadrant.cellLoyalty = saved.loyalty
        if state.quadrant.mode == .lists { state.quadrant.followAfterLoad = (saved.id, saved.quadrant) }
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
