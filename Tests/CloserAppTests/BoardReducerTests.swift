import CloserApp
import CloserCore
import CloserSQLite
import Foundation
import Testing
import TerminalUI

@Suite struct BoardSelectionTests {
    @Test func jkAndArrowsMoveTheSelection() throws {
        let (app, _) = try Fixture.handMade(.zh)
        #expect(app.state.board.selectedDeal?.id == 1)
        app.press("j")
        #expect(app.state.board.selectedDeal?.id == 2)
        var canvas = app.canvas()
        #expect(canvas.roleAt(x: 1, y: 9) == "card.selected")
        #expect(canvas.roleAt(x: 1, y: 4) != "card.selected")
        app.press("j")  // past the last card: stays
        #expect(app.state.board.selectedDeal?.id == 2)
        app.press("k")
        #expect(app.state.board.selectedDeal?.id == 1)
        app.key(.down)
        #expect(app.state.board.selectedDeal?.id == 2)
        app.key(.up)
        app.key(.up)
        #expect(app.state.board.selectedDeal?.id == 1)
        app.key(.right)
        #expect(app.state.board.selectedDeal?.id == 3)
        app.press("l")
        #expect(app.state.board.selectedDeal?.id == 4)
        app.press("h")
        app.press("h")
        #expect(app.state.board.selectedDeal?.id == 1)  // each column remembers its selection (index 0 after up, up)
        app.press("G")
        #expect(app.state.board.selectedDeal?.id == 2)
        app.press("g")
        #expect(app.state.board.selectedDeal?.id == 1)
        canvas = app.canvas()
        #expect(canvas.roleAt(x: 1, y: 4) == "card.selected")
    }

    @Test func mouseClickSelectsACardAndATab() throws {
        let (app, _) = try Fixture.handMade(.zh)
        app.handle(.mouse(MouseEvent(x: 30, y: 5, kind: .click)))
        #expect(app.state.board.selectedDeal?.id == 3)
        app.handle(.mouse(MouseEvent(x: 5, y: 10, kind: .click)))
        #expect(app.state.board.selectedDeal?.id == 2)
        app.handle(.mouse(MouseEvent(x: 15, y: 0, kind: .click)))  // " 2 商机列表 " spans 13..24
        #expect(app.state.screen == .deals)
    }

    /// Sorted as the board sorts a column: amount descending, then id.
    static func developOrder(_ snapshot: Snapshot) -> [Int64] {
        snapshot.deals.filter { $0.outcome == .open && $0.processKey == "project" && $0.stageKey == "develop" }
            .sorted { ($0.amount.minorUnits, -$0.id) > ($1.amount.minorUnits, -$1.id) }.map(\.id)
    }

    @Test func scrollingAColumnLoadsTheNextCards() throws {
        let (app, _, snapshot) = try Fixture.demoApp(.zh)
        let order = Self.developOrder(snapshot)
        try #require(order.count > 7, "the demo needs a long develop column")
        var column = try #require(app.state.board.board?.columns.first)
        #expect(column.cards.count == 3)  // only what fits: (22 - 3) / 5 cards
        #expect(column.cards.map(\.id) == Array(order[0..<3]))
        #expect(column.count == order.count)
        app.press("j")
        app.press("j")
        #expect(app.state.board.offsets["develop"] == nil)
        app.press("j")  // the fourth card is off screen: the column scrolls by one
        column = try #require(app.state.board.board?.columns.first)
        #expect(app.state.board.offsets["develop"] == 1)
        #expect(column.offset == 1)
        #expect(column.cards.map(\.id) == Array(order[1..<4]))
        #expect(app.state.board.selectedDeal?.id == order[3])
        var canvas = app.canvas()
        #expect(canvas.roleAt(x: 1, y: 14) == "card.selected")  // the third card on screen
        #expect(canvas.text(y: 3, from: 18, to: 26).hasPrefix("▲ 1─"))  // drawn into the header rule
        #expect(canvas.text(y: 22, from: 18, to: 26).trimmingCharacters(in: .whitespaces) == "▼ \(order.count - 4)")
        app.key(.pageDown)
        #expect(app.state.board.selectedDeal?.id == order[6])
        #expect(app.state.board.board?.columns.first?.cards.map(\.id) == Array(order[4..<7]))
        app.press("G")
        #expect(app.state.board.selectedDeal?.id == order.last)
        #expect(app.state.board.offsets["develop"] == order.count - 3)
        canvas = app.canvas()
        #expect(canvas.roleAt(x: 1, y: 14) == "card.selected")
        app.press("g")
        #expect(app.state.board.selectedDeal?.id == order[0])
        #expect(app.state.board.offsets["develop"] == 0)
        canvas = app.canvas()
        #expect(canvas.roleAt(x: 1, y: 4) == "card.selected")
        #expect(canvas.text(y: 3, from: 18, to: 26).contains("▲") == false)
    }

    @Test func wheelScrollsTheColumnUnderTheMouse() throws {
        let (app, _, snapshot) = try Fixture.demoApp(.zh)
        let order = Self.developOrder(snapshot)
        for _ in 0..<4 { app.handle(.mouse(MouseEvent(x: 5, y: 10, kind: .wheelDown))) }
        #expect(app.state.board.selectedDeal?.id == order[4])
        #expect(app.state.board.board?.columns.first?.offset == 2)
    }
}

@Suite struct BoardMoveTests {
    static func deal(_ store: SQLiteStore, _ id: Int64) throws -> Deal { try store.deal(id) }
    static func actions(_ store: SQLiteStore, _ id: Int64) throws -> [String] {
        try store.events(EventQuery(entity: "deal", entityID: id, limit: 20)).map(\.action)
    }

    @Test func moveWithGateMet() throws {
        let (app, store) = try Fixture.handMade(.zh)
        #expect(app.state.board.selectedDeal?.id == 1)
        app.press(">")
        #expect(app.state.overlay == nil)
        #expect(try store.deal(1).stageKey == "entry")
        #expect(try Self.actions(store, 1).contains("moved"))
        #expect(try store.deal(1).overrides.isEmpty)
        // The selection follows the deal into the next column.
        #expect(app.state.board.column == 1)
        #expect(app.state.board.selectedDeal?.id == 1)
        #expect(app.state.message?.text == "#1 → 销售进入")
        let canvas = app.canvas()
        #expect(canvas.lines()[1].contains(" 开发 10%"))
        #expect(canvas.text(y: 1, from: 0, to: 26).hasSuffix(" 1 "))   // develop now has one deal
        #expect(canvas.text(y: 1, from: 27, to: 53).hasSuffix(" 2 "))
        #expect(canvas.roleAt(x: 27, y: 1) == "stage.header.focused")
        // d1 (1.2M) sorts before d3 (80k) in 销售进入 and is selected.
        #expect(canvas.text(y: 5, from: 28, to: 53).hasPrefix("炼油厂泵站改造"))
        #expect(canvas.roleAt(x: 28, y: 5) == "card.selected")
        #expect(canvas.text(y: 6, from: 28, to: 53).hasPrefix("120万 · 0天 · ◇0/1"))
    }

    @Test func unmetGateOpensTheDialog() throws {
        let (app, store) = try Fixture.handMade(.zh)
        app.press("j")
        #expect(app.state.board.selectedDeal?.id == 2)
        app.press(">")
        guard case .gate(let gate) = app.state.overlay else {
            Issue.record("expected the gate overlay, got \(String(describing: app.state.overlay))")
            return
        }
        #expect(gate.unmet.map(\.milestone.key) == ["graded", "project-info"])
        #expect(gate.dialog.buttons == ["勾选并推进", "强制推进…", "取消"])
        #expect(gate.dialog.selected == 2)
        let text = app.screenText()
        #expect(text.contains("关键节点未达成"))
        #expect(text.contains("#2 数据中心网络 → 销售进入"))
        #expect(text.contains("◇ 评估和分级 (开发)"))
        #expect(text.contains("◇ 准确的项目信息 (开发)"))
        #expect(text.contains("[ t 勾选并推进 ]  [ f 强制推进… ]  [ Esc 取消 ]"))
        #expect(app.canvas().wideCharactersIntact)
        #expect(try store.deal(2).stageKey == "develop")
        // Cancel leaves everything as it was.
        app.key(.enter)
        #expect(app.state.overlay == nil)
        #expect(try store.deal(2).stageKey == "develop")
    }

    @Test func forceNeedsAReasonAndMarksTheDealAtRisk() throws {
        let (app, store) = try Fixture.handMade(.zh)
        app.press("j")
        app.press(">")
        app.key(.left)  // Cancel → Force…
        guard case .gate(let gate) = app.state.overlay else { Issue.record("no gate"); return }
        #expect(gate.dialog.selected == 1)
        app.key(.enter)
        guard case .prompt(let prompt) = app.state.overlay else { Issue.record("no reason prompt"); return }
        #expect(prompt.title == "为什么强制推进？（将被记录，商机标记为风险）")
        // An empty (or blank) reason is refused with a message.
        app.type("  ")
        app.key(.enter)
        guard case .prompt(let retry) = app.state.overlay else { Issue.record("prompt closed on an empty reason"); return }
        #expect(retry.error == "强制推进必须填写原因")
        #expect(app.screenText().contains("强制推进必须填写原因"))
        #expect(try store.deal(2).stageKey == "develop")
        app.key(.ctrl("u"))
        let reason = "客户高层已口头确认，评估下周补"
        app.type(reason)
        app.key(.enter)
        #expect(app.state.overlay == nil)
        let deal = try store.deal(2)
        #expect(deal.stageKey == "entry")
        #expect(deal.overrides.map(\.milestoneKey).sorted() == ["graded", "project-info"])
        #expect(deal.overrides.allSatisfy { $0.reason == reason && $0.by == Fixture.user })
        let forced = try store.events(EventQuery(entity: "deal", entityID: 2, limit: 20)).first { $0.action == "forced" }
        #expect(forced?.note == reason)
        #expect(app.state.message?.text == "#2 → 销售进入 ⚑")
        #expect(app.state.board.selectedDeal?.id == 2)
        #expect(app.state.board.selectedDeal?.atRisk == true)
        // The card shows the risk mark; 300k sorts before 80k in 销售进入, so it is the first card.
        let canvas = app.canvas()
        #expect(canvas.text(y: 7, from: 28, to: 53).hasPrefix("⚑风险 ⚠ 无下一步"))
    }

    @Test func tickAndMoveTicksTheMilestonesWithoutRisk() throws {
        let (app, store) = try Fixture.handMade(.en)
        app.press("j")
        app.press(">")
        app.key(.tab)     // Focus stays on Cancel: it does not wrap onto Tick & move
        guard case .gate(let gate) = app.state.overlay else { Issue.record("no gate"); return }
        #expect(gate.dialog.selected == 2)
        #expect(app.screenText().contains("[ t Tick & move ]  [ f Force… ]  [ Esc Cancel ]"))
        app.press("t")
        #expect(app.state.overlay == nil)
        let deal = try store.deal(2)
        #expect(deal.stageKey == "entry")
        #expect(deal.milestonesDone.isSuperset(of: ["graded", "project-info"]))
        #expect(deal.overrides.isEmpty)
        let actions = try Self.actions(store, 2)
        #expect(actions.filter { $0 == "milestone" }.count == 2)
        #expect(actions.contains("moved"))
        #expect(!actions.contains("forced"))
        #expect(app.state.board.selectedDeal?.id == 2)
        #expect(app.state.board.selectedDeal?.atRisk == false)
    }

    @Test func moveBack() throws {
        let (app, store) = try Fixture.handMade(.zh)
        app.press("l")
        #expect(app.state.board.selectedDeal?.id == 3)
        app.press("<")
        let deal = try store.deal(3)
        #expect(deal.stageKey == "develop")
        #expect(try Self.actions(store, 3).contains("moved"))
        // Walking back over the forced develop gate drops the override: no longer at risk.
        #expect(deal.overrides.isEmpty)
        #expect(app.state.board.column == 0)
        #expect(app.state.board.selectedDeal?.id == 3)
        // And from the first stage there is nowhere further back.
        app.press(",")
        #expect(try store.deal(3).stageKey == "develop")
        #expect(app.state.message?.text.contains("没有更多阶段") == true)
    }
}
