@testable import CloserApp
import CloserCore
import CloserSQLite
import Foundation
import Testing
import TerminalUI

/// Actions planned on an account alone in the review's list and on the wall's next steps: over
/// the hand-made pipeline (ReviewScreenFixture), wang.lei planned a joint promotion on
/// 中国石化北京分公司 for 11-20 (3 days late on 11-23) and li.na training on 上海电气集团 for 11-25.
enum AccountPlanFixture {
    static func plan(_ store: SQLiteStore) throws {
        _ = try store.acting(as: Fixture.user).planActivity(PlannedActivity(dealID: nil, accountID: 1, text: "联合促销",
                                                                            due: Day(year: 2026, month: 11, day: 20)))
        _ = try store.acting(as: "li.na").planActivity(PlannedActivity(dealID: nil, accountID: 3, text: "技术培训",
                                                                       due: Day(year: 2026, month: 11, day: 25)))
    }

    /// The review on its account actions.
    static func review(_ lang: Language, width: Int, height: Int) throws -> App {
        let (app, store) = try ReviewScreenFixture.app(lang, width: width, height: height)
        try plan(store)
        app.reload()
        while app.state.review.currentSection != .accountPlans { app.press("j") }
        return app
    }

    /// The wall on its next steps.
    static func wall(_ lang: Language, width: Int, height: Int) throws -> App {
        let store = SpyStore(try Fixture.memoryStore(Fixture.snapshot()))
        try plan(store.inner)
        let app = Fixture.app(store, lang, width: width, height: height)
        app.startStandup(interval: 10, wallOnly: true, now: Fixture.now)
        app.key(.right)
        return app
    }
}

@Suite("Account actions in the review and on the wall")
struct AccountPlanListsScreenTests {
    struct Expected: Sendable {
        let lang: Language
        let width: Int, height: Int
        /// The review's items panel (its top four lines, the menu beside it).
        let review: [String]
        /// The wall's list, under the deals' lists.
        let wall: [String]
    }

    static let cases: [Expected] = [
        Expected(lang: .en, width: 80, height: 24, review: [
            "┌ This week ───────┐ ┌ Account actions · 2 · 1 overdue · due by 11-30 ─────────┐",
            "│Lost             1│ │Due         Account             Owner     Action         │",
            "│Withdrawn        0│ │11-20 late  中国石化北京分公司  wang.lei  联合促销       │",
            "│Forced past …    1│ │11-25       上海电气集团        li.na     技术培训       │",
        ], wall: [
            "                                      Account actions · 2 · 1 overdue",
            "                                      due         rep     action · account",
            "                                      11-20 late  wang.…  联合促销 · 中国石化…",
            "                                      11-25       li.na   技术培训 · 上海电气…",
        ]),
        Expected(lang: .en, width: 160, height: 48, review: [
            "┌ This week ─────────────────┐ ┌ Account actions · 2 · 1 overdue · due by 11-30 ───────────────────────────────────────────────────────────────────────────────┐",
            "│New deals                  0│ │Due                  Account             Owner     Action                                                                      │",
            "│Advanced                   1│ │11-20 · 3 days late  中国石化北京分公司  wang.lei  联合促销                                                                    │",
            "│Slipped back               0│ │11-25                上海电气集团        li.na     技术培训                                                                    │",
        ], wall: [
            "                                      Account actions · 2 · 1 overdue",
            "                                      due                  rep       action · account",
            "                                      11-20 · 3 days late  wang.lei  联合促销 · 中国石化北京分公司",
            "                                      11-25                li.na     技术培训 · 上海电气集团",
        ]),
        Expected(lang: .zh, width: 80, height: 24, review: [
            "┌ 本周 ────────────┐ ┌ 客户行动 · 2 · 逾期 1 · 截至 11-30 ─────────────────────┐",
            "│丢单             1│ │到期               客户                负责人    行动    │",
            "│主动放弃         0│ │11-20 · 逾期 3 天  中国石化北京分公司  wang.lei  联合促销│",
            "│强制过关         1│ │11-25              上海电气集团        li.na     技术培训│",
        ], wall: [
            "                                      客户行动 · 2 · 逾期 1",
            "                                      到期        销售    行动 · 客户",
            "                                      11-20 逾期  wang.…  联合促销 · 中国石化…",
            "                                      11-25       li.na   技术培训 · 上海电气…",
        ]),
        Expected(lang: .zh, width: 160, height: 48, review: [
            "┌ 本周 ──────────────────────┐ ┌ 客户行动 · 2 · 逾期 1 · 截至 11-30 ───────────────────────────────────────────────────────────────────────────────────────────┐",
            "│新增商机                   0│ │到期               客户                负责人    行动                                                                          │",
            "│推进                       1│ │11-20 · 逾期 3 天  中国石化北京分公司  wang.lei  联合促销                                                                      │",
            "│退回                       0│ │11-25              上海电气集团        li.na     技术培训                                                                      │",
        ], wall: [
            "                                      客户行动 · 2 · 逾期 1",
            "                                      到期               销售      行动 · 客户",
            "                                      11-20 · 逾期 3 天  wang.lei  联合促销 · 中国石化北京分公司",
            "                                      11-25              li.na     技术培训 · 上海电气集团",
        ]),
    ]

    @Test("the review lists the account actions: day (late ones marked), account, rep, action", arguments: cases)
    func review(_ expected: Expected) throws {
        let app = try AccountPlanFixture.review(expected.lang, width: expected.width, height: expected.height)
        let lines = app.lines()
        expectLines(Array(lines[13...16]), expected.review)
        #expect(app.canvas().wideCharactersIntact)
    }

    @Test("the wall's next steps list the account actions under the deals' lists", arguments: cases)
    func wall(_ expected: Expected) throws {
        let app = try AccountPlanFixture.wall(expected.lang, width: expected.width, height: expected.height)
        let lines = app.lines()
        expectLines(Array(lines[17...20]), expected.wall)
        #expect(app.canvas().wideCharactersIntact)
    }

    @Test func enterOnAnActionOpensItsAccount() throws {
        let app = try AccountPlanFixture.review(.en, width: 160, height: 48)
        app.key(.enter)
        app.key(.down)
        app.key(.enter)
        guard case .accounts(.account(let detail)) = app.state.overlay else {
            Issue.record("Enter on li.na's action opens its account's 360° view: \(String(describing: app.state.overlay))")
            return
        }
        #expect(detail.account.id == 3)
    }

    @Test("on the demo's wall at 80×24 the long overdue list leaves the account actions their rows")
    func wallKeepsRoomForActions() throws {
        let snapshot = Fixture.demo()
        let store = SpyStore(try Fixture.memoryStore(snapshot))
        let account = try #require(snapshot.accounts.first)
        _ = try store.inner.planActivity(PlannedActivity(dealID: nil, accountID: account.id, text: "联合促销", due: Fixture.today))
        let app = Fixture.app(store, .en, width: 80, height: 24)
        app.startStandup(interval: 10, wallOnly: true, now: Fixture.now)
        app.key(.right)
        let review = try #require(app.state.standup?.review)
        #expect(review.overdueNextStep.count > 10, "the demo's overdue list alone would fill the wall")
        let lines = app.lines()
        let title = try #require(lines.firstIndex { $0.contains("Account actions · 1") })
        #expect(lines[title + 2].contains("11-23") && lines[title + 2].contains("联合促销"))
        #expect(lines.contains { $0.contains("Overdue, largest first") })
    }
}

