@testable import CloserApp
import CloserCore
import Foundation
import Testing
import TerminalUI

/// The board's update with no store: state in, effects out, replies fed back by hand.
@Suite struct BoardUpdateTests {
    static let process = BuiltInProcesses.project

    static func card(_ id: Int64, stage: String, version: Int = 1) -> DealSummary {
        DealSummary(id: id, title: "deal \(id)", accountID: 1, accountName: "中国石化", accountGrade: .a, processKey: process.key,
                    stageKey: stage, amount: Money(minorUnits: 100_000_00), probability: 10, weighted: 10_000_00, atRisk: false,
                    milestonesMet: 0, milestonesTotal: 2, stageEnteredAt: Fixture.now, expectedClose: nil, nextStep: "", nextStepDue: nil,
                    lastActivity: nil, owner: Fixture.user, outcome: .open, version: version)
    }

    /// 80×24: three cards fit a column; the first stage holds 5 deals of which 3 are loaded.
    static func state() -> AppState {
        var state = Fixture.state(.en)
        state.catalog = ProcessCatalog()
        let stages = process.stages
        let first = BoardColumn(stage: stages[0], count: 5, totals: [], cards: (1...3).map { card($0, stage: stages[0].key) }, offset: 0)
        let rest = stages.dropFirst().map { BoardColumn(stage: $0, count: 0, totals: [], cards: [], offset: 0) }
        state.board.board = Board(process: process, columns: [first] + rest)
        return state
    }

    @Test func movingInsideTheLoadedCardsAsksNothing() {
        var state = Self.state()
        let effects = BoardUpdate.update(&state, .command(.selectDown))
        #expect(effects?.isEmpty == true)
        #expect(state.board.selectedDeal?.id == 2)
    }

    @Test func scrollingPastTheLoadedCardsAsksForOneColumnOfCards() throws {
        var state = Self.state()
        _ = BoardUpdate.update(&state, .command(.selectDown))
        _ = BoardUpdate.update(&state, .command(.selectDown))
        let effects = try #require(BoardUpdate.update(&state, .command(.selectDown)))
        guard case .work(let work as ReadBoardCards, .screen(.board)) = effects.first, effects.count == 1 else {
            Issue.record("expected one ReadBoardCards, got \(effects)"); return
        }
        #expect(work == ReadBoardCards(processKey: Self.process.key, filter: DealFilter(), stageKey: Self.process.stages[0].key, limit: 3, offset: 1,
                                     today: state.today))
        // The reply, fed back by hand, shows cards 2…4 with the fourth selected.
        let reply = ReadBoardCards.Reply(stageKey: work.stageKey, offset: 1, cards: (2...4).map { Self.card($0, stage: work.stageKey) })
        #expect(BoardUpdate.update(&state, .reply(reply))?.isEmpty == true)
        #expect(state.board.selectedDeal?.id == 4)
        #expect(state.board.currentColumn?.offset == 1)
    }

    @Test func aStepPastTheEdgeOfATallColumnScrollsHalfAColumn() throws {
        var state = Fixture.state(.en, width: 160, height: 48)
        state.catalog = ProcessCatalog()
        let stages = Self.process.stages
        let shown = state.boardLayout.cardsPerColumn
        try #require(shown >= 6, "a 160×48 board shows at least six cards a column")
        let first = BoardColumn(stage: stages[0], count: 40, totals: [], cards: (1...Int64(shown)).map { Self.card($0, stage: stages[0].key) }, offset: 0)
        state.board.board = Board(process: Self.process, columns: [first] + stages.dropFirst().map { BoardColumn(stage: $0, count: 0, totals: [], cards: [], offset: 0) })
        for _ in 1..<shown { #expect(BoardUpdate.update(&state, .command(.selectDown))?.isEmpty == true) }
        // One more step leaves the view: the column moves by half its height, not by one card.
        let effects = try #require(BoardUpdate.update(&state, .command(.selectDown)))
        guard case .work(let work as ReadBoardCards, _) = effects.first else { Issue.record("expected a read, got \(effects)"); return }
        #expect(work.offset == shown / 2)
        #expect(state.board.selectedIndex(in: stages[0].key) == shown)
        // Back up past the top edge of the new view: half a column again, never below zero.
        let reply = ReadBoardCards.Reply(stageKey: work.stageKey, offset: work.offset,
                                         cards: (Int64(work.offset + 1)...Int64(work.offset + shown)).map { Self.card($0, stage: work.stageKey) })
        _ = BoardUpdate.update(&state, .reply(reply))
        for _ in 0..<(shown - shown / 2) { _ = BoardUpdate.update(&state, .command(.selectUp)) }
        let up = try #require(BoardUpdate.update(&state, .command(.selectUp)))
        guard case .work(let back as ReadBoardCards, _) = up.first else { Issue.record("expected a read, got \(up)"); return }
        #expect(back.offset == 0)
        #expect(state.board.selectedIndex(in: stages[0].key) == shown / 2 - 1)
    }

    @Test func aMoveAsksTheStoreAndAnUnmetGateOpensTheDialog() throws {
        var state = Self.state()
        let effects = try #require(BoardUpdate.update(&state, .command(.moveRight)))
        guard case .work(let move as MoveDeal, .dealMove) = effects.first else { Issue.record("no move: \(effects)"); return }
        #expect(move.dealID == 1 && move.stage.key == Self.process.stages[1].key && move.force == nil && move.version == 1)
        let unmet = Self.process.stages[0].milestones.map { UnmetMilestone(stage: Self.process.stages[0], milestone: $0) }
        #expect(DealMoves.update(&state, .failed(move, StoreError.rule(.unmetMilestones(unmet)))).isEmpty)
        guard case .gate(let gate) = state.overlay else { Issue.record("no gate dialog"); return }
        #expect(gate.dealID == 1 && gate.targetStage == Self.process.stages[1].key && gate.unmet.count == unmet.count)
    }

    @Test func aMoveThatWentThroughSaysSoAndReloadsOnTheDeal() {
        var state = Self.state()
        var deal = Deal(id: 1, accountID: 1, title: "deal 1", processKey: Self.process.key, stageKey: Self.process.stages[1].key,
                        amount: Money(minorUnits: 1), owner: Fixture.user)
        deal.version = 2
        let effects = DealMoves.update(&state, .reply(MoveDeal.Reply(deal: deal, stage: Self.process.stages[1])))
        #expect(state.message == StatusMessage("#1 → \(Self.process.stages[1].name[.en])"))
        guard case .reload(keeping: 1)? = effects.first else { Issue.record("no reload: \(effects)"); return }
    }

    @Test func noStagePastTheLastSaysSoAndAsksNothing() {
        var state = Self.state()
        let last = Self.process.stages.count - 1
        let effects = DealMoves.step(&state, deal: Self.card(9, stage: Self.process.stages[last].key), by: 1)
        #expect(effects.isEmpty)
        #expect(state.message?.text == "No stage that way: mark it won or lost in the deal (Enter)")
    }

    @Test func aDoubleClickSelectsTheCardThenOpensIt() throws {
        var state = Self.state()
        let layout = state.boardLayout
        let card = layout.cardRect(slot: 0, row: 1)
        let effects = try #require(BoardUpdate.update(&state, .mouse(MouseEvent(x: card.x + 2, y: card.y + 1, kind: .doubleClick))))
        #expect(state.board.selectedDeal?.id == 2)
        guard case .command(.openDeal)? = effects.first else { Issue.record("no open: \(effects)"); return }
    }
}
