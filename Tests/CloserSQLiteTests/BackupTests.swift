import CloserCore
@testable import CloserSQLite
import Foundation
import GRDB
import Testing

@Suite("Backup and restore")
struct BackupTests {
    private func folder() throws -> String {
        let path = (NSTemporaryDirectory() as NSString).appendingPathComponent("closer-backup-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    private func seeded(_ path: String) throws -> SQLiteStore {
        let store = try SQLiteStore(path: path, actor: "admin")
        let account = try store.acting(as: "alice").addAccount(StoreFixture.account("中国石化"))
        _ = try store.acting(as: "alice").addDeal(StoreFixture.deal("Pumps", account: account.id))
        return store
    }

    /// A backup holds every account: once the team has a manager, backups and restores are theirs.
    @Test func aRepNeitherBacksUpNorRestoresTheTeamsStore() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = try seeded((dir as NSString).appendingPathComponent("store.sqlite")).acting(as: "boss")
        try store.saveUser(User(name: "boss", role: .manager))
        try store.saveUser(User(name: "alice", role: .rep))
        let copy = (dir as NSString).appendingPathComponent("copy.sqlite")
        #expect(throws: StoreError.refused(.managerOnly(.backUp, you: .member(Viewer(name: "alice", role: .rep))))) {
            _ = try store.acting(as: "alice").backup(to: copy)
        }
        #expect(!FileManager.default.fileExists(atPath: copy))
        #expect(try store.backup(to: copy).accounts == 1)
        #expect(throws: StoreError.self) { _ = try store.acting(as: "alice").restore(from: copy, safetyCopy: nil) }
    }

    @Test("a backup is taken while another connection holds a write open, and has only what was committed")
    func onlineBackup() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = (dir as NSString).appendingPathComponent("store.sqlite")
        let store = try seeded(path)
        // Someone else is in the middle of a write.
        var unsafe = Configuration()
        unsafe.allowsUnsafeTransactions = true
        let other = try DatabaseQueue(path: path, configuration: unsafe)
        try other.inDatabase { db in
            try db.execute(sql: "BEGIN IMMEDIATE")
            try db.execute(sql: "UPDATE account SET name = 'uncommitted' WHERE id = 1")
        }
        let backupPath = (dir as NSString).appendingPathComponent("backup.sqlite")
        let contents = try store.backup(to: backupPath)
        try other.inDatabase { db in try db.execute(sql: "COMMIT") }
        #expect(contents == StoreContents(accounts: 1, persons: 0, deals: 1, activities: 0))
        let copy = try SQLiteStore(path: backupPath, actor: "admin", readOnly: true)
        #expect(try copy.exportSnapshot().accounts.map(\.name) == ["中国石化"])
        let mode = try FileManager.default.attributesOfItem(atPath: backupPath)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(throws: StoreError.self) { _ = try store.backup(to: backupPath) }
    }

    @Test("restore brings a backup back, keeps a safety copy, and moves the change counter")
    func restore() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = (dir as NSString).appendingPathComponent("store.sqlite")
        let store = try seeded(path)
        let backupPath = (dir as NSString).appendingPathComponent("backup.sqlite")
        _ = try store.backup(to: backupPath)
        _ = try store.acting(as: "alice").addAccount(StoreFixture.account("Later"))
        let token = try store.changeToken()
        let safety = (dir as NSString).appendingPathComponent("safety.sqlite")
        let contents = try store.restore(from: backupPath, safetyCopy: safety)
        #expect(contents.accounts == 1)
        #expect(try store.exportSnapshot().accounts.map(\.name) == ["中国石化"])
        #expect(try store.changeToken() > token)
        #expect(try SQLiteStore(path: safety, actor: "admin", readOnly: true).exportSnapshot().accounts.count == 2)
        // The restored store is a working store, also when opened again.
        _ = try store.acting(as: "alice").addAccount(StoreFixture.account("After"))
        #expect(try SQLiteStore(path: path, actor: "admin").exportSnapshot().accounts.count == 2)
    }

    private func refusal(_ store: SQLiteStore, _ path: String) -> String {
        do {
            _ = try store.restore(from: path, safetyCopy: nil)
            return ""
        } catch {
            return "\(error)"
        }
    }

    @Test("restore refuses a file that is not a Closer store, a damaged one and one from a newer version, and changes nothing")
    func refusals() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = try seeded((dir as NSString).appendingPathComponent("store.sqlite"))
        let before = try store.exportSnapshot()
        let text = (dir as NSString).appendingPathComponent("notes.txt")
        try Data("hello\n".utf8).write(to: URL(fileURLWithPath: text))
        #expect(refusal(store, text).contains("not a Closer backup"))
        let foreign = (dir as NSString).appendingPathComponent("other.sqlite")
        try DatabaseQueue(path: foreign).write { try $0.execute(sql: "CREATE TABLE t (x)") }
        #expect(refusal(store, foreign).contains("not a Closer store"))
        let newer = (dir as NSString).appendingPathComponent("newer.sqlite")
        _ = try store.backup(to: newer)
        try DatabaseQueue(path: newer).write { try $0.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-future')") }
        #expect(refusal(store, newer).contains("newer Closer"))
        let damaged = (dir as NSString).appendingPathComponent("damaged.sqlite")
        _ = try store.backup(to: damaged)
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: damaged)))
        // Scribble over the second page onwards (the first holds the header).
        for index in 4096..<min(bytes.count, 4096 * 3) { bytes[index] = UInt8(truncatingIfNeeded: index * 7) }
        try Data(bytes).write(to: URL(fileURLWithPath: damaged))
        let message = refusal(store, damaged)
        #expect(message.contains("damaged") || message.contains("not a Closer"), "\(message)")
        #expect(try store.exportSnapshot() == before)
    }
}
