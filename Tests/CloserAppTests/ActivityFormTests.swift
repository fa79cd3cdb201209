@testable import CloserApp
import CloserCore
import CloserSQLite
import Foundation
import Testing
import TerminalUI

/// The open deal's `a`: an activity with its kind picked, the day it happened (back-dated,
/// never in the future) and the persons met, whose last-met date follows.
@Suite("Logging an activity")
struct ActivityFormTests {
    private func world(_ lang: Language, width: Int = 80, height: Int = 24) throws -> (App, SQLiteStore) {
        let store = try Fixture.memoryStore(OrgChartFixture.snapshot())
        let app = Fixture.app(store, lang, width: width, height: height)
        app.key(.enter)
        app.press("a")
        return (app, store)
    }

    @Test func theFormInChineseAt80() throws {
        let (app, _) = try world(.zh)
        #expect(Array(app.lines()[17...21]) == [
            "  │── 记录行动 · Enter 保存 · Esc 取消 ──────────────────────────────────────│",
            "  │   类型: 拜访                                                           ▾ │",
            "  │   日期: 2026-11-23                                                       │",
            "  │ 见了谁:                                                                ▾ │",
            "  │   备注:                                                                  │",
        ])
    }

    @Test func aBackDatedCallWithTwoPersonsMetAt160InEnglish() throws {
        let (app, store) = try world(.en, width: 160, height: 48)
        app.key(.backTab)
        app.key(.backTab)
        app.key(.backTab)       // the kind
        app.type("call")
        app.key(.enter)
        app.key(.tab)
        app.key(.ctrl("u"))
        app.type("-3")
        app.key(.tab)
        app.press(" ")
        let picker = app.lines()
        let top = try #require(picker.firstIndex { $0.contains("┌ Persons met ─") })
        #expect(picker[top + 3].contains("[ ] 王建国") && picker[top + 3].contains("总经理"), "\(picker[top + 3])")
        app.press(" ")          // 王建国
        app.key(.down)
        app.key(.down)
        app.press(" ")          // the third: 赵敏 or 李工 by the order read
        app.key(.enter)
        app.key(.tab)
        app.type("Walked the pump station")
        let lines = app.lines()
        let form = try #require(lines.firstIndex { $0.contains("── Log activity · Enter save · Esc Cancel ──") })
        #expect(lines[form + 1].hasPrefix("  │  Kind: Call "), "\(lines[form + 1])")
        #expect(lines[form + 2].hasPrefix("  │   Day: -3 "), "\(lines[form + 2])")
        #expect(lines[form + 3].hasPrefix("  │   Met: 王建国, "), "\(lines[form + 3])")
        #expect(lines[form + 4].hasPrefix("  │ Notes: Walked the pump station "), "\(lines[form + 4])")
        app.key(.enter)
        let activity = try #require(try store.activities(accountID: 1, dealID: 1, limit: 1).first)
        #expect(activity.kind == .call && activity.day == Fixture.today.adding(days: -3) && activity.personIDs.count == 2)
        #expect(activity.personIDs.contains(1))
        #expect(try store.person(1).lastMet == Fixture.today.adding(days: -3), "met 90 days ago before: the meeting moves it")
        #expect(app.state.message?.text.hasPrefix("Call #1 2026-11-20 ✓, met 王建国, ") == true, "\(app.state.message?.text ?? "")")
    }

    @Test func aFutureDayIsRefusedAndNothingIsWritten() throws {
        let (app, store) = try world(.zh)
        app.key(.backTab)
        app.key(.backTab)
        app.key(.ctrl("u"))
        app.type("明天")
        app.key(.enter)
        #expect(app.state.message?.text == "不晚于今天的日期：YYYY-MM-DD、昨天、-2")
        #expect(try store.activities(accountID: 1, dealID: 1, limit: 5).isEmpty)
        guard case .detail(let detail) = app.state.overlay, case .logActivity = detail.mode else {
            Issue.record("the form closed"); return
        }
    }
}
