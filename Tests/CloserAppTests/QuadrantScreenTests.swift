import CloserApp
import CloserCore
import CloserSQLite
import Foundation
import Testing
import TerminalUI

/// The quadrant screen (4). At 80×24: the body starts at y 3 (tab bar, search line, hint line);
/// the side panel is 28 wide at x 52; the grid is 51 wide from y 4, 18 high, so the frames are
/// loyal (x 0, 25 wide) and strategic (x 25, 26 wide) on y 4…12, market and opportunity on
/// y 13…21; each frame lists 7 accounts. In the scatter each score cell is 4 wide from x 3,
/// with the border column at x 23 and the border line at y 9 (loyalty 10 on y 4, 1 on y 14).
@Suite struct QuadrantScreenTests {
    static let lists80: [String] = [
        " 1 看板   2 商机   3 客户   4 象限   5 组织   6 周报   7 人员   8 赢丢    … [p]",
        "/ 搜索: 按 / 搜索                                             4 个客户 · v: 在途",
        "+/- 忠诚 · ]/[ 协助 · t 散点 · Enter 360° · / 搜索 · P 计划行动",
        "↑ 客户忠诚度 高                                     ┌ 中国石化北京分公司 ──────┐",
        "┌ 忠实客户 ─────────────┐┌ 忠诚度网络 ────────────┐ │ A 全力投入               │",
        "│ C 上海电气集团       —││ A 中国石化北京分… 370万│ │ 忠诚度网络               │",
        "│                       ││                        │ │ 协助 7/10 · 忠诚 8/10    │",
        "│                       ││                        │ │ 忠诚且深度协作：忠诚度网 │",
        "│                       ││                        │ │ 络                       │",
        "│                       ││                        │ │ 买方成熟度：未设定       │",
        "│                       ││                        │ │ 保持在忠诚度网络：       │",
        "│                       ││                        │ │ ↑ 提升忠诚度             │",
        "└─ 1 · 在途 0 ──────────┘└─ 1 · 在途 370万 ───────┘ │   · 产品创新             │",
        "┌ 接受市场的客户 ───────┐┌ 机会客户 ──────────────┐ │   · 信息系统共享         │",
        "│ D 宝钢股份           —││ B 华为技术有限公 … 30万│ │   · 联合促销             │",
        "│                       ││                        │ │   · 联合计划与预测       │",
        "│                       ││                        │ │   · 专属报价与方案       │",
        "│                       ││                        │ │ → 提升协助               │",
        "│                       ││                        │ │   · 供应链协作           │",
        "│                       ││                        │ │   · 产品使用知识         │",
        "│                       ││                        │ │   · 竞争情报             │",
        "└─ 1 · 在途 0 ──────────┘└─ 1 · 在途 30万 ────────┘ │   · 培训                 │",
        "低                                  供应商协助 高 → └──────────────────────────┘",
        AccountTableTests.statusLine80,
    ]

    @Test func chineseListsAt80x24() throws {
        let (app, _) = try AccountFixture.app(.zh, screen: "4")
        let canvas = app.canvas()
        let lines = canvas.lines()
        for (index, line) in Self.lists80.enumerated() {
            #expect(lines[index] == line, "row \(index)")
        }
        #expect(canvas.roleAt(x: 25, y: 4) == .borderFocused)  // strategic is focused
        #expect(canvas.roleAt(x: 0, y: 4) == .border)
        #expect(canvas.roleAt(x: 27, y: 5) == .selected)
        #expect(canvas.roleAt(x: 2, y: 5) == "grade.c")
        #expect(canvas.roleAt(x: 2, y: 14) == "grade.d")
        #expect(canvas.wideCharactersIntact)
    }

    @Test func chineseScatterAt80x24() throws {
        let (app, _) = try AccountFixture.app(.zh, screen: "4")
        app.press("t")
        let canvas = app.canvas()
        let lines = canvas.lines()
        let dots = "·   ·   ·   ·   ·"
        func plot(_ label: String, _ left: String, _ right: String, _ panel: String) -> String {
            row((0, label), (4, left), (23, "│"), (25, right), (52, "│"), (54, panel), (79, "│"))
        }
        let expected: [String] = [
            row((0, "↑"), (9, "忠实客户"), (29, "忠诚度网络"), (52, "┌ 中国石化北京分公司 ──────┐")),
            plot("10", dots, dots, "格 7,8: 1 个客户"),
            plot(" 9", dots, dots, "▸ 中国石化北京分公司"),
            plot(" 8", dots, "·   A   ·   ·   ·", "A 全力投入"),
            plot(" 7", "·   ·   C   ·   ·", dots, "忠诚度网络"),
            plot(" 6", dots, dots, "协助 7/10 · 忠诚 8/10"),
            row((3, String(repeating: "─", count: 20) + "┼" + String(repeating: "─", count: 20)), (52, "│"), (54, "忠诚且深度协作：忠诚度网"), (79, "│")),
            plot(" 5", dots, dots, "络"),
            plot(" 4", dots, "·   B   ·   ·   ·", "买方成熟度：未设定"),
            plot(" 3", dots, dots, "保持在忠诚度网络："),
            plot(" 2", "·   D   ·   ·   ·", dots, "↑ 提升忠诚度"),
            plot(" 1", dots, dots, "  · 产品创新"),
            row((4, "1   2   3   4   5"), (25, "6   7   8   9  10"), (52, "│"), (56, "· 信息系统共享"), (79, "│")),
            row((6, "接受市场的客户"), (30, "机会客户"), (44, "→"), (52, "│"), (56, "· 联合促销"), (79, "│")),
        ]
        for (index, line) in expected.enumerated() {
            #expect(lines[3 + index] == line, "row \(3 + index)")
        }
        #expect(lines[22] == row((52, "└" + String(repeating: "─", count: 26) + "┘")))
        // The cursor cell (assistance 7, loyalty 8) at x 28, y 6; an empty cell is dim.
        #expect(canvas.roleAt(x: 29, y: 6) == .selected)
        #expect(canvas.roleAt(x: 5, y: 4) == .dim)
        #expect(canvas.roleAt(x: 13, y: 7) == "grade.c")
        #expect(canvas.wideCharactersIntact)
    }

    @Test func scatterCountsSeveralAccountsInACell() throws {
        var snapshot = AccountFixture.snapshot()
        for index in 5...7 {
            snapshot.accounts.append(Account(id: Int64(index), name: "同格客户\(index)", grade: .b, assistance: 7, loyalty: 8, owner: Fixture.user))
        }
        let store = try Fixture.memoryStore(snapshot)
        let app = Fixture.app(store, .zh, width: 160, height: 48)
        app.press("4")
        app.press("t")
        let lines = app.lines()
        // At 160 the grid is 106 wide: cells of 6 from x 3, border at x 33; cell (7, 8) spans x 40…44, its text centred at 42, y 6.
        #expect(lines[6].contains("·     4     ·"))
        #expect(app.canvas().cell(x: 42, y: 6)?.text == "4")
        #expect(lines[4].contains("格 7,8: 4 个客户"))
        #expect(lines[8].contains("  +1"))
    }

    @Test func chineseListsAt160x48() throws {
        let (app, _) = try AccountFixture.app(.zh, width: 160, height: 48, screen: "4")
        let lines = app.lines()
        // Panel 53 wide at x 107; grid 106 wide: frames 53 wide, 21 high (y 4…24, 25…45).
        #expect(lines[3] == row((0, "↑ 客户忠诚度 高"), (107, "┌ 中国石化北京分公司 " + String(repeating: "─", count: 31) + "┐")))
        #expect(lines[5] == row((0, "│ C 上海电气集团"), (51, "—│"), (53, "│ A 中国石化北京分公司"), (100, "370万│"), (107, "│ 忠诚度网络"), (159, "│")))
        #expect(lines[24].hasPrefix("└─ 1 · 在途 0 ─"))
        #expect(lines[26] == row((0, "│ D 宝钢股份"), (51, "—│"), (53, "│ B 华为技术有限公司深圳研发中心"), (101, "30万│"), (107, "│"), (159, "│")))
        #expect(lines[46] == row((0, "低"), (91, "供应商协助 高 →"), (107, "└" + String(repeating: "─", count: 51) + "┘")))
        #expect(app.canvas().wideCharactersIntact)
    }

    /// Loyalty +2 moves 华为 (assistance 7, loyalty 4) from Opportunity across the border into
    /// Strategic: the store saves it version-checked, logs a "scores" event with the quadrant
    /// change, and the grid marks it with ↑ (it moved up) since last week's review.
    @Test func scoreChangeMovesAnAccountAcrossTheBorder() throws {
        let (app, store) = try AccountFixture.app(.zh, screen: "4")
        let before = try store.account(2).version
        app.key(.down)  // from the strategic list (one account) down into Opportunity
        #expect(app.state.quadrant.focus == .opportunity)
        #expect(app.state.quadrant.selected?.account.name == AccountFixture.huawei)
        app.press("+")
        #expect(try store.account(2).loyalty == 4, "a press waits for Enter")
        #expect(app.state.message?.text == "\(AccountFixture.huawei): 忠诚 4→5 · Enter 保存 · Esc 放弃")
        #expect(app.state.quadrant.focus == .opportunity)
        app.press("+")
        // The name gives way so the message fits the 80 columns.
        #expect(app.state.message?.text == "华为技术有限公司 …: 忠诚 4→6 · 机会客户 → 忠诚度网络 · Enter 保存 · Esc 放弃")
        app.key(.enter)
        let saved = try store.account(2)
        #expect(saved.loyalty == 6 && saved.quadrant == .strategic && saved.version == before + 1, "two presses, one change")
        let events = try store.events(EventQuery(entity: "account", entityID: 2, limit: 5))
        let crossing = try #require(events.first { $0.changes["quadrant"] != nil })
        #expect(crossing.action == "scores")
        #expect(crossing.changes["quadrant"] == FieldChange(old: "opportunity", new: "strategic"))
        #expect(crossing.changes["loyalty"] == FieldChange(old: "4", new: "6"))
        // The selection followed the account; the move is marked.
        #expect(app.state.quadrant.focus == .strategic)
        #expect(app.state.quadrant.selected?.id == 2)
        #expect(app.state.quadrant.moves[2]?.from == .opportunity && app.state.quadrant.moves[2]?.to == .strategic)
        let lines = app.lines()
        // Strategic now lists 中国石化 (370万) then 华为 (30万) with the ↑ before the amount.
        #expect(lines[4].hasSuffix("┐ │ B 控制时间               │"))
        #expect(lines[5] == row((0, "│ C 上海电气集团       —││ A 中国石化北京分… 370万│"), (52, "│ 忠诚度网络 ↑ 自机会客户"), (79, "│")))
        #expect(lines[6].hasPrefix("│                       ││ B 华为技术有限 … ↑ 30万│"))
        #expect(lines[14].hasPrefix("│ D 宝钢股份           —││"))
        #expect(lines[21].hasPrefix("└─ 1 · 在途 0 ──────────┘└─ 0 · 在途 0 ─"))
        #expect(app.state.message?.text == "\(AccountFixture.huawei): 忠诚 4→6 · 机会客户 ↑ 忠诚度网络")
        // ] raises assistance; at 10 the key refuses and nothing is written.
        var maxed = saved
        maxed.assistance = 10
        _ = try store.acting(as: "li.na").updateAccount(maxed)
        _ = app.pollStore()
        app.press("]")
        #expect(app.state.message?.isError == true)
        #expect(try store.account(2).assistance == 10)
    }

    @Test func staleScoreChangeIsRefusedAndSaid() throws {
        let (app, store) = try AccountFixture.app(.zh, screen: "4")
        var other = try store.account(1)
        other.notes = "li.na was here"
        _ = try store.acting(as: "li.na").updateAccount(other)
        app.press("+")  // the screen still holds version 1
        app.key(.enter)
        #expect(app.state.message?.isError == true)
        #expect(app.state.message?.text.contains("li.na") == true)
        #expect(try store.account(1).loyalty == 8)
    }

    @Test func lifetimeValueToggleAndQueryApply() throws {
        let (app, _) = try AccountFixture.app(.zh, screen: "4")
        app.press("v")
        #expect(app.state.quadrant.metric == .lifetimeValue)
        let lines = app.lines()
        // 上海电气集团 won 80万: its lifetime value shows; the frame adds the value sum.
        #expect(lines[5].hasPrefix("│ C 上海电气集团    80万│"))
        #expect(lines[12].hasPrefix("└─ 1 · 价值 80万 ───────┘└─ 1 · 价值 112万 ─"))
        #expect(lines[1].contains("v: 生命周期价值"))
        #expect(QuadrantReview.start(today: Fixture.today, timeZone: TimeZone(identifier: "Asia/Shanghai")!)
            == Date(timeIntervalSince1970: Double(Day(year: 2026, month: 11, day: 16)!.ordinal) * 86_400 - 8 * 3_600))
    }
}
