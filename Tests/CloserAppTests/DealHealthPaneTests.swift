import CloserApp
import CloserCore
import CloserSQLite
import Foundation
import Testing
import TerminalUI

/// The open deal's health list (h): each warning the deal trips, with why and the fix, in the
/// right pane; h again shows the milestones. Deal 1 has an overdue next step and an org chart
/// with no decision-maker.
@Suite struct DealHealthPaneTests {
    @Test func chineseAt80x24() throws {
        let (app, _) = try Fixture.handMade(.zh)
        app.key(.enter)
        app.press("h")
        let canvas = app.canvas()
        let pane = (2...15).map { DealDetailTests.trimmed(canvas, y: $0, from: 41, to: 77) }
        #expect(pane == [
            "健康提示（h：关键节点）",
            "⚠ 无法影响决策者：未识别决策者，也",
            "  就无从影响",
            "  原因：决策者只参与约5%的活动，决",
            "  定多在我们缺席的内部会议中做出；",
            "  必须有人在内部替我们影响决策者。",
            "  对策：拜访决策者，或在决策者身边",
            "  发展内线或支持者，并在组织结构图",
            "  上标明。",
            "⚠ 没有下一步或已逾期：“拜访总工”已",
            "  逾期 3 天（2026-11-20 到期）",
            "  原因：没有下一步安排，销售活动就",
            "  变成零散的单次行为；每次拜访都应",
            "  为下一次铺垫。",
        ])
        #expect(canvas.roleAt(x: 41, y: 3) == .warning)
        app.press("h")
        #expect(DealDetailTests.trimmed(app.canvas(), y: 2, from: 41, to: 77) == "关键节点")
    }

    @Test func englishAt160x48() throws {
        let (app, _) = try Fixture.handMade(.en, width: 160, height: 48)
        app.key(.enter)
        app.press("h")
        let canvas = app.canvas()
        let pane = (2...14).map { DealDetailTests.trimmed(canvas, y: $0, from: 81, to: 157) }
        #expect(pane == [
            "Health (h: milestones)",
            "⚠ No route to a decision-maker: No decision-maker mapped, and so no route",
            "  to one",
            "  Why: Decision-makers join ~5% of activities and decide in meetings we",
            "  never attend; someone inside must carry our case.",
            "  Fix: Meet a decision-maker, or win a coach or supporter who reports to or",
            "  sits beside one, and map them on the org chart.",
            "⚠ No next step, or overdue: “拜访总工” overdue 3 days (due 2026-11-20)",
            "  Why: Visits with no next step become scattered one-offs; each visit",
            "  should set up the next.",
            "  Fix: Agree the next step with the customer (a sample, an engineer's",
            "  visit, a site visit) and give it a date.",
            "",
        ])
        // The facts say it too, with the key.
        #expect(app.lines()[11].contains("│ Health       ⚠ 2: #7 route · #9 next [h]"))
    }
}
