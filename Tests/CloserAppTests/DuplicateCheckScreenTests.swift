@testable import CloserApp
import CloserCore
import CloserSQLite
import Foundation
import Testing
import TerminalUI

/// The account search's duplicate check (查重): a search that finds nothing the rep may see says
/// that accounts it would find exist and who holds them — no name, no figures.
@Suite("Duplicate check in the account search")
struct DuplicateCheckScreenTests {
    /// wang.lei, a rep, holds 宝钢股份; li.na (李娜) holds 中国石化北京分公司, which wang.lei cannot see.
    private func world(_ lang: Language, width: Int = 80, height: Int = 24) throws -> (App, SQLiteStore) {
        let snapshot = Snapshot(
            users: [User(name: "boss", role: .manager), User(name: Fixture.user, role: .rep, displayName: "王磊"),
                    User(name: "li.na", role: .rep, displayName: "李娜")],
            accounts: [Account(id: 1, name: Fixture.sinopec, grade: .a, owner: "li.na"),
                       Account(id: 2, name: "宝钢股份", grade: .b, owner: Fixture.user)])
        let store = try Fixture.memoryStore(snapshot)
        let app = Fixture.app(store, lang, width: width, height: height)
        app.press("3")
        app.press("/")
        app.type("zgsh")
        return (app, store)
    }

    @Test func zgshSaysTheAccountExistsAndWhoHoldsItInChineseAt80() throws {
        let (app, _) = try world(.zh)
        #expect(app.state.accounts.page?.total == 0)
        let lines = app.lines()
        #expect(lines[5] == " ⚠ 有匹配「zgsh」但您看不到的客户，由 李娜 (li.na) 负责", "\(lines.joined(separator: "\n"))")
        #expect(!app.screenText().contains("中国石化"), "nothing more than that it exists")
        // Searching for what the rep may see clears it.
        for _ in 0..<4 { app.key(.backspace) }
        app.type("bg")
        #expect(app.state.accountSearch.hidden == nil && app.state.accounts.page?.total == 1)
        #expect(!app.screenText().contains("看不到"))
    }

    @Test func inEnglishAt160() throws {
        let (app, _) = try world(.en, width: 160, height: 48)
        #expect(app.lines()[5] == " ⚠ accounts matching 'zgsh' exist that you cannot see, held by 李娜 (li.na)")
    }

    @Test func theCheckIsWorkForTheRunnerAfterAnEmptyPage() {
        var state = Fixture.state(.en)
        state.screen = .accounts
        state.accountSearch.field = TextFieldState(text: "grade:A zgsh")
        state.accountSearch.parse()
        let empty = ReadPage<AccountRows>.Reply(page: Page(rows: [], total: 0, offset: 0), scroll: ScrollState())
        let effects = AccountTableScreen.update(&state, .reply(empty)) ?? []
        guard case .work(let work as CheckHiddenAccounts, .screen(.accounts))? = effects.last else { Issue.record("no check"); return }
        #expect(work == CheckHiddenAccounts(text: "zgsh"))
        // An answer for another search (typed on since) is not shown.
        _ = AccountTableScreen.update(&state, .reply(HiddenAccounts(query: .search("zg"), holders: ["li.na"])))
        #expect(state.accountSearch.hidden == nil)
        _ = AccountTableScreen.update(&state, .reply(HiddenAccounts(query: .search("zgsh"), holders: ["li.na"])))
        #expect(state.accountSearch.hidden?.holders == ["li.na"])
    }
}
