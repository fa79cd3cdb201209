import CloserCore
import NIOCore
import PostgresNIO

/// A transaction on one connection: the body's statements commit together or not at all.
enum Transaction {
    enum Isolation: String {
        case readCommitted = "READ COMMITTED"
        /// One snapshot for every statement: an export, or a screen read in several statements.
        case repeatableRead = "REPEATABLE READ"
    }

    static func run<T>(on connection: Connection, isolation: Isolation = .readCommitted, readOnly: Bool = false,
                       _ body: () throws -> T) throws -> T {
        connection.pendingLog.withLockedValue { $0 = [] }
        // The body's first statement goes right behind BEGIN, and its wait takes in BEGIN's answer.
        connection.sendUnchecked("BEGIN ISOLATION LEVEL \(isolation.rawValue)\(readOnly ? " READ ONLY" : "")")
        let result: T
        let committing: EventLoopFuture<PostgresQueryResult>
        do {
            result = try body()
            if readOnly {
                // Nothing to save, so nothing the caller must hear of: the pool checks the answer
                // before it hands the connection to anyone else.
                connection.endWithoutWaiting("COMMIT")
                return result
            }
            if let append = EventLog.take(connection) {
                // The log's lock is held from the append to the commit: COMMIT goes right behind
                // the append, not after this thread wakes up to its answer. Should the append
                // fail, the server answers that COMMIT by rolling back.
                let appending = connection.send(append.sql, append.values)
                committing = connection.send("COMMIT")
                do {
                    try connection.wait(appending)
                } catch {
                    _ = try? connection.wait(committing)
                    throw error
                }
            } else {
                committing = connection.send("COMMIT")
            }
        } catch {
            connection.pendingLog.withLockedValue { $0 = [] }
            // A connection the server dropped has nothing to roll back; the pool replaces it.
            if !connection.isClosed { _ = try? connection.execute("ROLLBACK") }
            throw error
        }
        do {
            try connection.wait(committing)
        } catch {
            if connection.isClosed {
                throw StoreError.unreachable("the connection to \(connection.location) was lost while saving: reload to see whether the change was kept",
                                             mayHaveSaved: true)
            }
            throw error
        }
        return result
    }
}
