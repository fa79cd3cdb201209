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

    @Test func englishAt80x24() throws {
        let (app, _) = try WinLossFixture.app(.en, width: 80, height: 24)
        let lines = app.lines()
        expectLines(Array(lines[1...11]), [
            "Win/loss 2026-Q4 (10-01 → 12-31) · whole team · in CNY · [ ] quarter",
            "All closed deals · 3",
            // At 80 columns "withdrawn" gives way first; 475万 reads 4.8M.
            "won  lost  win rate  avg cycle (days)  avg won  won amount  lost amount",
            "  1     2       33%                59      80k         80k         4.8M",
            "",
            " Reason   Competitor   Stage   Rep   Month   Quarter",
            "┌ By lost reason · 2 ──────────────────────────────────────────────────────────┐",
            "│reason  lost  share  lost amount  avg cycle (days)                            │",
            "│other      1    50%         3.5M               114                            │",
            "│价格       1    50%         1.2M                10                            │",
            "│                                                                              │",
        ])
        #expect(lines[23].hasPrefix(" ← → by  ↑↓ rows  [ ] period  P length"))
        #expect(app.canvas().wideCharactersIntact)
    }

    @Test func chineseAt80x24() throws {
        let (app, _) = try WinLossFixture.app(.zh, width: 80, height: 24)
        app.press("l")
        let lines = app.lines()
        expectLines(Array(lines[0...10]), [
            " 1 看板   2 商机   3 客户   4 象限   5 组织   6 周报   7 人员   8 赢丢    … [p]",
            "赢单/丢单 2026年第4季度（10-01 → 12-31）· 全体销售 · 以 CNY 计 · [ ] 换季度",
            "全部已关闭商机 · 3",
            "赢单  丢单  放弃  赢率  平均周期（天）  平均赢单额  赢单金额  丢单金额",
            "   1     2     0   33%              59         8万       8万     475万",
            "",
            " 丢单原因   竞争对手   关单阶段   销售   月   季度",
            "┌ 按竞争对手 · 2 ──────────────────────────────────────────────────────────────┐",
            "│竞争对手  胜  负  被其赢走  赢率  丢单金额                                    │",
            // Each competitor won the one deal we lost to them; we met neither elsewhere.
            "│ABB        0   1         1    0%     355万                                    │",
            "│西门子     0   1         1    0%     120万                                    │",
        ])
        #expect(app.canvas().wideCharactersIntact)
    }

    @Test func englishAt160x48ByRepAndStage() throws {
        let (app, _) = try WinLossFixture.app(.en, width: 160, height: 48)
        var lines = app.lines()
        #expect(lines[0].hasPrefix(" 1 Board   2 Deals   3 Accounts   4 Quadrant   5 Org chart   6 Review   7 People   8 Win/loss "))
        expectLines(Array(lines[3...4]), [
            "won  lost  withdrawn  win rate  avg cycle (days)  avg won  won amount  lost amount",
            "  1     2          0       33%                59      80k         80k         4.8M",
        ])
        app.press("l")
        app.press("l")
        lines = app.lines()
        // Lost at 开发 (#1) and 商务谈判 (#5), won at 销售进入 (#3), busiest first then by name.
        #expect(lines[8].hasPrefix("│stage        won  lost  withdrawn  win rate  avg cycle (days)  avg won  won amount  lost amount"))
        #expect(lines[9].hasPrefix("│Develop        0     1          0        0%                10        —           0         1.2M"))
        #expect(lines[10].hasPrefix("│Entry          1     0          0      100%                53      80k         80k            0"))
        #expect(lines[11].hasPrefix("│Negotiation    0     1          0        0%               114        —           0         3.5M"))
        app.press("l")
        lines = app.lines()
        // 李娜: won #3 (53 days), lost #5 (114): 50%, 84 days; 王磊: lost #1 (10 days).
        #expect(lines[9].hasPrefix("│李娜    1     1          0       50%                84      80k         80k         3.5M"))
        #expect(lines[10].hasPrefix("│王磊    0     1          0        0%                10        —           0         1.2M"))
    }

    @Test func chineseAt160x48() throws {
        let (app, _) = try WinLossFixture.app(.zh, width: 160, height: 48)
        let lines = app.lines()
        #expect(lines[0].hasPrefix(" 1 管道看板   2 商机列表   3 客户列表   4 客户象限   5 组织结构   6 每周回顾   7 关键人   8 赢丢分析 "))
        expectLines(Array(lines[1...4]), [
            "赢单/丢单 2026年第4季度（10-01 → 12-31）· 全体销售 · 以 CNY 计 · [ ] 换季度",
            "全部已关闭商机 · 3",
            "赢单  丢单  放弃  赢率  平均周期（天）  平均赢单额  赢单金额  丢单金额",
            "   1     2     0   33%              59         8万       8万     475万",
        ])
        #expect(lines[47].hasPrefix(" ← → 维度  ↑↓ 行  [ ] 换期  P 长度  r m 销售  ? 帮助"))
        #expect(app.canvas().wideCharactersIntact)
    }

    /// [ ] step a span at a time, never past the one holding today; P lengthens it.
    @Test func periodsStepAndLengthen() throws {
        let (app, _) = try WinLossFixture.app(.en, width: 80, height: 24)
        app.press("]")
        #expect(app.state.message?.text == "Already the quarter holding today")
        app.press("[")
        #expect(app.state.winLoss.span == WinLossSpan(length: .quarter, start: Day(year: 2026, month: 7, day: 1)!))
        #expect(app.lines()[1] == "Win/loss 2026-Q3 (07-01 → 09-30) · whole team · in CNY · [ ] quarter")
        #expect(app.state.winLoss.report?.total.closed == 0)
        #expect(app.lines().contains { $0.contains("no deal lost in this period") })
        app.press("]")
        app.press("P")
        #expect(app.state.winLoss.span == WinLossSpan(length: .year, start: Day(year: 2026, month: 1, day: 1)!))
        #expect(app.lines()[1].hasPrefix("Win/loss 2026 ("))
        app.press("P")
        #expect(app.state.winLoss.span == WinLossSpan(length: .month, start: Day(year: 2026, month: 1, day: 1)!))
        app.press("]")
        #expect(app.state.winLoss.span?.start == Day(year: 2026, month: 2, day: 1))
    }

    /// r and m narrow it to a rep as on the review; the report read is that rep's.
    @Test func aRepsOwn() throws {
        let (app, _) = try WinLossFixture.app(.en, width: 80, height: 24)
        app.press("m")
        #expect(app.state.winLoss.report?.rep == "wang.lei")
        #expect(app.state.winLoss.report?.total.lost == 1 && app.state.winLoss.report?.total.won == 0)
        #expect(app.lines()[1] == "Win/loss 2026-Q4 (10-01 → 12-31) · mine · in CNY · [ ] quarter")
    }

    @Test func thePaletteAndHelpReachIt() throws {
        let (app, _) = try Fixture.handMade(.zh)
        app.press(":")
        app.type("ydfx")  // 赢丢分析
        guard case .palette(let palette) = app.state.overlay else { Issue.record("palette closed"); return }
        #expect(palette.matches(app.state).first?.command == WinLossScreen.showCommand)
        app.key(.enter)
        #expect(app.state.screen == .winLoss)
        let help = KeyMap.helpSections(.en)
        #expect(help.contains { $0.title == "Win/loss" && $0.entries.contains { $0.key == "P" && $0.label == "Month, quarter or year" } })
        #expect(help.contains { $0.entries.contains { $0.key == "8" && $0.label == "Win/loss" } })
    }
}
