@testable import CloserApp
import CloserCore
import CloserSQLite
import Foundation
import Testing
import TerminalUI

/// `u` takes back the user's last change since the dashboard opened, as a new logged change,
/// and says what it undid; the quadrant's presses wait and save as one change.
@Suite("Undo on screen")
struct UndoKeyTests {
    /// The quadrant with 华为 (assistance 7, loyalty 4) selected, `+` pressed five times.
    private func fivePresses(_ lang: Language, width: Int = 80, height: Int = 24) throws -> (App, SQLiteStore) {
        let (app, store) = try AccountFixture.app(lang, width: width, height: height, screen: "4")
        app.key(.down)
        for _ in 0..<5 { app.press("+") }
        return (app, store)
    }

    @Test func fivePressesAreShownThenSavedAsOneChangeThatOneUndoTakesBack() throws {
        let (app, store) = try fivePresses(.zh)
        let before = try store.account(2)
        #expect(before.loyalty == 4, "nothing written before Enter")
        // At 80 columns the message is whole: the account's name gives way, then the status line's context.
        #expect(app.state.message?.text == "华为技术有限公司 …: 忠诚 4→9 · 机会客户 → 忠诚度网络 · Enter 保存 · Esc 放弃")
        #expect(app.lines()[23] == " 华为技术有限公司 …: 忠诚 4→9 · 机会客户 → 忠诚度网络 · Enter 保存 · Esc 放弃")
        app.key(.enter)
        #expect(try store.account(2).loyalty == 9)
        #expect(try store.account(2).version == before.version + 1)
        app.press("u")
        #expect(try store.account(2).loyalty == 4)
        #expect(app.state.message?.text == "已撤销：评分 · 忠诚度: 9 → 4, 象限: 忠诚度网络 → 机会客户")
        #expect(app.lines()[23] == " 已撤销：评分 · 忠诚度: 9 → 4, 象限: 忠诚度网络 → 机会客户  筛选: 全部 │ wang.…")
        let undo = try #require(try store.events(EventQuery(entity: "account", entityID: 2, limit: 1)).first)
        #expect(undo.user == Fixture.user && UndoNote.undoneEvent(undo) != nil, "logged as a new change")
        // Once undone, there is nothing left of this session to take back.
        app.press("u")
        #expect(app.state.message?.text == "打开看板以来您没有可撤销的修改")
    }

    @Test func theStatusLinesInEnglishAt160() throws {
        let (app, _) = try fivePresses(.en, width: 160, height: 48)
        #expect(app.lines()[47] == " 华为技术有限公司深圳研发中心: loyalty 4→9 · Opportunity → Strategic · Enter saves · Esc drops                  Filter: all │ wang.lei@/home/wang/closer.sqlite")
        app.key(.enter)
        app.press("u")
        #expect(app.lines()[47] == " undone: scores · loyalty: 9 → 4, quadrant: Strategic → Opportunity                                             Filter: all │ wang.lei@/home/wang/closer.sqlite")
    }

    @Test func escDropsThePressesAndLeavingTheAccountSavesThem() throws {
        let (app, store) = try fivePresses(.zh)
        app.key(.escape)
        #expect(app.state.quadrant.pendingScores == nil && app.state.message?.text == "已放弃分数修改")
        #expect(try store.account(2).loyalty == 4)
        app.press("-")
        app.key(.up)            // leaving the account saves its presses first
        #expect(try store.account(2).loyalty == 3)
    }

    @Test func anUndoIsRefusedWhenSomeoneChangedTheRowSince() throws {
        let (app, store) = try fivePresses(.zh)
        app.key(.enter)
        var other = try store.account(2)
        other.notes = "li.na was here"
        _ = try store.acting(as: "li.na").updateAccount(other)
        app.press("u")
        #expect(app.state.message?.isError == true)
        #expect(app.state.message?.text.hasPrefix("未撤销：") == true && app.state.message?.text.contains("li.na") == true, "\(app.state.message?.text ?? "")")
        #expect(try store.account(2).loyalty == 9, "nothing undone")
    }

    @Test func inTheOpenDealUUndoesATickAndTheDealIsReadAgain() throws {
        let (app, store) = try Fixture.handMade(.en)
        app.press("j")
        app.key(.enter)         // #2, no milestone ticked
        app.press(" ")
        #expect(try store.deal(2).milestonesDone == ["graded"])
        app.press("u")
        #expect(try store.deal(2).milestonesDone.isEmpty)
        guard case .detail(let detail) = app.state.overlay else { Issue.record("the deal closed"); return }
        let stored = try store.deal(2)
        #expect(detail.deal.milestonesDone.isEmpty && detail.deal.version == stored.version)
        #expect(app.state.message?.text.hasPrefix("undone: ") == true, "\(app.state.message?.text ?? "")")
    }

    @Test func theKeyAsksTheRunnerForTheUndoSinceTheDashboardOpened() {
        let state = Fixture.state(.en)
        guard case .work(let work as UndoLast, .undo)? = UndoFlow.begin(state).first else { Issue.record("no UndoLast"); return }
        #expect(work == UndoLast(since: Fixture.now.addingTimeInterval(-3_600)))
    }
}
