import CloserCore
import Testing
import TerminalUI
@testable import CloserApp
@testable import CloserSQLite

/// Saved account filters on the board and the deal table: `f` picks one, the deals of the
/// accounts it selects remain, the status line names it, `x` clears it.
@Suite struct DealSavedFilterTests {
    /// The hand-made pipeline (Fixture.snapshot) at a width where the status line ends with the
    /// store's file name, with two saved filters.
    static func app() throws -> (App, SQLiteStore) {
        let (app, store) = try Fixture.handMade(.en, width: 100, height: 30)
        try store.acting(as: Fixture.user).saveFilter(SavedFilter(name: "A accounts", query: "grade:A", owner: Fixture.user))
        try store.acting(as: Fixture.user).saveFilter(SavedFilter(name: "mine", query: "owner:me", owner: Fixture.user))
        return (app, store)
    }

    static func pick(_ app: App, _ name: String) throws {
        app.press("f")
        guard case .accounts(.savedFilters(let picker)) = app.state.overlay else {
            Issue.record("f opens the saved filters")
            return
        }
        #expect(picker.target == .deals)
        let index = try #require(picker.filters.firstIndex { $0.name == name })
        for _ in 0..<index { app.key(.down) }
        app.key(.enter)
    }

    static func cardTitles(_ app: App) -> [String] { app.state.board.board?.columns.flatMap(\.cards).map(\.title) ?? [] }

    @Test func onTheBoardTheDealsOfTheSelectedAccountsRemain() throws {
        let (app, _) = try Self.app()
        #expect(Self.cardTitles(app).count == 5)
        try Self.pick(app, "A accounts")
        #expect(app.state.overlay == nil)
        #expect(app.state.filter.accountFilterName == "A accounts")
        #expect(Self.cardTitles(app).sorted() == ["储罐区安全监控", "炼油厂泵站改造"])
        let lines = app.lines()
        #expect(lines[29].contains("Filter: saved “A accounts” │ wang.lei@"), "\(lines[29])")
        #expect(!app.screenText().contains("汽轮机"), "上海电气 (C) deals are gone:\n\(app.screenText())")
        // x clears every filter, the saved one too.
        app.press("x")
        #expect(Self.cardTitles(app).count == 5)
        #expect(app.lines()[29].contains("Filter: all │ wang.lei@"))
    }

    @Test func onTheDealTableOwnerMeIsTheDashboardsUser() throws {
        let (app, _) = try Self.app()
        app.press("2")
        try Self.pick(app, "mine")
        // wang.lei holds 中国石化 and 华为; by amount, largest first.
        #expect(app.state.table.page?.rows.map(\.id) == [4, 1, 2])
        let lines = app.lines()
        #expect(lines[29].contains("Filter: saved “mine” │ wang.lei@"), "\(lines[29])")
        #expect(lines.contains { $0.contains("3/3") || $0.contains("1/3") }, "the table counts the filtered deals:\n\(lines.joined(separator: "\n"))")
        // The filter stays with the deal screens: the board shows the same deals.
        app.press("1")
        #expect(Self.cardTitles(app).count == 3)
    }

    @Test func aSavedFilterThatNoLongerParsesSaysWhyAndKeepsTheFilter() throws {
        let (app, store) = try Self.app()
        // Saved by another version, or edited in the file: the store's save would refuse it.
        try store.write { db in
            try db.execute(sql: "INSERT INTO saved_filter (name, query, owner, updated_at) VALUES ('broken', 'colour:red', 'li.na', 0)")
        }
        try Self.pick(app, "A accounts")
        try Self.pick(app, "broken")
        #expect(app.state.message?.isError == true)
        #expect(app.state.message?.text.hasPrefix("Saved filter “broken” cannot be used: at 1: unknown condition 'colour'") == true,
                "\(app.state.message?.text ?? "")")
        #expect(app.state.filter.accountFilterName == "A accounts")
        #expect(Self.cardTitles(app).count == 2)
    }

    @Test func noSavedFiltersPointsToTheAccountTable() throws {
        let (app, _) = try Fixture.handMade(.en, width: 100, height: 30)
        app.press("2")
        app.press("f")
        #expect(app.state.overlay == nil)
        #expect(app.state.message?.text == "No saved filters yet: search the account table (3) with /, then F saves it")
    }
}
