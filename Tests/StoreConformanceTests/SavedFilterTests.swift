import CloserCore
import CloserSQLite
import Foundation
import StoreTestSupport
import Testing

@Suite("Saved filters")
struct SavedFilterTests {
    private func events(_ store: any TestStore) throws -> [ChangeEvent] {
        try store.exportSnapshot().events.filter { $0.entity == "saved_filter" }
    }

    @Test(arguments: Backend.allCases) func saveListReadReplaceDelete(_ backend: Backend) throws {
        let store = try StoreFixture.store(backend)
        #expect(try store.savedFilters() == [])
        try store.acting(as: "alice").saveFilter(SavedFilter(name: "hot", query: "grade:A,B pipeline>500k", owner: "ignored"))
        try store.acting(as: "bob").saveFilter(SavedFilter(name: " east ", query: "region:华东 owner:me\n", owner: "alice"))
        #expect(try store.savedFilters() == [
            SavedFilter(name: "east", query: "region:华东 owner:me", owner: "bob"),
            SavedFilter(name: "hot", query: "grade:A,B pipeline>500k", owner: "alice"),
        ])
        #expect(try store.savedFilter(named: "hot").query == "grade:A,B pipeline>500k")

        try store.acting(as: "alice").saveFilter(SavedFilter(name: "hot", query: "grade:A last>30d", owner: "alice"))
        #expect(try store.savedFilter(named: "hot") == SavedFilter(name: "hot", query: "grade:A last>30d", owner: "alice"))
        #expect(try store.savedFilters().count == 2)

        try store.acting(as: "alice").deleteFilter(named: "hot")
        #expect(try store.savedFilters().map(\.name) == ["east"])
        #expect(throws: StoreError.self) { try store.savedFilter(named: "hot") }
        #expect(throws: StoreError.self) { try store.acting(as: "alice").deleteFilter(named: "hot") }

        let log = try events(store)
        #expect(log.map(\.action) == ["created", "created", "updated", "deleted"])
        #expect(log.map(\.note) == ["hot", "east", "hot", "hot"])
        #expect(log[2].changes["query"] == FieldChange(old: "grade:A,B pipeline>500k", new: "grade:A last>30d"))
        #expect(log[3].user == "alice")
    }

    @Test(arguments: Backend.allCases) func invalidQueryIsRefusedAndNothingIsWritten(_ backend: Backend) throws {
        let store = try StoreFixture.store(backend)
        let before = try store.settledChangeToken()
        do {
            try store.acting(as: "alice").saveFilter(SavedFilter(name: "bad", query: "grade:A colour:red", owner: "alice"))
            Issue.record("an unknown condition was saved")
        } catch let error as StoreError {
            guard case .invalid(let message) = error else { throw error }
            #expect(message.contains("unknown condition 'colour'"))
            #expect(message.contains("at 9:"))
        }
        #expect(throws: StoreError.self) { try store.acting(as: "a").saveFilter(SavedFilter(name: "q", query: "pipeline>abc", owner: "a")) }
        #expect(throws: StoreError.self) { try store.acting(as: "a").saveFilter(SavedFilter(name: "q", query: "  ", owner: "a")) }
        #expect(throws: StoreError.self) { try store.acting(as: "a").saveFilter(SavedFilter(name: " ", query: "grade:A", owner: "a")) }
        #expect(throws: StoreError.self) { try store.acting(as: "a").saveFilter(SavedFilter(name: "q", query: "region:\"华东", owner: "a")) }
        #expect(try store.savedFilters() == [])
        #expect(try store.changeToken() == before)
        #expect(try events(store).isEmpty)
    }

    @Test(arguments: Backend.allCases) func onlyTheOwnerOrAManagerChangesAFilter(_ backend: Backend) throws {
        let store = try StoreFixture.store(backend).acting(as: "boss")
        try store.saveUser(User(name: "boss", role: .manager))
        try store.saveUser(User(name: "alice", role: .rep))
        try store.saveUser(User(name: "bob", role: .rep))
        try store.acting(as: "alice").saveFilter(SavedFilter(name: "mine", query: "owner:me", owner: "alice"))
        #expect(throws: StoreError.self) {
            try store.acting(as: "bob").saveFilter(SavedFilter(name: "mine", query: "grade:A", owner: "bob"))
        }
        #expect(throws: StoreError.self) { try store.acting(as: "bob").deleteFilter(named: "mine") }
        #expect(try store.savedFilter(named: "mine") == SavedFilter(name: "mine", query: "owner:me", owner: "alice"))
        // A manager may; the filter keeps its owner.
        try store.saveFilter(SavedFilter(name: "mine", query: "grade:A", owner: "boss"))
        #expect(try store.savedFilter(named: "mine") == SavedFilter(name: "mine", query: "grade:A", owner: "alice"))
        try store.deleteFilter(named: "mine")
        #expect(try store.savedFilters() == [])
    }

    /// Another rep's query may name customers only they may see: a rep reads their own filters
    /// and the managers' (the team's), a manager reads all.
    @Test(arguments: Backend.allCases) func aRepSeesTheirOwnAndTheTeamsFilters(_ backend: Backend) throws {
        let store = try StoreFixture.store(backend).acting(as: "boss")
        try store.saveUser(User(name: "boss", role: .manager))
        try store.saveUser(User(name: "alice", role: .rep))
        try store.saveUser(User(name: "bob", role: .rep))
        try store.acting(as: "alice").saveFilter(SavedFilter(name: "secret", query: "SECRETCO", owner: "alice"))
        try store.saveFilter(SavedFilter(name: "team", query: "grade:A", owner: "boss"))
        try store.acting(as: "bob").saveFilter(SavedFilter(name: "bobs", query: "grade:B", owner: "bob"))
        #expect(try store.acting(as: "bob").savedFilters().map(\.name) == ["bobs", "team"])
        #expect(try store.acting(as: "alice").savedFilters().map(\.name) == ["secret", "team"])
        #expect(try store.savedFilters().map(\.name) == ["bobs", "secret", "team"])
        #expect(throws: StoreError.self) { try store.acting(as: "bob").savedFilter(named: "secret") }
    }

    @Test(arguments: Backend.allCases) func aSavedFilterSelectsAccounts(_ backend: Backend) throws {
        let store = try AccountConditionTests.store(backend)
        try store.acting(as: "alice").saveFilter(SavedFilter(name: "东区大客户", query: "等级:A,B 区域:华东", owner: "alice"))
        let saved = try store.savedFilter(named: "东区大客户")
        let conditions = try AccountQueryLanguage.parse(saved.query)
        #expect(try AccountConditionTests.ids(store, conditions) == [1, 3])
        #expect(AccountQueryLanguage.describe(conditions) == "grade:A,B region:华东")
    }

    @Test(arguments: Backend.allCases) func survivesReopeningTheStore(_ backend: Backend) throws {
        let shared = try backend.sharedStore()
        defer { shared.remove() }
        try shared.open().acting(as: "a").saveFilter(SavedFilter(name: "hot", query: "pipeline>1M", owner: "a"))
        #expect(try shared.open().savedFilters() == [SavedFilter(name: "hot", query: "pipeline>1M", owner: "a")])
    }
}
