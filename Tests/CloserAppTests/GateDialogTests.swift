import CloserApp
import CloserCore
import CloserSQLite
import Foundation
import Testing
import TerminalUI

/// The gate dialog over a milestone the data proves (内线和关键人: an inside coach and a
/// decision-maker on the org chart): no tick passes it; the dialog says what is missing, `o`
/// opens the account's org chart, `f` forces with a reason (at risk). Deal 3 (汽轮机备件, in
/// 销售进入) belongs to 上海电气集团, whose org chart is empty.
@Suite struct GateDialogTests {
    static func gate(_ app: App) -> GateState? {
        if case .gate(let gate) = app.state.overlay { return gate }
        return nil
    }

    static func openGate(_ lang: Language, width: Int = 80, height: Int = 24) throws -> (App, SQLiteStore) {
        let (app, store) = try Fixture.handMade(lang, width: width, height: height)
        app.press("l")
        #expect(app.state.board.selectedDeal?.id == 3)
        app.press(">")
        return (app, store)
    }

    @Test func aProvenMilestoneCannotBeTickedInChinese() throws {
        let (app, store) = try Self.openGate(.zh)
        let gate = try #require(Self.gate(app))
        #expect(gate.unmet.map(\.milestone.key) == ["coach-and-key-persons"])
        #expect(gate.missing == [.insideCoach, .decisionMaker])
        #expect(!gate.canTick && gate.accountID == 3)
        #expect(gate.dialog.buttons == ["强制推进…", "组织结构", "取消"])
        #expect(gate.dialog.selected == 2, "focus starts on Cancel")
        let lines = app.lines()
        let top = try #require(lines.firstIndex { $0.contains("┌ 关键节点未达成") })
        let box = lines[top...].prefix { !$0.contains("└") }.map { line -> String in
            let start = line.firstIndex(of: "│") ?? line.startIndex
            return String(line[start...])
        }
        let width = 80
        func line(_ text: String) -> String { "│ " + TextWidth.padRight(text, to: width - 3) + "│" }
        #expect(box == [
            "┌ 关键节点未达成 " + String(repeating: "─", count: width - 18) + "┐",
            line("#3 汽轮机备件 → 提案"),
            line(""),
            line("以下关键节点尚未达成："),
            line("  ◇ 内线和关键人 (销售进入) · 由组织结构图证明"),
            line(""),
            line("该客户尚缺内线、决策者：不能用手动勾选代替。按 o"),
            line("打开组织结构图补上；或填写原因强制推进（商机标记为风险）。"),
            line(""),
            line("               [ f 强制推进… ]  [ o 组织结构 ]  [ Esc 取消 ]"),
        ])
        #expect(app.canvas().wideCharactersIntact)
        // t ticks nothing: the dialog stays and says why.
        app.press("t")
        #expect(Self.gate(app) != nil)
        #expect(app.state.message?.text == "该节点由组织结构图证明，不能勾选：补上缺少的人（o）或填写原因强制推进（f）")
        #expect(try store.deal(3).milestonesDone.isEmpty && store.deal(3).stageKey == "entry")
        // Tab and → stop at Cancel; ← goes back.
        app.key(.tab)
        app.key(.right)
        #expect(Self.gate(app)?.dialog.selected == 2)
        app.key(.left)
        #expect(Self.gate(app)?.dialog.selected == 1)
        // o: the org chart of the deal's account.
        app.press("o")
        #expect(app.state.overlay == nil)
        #expect(app.state.screen == .orgChart)
        #expect(app.state.orgChart.accountID == 3)
    }

    @Test func forcingWithAReasonMarksTheDealAtRiskInEnglish() throws {
        let (app, store) = try Self.openGate(.en)
        let gate = try #require(Self.gate(app))
        #expect(gate.dialog.buttons == ["Force…", "Org chart", "Cancel"])
        #expect(app.screenText().contains("[ f Force… ]  [ o Org chart ]  [ Esc Cancel ]"))
        let lines = app.lines()
        let said = try #require(lines.firstIndex { $0.hasPrefix("│ The account lacks") })
        #expect(Array(lines[said...(said + 2)]) == [
            "│ The account lacks an inside coach and a decision-maker: a tick cannot stand  │",
            "│ in for it. o opens the org chart to map them; or force the move with a       │",
            "│ reason (the deal is marked at risk).                                         │",
        ])
        app.press("f")
        guard case .prompt = app.state.overlay else { Issue.record("no reason prompt"); return }
        app.type("Customer asked for the proposal now")
        app.key(.enter)
        let deal = try store.deal(3)
        #expect(deal.stageKey == "proposal")
        #expect(deal.overrides.contains { $0.milestoneKey == "coach-and-key-persons" && $0.reason == "Customer asked for the proposal now" })
        #expect(app.state.message?.text == "#3 → Proposal ⚑")
    }

    @Test func escCancelsAndNothingMoves() throws {
        let (app, store) = try Self.openGate(.zh)
        app.key(.escape)
        #expect(app.state.overlay == nil)
        #expect(try store.deal(3).stageKey == "entry")
    }

    @Test func theOpenDealRefusesToTickAProvenMilestone() throws {
        let (app, store) = try Fixture.handMade(.zh)
        app.press("l")
        app.key(.enter)
        app.press("j")
        app.press("j")  // 内线和关键人
        app.press(" ")
        #expect(try store.deal(3).milestonesDone.isEmpty)
        #expect(app.state.message?.isError == true)
        #expect(app.state.message?.text == "「内线和关键人」由组织结构图证明，不能手动勾选：该客户尚缺内线、决策者 —— 按 o 打开组织结构图")
    }
}
