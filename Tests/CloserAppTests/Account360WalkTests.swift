import CloserApp
import CloserCore
import CloserSQLite
import Foundation
import Testing
import TerminalUI

/// The 360° view you can walk: ↑↓ select a deal, a person or an activity, Enter opens it; m sets
/// the buyer's maturity with the method's guidance; a return to the pool says why and who.
@Suite struct Account360WalkTests {
    /// A line up to the rule after the left column: "  │ facts │".
    static func left(_ line: String) -> String {
        line.split(separator: "│", omittingEmptySubsequences: false).prefix(2).joined(separator: "│") + "│"
    }

    static func detail(_ app: App) -> Account360State? {
        if case .accounts(.account(let detail)) = app.state.overlay { detail } else { nil }
    }

    @Test func theListsAreSelectedInOrderAndShownSo() throws {
        let (app, _) = try Account360Tests.open()
        #expect(Self.detail(app)?.selection == nil)
        app.press("j")
        #expect(Self.detail(app)?.selectedItem == .deal(1))
        let canvas = app.canvas()
        #expect(canvas.roleAt(x: 33, y: 3) == .selected && canvas.roleAt(x: 74, y: 3) == .selected, "the whole line")
        #expect(canvas.roleAt(x: 33, y: 4) != .selected)
        app.press("j")
        app.press("j")
        #expect(Self.detail(app)?.selectedItem == .person(1))
        #expect(app.canvas().roleAt(x: 33, y: 6) == .selected)
        for _ in 0..<5 { app.press("j") }
        guard case .activity(let activity) = Self.detail(app)?.selectedItem else { Issue.record("the last line is the activity"); return }
        #expect(activity.id == 1)
        app.press("k")
        #expect(Self.detail(app)?.selectedItem == .person(2))
    }

    @Test func enterOnADealOpensIt() throws {
        let (app, _) = try Account360Tests.open()
        app.press("j")
        app.press("j")
        app.key(.enter)
        guard case .detail(let deal) = app.state.overlay else { Issue.record("the deal is not open"); return }
        #expect(deal.deal.id == 4)
        #expect(app.lines()[1].contains("#4 储罐区安全监控"))
        // Esc goes back to the account it was opened from.
        app.key(.escape)
        #expect(Self.detail(app)?.account.id == 1)
        #expect(app.lines()[1].contains("客户 360° · 中国石化北京分公司"))
    }

    @Test func enterOnAPersonOpensTheOrgChartOnThem() throws {
        let (app, _) = try Account360Tests.open(.en, width: 160, height: 48)
        for _ in 0..<4 { app.press("j") }
        #expect(Self.detail(app)?.selectedItem == .person(2))
        app.key(.enter)
        #expect(app.state.overlay == nil)
        #expect(app.state.screen == .orgChart)
        #expect(app.state.orgChart.accountID == 1 && app.state.orgChart.selected == 2)
    }

    @Test func enterOnAnActivityOpensItsDeal() throws {
        let (app, _) = try Account360Tests.open()
        app.press("G")
        for _ in 0..<5 { app.press("j") }
        app.key(.enter)
        guard case .detail(let deal) = app.state.overlay else { Issue.record("the deal is not open"); return }
        #expect(deal.deal.id == 1)
    }

    @Test func enterWithNothingSelectedSaysHow() throws {
        let (app, _) = try Account360Tests.open()
        app.key(.enter)
        #expect(Self.detail(app) != nil)
        #expect(app.state.message?.text == "请先选中商机、人员或行动（↑↓）")
    }

    @Test func maturityStepsThroughTheFourLevelsWithTheMethodsGuidance() throws {
        let (app, store) = try Account360Tests.open(.en, width: 160, height: 48)
        let version = try store.account(1).version
        #expect(app.lines()[14].hasPrefix("  │ Maturity       not judged [m]          │"))
        app.press("m")
        let saved = try store.account(1)
        #expect(saved.maturity == .generalist && saved.version == version + 1)
        #expect(app.state.message?.text == "\(AccountFixture.sinopec) · Maturity 1 Inexperienced generalist")
        let lines = app.lines()
        #expect(lines[14].hasPrefix("  │ Maturity       1 Inexperienced generali│"))
        #expect(lines[16...20].map(Self.left) == [
            "  │ → Sell the whole system with strong    │",
            "  │   support: proven technology,          │",
            "  │   installation, training and service;  │",
            "  │   guide the long decision step by step.│",
            "  │                                        │",
        ])
        #expect(app.canvas().roleAt(x: 4, y: 16) == .accent)
        for _ in 0..<3 { app.press("m") }
        #expect(try store.account(1).maturity == .specialist)
        app.press("m")
        #expect(try store.account(1).maturity == .generalist, "after the fourth level, the first again")
        let event = try #require(try store.events(EventQuery(entity: "account", entityID: 1, limit: 1)).first)
        #expect(Set(event.changes.keys) == ["maturity"])
    }

    @Test func maturityInChineseAt80x24() throws {
        let (app, store) = try Account360Tests.open()
        app.press("m")
        app.press("m")
        #expect(try store.account(1).maturity == .familiar)
        let lines = app.lines()
        #expect(lines[14].hasPrefix("  │ 成熟度       2 逐渐熟悉 [m]"))
        #expect(lines[16...17].map(Self.left) == ["  │ → 留意转变的迹象：让高层和使│", "  │   用部门继续参与决策，并与客│"])
    }

    @Test func aReturnSaysWhyAndWho() throws {
        let (app, _) = try AccountOwnershipTests.open(AccountOwnershipTests.sinopec, as: "wang.lei")
        app.press("r")
        app.type("客户转由总部统一采购")
        app.key(.enter)
        #expect(Self.detail(app)?.ownership.returnedBy == "wang.lei")
        let lines = app.lines()
        let row = try #require(lines.firstIndex { $0.contains("│ 退回原因") })
        #expect(Self.left(lines[row]) == "  │ 退回原因     客户转由总部统一采购   │")
        #expect(Self.left(lines[row + 1]) == "  │ 退回人       wang.lei               │")
    }
}
