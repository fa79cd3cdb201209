import CloserCore
@testable import CloserPostgres
import Foundation
import StoreTestSupport
import Testing

/// A connection the server drops (a killed backend, a restart) must fail the statements that
/// were waiting on it, or sent to it afterwards, at once: a caller blocked on an answer that
/// never comes is a dashboard that hangs.
@Suite("A dropped connection never leaves a caller waiting")
struct DroppedConnectionTests {
    /// Runs `body` on a thread of its own and says whether it ended within `seconds`; a caller
    /// that is stuck stays stuck on its thread, and the test fails instead of hanging.
    private func ends<T: Sendable>(within seconds: Double, _ body: @escaping @Sendable () -> T) -> T? {
        let done = DispatchSemaphore(value: 0)
        let result = Box<T>()
        Thread {
            result.value = body()
            done.signal()
        }.start()
        return done.wait(timeout: .now() + seconds) == .success ? result.value : nil
    }

    private static func terminate(_ pid: Int64, from settings: PostgresSettings) throws {
        let admin = try Connection.open(settings)
        defer { admin.close() }
        try admin.execute("SELECT pg_terminate_backend(?::int)", [.int(pid)])
    }

    private static func waitUntilClosed(_ connection: Connection) {
        let deadline = Date().addingTimeInterval(5)
        while !connection.isClosed, Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
    }

    @Test func aStatementSentAfterTheServerDroppedTheConnectionFailsAtOnce() throws {
        let settings = try TestServer.initializedDatabase()
        defer { TestServer.drop(settings) }
        let connection = try Connection.open(settings)
        defer { connection.close() }
        let pid = try #require(try connection.queryOne("SELECT pg_backend_pid()::bigint AS pid")).int64("pid")
        try Self.terminate(pid, from: settings)
        Self.waitUntilClosed(connection)
        #expect(connection.isClosed)

        let outcome = ends(within: 5) { () -> String in
            do {
                _ = try connection.query("SELECT 1 AS one")
                return "answered"
            } catch {
                return StoreError.isUnreachable(error) ? "unreachable" : "other: \(error)"
            }
        }
        #expect(outcome == "unreachable", "the statement did not fail within 5 s (or failed another way): \(outcome ?? "still waiting")")
    }

    @Test func aTransactionWhoseConnectionIsKilledMidwaySaysSoAndTheStoreAnswersAgain() throws {
        let settings = try TestServer.initializedDatabase()
        defer { TestServer.drop(settings) }
        let store = try PostgresStore(settings: settings, actor: settings.user)
        defer { store.close() }
        _ = try store.users()
        // Killed between two statements of one write, as a fault can land at any moment.
        let outcome = ends(within: 10) { () -> String in
            do {
                try store.pool.withConnection { connection in
                    try Transaction.run(on: connection) {
                        let pid = try connection.queryOne("SELECT pg_backend_pid()::bigint AS pid")?.int64("pid") ?? 0
                        try Self.terminate(pid, from: settings)
                        Self.waitUntilClosed(connection)
                        _ = try connection.query(#"SELECT count(*) AS n FROM "user""#)
                    }
                }
                return "committed"
            } catch {
                return StoreError.isUnreachable(error) ? "unreachable" : "other: \(error)"
            }
        }
        #expect(outcome == "unreachable", "the write did not fail within 10 s (or failed another way): \(outcome ?? "still waiting")")
        let again = ends(within: 10) { (try? store.users()) != nil }
        #expect(again == true, "the store did not answer again within 10 s")
    }
}

private final class Box<T>: @unchecked Sendable {
    var value: T?
}
