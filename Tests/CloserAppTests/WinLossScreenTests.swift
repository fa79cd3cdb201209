@testable import CloserApp
import CloserCore
import CloserSQLite
import Foundation
import Testing
import TerminalUI

/// The win/loss view over ManagerNumbersFixture with three deals closed today (2026-11-23),
/// every figure worked out by hand:
///
///   #3   8万 CNY    李娜  won at 销售进入, created 10-01: 53 days
///   #1 120万 CNY    王磊  lost at 开发 for 价格 to 西门子, created 11-13: 10 days
///   #5 USD 500k     李娜  lost at 商务谈判 for other (预算冻结) to ABB, created 08-01: 114 days; at 7.10 355万
///
/// So 2026-Q4: 1 won, 2 lost, win rate 1 ÷ 3 = 33%, average cycle (53 + 10 + 114) ÷ 3 = 59 days,
/// average won 8万, won 8万, lost 120万 + 355万 = 475万.
enum WinLossFixture {
    static func store() throws -> SQLiteStore {
        let store = try ManagerNumbersFixture.store()
        _ = try store.addLostReason("价格")
        _ = try store.loseDeal(1, DealLoss(reason: "价格", competitor: "西门子"), expectedVersion: nil)
        _ = try store.acting(as: "li.na").loseDeal(5, DealLoss(reason: LostReason.other, note: "预算冻结", competitor: "ABB"), expectedVersion: nil)
        return store
    }

    static func app(_ lang: Language, width: Int, height: Int) throws -> (App, SQLiteStore) {
        let store = try store()
        let app = Fixture.app(store, lang, width: width, height: height)
        app.press("8")
        return (app, store)
    }
}

@Suite("Win/loss view")
struct WinLossScreenTests {
    @Test func theKeyOpensTheQuarterHoldingToday() throws {
        let (app, _) = try WinLossFixture.app(.en, width: 80, height: 24)
        #expect(app.state.screen == .winLoss)
        #expect(app.state.winLoss.span == WinLossSpan(length: .quarter, start: Day(year: 2026, month: 10, day: 1)!))
        let report = try #require(app.state.winLoss.report)
        #expect(report.total.won == 1 && report.total.lost == 2)
    }

    @Test func theFiguresAreTheReportsOwn() throws {
        let (app, store) = try WinLossFixture.app(.zh, width: 160, height: 48)
        let report = try store.winLoss(WinLossQuery(since: Day(year: 2026, month: 10, day: 1)!, until: Day(year: 2027, month: 1, day: 1)!))
        #expect(app.state.winLoss.report?.total == report.total)
        let tables = WinLossTables(report: report, lang: .zh, directory: app.state.numbers.directory, stageName: { $0 })
        // The row of all closed deals, as `closer report winloss` words it, is on screen figure for figure.
        let figures = tables.total.rows[0]
        #expect(figures == ["1", "2", "0", "33%", "59", "8万", "8万", "475万"])
        let screen = app.lines()[4].split(separator: " ").map(String.init)
        #expect(screen == figures)
    }
}
