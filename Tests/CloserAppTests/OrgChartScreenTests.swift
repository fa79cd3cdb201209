@testable import CloserApp
import CloserCore
import Testing
import TerminalUI

/// The chart part of a rendered screen: columns 0..<width of rows 2..., trailing spaces trimmed.
private func chartLines(_ canvas: Canvas, width: Int, rows: Range<Int>) -> [String] {
    rows.map { y in
        var line = canvas.text(y: y, from: 0, to: width)
        while line.last == " " { line.removeLast() }
        return line
    }
}

/// Line by line, so a failure names the row and shows both texts.
func expectLines(_ actual: [String], _ expected: [String], sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(actual.count == expected.count, "row count", sourceLocation: sourceLocation)
    for (index, (got, want)) in zip(actual, expected).enumerated() where got != want {
        Issue.record("row \(index):\n  got  «\(got)»\n  want «\(want)»", sourceLocation: sourceLocation)
    }
}

@Suite("Org chart screen, rendered")
struct OrgChartRenderTests {
    @Test func smallChartSideBySideAt160x48InChinese() throws {
        let (app, _) = try OrgChartFixture.app(.zh, width: 160, height: 48)
        let canvas = app.canvas()
        let lines = canvas.lines()
        #expect(lines[0].contains("5 组织结构"))
        #expect(lines[1] == "中国石化北京分公司  5 人 · 汇报关系 [t]  ⚠ 3")
        expectLines(chartLines(canvas, width: 72, rows: 2..<20), [
            "           ┌───────────────────┐                未挂接上级（1）",
            "           │王建国 ·           │                ┌───────────────────┐",
            "           │总经理             │                │孙丽 ·             │",
            "           │决策·使用 决批 60  │                │助理               │",
            "           └─────────┬─────────┘                │操作·使用 5        │",
            "          ┌──────────┴───────────┐              └───────────────────┘",
            "┌─────────┴─────────┐  ┌─────────┴─────────┐",
            "│赵敏 −             │  │李工 +             │",
            "│采购部经理         │  │技术部主任         │",
            "│管理·采购 40       │  │管理·技术 设 30    │",
            "└───────────────────┘  └─────────┬─────────┘",
            "                                 │",
            "                       ┌─────────┴─────────┐",
            "                       │★张三 ·            │",
            "                       │设备工程师         │",
            "                       │操作·技术 10       │",
            "                       └───────────────────┘",
            "",
        ])
        // The side panel: the selected person in full, the gaps, the path to the decision-maker.
        let side = (2..<22).map { canvas.text(y: $0, from: 114, to: 160) }.joined(separator: "\n")
        for expected in ["┌ 王建国 ─", "决策层 · 使用部门", "角色: 决策者、批准者", "最近见面: 2026-08-25 (90 天前)",
                         "⚠ 高影响力反对者（40）：赵敏", "⚠ 王建国 已 90 天未见面", "⚠ 赵敏 从未见面", "王建国 ← 李工", "未挂接上级（1）"] {
            #expect(side.contains(expected), "side panel lacks \(expected)")
        }
        // Stance and selection are roles, not only symbols: the selected box is focused, the opponent red.
        #expect(canvas.roleAt(x: 11, y: 2) == .borderFocused)
        #expect(canvas.roleAt(x: 0, y: 8) == "stance.opponent")
        #expect(canvas.roleAt(x: 24, y: 15) == "coach")
        #expect(canvas.wideCharactersIntact)
    }

    @Test func narrowTerminalStacksLeavesAndKeepsTheSelectionInView() throws {
        let (app, _) = try OrgChartFixture.app(.en, width: 80, height: 24)
        let canvas = app.canvas()
        let lines = canvas.lines()
        #expect(lines[1] == "中国石化北京分公司  5 persons · reports-to tree [t]  ⚠ 3")
        expectLines(chartLines(canvas, width: 49, rows: 2..<9), [
            "           ┌──────────────────┐               No",
            "           │王建国 ·          │               ┌──",
            "           │总经理            │               │孙",
            "           │Dec·Use DM Ap 60  │               │助",
            "           └─────────┬────────┘               │Op",
            "          ┌──────────┴──────────┐             └──",
            "┌─────────┴────────┐  ┌─────────┴────────┐",
        ])
        #expect(lines[23].hasPrefix(" a add  e edit  m manager  c coach"))
        #expect(canvas.wideCharactersIntact)
    }

    @Test func aWideFlatOrganisationStacksItsStaffUnderTheManager() throws {
        // Ten engineers under one manager are 10 × 18 columns side by side: too wide for 113.
        let staff = (0..<10).map { i in
            Person(id: Int64(20 + i), accountID: 2, name: "工程师\(i)", title: "工程师", function: .technical, reportsTo: 19)
        }
        let boss = Person(id: 19, accountID: 2, name: "刘主任", title: "技术部主任", level: .manager, function: .technical)
        let (app, _) = try OrgChartFixture.app(.zh, width: 160, height: 48, account: 2, extra: [boss] + staff)
        let canvas = app.canvas()
        expectLines(chartLines(canvas, width: 40, rows: 2..<13), [
            "┌──────────────┐",
            "│刘主任 ·      │",
            "│技术部主任    │",
            "│管理·技术 10  │",
            "└─┬────────────┘",
            "  │ ┌──────────────┐",
            "  │ │工程师0 ·     │",
            "  ├─┤工程师        │",
            "  │ │操作·技术 10  │",
            "  │ └──────────────┘",
            "  │ ┌──────────────┐",
        ])
        // The last engineer closes the trunk with └, and the chart is taller than the screen.
        let layout = try #require(app.state.orgChart.layout)
        #expect(layout.stacked)
        #expect(layout.height == 5 + 10 * 5)
        #expect(canvas.lines()[46].contains("▼"), "more below the 45 rows shown")
        app.press("G")
        #expect(app.state.orgChart.selectedPerson?.name == "工程师9")
        let scrolled = app.canvas().lines()
        #expect(scrolled.contains { $0.contains("└─┤工程师        │") }, "the view follows the selection down to the last box")
        #expect(scrolled[2].contains("▲"))
    }

    @Test(arguments: [(80, 24), (160, 48)])
    func aDeepChainScrollsDownWithTheSelection(width: Int, height: Int) throws {
        // Ten levels of one line of command: 10 × 6 rows, deeper than either screen.
        let names = ["董事长", "总裁", "副总裁", "总监", "部长", "副部长", "主任", "主管", "组长", "技术员"]
        let chain = names.enumerated().map { index, title in
            Person(id: Int64(40 + index), accountID: 2, name: "层级\(index)", title: title, reportsTo: index == 0 ? nil : Int64(39 + index))
        }
        let (app, _) = try OrgChartFixture.app(.zh, width: width, height: height, account: 2, extra: chain)
        let layout = try #require(app.state.orgChart.layout)
        #expect(layout.height == 10 * 6 - 1)
        #expect(!layout.stacked, "one report each: nothing to stack")
        let top = app.lines()
        #expect(top[2].contains("┌") && top.contains { $0.contains("层级0") })
        #expect(top[height - 2].contains("▼"))
        for _ in 0..<9 { app.press("j") }
        #expect(app.state.orgChart.selectedPerson?.name == "层级9")
        let bottom = app.lines()
        #expect(bottom.contains { $0.contains("层级9") } && !bottom.contains { $0.contains("层级0") })
        #expect(bottom[2].contains("▲"))
        // Each level hangs under the one above by a straight stem: ┬ on the manager, ┴ on the report.
        #expect(bottom.contains { $0.contains("─┬─") } && bottom.contains { $0.contains("─┴─") })
        #expect(app.canvas().wideCharactersIntact)
    }

    @Test func theLevelByFunctionGridShowsWhereWeHaveNoContact() throws {
        let (app, _) = try OrgChartFixture.app(.zh, width: 160, height: 48)
        app.press("t")
        let text = app.screenText()
        #expect(text.contains("层级 × 职能"))
        for header in ["使用部门", "技术部门", "采购部门", "决策层", "管理层", "操作层"] { #expect(text.contains(header)) }
        // 9 cells, 5 persons in 5 distinct cells: four say so in words.
        #expect(text.components(separatedBy: "—— 无联系人").count - 1 == 4)
        #expect(text.contains("王建国 · 决批 · 总经理"))
        #expect(text.contains("★张三 · · 设备工程师"))
        #expect(app.canvas().wideCharactersIntact)
    }

    @Test func noAccountChosenAndNoPersonsYetSayWhatToDo() throws {
        let (app, _) = try Fixture.handMade(.en, width: 80, height: 24)
        app.press("5")
        #expect(app.state.screen == .orgChart)
        #expect(app.state.orgChart.accountID == 2 || app.state.orgChart.accountID == 1, "the board's selected deal names the account")
        let store = try Fixture.memoryStore(Fixture.snapshot())
        let empty = Fixture.app(store, .en, width: 80, height: 24)
        empty.openOrgChart(accountID: 2)
        #expect(empty.screenText().contains("No key persons mapped yet — press a to add"))
        #expect(empty.screenText().contains("first one"), "the hint wraps instead of being cut")
        let none = App(store: store, state: Fixture.state(.en))
        none.start()
        none.press("3")
        none.state.accounts.page = nil
        none.press("5")
        #expect(none.screenText().contains("Choose an account first"))
    }

    /// The store refuses such names now; a store written by an older version may hold them.
    @Test func namesFromDataCannotReachTheTerminalAsEscapes() throws {
        let person = Person(id: 30, accountID: 1, name: "黑客", title: "主任", reportsTo: 1)
        let store = try LegacyRows.store(OrgChartFixture.snapshot(extra: [person]), texts: [
            .init(table: "person", id: 30, column: "name", value: "黑客\u{1B}]52;c;bad\u{07}"),
            .init(table: "person", id: 30, column: "title", value: "\u{1B}[2J主任"),
        ])
        let app = Fixture.app(store, .zh, width: 160, height: 48)
        app.openOrgChart(accountID: 1)
        let canvas = app.canvas()
        #expect(!canvas.cells.contains { $0.text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 } })
        #expect(canvas.wideCharactersIntact)
    }
}

@Suite("Org chart of 200 persons")
struct LargeOrgChartTests {
    @Test(arguments: [(80, 24), (160, 48)])
    func everyoneHasABoxNoBoxesOverlapAndTheViewFollows(width: Int, height: Int) throws {
        let (app, _) = try OrgChartFixture.app(.zh, width: width, height: height, account: 2, extra: OrgChartFixture.large())
        #expect(app.lines()[1].hasPrefix("中国石化北京分公司  200 人".replacingOccurrences(of: "中国石化北京分公司", with: "华为技术有限公司深圳研发中心")))
        let layout = try #require(app.state.orgChart.layout)
        #expect(layout.boxes.count == 200)
        #expect(Set(layout.boxes.map(\.personID)).count == 200)
        let rects = layout.boxes.map(\.rect).sorted { ($0.y, $0.x) < ($1.y, $1.x) }
        for (i, a) in rects.enumerated() {
            for b in rects[(i + 1)...] where b.y < a.maxY {
                #expect(a.intersection(b).isEmpty, "\(a) overlaps \(b)")
            }
        }
        // Walk right along the department heads and down into the staff: the selection stays on screen.
        for _ in 0..<12 { app.press("l") }
        for _ in 0..<6 { app.press("j") }
        let selected = try #require(app.state.orgChart.selectedPerson)
        #expect(app.screenText().contains(selected.name))
        #expect(app.canvas().wideCharactersIntact)
    }

    @Test func jumpByPinyinInitialsFindsAPersonDeepInTheChart() throws {
        let (app, _) = try OrgChartFixture.app(.zh, width: 80, height: 24, account: 2, extra: OrgChartFixture.large())
        app.press("/")
        app.type("oyzy")  // 欧阳志远
        #expect(app.state.orgChart.selectedPerson?.name == "欧阳志远")
        app.key(.escape)
        let target = try #require(app.state.orgChart.tree.persons[300])
        app.press("/")
        app.type(target.name)
        app.key(.enter)
        #expect(app.state.overlay == nil)
        // Several persons may share the name; the first in chart order is chosen, Tab would go on.
        #expect(app.state.orgChart.selectedPerson?.name == target.name)
        #expect(app.screenText().contains(target.name))
        app.press("/")
        app.type("xyz不存在")
        #expect(app.screenText().contains("没有匹配“xyz不存在”的人"))
    }
}
