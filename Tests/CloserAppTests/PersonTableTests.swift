@testable import CloserApp
import CloserCore
import CloserSQLite
import Testing
import TerminalUI

/// The key-person table over the org chart fixture: seven persons on two accounts.
@Suite("Key-person table")
struct PersonTableTests {
    static func app(_ lang: Language = .zh, width: Int = 160, height: Int = 48) throws -> (App, SQLiteStore) {
        let store = try Fixture.memoryStore(OrgChartFixture.snapshot())
        let app = Fixture.app(store, lang, width: width, height: height)
        app.press("7")
        return (app, store)
    }

    @Test func rendersEveryoneSortedByNameAt160x48() throws {
        let (app, _) = try Self.app()
        #expect(app.state.screen == .persons)
        let lines = app.lines()
        #expect(lines[0].contains("7 关键人"))
        #expect(lines[1].hasPrefix("姓名▲") && lines[1].contains("客户") && lines[1].contains("最近见面"))
        let names = app.state.personTable.page?.rows.map(\.person.name)
        #expect(names == ["吴工", "孙丽", "张三", "李工", "王建国", "赵敏", "陈总"], "by name, as SQLite orders the UTF-8 text")
        #expect(lines.contains { $0.hasPrefix("★张三") && $0.contains("中国石化北京分公司") && $0.contains("设备工程师") && $0.contains("2026-09-24") })
        #expect(lines.contains { $0.hasPrefix("赵敏") && $0.contains("−反对者") && $0.contains("40") })
        #expect(lines[46].contains("1/7 人"))
        #expect(app.canvas().wideCharactersIntact)
    }

    /// The person table is the same paged table as deals and accounts: a header click sorts by
    /// that column (again: reversed), a click selects a row and a double-click opens it. Before,
    /// it took no mouse at all.
    @Test func headerClickSortsAndDoubleClickOpensLikeTheOtherTables() throws {
        let (app, _) = try Self.app(.en)
        let header = app.lines()[1]
        let x = TextWidth.of(String(header[..<(header.range(of: "Infl.")?.lowerBound ?? header.startIndex)]))
        app.handle(.mouse(MouseEvent(x: x + 1, y: 1, kind: .click)))
        #expect(app.state.personTable.sort == .influence && app.state.personTable.ascending == false)
        let influence = app.state.personTable.page?.rows.map(\.person.influence) ?? []
        #expect(influence == influence.sorted(by: >) && influence.count == 7)
        app.handle(.mouse(MouseEvent(x: x + 1, y: 1, kind: .click)))
        #expect(app.state.personTable.ascending == true)
        app.handle(.mouse(MouseEvent(x: 2, y: 4, kind: .doubleClick)))
        let picked = try #require(app.state.personTable.page?.rows[2])
        #expect(app.state.screen == .orgChart)
        #expect(app.state.orgChart.selectedPerson?.id == picked.person.id)
    }

    @Test func narrowEnglishFitsTheColumnsThatFit() throws {
        let (app, _) = try Self.app(.en, width: 80, height: 24)
        let lines = app.lines()
        #expect(lines[0].hasPrefix(" 1 Board   2 Deals   3 Accts   4 Quad   5 Org   6 Review   7 People"))
        #expect(lines[1].hasPrefix("Name▲"))
        #expect(lines.allSatisfy { TextWidth.of($0) <= 80 })
        #expect(app.canvas().wideCharactersIntact)
    }

    @Test func searchAsYouTypeByPinyinInitialsSortAndOpenTheChart() throws {
        let (app, _) = try Self.app()
        app.press("/")
        app.type("zm")  // 赵敏
        #expect(app.state.personTable.page?.rows.map(\.person.name) == ["赵敏"])
        app.key(.escape)
        #expect(app.state.personTable.page?.total == 7, "Esc clears the search")
        app.press("s")  // account
        app.press("s")  // title
        app.press("s")  // level
        app.press("s")  // roles are skipped: stance
        #expect(app.state.personTable.sort == .stance)
        app.press("s")
        #expect(app.state.personTable.sort == .influence && !app.state.personTable.ascending)
        #expect(app.state.personTable.page?.rows.first?.person.name == "陈总", "influence 80 first")
        app.press("S")
        #expect(app.state.personTable.page?.rows.first?.person.name == "孙丽", "influence 5 first when reversed")
        app.press("j")
        app.key(.enter)  // the second lowest influence: 张三 or 吴工 (both 10), by name
        let picked = try #require(app.state.orgChart.selectedPerson)
        #expect(app.state.screen == .orgChart)
        #expect(picked.influence == 10 && app.state.orgChart.accountID == picked.accountID)
        #expect(app.screenText().contains("┌ \(picked.name) ─"))
    }

    @Test func theStoreSortsAndPagesInSQL() throws {
        let store = try Fixture.memoryStore(OrgChartFixture.snapshot())
        let page = try store.personRows(PersonTableQuery(sort: .level, offset: 0, limit: 3))
        #expect(page.total == 7 && page.rows.map(\.person.name) == ["陈总", "王建国", "赵敏"], "decision layer first, then influence")
        let met = try store.personRows(PersonTableQuery(sort: .lastMet, ascending: false, limit: 10))
        #expect(met.rows.first?.person.name == "李工" && met.rows.last?.person.lastMet == nil, "never met last")
        let account = try store.personRows(PersonTableQuery(accountID: 3))
        #expect(account.rows.map(\.accountName) == ["上海电气集团", "上海电气集团"])
    }
}
