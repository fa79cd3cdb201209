import CloserCore
import CloserExchange
import CloserSQLite
import Foundation
import StoreTestSupport
import Testing

@Suite("Snapshot export and import")
struct SnapshotTests {
    /// The pipeline plus persons, activities, a forced move, a user and a custom process.
    static func richStore(_ backend: Backend) throws -> any TestStore {
        let p = try StoreFixture.pipeline(backend)
        let store = p.store
        let boss = try store.acting(as: "alice").addPerson(Person(accountID: p.sinopec.id, name: "王总", level: .decisionMaker,
                                              roles: [.decisionMaker, .approver], influence: 70))
        _ = try store.acting(as: "alice").addPerson(Person(accountID: p.sinopec.id, name: "李工", roles: [.user], isInsideCoach: true,
                                       reportsTo: boss.id, email: "li@example.cn"))
        _ = try store.acting(as: "alice").addActivity(Activity(accountID: p.sinopec.id, dealID: p.d1.id, kind: .siteVisit, day: StoreFixture.today,
                                           personIDs: [boss.id], notes: "plant, \"quoted\"\nsecond line", outcome: "ok"))
        _ = try store.acting(as: "bob").moveDeal(p.d3.id, to: "proposal", forceReason: "tender", expectedVersion: nil)
        _ = try store.acting(as: "alice").setMilestone(dealID: p.d1.id, key: "graded", done: true, expectedVersion: nil)
        _ = try store.acting(as: "alice").setNextStep(dealID: p.d2.id, text: "Call", due: StoreFixture.today, expectedVersion: nil)
        try store.acting(as: "alice").saveUser(User(name: "alice", role: .manager, displayName: "Alice"))
        try store.acting(as: "alice").saveProcess(ProcessTemplate(key: "service", name: LocalizedText(en: "Service", zh: "服务"), stages: [
            StageTemplate(key: "triage", name: LocalizedText(en: "Triage", zh: "分诊"), probability: 30,
                          milestones: [MilestoneTemplate(key: "ticket", name: LocalizedText(en: "Ticket", zh: "工单"))]),
        ]))
        return store.acting(as: "alice")
    }

    private func expectSameData(_ a: Snapshot, _ b: Snapshot) {
        #expect(a.accounts == b.accounts)
        #expect(a.persons == b.persons)
        #expect(a.deals == b.deals)
        #expect(a.activities == b.activities)
        #expect(a.users == b.users)
        #expect(a.processes == b.processes)
    }

    @Test(arguments: Backend.allCases) func exportImportExportIsExact(_ backend: Backend) throws {
        let original = try Self.richStore(backend).exportSnapshot()
        #expect(original.accounts.count == 2 && original.persons.count == 2 && original.deals.count == 6 && original.activities.count == 1)
        let copy = try StoreFixture.store(backend)
        let summary = try copy.acting(as: "importer").importSnapshot(original)
        let copyAsManager = copy.acting(as: "alice")
        #expect(summary.accounts == 2 && summary.persons == 2 && summary.deals == 6 && summary.activities == 1)
        #expect(summary.events == original.events.count && summary.users == 1 && summary.processes == 1)
        let again = try copyAsManager.exportSnapshot()
        expectSameData(original, again)
        #expect(again.events.filter { $0.action != "imported" } == original.events)
        let imported = try #require(again.events.last)
        #expect(imported.action == "imported" && imported.user == "importer" && imported.note == summary.description)
        // Derived columns were rebuilt: the forced deal is at risk in the copy too.
        #expect(try copyAsManager.deals(DealQuery(filter: DealFilter(atRiskOnly: true))).total == 1)
        #expect(try copyAsManager.board(BoardQuery(processKey: "project")).columns.map(\.count) == [3, 1, 1, 0, 0, 0])
        #expect(try copyAsManager.deals(DealQuery()).rows.first { $0.title == "Refinery pumps" }?.lastActivity == StoreFixture.today)
    }

    @Test(arguments: Backend.allCases) func jsonRoundTrip(_ backend: Backend) throws {
        let original = try Self.richStore(backend).exportSnapshot()
        let data = try SnapshotJSON.encode(original)
        #expect(try SnapshotJSON.decode(data, fileName: "backup.json") == original)
        // Sorted keys: encoding twice is byte-identical.
        #expect(try SnapshotJSON.encode(original) == data)
    }

    @Test func brokenJSONNamesTheFile() {
        do {
            _ = try SnapshotJSON.decode(Data("{\"format\": 1".utf8), fileName: "backup.json")
            Issue.record("broken JSON was accepted")
        } catch {
            let message = String(describing: error)
            #expect(message.hasPrefix("backup.json: not a Closer export") && message.hasSuffix("nothing was imported"))
        }
    }

    @Test(arguments: Backend.allCases) func newerFormatIsRefused(_ backend: Backend) throws {
        let store = try StoreFixture.store(backend)
        #expect(throws: StoreError.invalid("the file is format 2; this version of Closer reads up to 1")) {
            try store.acting(as: "x").importSnapshot(Snapshot(format: 2))
        }
    }

    private static func files(_ encoded: [String: Data], except: Set<String> = []) -> [(name: String, data: Data)] {
        encoded.filter { !except.contains($0.key) }.sorted { $0.key < $1.key }.map { (name: $0.key, data: $0.value) }
    }

    @Test(arguments: Backend.allCases) func csvRoundTrip(_ backend: Backend) throws {
        let original = try Self.richStore(backend).exportSnapshot()
        let encoded = try SnapshotCSV.encode(original)
        #expect(Set(encoded.keys) == Set(SnapshotCSV.files + ["processes.json"]))
        let decoded = try SnapshotCSV.decode(files: Self.files(encoded))
        #expect(decoded.accounts == original.accounts)
        #expect(decoded.persons == original.persons)
        #expect(decoded.deals == original.deals)
        #expect(decoded.activities == original.activities)
        #expect(decoded.events == original.events)
        #expect(decoded.users == original.users && decoded.processes == original.processes)
        let copy = try StoreFixture.store(backend)
        _ = try copy.acting(as: "importer").importSnapshot(decoded, locate: SnapshotCSV.locator)
        expectSameData(original, try copy.acting(as: "alice").exportSnapshot())
    }

    @Test(arguments: Backend.allCases) func csvAccountsReadBack(_ backend: Backend) throws {
        let original = try Self.richStore(backend).exportSnapshot()
        let encoded = try SnapshotCSV.encode(original)
        // The grade code "A" reads back through the generic CodedValue.parse, which compares folded case.
        let decoded = try SnapshotCSV.decode(files: Self.files(encoded).filter { $0.name == "accounts.csv" })
        #expect(decoded.accounts == original.accounts)
    }

    // MARK: All or nothing

    static func smallSnapshot() -> Snapshot {
        let account = Account(id: 10, name: "Acme", grade: .b, owner: "alice", version: 1)
        return Snapshot(
            accounts: [account, Account(id: 11, name: "Beta", owner: "bob", version: 1)],
            persons: [Person(id: 20, accountID: 10, name: "王总", version: 1)],
            deals: [Deal(id: 30, accountID: 10, title: "Pumps", processKey: "project", stageKey: "develop", owner: "alice", version: 1),
                    Deal(id: 31, accountID: 11, title: "Valves", processKey: "project", stageKey: "bid", owner: "bob", version: 1)],
            activities: [Activity(id: 40, accountID: 10, dealID: 30, kind: .call, day: StoreFixture.today)])
    }

    /// A store with a little data of its own, to check the import leaves it exactly as it was.
    static func targetStore(_ backend: Backend) throws -> any TestStore {
        let store = try StoreFixture.store(backend)
        let account = try store.acting(as: "alice").addAccount(StoreFixture.account("Existing"))
        _ = try store.acting(as: "alice").addDeal(StoreFixture.deal("Existing deal", account: account.id))
        return store
    }

    private func expectRefused(_ backend: Backend, _ snapshot: Snapshot, naming row: String, _ detail: String, into store: (any TestStore)? = nil) throws {
        let store = try store ?? Self.targetStore(backend)
        let before = try StoreFixture.counts(store)
        let token = try store.settledChangeToken()
        do {
            _ = try store.acting(as: "importer").importSnapshot(snapshot)
            Issue.record("the import was accepted")
        } catch {
            let message = String(describing: error)
            #expect(message.hasPrefix(row + ":"), "message: \(message)")
            #expect(message.contains(detail), "message: \(message)")
            #expect(message.hasSuffix("nothing was imported"))
        }
        #expect(try StoreFixture.counts(store) == before)
        #expect(try store.changeToken() == token)
    }

    @Test(arguments: Backend.allCases) func goodSmallSnapshotImports(_ backend: Backend) throws {
        let store = try Self.targetStore(backend)
        let summary = try store.acting(as: "importer").importSnapshot(Self.smallSnapshot())
        #expect(summary.accounts == 2 && summary.deals == 2 && summary.persons == 1 && summary.activities == 1)
        #expect(try StoreFixture.counts(store)[0...3] == [3, 1, 3, 1])
    }

    @Test(arguments: Backend.allCases) func badDealStageRefusesEverything(_ backend: Backend) throws {
        var snapshot = Self.smallSnapshot()
        snapshot.deals[1].stageKey = "limbo"
        try expectRefused(backend, snapshot, naming: "deals[1]", "unknown stage 'limbo'")
    }

    @Test(arguments: Backend.allCases) func duplicateIDInTheFileIsRefused(_ backend: Backend) throws {
        var snapshot = Self.smallSnapshot()
        snapshot.accounts[1].id = 10
        try expectRefused(backend, snapshot, naming: "accounts[1]", "id 10 appears twice in the file")
    }

    @Test(arguments: Backend.allCases) func otherBadRowsAreNamed(_ backend: Backend) throws {
        var badPerson = Self.smallSnapshot()
        badPerson.persons[0].accountID = 99
        try expectRefused(backend, badPerson, naming: "persons[0]", "account 99 does not exist")
        var loop = Self.smallSnapshot()
        loop.persons = [Person(id: 20, accountID: 10, name: "A", reportsTo: 21), Person(id: 21, accountID: 10, name: "B", reportsTo: 20)]
        try expectRefused(backend, loop, naming: "persons[0]", "reports-to makes a loop")
        var badActivity = Self.smallSnapshot()
        badActivity.activities[0].dealID = 77
        try expectRefused(backend, badActivity, naming: "activities[0]", "deal 77 does not exist")
    }

    @Test(arguments: Backend.allCases) func secondImportOfTheSameFileIsRefused(_ backend: Backend) throws {
        let store = try Self.targetStore(backend)
        _ = try store.acting(as: "importer").importSnapshot(Self.smallSnapshot())
        try expectRefused(backend, Self.smallSnapshot(), naming: "accounts[0]", "account 10 already exists in the store (imported twice?)", into: store)
    }

    @Test(arguments: Backend.allCases) func csvRowsAreNamedByFileAndRow(_ backend: Backend) throws {
        let store = try StoreFixture.store(backend)
        let account = try store.acting(as: "alice").addAccount(StoreFixture.account("Acme"))
        let csv = """
            id,account_id,title,process,stage,amount,owner
            30,\(account.id),Pumps,project,develop,"1,000.00",alice
            31,\(account.id),Valves,project,limbo,2000,alice

            """
        let snapshot = try SnapshotCSV.decode(files: [(name: "deals.csv", data: Data(csv.utf8))])
        #expect(snapshot.deals.map(\.amount.minorUnits) == [100_000, 200_000])
        let before = try StoreFixture.counts(store)
        do {
            _ = try store.acting(as: "importer").importSnapshot(snapshot, locate: SnapshotCSV.locator)
            Issue.record("the import was accepted")
        } catch {
            #expect(String(describing: error).hasPrefix("deals.csv row 3: stage: unknown stage 'limbo'"))
        }
        #expect(try StoreFixture.counts(store) == before)
    }

    @Test func csvNonNumericAmountNamesFileRowAndColumn() {
        let csv = """
            id,account_id,title,process,stage,amount,owner
            30,1,Pumps,project,develop,1000,alice
            31,1,Valves,project,develop,1000,alice
            32,1,Gears,project,develop,lots,alice
            """
        #expect(throws: StoreError.invalid("deals.csv row 4, column 'amount': 'lots' is not an amount")) {
            try SnapshotCSV.decode(files: [(name: "deals.csv", data: Data(csv.utf8))])
        }
    }

    @Test func csvWithAnUnknownHeaderIsRefused() {
        let csv = "colour,size\nred,3\n"
        #expect(throws: StoreError.invalid("paint.csv: the header (colour, size) is not one of Closer's files; nothing was imported")) {
            try SnapshotCSV.decode(files: [(name: "paint.csv", data: Data(csv.utf8))])
        }
    }
}
