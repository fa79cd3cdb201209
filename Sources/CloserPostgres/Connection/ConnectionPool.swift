import CloserCore
import Foundation

/// The connections of one store handle: a caller takes one, runs its statements, gives it back.
/// A few callers can read at once (the dashboard's screen while an export runs); more wait their
/// turn. A connection the server dropped is not given back, and the next caller gets a new one;
/// nor is one whose last transaction did not end cleanly.
///
/// `@unchecked Sendable`: every stored `var` is read and written only while `condition` is locked.
final class ConnectionPool: @unchecked Sendable {
    let settings: PostgresSettings
    let limit: Int
    private let condition = NSCondition()
    private var idle: [Connection] = []
    private var open = 0
    private var closed = false

    init(settings: PostgresSettings, limit: Int = 4, first: Connection? = nil) {
        self.settings = settings
        self.limit = max(1, limit)
        if let first {
            idle = [first]
            open = 1
        }
    }

    var location: String { settings.location }

    func withConnection<T>(_ body: (Connection) throws -> T) throws -> T {
        let connection = try take()
        defer { give(connection) }
        return try body(connection)
    }

    private func take() throws -> Connection {
        condition.lock()
        while true {
            if closed {
                condition.unlock()
                throw StoreError.refused(.storeClosed(location: location))
            }
            if let connection = idle.popLast() {
                condition.unlock()
                // A read's COMMIT may still be under way (Connection+Pipeline): nobody gets the
                // connection before it ended cleanly, and one that did not is closed, not reused.
                if connection.readyForNextCaller() { return connection }
                connection.close()
                condition.lock()
                open -= 1
                continue
            }
            if open < limit {
                open += 1
                condition.unlock()
                do {
                    return try Connection.open(settings)
                } catch {
                    condition.lock()
                    open -= 1
                    condition.signal()
                    condition.unlock()
                    throw error
                }
            }
            condition.wait()
        }
    }

    private func give(_ connection: Connection) {
        condition.lock()
        let keep = !closed && !connection.isClosed
        if keep { idle.append(connection) } else { open -= 1 }
        condition.signal()
        condition.unlock()
        if !keep { connection.close() }
    }

    func close() {
        condition.lock()
        closed = true
        let idle = self.idle
        self.idle = []
        open -= idle.count
        condition.broadcast()
        condition.unlock()
        idle.forEach { $0.close() }
    }

    deinit {
        idle.forEach { $0.close() }
    }
}
