import CloserApp
import CloserCore
import CloserSQLite
import Foundation
import Testing
import TerminalUI

/// The account table (screen 3). At 80 columns the columns that fit are name (12 + the 7
/// spare = 19), grade 5, quadrant 10, industry 8, region 6, owner 9, pipeline 8, weighted 8,
/// one space apart: x = 0, 20, 26, 37, 46, 53, 63, 72; won, last activity and due do not fit
/// ("+3 列"). At 160 all eleven fit and the name is capped at 36: x = 0, 37, 43, 54, 63, 70,
/// 80, 89, 98, 107, 116. Amount columns are right-aligned.
@Suite struct AccountTableTests {
    static let statusLine80 = row((1, "Enter 打开  > 推进  n 新建商机  / 搜索"), (44, "筛选: 全部 │ wang.lei@closer.sqlite"))

    @Test func chineseTableAt80x24() throws {
        let (app, _) = try AccountFixture.app(.zh)
        let canvas = app.canvas()
        let lines = canvas.lines()
        let expected: [String] = [
            " 1 看板   2 商机   3 客户   4 象限   5 组织   6 周报   7 人员   8 赢丢    … [p]",
            // The accounts' open pipeline: 中国石化 370万 + 华为 30万.
            row((0, "/ 搜索:"), (8, "按 / 搜索"), (47, "1/4 个客户 · 在途 Σ 400万 · +3 列")),
            "Enter 360° · s/S 排序 · c 列 · / 搜索 · 4 客户象限",
            row((0, "名称▲"), (20, "等级"), (26, "象限"), (37, "行业"), (46, "区域"), (53, "负责人"), (67, "在途"), (76, "加权")),
            row((0, AccountFixture.shanghai), (20, "C"), (26, "忠实客户"), (37, "装备"), (46, "华东"), (53, "li.na"), (70, "—"), (79, "—")),
            "中国石化北京分公司  A     忠诚度网络 石化     华北   wang.lei     370万    112万",
            "华为技术有限公司深… B     机会客户   通信     华南   wang.lei      30万      3万",
            row((0, AccountFixture.baosteel), (20, "D"), (26, "接受市场 …"), (37, "钢铁"), (46, "华东"), (53, "（公海）"), (70, "—"), (79, "—")),
        ] + Array(repeating: "", count: 15) + [Self.statusLine80]
        #expect(lines.count == 24)
        for (index, line) in expected.enumerated() {
            #expect(lines[index] == line, "row \(index)")
        }
        #expect(canvas.roleAt(x: 0, y: 3) == .header)
        #expect(canvas.roleAt(x: 0, y: 4) == .selected)
        #expect(canvas.roleAt(x: 0, y: 5) == "card.overdue")  // next step due 11-20, today 11-23
        #expect(canvas.roleAt(x: 0, y: 6) == .normal)
        #expect(canvas.wideCharactersIntact)
    }

    @Test func chineseTableAt160x48ShowsEveryColumn() throws {
        let (app, _) = try AccountFixture.app(.zh, width: 160, height: 48)
        let lines = app.lines()
        #expect(lines[1] == row((0, "/ 搜索:"), (8, "按 / 搜索"), (135, "1/4 个客户 · 在途 Σ 400万")))
        #expect(lines[3] == row((0, "名称▲"), (37, "等级"), (43, "象限"), (54, "行业"), (63, "区域"), (70, "负责人"), (84, "在途"), (93, "加权"),
                                (100, "已赢单"), (107, "最近行动"), (116, "下步到期")))
        #expect(lines[4] == "上海电气集团                         C     忠实客户   装备     华东   li.na            —        —     80万 —        —")
        #expect(lines[5] == "中国石化北京分公司                   A     忠诚度网络 石化     华北   wang.lei     370万    112万        — 11-18    ⏰11-20")
        #expect(lines[6] == "华为技术有限公司深圳研发中心         B     机会客户   通信     华南   wang.lei      30万      3万        — —        —")
        #expect(lines[8...46].allSatisfy { $0.isEmpty })
        #expect(app.canvas().wideCharactersIntact)
    }

    static func names(_ app: App) -> [String] { app.state.accounts.page?.rows.map(\.account.name) ?? [] }

    @Test func sortNextReverseAndHeaderClick() throws {
        let (app, _) = try AccountFixture.app(.zh)
        #expect(Self.names(app) == [AccountFixture.shanghai, AccountFixture.sinopec, AccountFixture.huawei, AccountFixture.baosteel])
        app.press("s")  // the next column: grade, A first
        #expect(app.state.accounts.sort == .grade)
        #expect(Self.names(app) == [AccountFixture.sinopec, AccountFixture.huawei, AccountFixture.shanghai, AccountFixture.baosteel])
        #expect(app.lines()[3].hasPrefix(row((0, "名称"), (20, "等级▲"))))
        app.press("S")
        #expect(Self.names(app) == [AccountFixture.baosteel, AccountFixture.shanghai, AccountFixture.huawei, AccountFixture.sinopec])
        #expect(app.lines()[3].hasPrefix(row((0, "名称"), (20, "等级▼"))))
        // A click on the pipeline header (x 63…70 on the header row, y 3): largest first, ties by id.
        app.handle(.mouse(MouseEvent(x: 68, y: 3, kind: .click)))
        #expect(app.state.accounts.sort == .pipeline)
        #expect(Self.names(app) == [AccountFixture.sinopec, AccountFixture.huawei, AccountFixture.shanghai, AccountFixture.baosteel])
        app.handle(.mouse(MouseEvent(x: 68, y: 3, kind: .click)))
        #expect(app.state.accounts.ascending)
    }

    @Test func columnChooserShowsHidesAndMoves() throws {
        let (app, _) = try AccountFixture.app(.zh)
        app.press("c")
        guard case .accounts(.columns) = app.state.overlay else { Issue.record("no chooser"); return }
        let text = app.screenText()
        #expect(text.contains("[x] 名称") && text.contains("[x] 下步到期"))
        app.key(.down)
        app.press(" ")  // hide grade
        #expect(app.state.accounts.columns.hidden == [.grade])
        #expect(app.screenText().contains("[ ] 等级"))
        for _ in 0..<5 { app.key(.down) }  // cursor on pipeline (index 6)
        for _ in 0..<5 { app.press("[") }  // move it up to index 1
        #expect(app.state.accounts.columns.visible.prefix(3) == [.name, .pipeline, .quadrant])
        app.press("]")
        #expect(app.state.accounts.columns.order.prefix(3) == [.name, .grade, .pipeline])
        app.key(.escape)
        #expect(app.state.overlay == nil)
        // Name 12 + spare; grade hidden, so won now fits: name, pipeline, quadrant, …
        let header = app.lines()[3]
        #expect(header.hasPrefix("名称▲"))
        #expect(header.contains("在途") && !header.contains("等级"))
        let pipelineAt = try #require(header.range(of: "在途")).lowerBound
        let quadrantAt = try #require(header.range(of: "象限")).lowerBound
        #expect(pipelineAt < quadrantAt)
        // The last visible column cannot be hidden.
        var layout = AccountColumnLayout()
        for column in AccountColumn.allCases { layout.toggle(column) }
        #expect(layout.visible == [.nextStepDue])
    }

    @Test func searchWithAGoodQueryFiltersAsYouType() throws {
        let (app, _) = try AccountFixture.app(.zh)
        app.press("/")
        #expect(app.state.accountSearch.editing)
        app.type("宝钢")
        #expect(app.state.accountSearch.error == nil)
        #expect(app.state.accountSearch.conditions == (try AccountQueryLanguage.parse("宝钢")))
        #expect(app.state.message == nil)
        #expect(Self.names(app) == [AccountFixture.baosteel])
        #expect(app.lines()[1].hasPrefix("/ 搜索: 宝钢"))
        app.key(.enter)
        #expect(!app.state.accountSearch.editing)
        // q is a key again, not text.
        #expect(app.lines()[23].contains("“宝钢”"))
        app.press("/")
        app.key(.escape)
        #expect(app.state.accountSearch.field.text.isEmpty)
        #expect(app.state.accounts.page?.total == 4)
    }

    /// A condition the parser rejects is shown under the field; the table keeps the last good rows.
    @Test func malformedQueryFromTheParserShowsUnderTheFieldAndKeepsTheLastGoodResult() throws {
        let (app, _) = try AccountFixture.app(.zh)
        app.press("/")
        // Typed key by key: "grade:D" is the last query that parses (宝钢股份 is grade D);
        // "grade:D," and "grade:D,Z" do not, so the table must keep 宝钢股份.
        app.type("grade:D")
        let good = Self.names(app)
        #expect(good == [AccountFixture.baosteel])
        app.type(",Z")
        let error = try #require(app.state.accountSearch.error)
        #expect(Self.names(app) == good)
        let lines = app.lines()
        let caretX = 8 + TextWidth.of(String(Array("grade:D,Z")[..<error.position]))
        // The Chinese UI words the parser's complaint in Chinese.
        #expect(lines[2] == "        ^^^^^^^^^ 等级「Z」不是 A、B、C、D 之一")
        #expect(app.canvas().cell(x: caretX, y: 2)?.text == "^")
        #expect(app.canvas().roleAt(x: caretX, y: 2) == .error)
    }

    /// How an error is drawn: the bad part marked with carets under the field, the message after it.
    @Test func queryErrorIsMarkedUnderTheField() throws {
        let (app, _) = try AccountFixture.app(.zh)
        app.press("/")
        app.type("宝钢 grade:Z")
        var state = app.state
        state.accountSearch.error = QueryError(position: 9, length: 1, message: "unknown grade Z (A, B, C, D)")
        var canvas = Canvas(width: 80, height: 24)
        AppView.render(state, into: &canvas)
        let lines = canvas.lines()
        // "宝钢 " is 5 columns, "grade:" 6: the Z sits at 8 + 11 = 19.
        #expect(lines[1].hasPrefix("/ 搜索: 宝钢 grade:Z "))
        #expect(lines[2] == row((19, "^"), (21, "unknown grade Z (A, B, C, D)")))
        #expect(canvas.roleAt(x: 19, y: 2) == .error)
        #expect(canvas.roleAt(x: 21, y: 2) == .error)
    }

    @Test func pagingLoadsOnlyTheVisiblePage() throws {
        var snapshot = AccountFixture.snapshot()
        for index in 5...64 {
            snapshot.accounts.append(Account(id: Int64(index), name: String(format: "客户%03d", index), grade: .c, owner: Fixture.user))
        }
        let store = try Fixture.memoryStore(snapshot)
        let app = Fixture.app(store, .zh)
        app.press("3")
        // 24 rows: tab bar, search and its line, header, status → 19 rows per page.
        let page = try #require(app.state.accounts.page)
        #expect(page.total == 64)
        #expect(page.rows.count == 19 && page.offset == 0)
        app.key(.pageDown)
        let next = try #require(app.state.accounts.page)
        #expect(next.offset == 19 && next.rows.count == 19)
        #expect(app.state.accounts.selected?.account.name == next.rows[0].account.name)
        app.key(.end)
        let last = try #require(app.state.accounts.page)
        #expect(last.offset == 45 && last.rows.count == 19)
        #expect(app.state.accounts.scroll.selected == 63)
        #expect(app.lines()[1].contains("64/64 个客户"))
    }
}
