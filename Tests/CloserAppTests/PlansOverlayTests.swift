@testable import CloserApp
import CloserCore
import CloserSQLite
import Foundation
import Testing
import TerminalUI

/// The open deal's `p`: its planned activities in an overlay — the list with days and where each
/// stands, planning one (kind picked, day, time), doing one (back-dated, persons met), cancelling.
@Suite("Planned activities overlay")
struct PlansOverlayTests {
    /// Deal #1 (中国石化, account 1 with the org chart's persons) open; its next step became P1
    /// (拜访总工, overdue since 11-20); two plans added: an overdue call and a quote next week.
    private func world(_ lang: Language, width: Int = 80, height: Int = 24) throws -> (App, SQLiteStore) {
        let store = try Fixture.memoryStore(OrgChartFixture.snapshot())
        _ = try store.planActivity(PlannedActivity(dealID: 1, kind: .call, text: "给总工打电话", due: Fixture.today.adding(days: -2),
                                                   time: TimeOfDay("09:30")))
        _ = try store.planActivity(PlannedActivity(dealID: 1, kind: .quote, text: "发送修订报价", due: Fixture.today.adding(days: 4)))
        let app = Fixture.app(store, lang, width: width, height: height)
        app.key(.enter)
        app.press("p")
        return (app, store)
    }

    private func plans(_ app: App) throws -> PlansState {
        guard case .plans(let plans) = app.state.overlay else { throw PlansTestError.notOpen }
        return plans
    }

    enum PlansTestError: Error { case notOpen }

    @Test func theListInChineseAt80() throws {
        let (app, _) = try world(.zh)
        let lines = app.lines()
        #expect(Array(lines[1...4]) == [
            " 开 ┌ 计划行动 — #1 炼油厂泵站改造 ────────────────────────────────────────┐  1▶",
            " 合 │ P1   2026-11-20       其他     拜访总工                    逾期 3 天 │",
            "────│ P5   2026-11-21 09:30 电话     给总工打电话                逾期 2 天 │────",
            " A  │ P6   2026-11-27       报价     发送修订报价                   4 天后 │ ✚3",
        ])
        #expect(lines[21] == "    │ a 计划一项行动  d 标记完成（何时、见了谁）  x 取消计划  Esc 关闭 /   │")
        // Overdue plans in the overdue colour, the next one selected.
        let canvas = app.canvas()
        #expect(canvas.roleAt(x: 30, y: 3) == .cardOverdue)
        #expect(canvas.roleAt(x: 30, y: 4) == .normal)
    }

    @Test func theListInEnglishAt160() throws {
        let (app, _) = try world(.en, width: 160, height: 48)
        let lines = app.lines()
        #expect(Array(lines[2...4]) == [
            " Σ 1│ P1   2026-11-20       Other           拜访总工                                                                                           overdue 3 d │",
            "────│ P5   2026-11-21 09:30 Call            给总工打电话                                                                                       overdue 2 d │────",
            " A  │ P6   2026-11-27       Quote           发送修订报价                                                                                            in 4 d │",
        ])
        #expect(lines[45].contains("│ a Plan an activity  d Mark done (when, whom met)  x Cancel the plan  Esc Close"), "\(lines[45])")
    }

    @Test func planningAnActivityPicksItsKindAndReadsDayAndTime() throws {
        let (app, store) = try world(.zh)
        app.press("a")
        app.key(.backTab)          // to the kind
        app.type("yj")             // 邮件
        let picking = app.lines()
        #expect(picking.contains { $0.contains("│> yj ") && $0.contains("1/10│") }, "\(picking.joined(separator: "\n"))")
        app.key(.enter)
        app.key(.tab)
        app.type("发送样品")
        app.key(.tab)
        app.type("+3")
        app.key(.tab)
        app.type("25:00")
        app.key(.enter)
        #expect(Array(app.lines()[7...8]) == [
            " ⏰ │ 时间: 25:00                                                          │",
            "    │       时间格式如 09:30                                               │",
        ], "the time refused beneath its field")
        #expect(try store.plannedActivities(PlanQuery(dealID: 1)).count == 3, "nothing written")
        app.key(.ctrl("u"))
        app.type("10:00")
        app.key(.enter)
        let saved = try #require(try store.plannedActivities(PlanQuery(dealID: 1)).first { $0.text == "发送样品" })
        #expect(saved.kind == .email && saved.due == Fixture.today.adding(days: 3) && saved.time == TimeOfDay("10:00"))
        #expect(app.state.message?.text == "\(saved.reference) 已计划: 邮件 · 发送样品 — 2026-11-26 10:00")
        #expect(try plans(app).rows.map(\.text) == ["拜访总工", "给总工打电话", "发送样品", "发送修订报价"])
    }

    @Test func doingAPlanBackDatedWithAPersonMetMovesTheirLastMetAndTheNextStep() throws {
        let (app, store) = try world(.zh)
        app.press("d")             // P1, the next one
        app.key(.ctrl("u"))
        app.type("明天")
        app.key(.enter)
        let refused = try plans(app)
        guard case .done(_, let form) = refused.mode else { Issue.record("the form closed"); return }
        #expect(form.fields[PlansState.onField].error == "不晚于今天的日期：YYYY-MM-DD、昨天、-2")
        app.key(.ctrl("u"))
        app.type("昨天")
        app.key(.tab)
        app.type("lg")             // 李工
        app.press(" ")
        app.key(.enter)
        app.key(.tab)
        app.type("谈了技术方案")
        app.key(.enter)
        #expect(app.state.message?.text == "P1 完成于 2026-11-22，见了 李工")
        #expect(try store.person(2).lastMet == Fixture.today.adding(days: -1))
        let activity = try #require(try store.activities(accountID: 1, dealID: 1, limit: 1).first)
        #expect(activity.personIDs == [2] && activity.day == Fixture.today.adding(days: -1) && activity.notes == "谈了技术方案")
        #expect(try plans(app).rows.last?.text == "拜访总工" && (try plans(app).rows.last?.isDone ?? false))
        // Back to the deal, read again: the next step is now the overdue call.
        app.key(.escape)
        guard case .detail(let detail) = app.state.overlay else { Issue.record("not back on the deal"); return }
        #expect(detail.deal.nextStep == "给总工打电话" && detail.deal.nextStepDue == Fixture.today.adding(days: -2))
        app.key(.escape)
        #expect(app.lines()[7] == " ⏰ 11-21 逾期 2天 · 给总…│ ⚑风险 → 今天到期 · 准备 …│ → 12-01 提交方案", "the card shows the next plan, overdue")
    }

    @Test func cancellingAsksFirst() throws {
        let (app, store) = try world(.en)
        app.press("j")
        app.press("x")
        #expect(app.screenText().contains("Cancel P5?"))
        app.press("n")
        #expect(try store.plannedActivities(PlanQuery(dealID: 1)).count == 3)
        app.press("x")
        app.press("y")
        #expect(try store.plannedActivities(PlanQuery(dealID: 1)).map(\.text) == ["拜访总工", "发送修订报价"])
        #expect(app.state.message?.text == "P5 cancelled: 给总工打电话")
    }

    @Test func theDoneFormAt160InEnglishPicksPersonsMet() throws {
        let (app, _) = try world(.en, width: 160, height: 48)
        app.press("d")
        app.key(.tab)
        app.press(" ")
        let lines = app.lines()
        #expect(lines[2] == " Σ 1│ Done: P1 Other · 拜访总工                                                                                                                            │")
        #expect(lines[4].hasPrefix(" A  │ Done on: 2026-11-23"), "\(lines[4])")
        let top = try #require(lines.firstIndex { $0.contains("┌ Persons met ─") })
        #expect(lines[top + 1].contains("│>") && lines[top + 1].contains("5/5│"), "\(lines[top + 1])")
        #expect(lines[top + 3].contains("[ ] 王建国") && lines[top + 3].contains("总经理"), "\(lines[top + 3])")
    }

    @Test func openingAsksForThePlansAsWorkAndTheReplyFillsTheList() {
        var state = Fixture.state(.en)
        let deal = Deal(id: 9, accountID: 4, title: "t", processKey: "project", stageKey: "develop", amount: Money(minorUnits: 0), owner: Fixture.user)
        let effects = PlansUpdate.open(&state, deal: deal, cursor: 2)
        guard case .work(let work as ReadPlans, .plans)? = effects.first, effects.count == 1 else {
            Issue.record("expected one ReadPlans"); return
        }
        #expect(work == ReadPlans(dealID: 9, accountID: 4))
        let plan = PlannedActivity(id: 3, dealID: 9, kind: .call, text: "call", due: Fixture.today)
        _ = PlansUpdate.update(&state, .reply(ReadPlans.Reply(plans: [plan], persons: [])))
        guard case .plans(let plans) = state.overlay else { Issue.record("closed"); return }
        #expect(plans.loaded && plans.rows == [plan])
        let close = PlansUpdate.update(&state, .command(.close))
        guard case .openDeal(9, cursor: 2)? = close.first else { Issue.record("Esc should reopen the deal"); return }
        #expect(state.overlay == nil)
    }
}
