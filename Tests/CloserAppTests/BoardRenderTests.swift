import CloserApp
import CloserCore
import Foundation
import Testing
import TerminalUI

/// The pipeline board as text. Expected lines are worked out from the layout rules by hand:
/// at 80 columns three columns of 26 fit (x = 0, 27, 54; separators at 26 and 53), three cards
/// each (rows 4, 9, 14); at 160 six columns of 25 (the last 30) fit, separators at 25, 51, 77, 103, 129.
@Suite struct BoardRenderTests {
    static let sep80 = [26, 53]
    static let sep160 = [25, 51, 77, 103, 129]

    static func separators(_ columns: [Int]) -> [(Int, String)] { columns.map { ($0, "│") } }

    /// A line made of separators plus the pieces, in column order.
    static func line(_ separators: [Int], _ pieces: [(Int, String)]) -> String {
        let all = (pieces + separators.map { ($0, "│") }).sorted { $0.0 < $1.0 }
        var text = ""
        var used = 0
        for (column, piece) in all {
            precondition(column >= used, "overlap at \(column)")
            text += String(repeating: " ", count: column - used) + piece
            used = column + TextWidth.of(piece)
        }
        while text.last == " " { text.removeLast() }
        return text
    }

    @Test func fixedClockIsTheFixedDay() {
        #expect(Day(Fixture.now, timeZone: TimeZone(identifier: "UTC")!) == Fixture.today)
    }

    @Test func chineseBoardAt80x24() throws {
        let (app, _) = try Fixture.handMade(.zh)
        let canvas = app.canvas()
        let lines = canvas.lines()
        let s = Self.sep80
        let expected: [String] = [
            " 1 看板   2 商机   3 客户   4 象限   5 组织   6 周报   7 人员   8 赢丢    … [p]",
            Self.line(s, [(0, " 开发 10%"), (24, "2"), (27, " 销售进入 20%"), (51, "1"), (54, " 提案 40%"), (78, "1▶")]),
            Self.line(s, [(0, " 合计 150万  加权 15万"), (27, " 合计 8万  加权 8000"), (54, " 合计 250万  加权 100万")]),
            String(repeating: "─", count: 26) + "│" + String(repeating: "─", count: 26) + "│" + String(repeating: "─", count: 26),
            // The health mark: how many rules each deal trips (the open deal lists them).
            Self.line(s, [(1, "A 中国石化北京分公司"), (23, "✚2"), (28, "C 上海电气集团"), (50, "✚2"), (55, "A 中国石化北京分公司"), (77, "✚3")]),
            Self.line(s, [(1, "炼油厂泵站改造"), (28, "汽轮机备件"), (55, "储罐区安全监控")]),
            Self.line(s, [(1, "120万 · 10天 · ◆2/2"), (28, "8万 · 20天 · ◇0/1"), (55, "250万 · 30天 · ◆1/1")]),
            Self.line(s, [(1, "⏰ 11-20 逾期 3天 · 拜访…"), (28, "⚑风险 → 今天到期 · 准备 …"), (55, "→ 12-01 提交方案")]),
            Self.line(s, []),
            Self.line(s, [(1, "B 华为技术有限公司深 …"), (23, "✚2")]),
            Self.line(s, [(1, "数据中心网络")]),
            Self.line(s, [(1, "30万 · 2天 · ◇0/2")]),
            Self.line(s, [(1, "⚠ 无下一步")]),
        ] + Array(repeating: Self.line(s, []), count: 10) + [
            row((1, "Enter 打开  > 推进  n 新建商机  / 搜索"), (44, "筛选: 全部 │ wang.lei@closer.sqlite")),
        ]
        #expect(lines.count == 24)
        for (index, line) in expected.enumerated() {
            #expect(lines[index] == line, "row \(index)")
        }
        // Styles: the focused column header, the selected first card, grade and warning colours.
        #expect(canvas.roleAt(x: 1, y: 1) == "stage.header.focused")
        #expect(canvas.roleAt(x: 28, y: 1) == "stage.header")
        #expect(canvas.roleAt(x: 1, y: 4) == "card.selected")
        #expect(canvas.roleAt(x: 5, y: 7) == "card.selected")
        #expect(canvas.roleAt(x: 1, y: 9) == "grade.b")
        #expect(canvas.roleAt(x: 1, y: 12) == "card.overdue")
        #expect(canvas.roleAt(x: 28, y: 7) == "risk")
        #expect(canvas.roleAt(x: 55, y: 6) == "card.amount")
        #expect(canvas.roleAt(x: 28, y: 4) == "grade.c")
        #expect(canvas.roleAt(x: 79, y: 1) == .accent)
        #expect(canvas.roleAt(x: 26, y: 10) == .border)
        #expect(canvas.roleAt(x: 1, y: 23) == .statusKey)
        Self.checkAlignment(canvas, separators: s)
    }

    @Test func englishBoardAt80x24() throws {
        let (app, _) = try Fixture.handMade(.en)
        let lines = app.lines()
        let s = Self.sep80
        #expect(lines[0] == " 1 Board   2 Deals   3 Accts   4 Quad   5 Org   6 Review   7 People   8 W/L   …")
        #expect(lines[1] == Self.line(s, [(0, " Develop 10%"), (24, "2"), (27, " Entry 20%"), (51, "1"), (54, " Proposal 40%"), (78, "1▶")]))
        #expect(lines[2] == Self.line(s, [(0, " Σ 1.5M  ≈ 150k"), (27, " Σ 80k  ≈ 8k"), (54, " Σ 2.5M  ≈ 1M")]))
        #expect(lines[4] == Self.line(s, [(1, "A 中国石化北京分公司"), (23, "✚2"), (28, "C 上海电气集团"), (50, "✚2"), (55, "A 中国石化北京分公司"), (77, "✚3")]))
        #expect(lines[6] == Self.line(s, [(1, "1.2M · 10d · ◆2/2"), (28, "80k · 20d · ◇0/1"), (55, "2.5M · 30d · ◆1/1")]))
        // Cut names end in "…"; a wide character that does not fit before it becomes a space, never half a glyph.
        #expect(lines[7] == Self.line(s, [(1, "⏰ 11-20 overdue 3d · 拜…"), (28, "⚑RISK → due today · 准备…"), (55, "→ 12-01 提交方案")]))
        #expect(lines[9] == Self.line(s, [(1, "B 华为技术有限公司深 …"), (23, "✚2")]))
        #expect(lines[11] == Self.line(s, [(1, "300k · 2d · ◇0/2")]))
        #expect(lines[12] == Self.line(s, [(1, "⚠ no next step")]))
        #expect(lines[23] == row((1, "Enter open  > move  n New deal  / Search"), (43, "Filter: all │ wang.lei@closer.sqlite")))
        Self.checkAlignment(app.canvas(), separators: s)
    }

    @Test func chineseBoardAt160x48() throws {
        let (app, _) = try Fixture.handMade(.zh, width: 160, height: 48)
        let canvas = app.canvas()
        let lines = canvas.lines()
        let s = Self.sep160
        #expect(lines.count == 48)
        let expected: [String] = [
            row((0, " 1 管道看板   2 商机列表   3 客户列表   4 客户象限   5 组织结构   6 每周回顾   7 关键人   8 赢丢分析"), (139, "流程: 项目型销售 [p]")),
            Self.line(s, [(0, " 开发 10%"), (23, "2"), (26, " 销售进入 20%"), (49, "1"), (52, " 提案 40%"), (75, "1"),
                          (78, " 投标 60%"), (101, "0"), (104, " 商务谈判 80%"), (127, "1"), (130, " 工程实施 100%"), (158, "0")]),
            // In the base currency; the USD deal has no rate yet, which the rule under the figures says.
            Self.line(s, [(0, " 合计 150万  加权 15万"), (26, " 合计 8万  加权 8000"), (52, " 合计 250万  加权 100万"), (78, " 合计 0"),
                          (104, " 合计 0  加权 0"), (130, " 合计 0")]),
            (0..<4).map { _ in String(repeating: "─", count: 25) + "│" }.joined() + "─ + USD 50万 无汇率 ─────│" + String(repeating: "─", count: 30),
            Self.line(s, [(1, "A 中国石化北京分公司"), (22, "✚2"), (27, "C 上海电气集团"), (48, "✚2"), (53, "A 中国石化北京分公司"), (74, "✚3"),
                          (79, "（无商机）"), (105, "C 上海电气集团"), (126, "✚3"), (131, "（无商机）")]),
            Self.line(s, [(1, "炼油厂泵站改造"), (27, "汽轮机备件"), (53, "储罐区安全监控"), (105, "汽轮机组长期服务合同（ …")]),
            Self.line(s, [(1, "120万 · 10天 · ◆2/2"), (27, "8万 · 20天 · ◇0/1"), (53, "250万 · 30天 · ◆1/1"), (105, "USD 50万 · 40天 · ◇0/1")]),
            Self.line(s, [(1, "⏰ 11-20 逾期 3天 · 拜 …"), (27, "⚑风险 → 今天到期 · 准备…"), (53, "→ 12-01 提交方案"), (105, "→ 11-30 商务谈判")]),
            Self.line(s, []),
            Self.line(s, [(1, "B 华为技术有限公司深…"), (22, "✚2")]),
            Self.line(s, [(1, "数据中心网络")]),
            Self.line(s, [(1, "30万 · 2天 · ◇0/2")]),
            Self.line(s, [(1, "⚠ 无下一步")]),
        ]
        for (index, line) in expected.enumerated() {
            #expect(lines[index] == line, "row \(index)")
        }
        for index in 13..<47 { #expect(lines[index] == Self.line(s, []), "row \(index)") }
        #expect(lines[47] == row((1, "Enter 打开  > 推进  n 新建商机  / 搜索  : 命令  ? 帮助  q 退出"), (113, "筛选: 全部 │ wang.lei@/home/wang/closer.sqlite")))
        // Everything fits: no scroll markers.
        #expect(!lines[1].contains("▶") && !lines[1].hasPrefix("◀"))
        Self.checkAlignment(canvas, separators: s)
    }

    /// With a rate for USD, the negotiation column adds the USD deal in CNY at the rate in force;
    /// the card keeps its own currency (the converted value does not fit a 25-column card).
    @Test func englishBoardAt160x48() throws {
        let store = try Fixture.memoryStore(Fixture.snapshot())
        _ = try store.setExchangeRate(currency: "USD", micros: 7_100_000, from: Day(year: 2026, month: 11, day: 1)!)
        let app = Fixture.app(store, .en, width: 160, height: 48)
        let canvas = app.canvas()
        let lines = canvas.lines()
        let s = Self.sep160
        #expect(lines[1] == Self.line(s, [(0, " Develop 10%"), (23, "2"), (26, " Entry 20%"), (49, "1"), (52, " Proposal 40%"), (75, "1"),
                                          (78, " Bid 60%"), (101, "0"), (104, " Negotiation 80%"), (127, "1"), (130, " Implementation 100%"), (158, "0")]))
        #expect(lines[2] == Self.line(s, [(0, " Σ 1.5M  ≈ 150k"), (26, " Σ 80k  ≈ 8k"), (52, " Σ 2.5M  ≈ 1M"), (78, " Σ 0"),
                                          (104, " Σ 3.5M  ≈ 2.8M"), (130, " Σ 0")]))
        #expect(lines[3] == (0..<5).map { _ in String(repeating: "─", count: 25) + "│" }.joined() + String(repeating: "─", count: 30), "every rate known: nothing to say")
        #expect(lines[4] == Self.line(s, [(1, "A 中国石化北京分公司"), (22, "✚2"), (27, "C 上海电气集团"), (48, "✚2"), (53, "A 中国石化北京分公司"), (74, "✚3"),
                                          (79, "(no deals)"), (105, "C 上海电气集团"), (126, "✚3"), (131, "(no deals)")]))
        #expect(lines[6] == Self.line(s, [(1, "1.2M · 10d · ◆2/2"), (27, "80k · 20d · ◇0/1"), (53, "2.5M · 30d · ◆1/1"), (105, "USD 500k · 40d · ◇0/1")]))
        #expect(lines[7] == Self.line(s, [(1, "⏰ 11-20 overdue 3d ·  …"), (27, "⚑RISK → due today · 准 …"), (53, "→ 12-01 提交方案"), (105, "→ 11-30 商务谈判")]))
        #expect(lines[12] == Self.line(s, [(1, "⚠ no next step")]))
        #expect(lines[47] == row((1, "Enter open  > move  n New deal  / Search  : Commands  ? Help  q quit"), (112, "Filter: all │ wang.lei@/home/wang/closer.sqlite")))
        Self.checkAlignment(canvas, separators: s)
    }

    /// Moving right past the last visible column scrolls the board one column at a time.
    @Test(arguments: [Language.zh, .en])
    func horizontalScrollingAt80(lang: Language) throws {
        let (app, _) = try Fixture.handMade(lang)
        func headers() -> [String] {
            let canvas = app.canvas()
            return [canvas.text(y: 1, from: 1, to: 20), canvas.text(y: 1, from: 28, to: 47), canvas.text(y: 1, from: 55, to: 74)]
                .map { $0.trimmingCharacters(in: .whitespaces) }
        }
        let names = lang == .zh ? ["开发 10%", "销售进入 20%", "提案 40%", "投标 60%", "商务谈判 80%", "工程实施 100%"]
            : ["Develop 10%", "Entry 20%", "Proposal 40%", "Bid 60%", "Negotiation 80%", "Implementation 100%"]
        #expect(headers() == Array(names[0...2]))
        #expect(app.canvas().text(y: 1, from: 0, to: 1) == " ")
        app.press("l")
        app.key(.right)
        // Column 2 is still visible: no scroll yet.
        #expect(app.state.board.column == 2)
        #expect(headers() == Array(names[0...2]))
        app.press("l")  // column 3 (投标) is off screen: the view shifts by one
        #expect(app.state.board.column == 3)
        var canvas = app.canvas()
        #expect(headers() == Array(names[1...3]))
        #expect(canvas.text(y: 1, from: 0, to: 1) == "◀")
        #expect(canvas.text(y: 1, from: 79, to: 80) == "▶")
        #expect(canvas.roleAt(x: 55, y: 1) == "stage.header.focused")
        app.key(.right)
        app.key(.right)
        #expect(app.state.board.column == 5)
        canvas = app.canvas()
        #expect(headers() == Array(names[3...5]))
        #expect(canvas.text(y: 1, from: 0, to: 1) == "◀")
        #expect(canvas.text(y: 1, from: 79, to: 80) != "▶")
        app.key(.right)  // past the last column: stays
        #expect(app.state.board.column == 5)
        // Back left past the first visible column shifts the view back.
        for _ in 0..<3 { app.key(.left) }
        #expect(app.state.board.column == 2)
        #expect(headers() == Array(names[2...4]))
        Self.checkAlignment(app.canvas(), separators: Self.sep80)
    }

    /// Every line fits the canvas, no wide character is cut, and the separators sit at the same columns on every row.
    static func checkAlignment(_ canvas: Canvas, separators: [Int], sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(canvas.wideCharactersIntact, sourceLocation: sourceLocation)
        for (y, line) in canvas.lines().enumerated() {
            #expect(TextWidth.of(line) <= canvas.width, "row \(y) is \(TextWidth.of(line)) wide", sourceLocation: sourceLocation)
        }
        for y in 1..<(canvas.height - 1) {
            for x in separators {
                #expect(canvas.cell(x: x, y: y)?.text == "│", "no separator at \(x),\(y)", sourceLocation: sourceLocation)
            }
        }
    }
}
