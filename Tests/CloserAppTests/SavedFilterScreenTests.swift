import CloserCore
import CloserSQLite
import Testing
@testable import CloserApp

/// Saved filters on the account screens: the same ones `closer account list --filter` uses.
@Suite struct SavedFilterScreenTests {
    @Test func saveTheSearchThenPickItBack() throws {
        let (app, store) = try AccountFixture.app(.en)
        app.press("/")
        app.type("grade:D")
        app.key(.enter)
        #expect(AccountTableTests.names(app) == [AccountFixture.baosteel])
        app.press("F")
        guard case .prompt(let prompt) = app.state.overlay else {
            Issue.record("F opens a name prompt")
            return
        }
        #expect(prompt.title.contains("grade:D"))
        // An empty name is refused at the field.
        app.key(.enter)
        guard case .prompt(let retry) = app.state.overlay else {
            Issue.record("the prompt stays open")
            return
        }
        #expect(retry.error == "A saved filter needs a name")
        app.type("D客户")
        app.key(.enter)
        #expect(app.state.overlay == nil)
        #expect(try store.savedFilter(named: "D客户").query == "grade:D")
        #expect(app.state.message?.text == "Saved filter “D客户”")

        // Clear the search, then pick the filter: the table shows its result again.
        app.press("/")
        app.key(.escape)
        #expect(AccountTableTests.names(app).count == 4)
        app.press("f")
        guard case .accounts(.savedFilters(let picker)) = app.state.overlay else {
            Issue.record("f opens the saved filters")
            return
        }
        #expect(picker.filters.map(\.name) == ["D客户"])
        #expect(app.screenText().contains("D客户  grade:D"))
        app.key(.enter)
        #expect(app.state.accountSearch.field.text == "grade:D")
        #expect(AccountTableTests.names(app) == [AccountFixture.baosteel])
    }

    @Test func nothingToSaveOrPickSaysSo() throws {
        let (app, _) = try AccountFixture.app(.en)
        app.press("F")
        #expect(app.state.overlay == nil)
        #expect(app.state.message?.isError == true)
        app.press("f")
        #expect(app.state.overlay == nil)
        #expect(app.state.message?.text.hasPrefix("No saved filters yet") == true)
    }
}
