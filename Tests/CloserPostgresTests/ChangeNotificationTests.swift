@testable import CloserPostgres
import Foundation
import StoreTestSupport
import Testing

@Suite("Every committed write is heard by every open store through LISTEN/NOTIFY")
struct ChangeNotificationTests {
    /// The token once it has moved from `old`, waiting at most `seconds`.
    private func tokenAfter(_ store: PostgresStore, movesFrom old: Int64, within seconds: Double) throws -> Int64? {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            let token = try store.changeToken()
            if token != old { return token }
            Thread.sleep(forTimeInterval: 0.01)
        }
        return nil
    }

    @Test func anotherClientsCommitMovesTheTokenWithinASecond() throws {
        let settings = try TestServer.initializedDatabase()
        let watcher = try PostgresStore(settings: settings)
        defer { watcher.close() }
        let before = try watcher.changeToken()
        let writer = try Connection.open(settings)
        defer { writer.close() }
        let sent = Date()
        try writer.execute(#"INSERT INTO "user" (name, role) VALUES ('wang.lei', 'rep')"#)
        let after = try tokenAfter(watcher, movesFrom: before, within: 1)
        #expect(after != nil, "no notification within a second")
        #expect(Date().timeIntervalSince(sent) < 1)
    }

    @Test func aRolledBackWriteIsNotHeardAndATransactionIsHeardOnce() throws {
        let settings = try TestServer.initializedDatabase()
        let watcher = try PostgresStore(settings: settings)
        defer { watcher.close() }
        let writer = try Connection.open(settings)
        defer { writer.close() }
        let start = try watcher.changeToken()
        try writer.execute("BEGIN")
        try writer.execute(#"INSERT INTO "user" (name, role) VALUES ('li.na', 'rep')"#)
        try writer.execute("INSERT INTO pool_rule (key, value) VALUES ('x', 1)")
        try writer.execute("ROLLBACK")
        #expect(try tokenAfter(watcher, movesFrom: start, within: 0.5) == nil)
        try writer.execute("BEGIN")
        try writer.execute(#"INSERT INTO "user" (name, role) VALUES ('li.na', 'rep')"#)
        try writer.execute("INSERT INTO pool_rule (key, value) VALUES ('x', 1)")
        try writer.execute("COMMIT")
        let moved = try #require(try tokenAfter(watcher, movesFrom: start, within: 1))
        #expect(moved == start + 1)
        #expect(try tokenAfter(watcher, movesFrom: moved, within: 0.3) == nil)
    }

    @Test func askingForTheTokenSendsNoStatement() throws {
        let settings = try TestServer.initializedDatabase()
        let store = try PostgresStore(settings: settings)
        defer { store.close() }
        let probe = try Connection.open(settings)
        defer { probe.close() }
        // Each of the store's sessions, with the moment its last statement began.
        func sessions() throws -> [String] {
            try probe.query("""
                SELECT pid::text || ' ' || coalesce(state_change::text, '') || ' ' || coalesce(query, '') AS session
                FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() ORDER BY pid
                """).map { try $0.text("session") }
        }
        _ = try store.changeToken()
        let before = try sessions()
        #expect(before.count == 2, "one connection for statements, one listening")
        for _ in 0..<200 { _ = try store.changeToken() }
        #expect(try sessions() == before)
    }

    @Test func aLostListenerIsOpenedAgainAndTheTokenMoves() throws {
        let settings = try TestServer.initializedDatabase()
        let store = try PostgresStore(settings: settings)
        defer { store.close() }
        let before = try store.changeToken()
        let admin = try Connection.open(settings)
        defer { admin.close() }
        try admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'closer-listen' AND datname = current_database()")
        let after = try tokenAfter(store, movesFrom: before, within: 3)
        #expect(after != nil)
        // Listening again: a new commit is heard.
        let current = try store.changeToken()
        try admin.execute(#"INSERT INTO "user" (name, role) VALUES ('zhao', 'rep')"#)
        #expect(try tokenAfter(store, movesFrom: current, within: 1) != nil)
    }
}
