@testable import CloserApp
import CloserCore
import CloserSQLite
import Foundation
import Testing
import TerminalUI

/// The wall screen over the hand-made pipeline plus this Monday's forced move and loss (see
/// ReviewScreenFixture). The fixture's today is Monday 11-23; "yesterday" is Sunday 11-22.
@Suite("Stand-up wall screen")
struct StandupScreenTests {
    static let start = Fixture.now

    static func app(_ lang: Language = .zh, width: Int = 160, height: Int = 48, interval: TimeInterval = 10) throws -> (App, SpyStore) {
        let store = SpyStore(try Fixture.memoryStore(Fixture.snapshot()))
        _ = try store.moveDeal(2, to: "entry", forceReason: "客户要求先交流", expectedVersion: nil)
        let app = Fixture.app(store, lang, width: width, height: height)
        app.startStandup(interval: interval, wallOnly: true, now: start)
        return (app, store)
    }

    @Test func boardPanelInLargeTypeAt160x48() throws {
        let (app, _) = try Self.app(.zh, width: 160, height: 48)
        let lines = app.lines()
        #expect(lines[0].hasPrefix("  管道总览   1/4   每 10 秒"))
        #expect(lines[0].hasSuffix("2026-11-23 \(StandupView.clock(Self.start))"))
        // The pipeline on the left three fifths, the standing against target on the right.
        #expect(lines[2] == row((2, "在途管道 · 项目型销售"), (98, "目标达成（CNY）")))
        // 120万 + 38万 + 250万 open in CNY = 408万, in big type; the USD deal has no rate in this
        // store, which the line under the count says rather than leaving it out unsaid.
        expectLines(Array(lines[4...8]), [
            row((2, "█ █ ███ ███"), (98, "2026年11月"), (129, "2026年第4季度")),
            "  █ █ █ █ █ █",
            "  ███ █ █ ███ 万       5 个商机 · 加权 116万",
            row((4, "█ █ █ █ █"), (23, "+ USD 50万 无汇率"), (98, "███"), (129, "███")),
            "    █ ███ ███     CNY",
        ])
        // Stages spread down the wall; the standing beside them: nothing won, no target set.
        #expect(lines[10] == "  开发        " + String(repeating: "█", count: 26) + String(repeating: " ", count: 31) + "1 · 120万")
        #expect(lines[11] == row((14, String(repeating: "█", count: 26)), (98, "赢单 0"), (129, "赢单 0")))
        #expect(lines[13] == row((14, String(repeating: "█", count: 26)), (98, "目标 未设定"), (129, "目标 未设定")))
        #expect(lines[14] == row((14, String(repeating: "█", count: 26)), (98, "缺口 —"), (129, "缺口 —")))
        #expect(lines[34].hasPrefix("  商务谈判    █") && lines[34].hasSuffix("1 · 0+?"), "no rate: marked, the heading says why")
        #expect(lines[40].hasPrefix("  工程实施") && lines[40].hasSuffix("0 · 0"), "the last stage near the foot of the wall")
        #expect(lines[47] == "  空格 暂停 · ← → 切换 · q 退出")
        #expect(app.canvas().wideCharactersIntact)
    }

    @Test(arguments: [(80, 24), (160, 48)])
    func everyPanelRendersAtBothSizes(width: Int, height: Int) throws {
        let (app, _) = try Self.app(.en, width: width, height: height)
        var titles: [String] = []
        for _ in 0..<4 {
            let lines = app.lines()
            titles.append(lines[0].trimmingCharacters(in: .whitespaces).components(separatedBy: "   ").first ?? "")
            #expect(app.canvas().wideCharactersIntact)
            app.key(.right)
        }
        #expect(titles == ["Pipeline", "Next steps today and overdue", "What moved yesterday", "Customer quadrants"])
        app.key(.right)
        #expect(app.state.standup?.panel == .nextSteps, "four steps wrapped around to the first panel")
        let steps = app.screenText()
        #expect(steps.contains("due today") && steps.contains("overdue"))
        #expect(steps.contains("wang.lei"), "wang.lei's #1 is overdue (11-20)")
        app.key(.left)
        app.key(.left)
        let quadrants = app.screenText()
        #expect(quadrants.contains("Strategic") && quadrants.contains("Market"))
    }

    @Test func panelsTurnByThemselvesAndSpacePauses() throws {
        let (app, _) = try Self.app(interval: 10)
        #expect(!app.standupTick(now: Self.start.addingTimeInterval(5)))
        #expect(app.state.standup?.panel == .board)
        #expect(app.standupTick(now: Self.start.addingTimeInterval(10)))
        #expect(app.state.standup?.panel == .nextSteps)
        app.press(" ")
        #expect(app.lines()[0].contains("‖ 已暂停"))
        app.standupTick(now: Self.start.addingTimeInterval(100))
        #expect(app.state.standup?.panel == .nextSteps)
        app.press(" ")
        app.standupTick(now: Self.start.addingTimeInterval(120))
        #expect(app.state.standup?.panel == .yesterday)
    }

    @Test func nothingCanBeEditedFromIt() throws {
        let (app, store) = try Self.app()
        let before = try store.changeToken()
        for key: Key in [.char("n"), .char(">"), .enter, .char("D"), .char("c"), .char("e"), .char("x"), .delete, .escape] { app.key(key) }
        #expect(try store.changeToken() == before)
        #expect(app.state.overlay == nil && app.state.standup != nil, "Esc does not leave a wall-only screen")
        #expect(app.state.message?.text.contains("只读") == true)
        app.press("q")
        #expect(app.state.shouldQuit)
    }

    @Test func aWriteAppearsWithoutAKeyAndALockedStoreKeepsTheLastPicture() throws {
        let (app, store) = try Self.app()
        app.key(.right)  // today's and overdue steps
        #expect(app.state.standup?.review?.overdueNextStep.count == 1)
        var deal = try store.deal(1)
        deal.nextStepDue = Fixture.today.adding(days: 3)
        _ = try store.inner.acting(as: "li.na").updateDeal(deal)  // someone else's write
        #expect(app.standupTick(now: Self.start.addingTimeInterval(1)))
        #expect(app.state.standup?.review?.overdueNextStep.count == 0)

        store.isLocked = true
        #expect(app.standupTick(now: Self.start.addingTimeInterval(2)))
        let banner = app.lines()[1]
        #expect(banner.contains("⚠ 无法读取数据库") && banner.contains("显示 \(StandupView.clock(Self.start.addingTimeInterval(1))) 的画面"))
        #expect(app.state.standup?.review?.overdueNextStep.count == 0, "the last good picture stays")
        store.isLocked = false
        #expect(app.standupTick(now: Self.start.addingTimeInterval(3)))
        #expect(app.state.standup?.problem == nil)
        #expect(!app.lines()[1].contains("⚠"))
    }

    @Test func fromTheDashboardEscGoesBack() throws {
        let (app, _) = try Fixture.handMade(.en, width: 80, height: 24)
        app.press("W")
        #expect(app.state.standup != nil && app.state.standup?.wallOnly == false)
        #expect(app.lines()[23].contains("Esc back to the dashboard"))
        app.key(.escape)
        #expect(app.state.standup == nil && app.state.screen == .board && !app.state.shouldQuit)
    }

    @Test func bigTypeDigits() {
        var canvas = Canvas(width: 20, height: 5)
        let used = BigType.put("1.5M", x: 0, y: 0, role: .normal, maxWidth: 20, into: &canvas)
        #expect(used == 16)
        #expect(canvas.lines() == [" █      ███ █ █", "██      █   ███", " █      ███ █ █", " █        █ █ █", "███  █  ███ █ █"])
    }
}

@Suite("Refresh pacing")
struct RefreshPacerTests {
    @Test func cheapReadsAreNeverHeldBackExpensiveOnesWaitTwentyTimesTheirCost() {
        let t0 = Date(timeIntervalSince1970: 1_000)
        var pacer = RefreshPacer()
        #expect(pacer.allows(at: t0))
        pacer.measure(at: t0) { }
        #expect(pacer.allows(at: t0), "a read of microseconds")
        pacer.measure(at: t0) { Thread.sleep(forTimeInterval: 0.12) }
        #expect(!pacer.allows(at: t0.addingTimeInterval(2)))
        #expect(pacer.allows(at: t0.addingTimeInterval(pacer.lastCost * 20)))
        #expect(pacer.lastCost >= 0.12 && pacer.lastRead == t0)
    }

    @Test func theWallScreensPacerWaitsUnderASecondHoweverCostlyTheRead() throws {
        let t0 = Date(timeIntervalSince1970: 1_000)
        var wall = try StandupScreenTests.app().0.wallReads
        wall.measure(at: t0) { Thread.sleep(forTimeInterval: 0.12) }
        #expect(!wall.allows(at: t0.addingTimeInterval(0.3)))
        #expect(wall.allows(at: t0.addingTimeInterval(0.41)), "20 × 0.12 s would be 2.4 s")
        #expect(wall.longestWait + Double(TerminalRunner.pollMilliseconds) / 1000 <= 0.7,
                "room left in the second for the read itself")
    }
}
