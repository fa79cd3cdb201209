import CloserCore
import Foundation
import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import NIOSSL
import PostgresNIO

/// One connection to the server, used synchronously: the Store protocol is synchronous, so each
/// call hands its statement to postgres-nio's event loop and blocks the calling thread (never an
/// event-loop thread) until the answer is in. A connection serves one caller at a time; the pool
/// hands connections out.
final class Connection: Sendable {
    let raw: PostgresConnection
    let location: String
    /// The event-log rows of the open transaction, appended together just before it commits
    /// (EventLog): the log's lock is then held for one statement and the commit, not the whole write.
    let pendingLog = NIOLockedValueBox<[ChangeEvent]>([])
    /// The callers waiting for an answer on this connection, told together when it ends.
    private let waiting = NIOLockedValueBox(Waiting())
    /// Statements sent without waiting for their answers (Connection+Pipeline).
    let pipeline = NIOLockedValueBox(Pipeline())
    /// The statements this connection has planned once and runs again by name (Connection+Reuse).
    let reused = NIOLockedValueBox(ReusedStatements())

    private struct Waiting {
        var ended = false
        var next = 0
        var callers: [Int: @Sendable () -> Void] = [:]
    }

    private init(raw: PostgresConnection, location: String) {
        self.raw = raw
        self.location = location
        raw.closeFuture.whenComplete { [waiting] _ in
            let callers = waiting.withLockedValue { waiting in
                defer { waiting.callers = [:] }
                waiting.ended = true
                return Array(waiting.callers.values)
            }
            callers.forEach { $0() }
        }
    }

    /// One event-loop thread serves every connection of the process: the work on it is only
    /// encoding and decoding messages, and the callers block on their own threads.
    static let eventLoops: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton

    static let logger: Logger = {
        var logger = Logger(label: "closer.postgres", factory: { _ in SwiftLogNoOpLogHandler() })
        logger.logLevel = .critical
        return logger
    }()

    static func open(_ settings: PostgresSettings, applicationName: String = "closer") throws -> Connection {
        var configuration: PostgresConnection.Configuration
        if settings.usesUnixSocket {
            configuration = .init(unixSocketPath: settings.socketPath, username: settings.user,
                                  password: settings.password, database: settings.database)
        } else {
            configuration = .init(host: settings.host, port: settings.port, username: settings.user,
                                  password: settings.password, database: settings.database,
                                  tls: try TLSChoice.tls(for: settings))
        }
        configuration.options.connectTimeout = .seconds(Int64(settings.connectTimeout))
        // No JIT: the store's statements are short, and compiling them cost more than it saved.
        configuration.options.additionalStartupParameters = [("application_name", applicationName), ("jit", "off")]
        do {
            let raw = try PostgresConnection.connect(on: eventLoops.next(), configuration: configuration,
                                                     id: nextID.next(), logger: logger).wait()
            return Connection(raw: raw, location: settings.location)
        } catch {
            throw PostgresFailure.connecting(error, settings)
        }
    }

    private static let nextID = Counter()

    /// Every row of a statement's result.
    func query(_ sql: String, _ values: [SQLValue] = []) throws -> [SQLRow] {
        do {
            return try answer(behindUnchecked(raw.query(PostgresQuery(sql, values), logger: Self.logger))).rows.map { SQLRow($0) }
        } catch {
            throw PostgresFailure.statement(error, location: location)
        }
    }

    /// Runs a statement and says how many rows it touched.
    @discardableResult
    func execute(_ sql: String, _ values: [SQLValue] = []) throws -> Int {
        do {
            return try answer(behindUnchecked(raw.query(PostgresQuery(sql, values), logger: Self.logger))).metadata.rows ?? 0
        } catch {
            throw PostgresFailure.statement(error, location: location)
        }
    }

    /// Sends a statement without waiting for its answer. Statements sent one behind another run
    /// in that order, each handed to the server as soon as it answered the one before, with no
    /// wait for the calling thread to wake up in between.
    func send(_ sql: String, _ values: [SQLValue] = []) -> EventLoopFuture<PostgresQueryResult> {
        raw.query(PostgresQuery(sql, values), logger: Self.logger)
    }

    /// Waits for the answer to a statement `send` sent.
    func wait(_ sent: EventLoopFuture<PostgresQueryResult>) throws {
        do {
            _ = try answer(behindUnchecked(sent))
        } catch {
            throw PostgresFailure.statement(error, location: location)
        }
    }

    /// The answer to a statement, or `ConnectionLost` as soon as the connection ends, whichever
    /// comes first. postgres-nio drops a statement handed to a connection that has already closed
    /// without ever answering it, so waiting for the answer alone left the caller blocked for
    /// good after a killed backend or a server restart.
    func answer<T: Sendable>(_ sent: EventLoopFuture<T>) throws -> T {
        let settled = sent.eventLoop.makePromise(of: T.self)
        sent.cascade(to: settled)
        let ticket = waiting.withLockedValue { waiting -> Int? in
            if waiting.ended { return nil }
            waiting.next += 1
            waiting.callers[waiting.next] = { settled.fail(ConnectionLost()) }
            return waiting.next
        }
        if ticket == nil { settled.fail(ConnectionLost()) }
        defer { if let ticket { _ = waiting.withLockedValue { $0.callers.removeValue(forKey: ticket) } } }
        return try settled.futureResult.wait()
    }

    func queryOne(_ sql: String, _ values: [SQLValue] = []) throws -> SQLRow? {
        try query(sql, values).first
    }

    var isClosed: Bool { raw.isClosed }

    func close() {
        _ = try? raw.close().wait()
    }
}

/// The connection ended before the server answered (the server or the network dropped it).
struct ConnectionLost: Error {}

/// A thread-safe counter for connection ids.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0

    func next() -> Int {
        lock.lock()
        defer { lock.unlock() }
        value += 1
        return value
    }
}
