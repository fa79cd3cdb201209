import CloserCore
import CloserSQLite
import Foundation
import Testing

@Suite("File store")
struct FileStoreTests {
    /// A fresh folder under the temporary directory, removed by the caller.
    static func scratchFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("closer-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func permissions(_ path: String) throws -> Int {
        try #require(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
    }

    @Test func missingFolderIsCreatedPrivateAndDataSurvivesReopening() throws {
        let folder = try Self.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("team/data/closer.sqlite").path
        let id: Int64
        do {
            let store = try SQLiteStore(path: path, actor: "admin", clock: { StoreFixture.now })
            #expect(!store.isReadOnly && store.location == path)
            id = try store.acting(as: "alice").addAccount(StoreFixture.account("中国石化")).id
        }
        #expect(try Self.permissions((path as NSString).deletingLastPathComponent) == 0o700)
        #expect(try Self.permissions(path) == 0o600)
        let reopened = try SQLiteStore(path: path, actor: "admin", clock: { StoreFixture.now })
        #expect(try reopened.account(id).name == "中国石化")
        #expect(try reopened.events(EventQuery(entity: "account")).map(\.action) == ["created"])
    }

    @Test func fileThatIsNotSQLiteCannotBeOpened() throws {
        let folder = try Self.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("notes.txt").path
        try Data("hello".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: StoreError.cannotOpen(path: path, reason: "the file is not a Closer store (not an SQLite database, or damaged)")) {
            try SQLiteStore(path: path, actor: "admin")
        }
        // And the file was left alone.
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "hello")
    }

    @Test(.disabled(if: getuid() == 0, "root ignores file modes"))
    func readOnlyFileOpensReadOnly() throws {
        let folder = try Self.scratchFolder()
        defer {
            chmod(folder.path, 0o755)
            try? FileManager.default.removeItem(at: folder)
        }
        let path = folder.appendingPathComponent("closer.sqlite").path
        do {
            let store = try SQLiteStore(path: path, actor: "admin", clock: { StoreFixture.now })
            _ = try store.acting(as: "alice").addAccount(StoreFixture.account("Acme"))
        }
        chmod(path, 0o444)
        chmod(folder.path, 0o555)
        let store = try SQLiteStore(path: path, actor: "admin")
        #expect(store.isReadOnly)
        #expect(try store.accounts(AccountQuery()).total == 1)
        #expect(throws: StoreError.readOnly(path: path)) { try store.acting(as: "alice").addAccount(StoreFixture.account("Beta")) }
    }

    @Test func changeTokenCountsWritesFromEveryConnection() throws {
        let folder = try Self.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("closer.sqlite").path
        let tui = try SQLiteStore(path: path, actor: "admin", clock: { StoreFixture.now })
        let cli = try SQLiteStore(path: path, actor: "admin", clock: { StoreFixture.now })
        let t0 = try tui.changeToken()
        let account = try tui.acting(as: "alice").addAccount(StoreFixture.account("Acme"))
        let t1 = try tui.changeToken()
        #expect(t1 > t0)
        let deal = try cli.acting(as: "bob").addDeal(StoreFixture.deal("Pumps", account: account.id))
        let t2 = try tui.changeToken()
        #expect(t2 > t1)
        #expect(try cli.changeToken() == t2)
        _ = try cli.acting(as: "bob").setNextStep(dealID: deal.id, text: "Call", due: StoreFixture.today, expectedVersion: 1)
        let t3 = try tui.changeToken()
        #expect(t3 > t2)
        // The other connection sees the data, not only the counter.
        #expect(try tui.deal(deal.id).nextStep == "Call")
        // A refused write does not count.
        #expect(throws: StoreError.self) { try cli.acting(as: "bob").addAccount(StoreFixture.account("")) }
        #expect(try tui.changeToken() == t3)
    }

    @Test func changeTokenInMemory() throws {
        let store = try StoreFixture.store()
        var last = try store.changeToken()
        let account = try store.acting(as: "alice").addAccount(StoreFixture.account("Acme"))
        func advanced() throws -> Bool {
            let now = try store.changeToken()
            defer { last = now }
            return now > last
        }
        #expect(try advanced())
        let person = try store.acting(as: "alice").addPerson(Person(accountID: account.id, name: "Li"))
        #expect(try advanced())
        let deal = try store.acting(as: "alice").addDeal(StoreFixture.deal("Pumps", account: account.id))
        #expect(try advanced())
        _ = try store.acting(as: "alice").addActivity(Activity(accountID: account.id, kind: .call, day: StoreFixture.today))
        #expect(try advanced())
        try store.acting(as: "alice").deleteDeal(deal.id)
        #expect(try advanced())
        try store.acting(as: "alice").deletePerson(person.id)
        #expect(try advanced())
        #expect(throws: StoreError.self) { try store.acting(as: "alice").deleteDeal(deal.id) }
        #expect(try !advanced())
    }

    @Test func defaultLocation() {
        #expect(StoreLocation.defaultPath(environment: ["CLOSER_DB": "/x/y.sqlite", "HOME": "/home/a"]) == "/x/y.sqlite")
        #expect(StoreLocation.defaultPath(environment: ["XDG_DATA_HOME": "/data", "HOME": "/home/a"]) == "/data/closer/closer.sqlite")
        #expect(StoreLocation.defaultPath(environment: ["HOME": "/home/a"]) == "/home/a/.local/share/closer/closer.sqlite")
    }
}
