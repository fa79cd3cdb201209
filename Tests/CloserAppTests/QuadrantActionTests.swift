@testable import CloserApp
import CloserCore
import CloserSQLite
import Foundation
import Testing
import TerminalUI

/// The quadrant's side panel actions become work: `P` walks the actions that move the selected
/// account toward Strategic, Enter asks for a day (the next working day filled in) and plans the
/// action on the account alone; it then shows in the account's 360° view. The fixture's today is
/// Monday 2026-11-23, so the day offered is Tuesday 11-24; 中国石化 (account 1, Strategic) is selected.
@Suite("Quadrant actions become plans")
struct QuadrantActionTests {
    private func accountPlans(_ store: SQLiteStore, _ accountID: Int64 = 1) throws -> [PlannedActivity] {
        try store.plannedActivities(PlanQuery(accountID: accountID, accountOnly: true))
    }

    private func prompt(_ app: App) -> PromptState? {
        if case .prompt(let prompt) = app.state.overlay { return prompt }
        return nil
    }

    @Test func keysWalkTheActionsAndEnterPlansTheChosenOneOnTheAccount() throws {
        let (app, store) = try AccountFixture.app(.zh, screen: "4")
        #expect(app.state.quadrant.selected?.account.id == 1)
        app.press("P")
        #expect(app.state.quadrant.actionCursor == 0)
        // While choosing, ↑↓ and j k walk the actions, not the accounts.
        #expect(QuadrantScreen.contexts(app.state).first == .quadrantActions)
        app.press("j")
        app.key(.down)
        app.key(.down)
        app.press("k")
        #expect(app.state.quadrant.actionCursor == 2)
        #expect(app.state.quadrant.selected?.account.id == 1, "the account stays selected")
        for _ in 0..<20 { app.key(.down) }
        #expect(app.state.quadrant.actionCursor == QuadrantActions.all.count - 1, "the cursor stops at the last action")
        for _ in 0..<7 { app.key(.up) }
        #expect(app.state.quadrant.actionCursor == 2)

        app.key(.enter)
        let asked = try #require(prompt(app))
        #expect(asked.purpose == .planAction(accountID: 1, text: "联合促销"))
        #expect(asked.field.text == "2026-11-24", "the next working day is offered")
        app.key(.enter)
        #expect(app.state.overlay == nil)
        let plans = try accountPlans(store)
        #expect(plans.map(\.text) == ["联合促销"] && plans.first?.due == Day(year: 2026, month: 11, day: 24) && plans.first?.dealID == nil)
        #expect(plans.first?.owner == Fixture.user)
        #expect(app.state.message?.text == "P\(plans[0].id) 已计划: 联合促销 — 2026-11-24 · \(AccountFixture.sinopec)")
        // The account's deals keep their own next steps.
        #expect(try store.deal(1).nextStep == "拜访总工" && store.deal(4).nextStep == "提交方案")
        // Still choosing, for the next action; Esc goes back to the accounts.
        #expect(app.state.quadrant.actionCursor == 2)
        app.key(.escape)
        #expect(app.state.quadrant.actionCursor == nil)
        app.key(.down)
        #expect(app.state.quadrant.actionCursor == nil)
    }

    @Test func aTypedDayIsReadAndABadOneIsSaidInTheDialog() throws {
        let (app, store) = try AccountFixture.app(.en, screen: "4")
        app.press("P")
        app.key(.enter)
        app.key(.ctrl("u"))
        app.type("2026-11-01")
        app.key(.enter)
        let refused = try #require(prompt(app))
        #expect(refused.error == "a day from today on: YYYY-MM-DD, +3, tomorrow, tue")
        #expect(refused.field.text == "2026-11-01", "what was typed stays")
        #expect(try accountPlans(store).isEmpty, "nothing written")
        app.key(.ctrl("u"))
        app.type("fri")
        app.key(.enter)
        let plans = try accountPlans(store)
        #expect(plans.map(\.text) == ["Product innovation for this customer"] && plans.first?.due == Day(year: 2026, month: 11, day: 27))
        // Esc in the dialog plans nothing.
        app.key(.enter)
        #expect(prompt(app) != nil)
        app.key(.escape)
        #expect(try prompt(app) == nil && accountPlans(store).count == 1)
    }

    @Test func nothingToChooseWithoutASelectedAccount() throws {
        let (app, _) = try AccountFixture.app(.en, screen: "4")
        app.press("/")
        app.type("no such account")
        app.key(.enter)
        #expect(app.state.quadrant.selected == nil)
        app.press("P")
        #expect(app.state.quadrant.actionCursor == nil)
        #expect(app.state.message?.text == "Select an account first" && app.state.message?.isError == true)
    }

    @Test func thePlannedActionShowsInTheAccounts360View() throws {
        let (app, _) = try AccountFixture.app(.zh, screen: "4")
        app.press("P")
        app.key(.down)
        app.key(.enter)
        app.key(.enter)
        app.key(.escape)
        app.key(.enter)
        let lines = app.lines()
        let heading = try #require(lines.firstIndex { $0.contains("客户层面的计划") }, "\(lines.joined(separator: "\n"))")
        #expect(lines[heading + 1].contains("P3 11-24 信息系统共享 · 1 天后"), "\(lines[heading + 1])")
    }

    // MARK: Rendered text

    /// The side panel's rows while choosing (the third action chosen), and the dialog over the screen.
    private func choosing(_ lang: Language, width: Int, height: Int, dialog: Bool) throws -> [String] {
        let (app, _) = try AccountFixture.app(lang, width: width, height: height, screen: "4")
        app.press("P")
        app.key(.down)
        app.key(.down)
        if dialog { app.key(.enter) }
        return app.lines()
    }

    @Test func panelWhileChoosingInChineseAt80x24() throws {
        let lines = try choosing(.zh, width: 80, height: 24, dialog: false)
        expectLines(Array(lines[3...19]), Self.panelZH80)
        // The chosen action is drawn selected; the others are not.
        let (app, _) = try AccountFixture.app(.zh, screen: "4")
        app.press("P")
        app.key(.down)
        app.key(.down)
        let canvas = app.canvas()
        #expect(canvas.roleAt(x: 56, y: 9) == .selected && canvas.roleAt(x: 56, y: 8) == .normal)
    }

    @Test func panelWhileChoosingInEnglishAt80x24() throws {
        let lines = try choosing(.en, width: 80, height: 24, dialog: false)
        expectLines(Array(lines[3...19]), Self.panelEN80)
    }

    @Test func panelWhileChoosingInChineseAt160x48() throws {
        let lines = try choosing(.zh, width: 160, height: 48, dialog: false)
        expectLines(Array(lines[3...19]), Self.panelZH160)
    }

    @Test func panelWhileChoosingInEnglishAt160x48() throws {
        let lines = try choosing(.en, width: 160, height: 48, dialog: false)
        expectLines(Array(lines[3...19]), Self.panelEN160)
    }

    @Test func dialogInChineseAt80x24() throws {
        let lines = try choosing(.zh, width: 80, height: 24, dialog: true)
        expectLines(Array(lines[9...13]), Self.dialogZH80)
    }

    @Test func dialogInEnglishAt80x24() throws {
        let lines = try choosing(.en, width: 80, height: 24, dialog: true)
        expectLines(Array(lines[9...13]), Self.dialogEN80)
    }

    @Test func dialogInChineseAt160x48() throws {
        let lines = try choosing(.zh, width: 160, height: 48, dialog: true)
        expectLines(Array(lines[21...25]), Self.dialogZH160)
    }

    @Test func dialogInEnglishAt160x48() throws {
        let lines = try choosing(.en, width: 160, height: 48, dialog: true)
        expectLines(Array(lines[21...25]), Self.dialogEN160)
    }

    static let panelZH80: [String] = [
        "↑ 客户忠诚度 高                                     ┌ 中国石化北京分公司 ──────┐",
        "┌ 忠实客户 ─────────────┐┌ 忠诚度网络 ────────────┐ │ 忠诚度网络 · 协7 忠8     │",
        "│ C 上海电气集团       —││ A 中国石化北京分… 370万│ │ 计划一项行动（Enter）：  │",
        "│                       ││                        │ │ ↑ 提升忠诚度             │",
        "│                       ││                        │ │   产品创新               │",
        "│                       ││                        │ │   信息系统共享           │",
        "│                       ││                        │ │ ▸ 联合促销               │",
        "│                       ││                        │ │   联合计划与预测         │",
        "│                       ││                        │ │   专属报价与方案         │",
        "└─ 1 · 在途 0 ──────────┘└─ 1 · 在途 370万 ───────┘ │ → 提升协助               │",
        "┌ 接受市场的客户 ───────┐┌ 机会客户 ──────────────┐ │   供应链协作             │",
        "│ D 宝钢股份           —││ B 华为技术有限公 … 30万│ │   产品使用知识           │",
        "│                       ││                        │ │   竞争情报               │",
        "│                       ││                        │ │   培训                   │",
        "│                       ││                        │ │   专业化销售人员         │",
        "│                       ││                        │ │ Enter 计划 · Esc 返回    │",
        "│                       ││                        │ │                          │",
    ]
    static let panelEN80: [String] = [
        "↑ loyalty high                                      ┌ 中国石化北京分公司 ──────┐",
        "┌ Loyal ────────────────┐┌ Strategic ─────────────┐ │ Strategic · A7 L8        │",
        "│ C 上海电气集团       —││ A 中国石化北京分 … 3.7M│ │ Plan an action (Enter):  │",
        "│                       ││                        │ │ ↑ raise loyalty          │",
        "│                       ││                        │ │   Product innovation for │",
        "│                       ││                        │ │   Shared information syst│",
        "│                       ││                        │ │ ▸ Joint promotions       │",
        "│                       ││                        │ │   Joint planning and fore│",
        "│                       ││                        │ │   Offers made for this cu│",
        "└─ 1 · pipeline 0 ──────┘└─ 1 · pipeline 3.7M ────┘ │ → raise assistance       │",
        "┌ Market ───────────────┐┌ Opportunity ───────────┐ │   Supply-chain collaborat│",
        "│ D 宝钢股份           —││ B 华为技术有限公 … 300k│ │   Product-use knowledge  │",
        "│                       ││                        │ │   Competitive intelligenc│",
        "│                       ││                        │ │   Training               │",
        "│                       ││                        │ │   Specialised sellers    │",
        "│                       ││                        │ │ Enter plan · Esc back    │",
        "│                       ││                        │ │                          │",
    ]
    static let panelZH160: [String] = [
        "↑ 客户忠诚度 高                                                                                            ┌ 中国石化北京分公司 ───────────────────────────────┐",
        "┌ 忠实客户 ─────────────────────────────────────────┐┌ 忠诚度网络 ───────────────────────────────────────┐ │ 忠诚度网络 · 协7 忠8                              │",
        "│ C 上海电气集团                                   —││ A 中国石化北京分公司                         370万│ │ 计划一项行动（Enter）：                           │",
        "│                                                   ││                                                   │ │ ↑ 提升忠诚度                                      │",
        "│                                                   ││                                                   │ │   产品创新                                        │",
        "│                                                   ││                                                   │ │   信息系统共享                                    │",
        "│                                                   ││                                                   │ │ ▸ 联合促销                                        │",
        "│                                                   ││                                                   │ │   联合计划与预测                                  │",
        "│                                                   ││                                                   │ │   专属报价与方案                                  │",
        "│                                                   ││                                                   │ │ → 提升协助                                        │",
        "│                                                   ││                                                   │ │   供应链协作                                      │",
        "│                                                   ││                                                   │ │   产品使用知识                                    │",
        "│                                                   ││                                                   │ │   竞争情报                                        │",
        "│                                                   ││                                                   │ │   培训                                            │",
        "│                                                   ││                                                   │ │   专业化销售人员                                  │",
        "│                                                   ││                                                   │ │ Enter 计划 · Esc 返回                             │",
        "│                                                   ││                                                   │ │                                                   │",
    ]
    static let panelEN160: [String] = [
        "↑ loyalty high                                                                                             ┌ 中国石化北京分公司 ───────────────────────────────┐",
        "┌ Loyal ────────────────────────────────────────────┐┌ Strategic ────────────────────────────────────────┐ │ Strategic · A7 L8                                 │",
        "│ C 上海电气集团                                   —││ A 中国石化北京分公司                          3.7M│ │ Plan an action (Enter):                           │",
        "│                                                   ││                                                   │ │ ↑ raise loyalty                                   │",
        "│                                                   ││                                                   │ │   Product innovation for this customer            │",
        "│                                                   ││                                                   │ │   Shared information systems                      │",
        "│                                                   ││                                                   │ │ ▸ Joint promotions                                │",
        "│                                                   ││                                                   │ │   Joint planning and forecasting                  │",
        "│                                                   ││                                                   │ │   Offers made for this customer                   │",
        "│                                                   ││                                                   │ │ → raise assistance                                │",
        "│                                                   ││                                                   │ │   Supply-chain collaboration                      │",
        "│                                                   ││                                                   │ │   Product-use knowledge                           │",
        "│                                                   ││                                                   │ │   Competitive intelligence                        │",
        "│                                                   ││                                                   │ │   Training                                        │",
        "│                                                   ││                                                   │ │   Specialised sellers                             │",
        "│                                                   ││                                                   │ │ Enter plan · Esc back                             │",
        "│                                                   ││                                                   │ │                                                   │",
    ]
    static let dialogZH80: [String] = [
        "│            ┌ 计划到 中国石化北京分公司 ─────────────────────────┐            │",
        "│            │ → 联合促销                                         │ 测         │",
        "│            │ 2026-11-24                                         │ 案         │",
        "└─ 1 · 在途 0│ YYYY-MM-DD、+3、明天、周二 · Enter 计划 · Esc 取消 │            │",
        "┌ 接受市场的 └────────────────────────────────────────────────────┘            │",
    ]
    static let dialogEN80: [String] = [
        "│         ┌ Plan on 中国石化北京分公司 ─────────────────────────────┐ons       │",
        "│         │ → Joint promotions                                      │g and fore│",
        "│         │ 2026-11-24                                              │or this cu│",
        "└─ 1 · pip│ YYYY-MM-DD, +3, tomorrow, tue · Enter plan · Esc cancel │nce       │",
        "┌ Market ─└─────────────────────────────────────────────────────────┘collaborat│",
    ]
    static let dialogZH160: [String] = [
        "│                                                   │┌ 计划到 中国石化北京分公司 ─────────────────────────┐│                                                   │",
        "│                                                   ││ → 联合促销                                         ││                                                   │",
        "│                                                   ││ 2026-11-24                                         ││                                                   │",
        "└─ 1 · 在途 0 ──────────────────────────────────────┘│ YYYY-MM-DD、+3、明天、周二 · Enter 计划 · Esc 取消 ││                                                   │",
        "┌ 接受市场的客户 ───────────────────────────────────┐└────────────────────────────────────────────────────┘│                                                   │",
    ]
    static let dialogEN160: [String] = [
        "│                                                 ┌ Plan on 中国石化北京分公司 ─────────────────────────────┐                                                  │",
        "│                                                 │ → Joint promotions                                      │                                                  │",
        "│                                                 │ 2026-11-24                                              │                                                  │",
        "└─ 1 · pipeline 0 ────────────────────────────────│ YYYY-MM-DD, +3, tomorrow, tue · Enter plan · Esc cancel │                                                  │",
        "┌ Market ─────────────────────────────────────────└─────────────────────────────────────────────────────────┘                                                  │",
    ]
}
