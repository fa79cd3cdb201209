@testable import CloserPostgres
import CloserCore
import CloserSQLite
import Foundation
import StoreTestSupport
import Testing

@Suite("closer copy: a whole store between the file and the server, checked table by table")
struct StoreCopyTests {
    static let today = Day(year: 2026, month: 11, day: 23)!

    /// A new file store holding the demo company of `seed`, and its path.
    static func demoFile(seed: UInt64 = 7) throws -> (path: String, store: SQLiteStore) {
        let path = NSTemporaryDirectory() + "closer-copy-\(UUID().uuidString).sqlite"
        let store = try SQLiteStore(path: path, actor: "admin")
        _ = try store.importSnapshot(DemoCompany.generate(seed: seed, scale: nil, today: today, user: "admin"))
        return (path, store)
    }

    /// Removes a file store and its journal files.
    static func remove(_ path: String) {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    @Test func aFileCopiedToTheServerAndBackIsTheSameStore() throws {
        let (path, file) = try Self.demoFile()
        defer { Self.remove(path) }
        let server = try PostgresStore(settings: try TestServer.initializedDatabase())
        defer { server.close() }
        let there = try TableCopier.copy(from: file, to: server, batchSize: 97)
        #expect(there.tables.first { $0.name == "event" }?.rows ?? 0 > 500)
        #expect(there.tables.first { $0.name == "stage_event" }?.rows ?? 0 > 100)
        #expect(Set(there.tables.map(\.name)).isSuperset(of: ["user", "account", "person", "deal", "activity", "event", "stage_day"]))

        let backPath = NSTemporaryDirectory() + "closer-copy-back-\(UUID().uuidString).sqlite"
        defer { Self.remove(backPath) }
        let back = try SQLiteStore(path: backPath, actor: "admin")
        let again = try TableCopier.copy(from: server, to: back)
        #expect(again == there)
        #expect(try back.exportSnapshot() == file.exportSnapshot())
        let since = Self.today.adding(days: -13)
        #expect(try back.weeklyReview(ReviewQuery(today: Self.today, since: since)) == file.weeklyReview(ReviewQuery(today: Self.today, since: since)))
    }

    @Test func theServerKeepsCountingIdsAfterTheCopiedOnes() throws {
        let (path, file) = try Self.demoFile()
        defer { Self.remove(path) }
        let settings = try TestServer.initializedDatabase()
        let server = try PostgresStore(settings: settings)
        defer { server.close() }
        _ = try TableCopier.copy(from: file, to: server)
        let connection = try Connection.open(settings)
        defer { connection.close() }
        let highest = try connection.queryOne("SELECT max(id) AS id FROM account")?.int64("id") ?? 0
        let next = try connection.queryOne("""
            INSERT INTO account (name, grade, assistance, loyalty, quadrant, visibility, search_key, version, created_at, updated_at)
            VALUES ('x', 'B', 5, 5, 'market', 'owned', 'x', 1, 0, 0) RETURNING id
            """)?.int64("id")
        #expect(next == highest + 1)
    }

    @Test func aTargetWithRowsIsRefusedAndKeepsThem() throws {
        let (path, file) = try Self.demoFile()
        defer { Self.remove(path) }
        let server = try PostgresStore(settings: try TestServer.initializedDatabase())
        defer { server.close() }
        _ = try TableCopier.copy(from: file, to: server)
        let said = refusal { try TableCopier.copy(from: file, to: server) }
        #expect(said == "\(server.location) is not empty (its user table has rows): copy into a new store")
        let targetPath = NSTemporaryDirectory() + "closer-copy-full-\(UUID().uuidString).sqlite"
        defer { Self.remove(targetPath) }
        _ = try TableCopier.copy(from: server, to: try SQLiteStore(path: targetPath, actor: "admin"))
        #expect(refusal { try TableCopier.copy(from: server, to: try SQLiteStore(path: targetPath, actor: "admin")) }
                == "\(targetPath) is not empty (its user table has rows): copy into a new store")
    }

    /// A target that changes one value on the way in: the read-back checksum catches it and
    /// nothing is committed.
    @Test func aCopyThatDoesNotMatchItsSourceCommitsNothing() throws {
        let (path, file) = try Self.demoFile()
        defer { Self.remove(path) }
        let server = try PostgresStore(settings: try TestServer.initializedDatabase())
        defer { server.close() }
        let said = refusal { try TableCopier.copy(from: file, to: Tampering(store: server)) }
        #expect(said?.hasPrefix("the copy of deal does not match its source") == true, "\(said ?? "copied")")
        #expect(said?.hasSuffix("nothing was copied") == true)
        #expect(try server.read { try $0.queryOne("SELECT count(*) AS n FROM account")?.int("n") } == 0)
    }

    struct Tampering: TableTarget {
        let store: PostgresStore
        var location: String { store.location }
        func copyableTables() throws -> [TableShape] { try store.copyableTables() }
        func writeTables(_ body: (any TableWriter) throws -> Void) throws {
            try store.writeTables { writer in try body(TamperingWriter(inner: writer)) }
        }
    }

    struct TamperingWriter: TableWriter {
        let inner: any TableWriter
        func count(of table: String) throws -> Int { try inner.count(of: table) }
        func deleteAll(from table: String) throws { try inner.deleteAll(from: table) }
        func eachRow(of table: TableShape, batchSize: Int, _ body: ([[CellValue]]) throws -> Void) throws {
            try inner.eachRow(of: table, batchSize: batchSize, body)
        }
        func insert(into table: TableShape, rows: [[CellValue]]) throws {
            guard table.name == "deal", let title = table.columns.firstIndex(of: "title") else { return try inner.insert(into: table, rows: rows) }
            var changed = rows
            changed[0][title] = .text("tampered")
            try inner.insert(into: table, rows: changed)
        }
    }

    @Test func checksumsAgreeWhateverTheRowOrderAndNumberKind() {
        var first = TableChecksum(), second = TableChecksum()
        first.add([.integer(1), .text("中国石化"), .real(0)])
        first.add([.integer(2), .null, .real(1.5)])
        second.add([.integer(2), .null, .real(1.5)])
        second.add([.integer(1), .text("中国石化"), .integer(0)])
        #expect(first == second && first.rows == 2)
        var third = TableChecksum()
        third.add([.integer(1), .text("中国石油"), .real(0)])
        third.add([.integer(2), .null, .real(1.5)])
        #expect(third != first)
        var swapped = TableChecksum()
        swapped.add([.text("a"), .text("b")])
        var other = TableChecksum()
        other.add([.text("b"), .text("a")])
        #expect(swapped != other)
    }
}
