import CloserCore

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
        try connection.execute("BEGIN ISOLATION LEVEL \(isolation.rawValue)\(readOnly ? " READ ONLY" : "")")
        let result: T
        do {
            result = try body()
            try EventLog.flush(connection)
        } catch {
            connection.pendingLog.withLockedValue { $0 = [] }
            // A connection the server dropped has nothing to roll back; the pool replaces it.
            if !connection.isClosed { _ = try? connection.execute("ROLLBACK") }
            throw error
        }
        do {
            try connection.execute("COMMIT")
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
