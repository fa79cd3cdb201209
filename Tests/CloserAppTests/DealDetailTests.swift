import CloserApp
import CloserCore
import CloserSQLite
import Foundation
import Testing
import TerminalUI

/// The open deal at 80×24: box (2,1)–(77,22); facts from x 4 (labels 8 wide, values at x 14);
/// milestones from x 41; the footer from row 17.
@Suite struct DealDetailTests {
    static func detail(_ app: App) -> DealDetailState? {
        if case .detail(let detail) = app.state.overlay { return detail }
        return nil
    }

    static func trimmed(_ canvas: Canvas, y: Int, from: Int, to: Int) -> String {
        var text = canvas.text(y: y, from: from, to: to)
        while text.last == " " { text.removeLast() }
        return text
    }

    @Test func rendersFactsAndTheMilestoneChecklist() throws {
        let (app, store) = try Fixture.handMade(.zh)
        app.key(.enter)
        let detail = try #require(Self.detail(app))
        #expect(detail.deal.id == 1)
        let canvas = app.canvas()
        #expect(canvas.wideCharactersIntact)
        #expect(canvas.lines()[1].contains("#1 炼油厂泵站改造"))
        let facts = (2...11).map { Self.trimmed(canvas, y: $0, from: 4, to: 40) }
        #expect(facts == [
            "客户      中国石化北京分公司",
            "阶段      开发 · 项目型销售",
            "金额      CNY 1,200,000.00",
            "赢率      10%",
            "预计成交  —",
            "下一步    ⏰ 11-20 逾期 3天 · 拜访总",
            "负责人    wang.lei",
            "预测类别  管道 [f]",
            "关键人    ⚠ 未识别决策者 · 没有内线",
            "健康      ⚠ 2: #7 决策者 · #9 下一步",
        ])
        #expect(canvas.roleAt(x: 14, y: 10) == .error, "a missing decision-maker is a severe gap")
        #expect(Self.trimmed(canvas, y: 13, from: 4, to: 40) == "行动记录")
        app.press("f")
        #expect(try store.deal(1).forecastCategory == .bestCase)
        app.press("f")
        #expect(try store.deal(1).forecastCategory == .commit)
        #expect(app.state.message?.text == "#1 预测类别: 承诺")
        let milestones = (2...15).map { Self.trimmed(canvas, y: $0, from: 41, to: 76) }
        #expect(milestones == [
            "关键节点",
            "开发 10% ◀",
            " [x] 评估和分级",
            " [x] 准确的项目信息",
            "销售进入 20%",
            " [ ] 内线和关键人",
            "提案 40%",
            " [ ] 客户采购标准",
            "投标 60%",
            " [ ] 投标或议标",
            "商务谈判 80%",
            " [ ] 合同审批和合同签订",
            "工程实施 100%",
            " [ ] 工程验收和项目结项",
        ])
        #expect(canvas.roleAt(x: 42, y: 4) == .selected)
        #expect(canvas.roleAt(x: 42, y: 7) == "milestone.open")
        #expect(canvas.cell(x: 40, y: 5)?.text == "│")
        // Esc closes and keeps the selection.
        app.key(.escape)
        #expect(app.state.overlay == nil)
        #expect(app.state.board.selectedDeal?.id == 1)
    }

    @Test func atRiskDealShowsForcedMilestoneAndHalvedOdds() throws {
        let (app, _) = try Fixture.handMade(.en)
        app.press("l")
        app.key(.enter)
        let canvas = app.canvas()
        #expect(Self.trimmed(canvas, y: 5, from: 4, to: 40).hasSuffix("10%  ⚑ RISK"))
        #expect(Self.trimmed(canvas, y: 4, from: 41, to: 76) == " [!] Opportunity assessed and grade")  // cut at the column edge
        #expect(canvas.roleAt(x: 42, y: 5) == "milestone.open")
    }

    @Test func spaceTicksTheSelectedMilestone() throws {
        let (app, store) = try Fixture.handMade(.zh)
        app.press("j")
        app.key(.enter)
        #expect(Self.detail(app)?.deal.id == 2)
        app.press(" ")
        #expect(try store.deal(2).milestonesDone == ["graded"])
        #expect(Self.trimmed(app.canvas(), y: 4, from: 41, to: 76) == " [x] 评估和分级")
        app.press("j")
        #expect(Self.detail(app)?.cursor == 1)
        app.press(" ")
        #expect(try store.deal(2).milestonesDone == ["graded", "project-info"])
        #expect(Self.trimmed(app.canvas(), y: 5, from: 41, to: 76) == " [x] 准确的项目信息")
        // Space again unticks.
        app.press(" ")
        #expect(try store.deal(2).milestonesDone == ["graded"])
        #expect(Self.detail(app)?.cursor == 1)
        #expect(try store.events(EventQuery(entity: "deal", entityID: 2, limit: 10)).filter { $0.action == "milestone" }.count == 3)
    }

    @Test func editRefusesAnImpossibleDateAndSavesAValidEdit() throws {
        let (app, store) = try Fixture.handMade(.zh)
        app.press("j")
        app.key(.enter)
        app.press("e")
        guard case .edit = Self.detail(app)?.mode else { Issue.record("no edit form"); return }
        let before = try store.deal(2)
        app.key(.tab)  // 到期日
        app.type("2026-02-30")
        app.key(.enter)
        guard case .edit(let form) = Self.detail(app)?.mode else { Issue.record("the form closed on an invalid date"); return }
        #expect(form.fields[DealDetailState.dueField].error == "日期格式错误")
        #expect(form.fields[DealDetailState.nextStepField].error == nil)
        let lines = app.lines()
        let dueRow = try #require(lines.firstIndex { $0.contains("2026-02-30") })
        #expect(lines[dueRow].contains("到期日:"))
        #expect(lines[dueRow + 1].contains("日期格式错误"))
        #expect(app.canvas().roleAt(x: 14, y: dueRow + 1) == .error)
        let unchanged = try store.deal(2)
        #expect(unchanged.version == before.version)
        #expect(unchanged.nextStepDue == nil)
        // Fix it and add a next step.
        app.key(.ctrl("u"))
        app.type("2026-12-05")
        app.key(.backTab)
        app.type("约技术交流")
        app.key(.enter)
        guard case .browse = Self.detail(app)?.mode else { Issue.record("the form stayed open after a valid edit"); return }
        let saved = try store.deal(2)
        #expect(saved.nextStep == "约技术交流")
        #expect(saved.nextStepDue == Day(year: 2026, month: 12, day: 5))
        #expect(saved.amount == before.amount)
        #expect(saved.version == before.version + 1)
        #expect(app.state.message?.text == "#2 ✓ 保存")
        #expect(Self.trimmed(app.canvas(), y: 7, from: 4, to: 40) == "下一步    → 12-05 约技术交流")
    }

    @Test func editRefusesABadAmountWithoutWriting() throws {
        let (app, store) = try Fixture.handMade(.en)
        let version = try store.deal(1).version
        app.key(.enter)
        app.press("e")
        app.key(.tab)
        app.key(.tab)  // Amount
        app.key(.ctrl("u"))
        app.type("lots")
        app.key(.enter)
        guard case .edit(let form) = Self.detail(app)?.mode else { Issue.record("form closed"); return }
        #expect(form.fields[DealDetailState.amountField].error?.hasPrefix("not an amount") == true)
        #expect(try store.deal(1).amount.minorUnits == 120_000_000)
        // Esc leaves the form without saving.
        app.key(.escape)
        guard case .browse = Self.detail(app)?.mode else { Issue.record("Esc did not leave the form"); return }
        #expect(try store.deal(1).version == version)
    }

    @Test func logAnActivity() throws {
        let (app, store) = try Fixture.handMade(.zh)
        app.press("j")
        app.key(.enter)
        app.press("a")
        #expect(app.screenText().contains("记录行动 · Enter 保存 · Esc 取消"))
        #expect(app.screenText().contains("类型: 拜访"))
        // The kind is picked: from the notes up to it, "dh" (电话) and Enter.
        for _ in 0..<3 { app.key(.backTab) }
        app.type("dh")
        app.key(.enter)
        #expect(app.screenText().contains("类型: 电话"))
        for _ in 0..<3 { app.key(.tab) }
        app.type("电话沟通预算")
        app.key(.enter)
        let activities = try store.activities(accountID: nil, dealID: 2, limit: 10)
        #expect(activities.count == 1)
        #expect(activities.first?.kind == .call)
        #expect(activities.first?.notes == "电话沟通预算")
        #expect(activities.first?.day == Fixture.today)
        #expect(activities.first?.by == Fixture.user)
        #expect(app.state.message?.text == "电话 #2 2026-11-23 ✓")
        guard case .browse = Self.detail(app)?.mode else { Issue.record("still logging"); return }
        #expect(Self.trimmed(app.canvas(), y: 14, from: 4, to: 40) == "2026-11-23 电话 电话沟通预算")
    }

    @Test func markLostAsksAReason() throws {
        let (app, store) = try Fixture.handMade(.zh)
        app.press("j")
        app.key(.enter)
        app.press("x")
        // No list of reasons on this store: "other" is the reason, its text goes in the details.
        guard case .detail(let detail) = app.state.overlay, case .lose(let form) = detail.mode else { Issue.record("no loss form"); return }
        #expect(form.text(of: DealDetailState.lossReasonField) == "其他")
        #expect(form.focus == DealDetailState.lossNoteField)
        app.key(.enter)
        guard case .detail(let refused) = app.state.overlay, case .lose(let retry) = refused.mode else { Issue.record("empty reason accepted"); return }
        #expect(retry.fields[DealDetailState.lossNoteField].error == "请说明丢单原因")
        #expect(try store.deal(2).outcome == .open)
        app.type("价格太高")
        app.key(.enter)
        #expect(app.state.overlay == nil)
        let deal = try store.deal(2)
        #expect(deal.outcome == .lost)
        #expect(deal.outcomeReason == "价格太高")
        #expect(app.state.message?.text == "#2 丢单: 价格太高")
        // Closed deals leave the board.
        #expect(app.state.board.board?.columns.first?.count == 1)
        #expect(app.state.board.board?.columns.first?.cards.map(\.id) == [1])
    }

    @Test func markWon() throws {
        let (app, store) = try Fixture.handMade(.zh)
        app.key(.enter)
        app.press("w")
        #expect(app.state.overlay == nil)
        #expect(try store.deal(1).outcome == .won)
        #expect(app.state.message?.text == "#1 赢单 🎉")
        #expect(app.state.board.board?.columns.first?.cards.map(\.id) == [2])
        #expect(app.state.board.selectedDeal?.id == 2)
    }
}
