import CloserApp
import CloserCore
import CloserSQLite
import Foundation
import Testing
import TerminalUI

@Suite struct NewDealTests {
    static func form(_ app: App) -> NewDealState? {
        if case .newDeal(let form) = app.state.overlay { return form }
        return nil
    }

    @Test func emptyAccountAndTitleAreRefused() throws {
        let (app, store) = try Fixture.handMade(.zh)
        app.press("n")
        let opened = try #require(Self.form(app))
        #expect(opened.stageKey == "develop")
        #expect(app.screenText().contains("新建商机 — 开发"))
        app.key(.enter)
        let form = try #require(Self.form(app), "the form closed on empty fields")
        #expect(form.form.fields[NewDealState.accountField].error == "必填")
        #expect(form.form.fields[NewDealState.titleField].error == "必填")
        #expect(form.form.fields[NewDealState.amountField].error == nil)
        #expect(form.form.focus == NewDealState.accountField)
        let lines = app.lines()
        let accountRow = try #require(lines.firstIndex { $0.contains("客户:") })
        #expect(lines[accountRow + 1].contains("必填"))
        #expect(try store.exportSnapshot().deals.count == 5)
        app.key(.escape)
        #expect(app.state.overlay == nil)
    }

    @Test func unknownAccountIsCreatedAndBadAmountIsRefusedFirst() throws {
        let (app, store) = try Fixture.handMade(.zh)
        app.press("n")
        app.type("新客户有限公司")
        app.key(.tab)
        app.type("新项目")
        app.key(.tab)
        app.type("abc")
        app.key(.enter)
        let form = try #require(Self.form(app))
        #expect(form.form.fields[NewDealState.amountField].error == "金额格式错误：1200000、120万、1.5M")
        #expect(form.form.fields[NewDealState.accountField].error == nil)
        #expect(form.form.focus == NewDealState.amountField)
        let lines = app.lines()
        let amountRow = try #require(lines.firstIndex { $0.contains("abc") })
        #expect(lines[amountRow + 1].contains("金额格式错误"))
        #expect(try store.exportSnapshot().deals.count == 5)
        #expect(try store.exportSnapshot().accounts.count == 3)
        app.key(.ctrl("u"))
        app.type("50万")
        app.key(.tab)
        app.type("2027-01-31")
        app.key(.tab)
        app.type("发报价")
        app.key(.tab)
        app.type("+7")
        app.key(.enter)
        #expect(app.state.overlay == nil)
        let snapshot = try store.exportSnapshot()
        let account = try #require(snapshot.accounts.first { $0.name == "新客户有限公司" })
        #expect(account.owner == Fixture.user)
        let deal = try #require(snapshot.deals.first { $0.title == "新项目" })
        #expect(deal.accountID == account.id)
        #expect(deal.stageKey == "develop")
        #expect(deal.processKey == "project")
        #expect(deal.amount == Money(minorUnits: 50_000_000))
        #expect(deal.expectedClose == Day(year: 2027, month: 1, day: 31))
        #expect(deal.nextStep == "发报价")
        #expect(deal.nextStepDue == Day(year: 2026, month: 11, day: 30))
        #expect(deal.owner == Fixture.user)
        // The new deal (500k) sorts between 1.2M and 300k and is selected.
        #expect(app.state.board.selectedDeal?.id == deal.id)
        #expect(app.state.board.board?.columns.first?.cards.map(\.id) == [1, deal.id, 2])
        #expect(app.state.message?.text == "+ #\(deal.id) 新项目 — 新客户有限公司")
        #expect(app.canvas().roleAt(x: 1, y: 9) == "card.selected")
    }

    @Test func pinyinInitialsMatchingOneAccountUseIt() throws {
        let (app, store) = try Fixture.handMade(.zh)
        app.press("l")
        app.press("l")  // 提案
        app.press("n")
        app.type("zgsh")
        app.key(.tab)
        app.type("加氢装置")
        app.key(.enter)
        #expect(app.state.overlay == nil)
        let snapshot = try store.exportSnapshot()
        #expect(snapshot.accounts.count == 3)
        let deal = try #require(snapshot.deals.first { $0.title == "加氢装置" })
        #expect(deal.accountID == 1)
        #expect(deal.stageKey == "proposal")
        #expect(deal.amount.minorUnits == 0)
        #expect(app.state.board.column == 2)
        #expect(app.state.board.selectedDeal?.id == deal.id)
    }

    @Test func ambiguousAccountListsTheMatches() throws {
        let (app, store) = try Fixture.handMade(.zh)
        app.press("n")
        app.type("公司")
        app.key(.tab)
        app.type("新项目")
        app.key(.enter)
        let form = try #require(Self.form(app))
        let error = try #require(form.form.fields[NewDealState.accountField].error)
        #expect(error.hasPrefix("匹配 2 个："))
        #expect(error.contains(Fixture.sinopec))
        #expect(error.contains(Fixture.huawei))
        #expect(app.screenText().contains("匹配 2 个"))
        #expect(try store.exportSnapshot().deals.count == 5)
        #expect(try store.exportSnapshot().accounts.count == 3)
    }

    @Test func englishErrors() throws {
        let (app, _) = try Fixture.handMade(.en)
        app.press("n")
        app.key(.enter)
        let form = try #require(Self.form(app))
        #expect(form.form.fields[NewDealState.accountField].error == "required")
        #expect(form.form.fields[NewDealState.titleField].error == "required")
        app.key(.tab)
        app.key(.tab)
        app.key(.tab)
        app.type("2026-02-30")
        app.key(.enter)
        let again = try #require(Self.form(app))
        #expect(again.form.fields[NewDealState.closeField].error == "not a date: YYYY-MM-DD")
    }

    @Test func aRepAtTheLimitIsToldWhyTheNewAccountWasRefused() throws {
        let store = try Fixture.memoryStore(Fixture.snapshot())
        // wang.lei, a rep here, holds two accounts; the limit is two.
        try store.acting(as: "li.na").saveUser(User(name: Fixture.user, role: .rep))
        try store.acting(as: "li.na").savePoolRules(PoolRules(noFollowUpDays: 30, noWinDays: 0, warnDays: 7, maxAccountsPerRep: 2))
        let app = Fixture.app(store, .en)
        app.press("n")
        app.type("新客户有限公司")
        app.key(.tab)
        app.type("新项目")
        app.key(.enter)
        let form = try #require(Self.form(app), "the form stays open")
        let refusal = "wang.lei already holds 2 accounts, the limit per rep (2): new account '新客户有限公司' was not given to them "
            + "— return one to the pool first"
        #expect(form.form.fields[NewDealState.titleField].error == refusal)
        #expect(try store.acting(as: "li.na").exportSnapshot().accounts.count == 3)
        #expect(try store.acting(as: "li.na").exportSnapshot().deals.count == 5)
    }
}
