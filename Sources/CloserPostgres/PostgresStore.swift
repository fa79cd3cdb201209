import CloserCore
import Foundation

/// The team server store: the same protocols as the file store, on a PostgreSQL database that
/// `closer server init` prepared. A handle holds a few connections for its statements and one
/// that listens for everybody's commits.
public final class PostgresStore: Sendable {
    public let settings: PostgresSettings
    public var location: String { settings.location }
    let pool: ConnectionPool
    let listener: ChangeListener
    let clock: @Sendable () -> Date

    /// Connects and checks the schema: a database without one, or with an older or newer one
    /// than this program's, is refused with one line saying what to do.
    public init(settings: PostgresSettings, clock: @escaping @Sendable () -> Date = { Date() }) throws {
        self.settings = settings
        self.clock = clock
        let first = try Connection.open(settings)
        do {
            switch try SchemaMigrator.state(first) {
            case .empty:
                throw StoreError.cannotOpen(path: settings.location, reason: "it has no Closer schema yet: run closer server init --db \(settings.location)")
            case .version(let version) where version > PostgresSchema.latestVersion:
                throw SchemaMigrator.refuseNewer(version, location: settings.location)
            case .version(let version) where version < PostgresSchema.latestVersion:
                throw StoreError.cannotOpen(path: settings.location, reason: "its schema is version \(version), older than this program's \(PostgresSchema.latestVersion): run closer server init --db \(settings.location)")
            case .version:
                break
            }
            listener = ChangeListener(settings: settings)
            try listener.start()
        } catch {
            first.close()
            throw error
        }
        pool = ConnectionPool(settings: settings, first: first)
    }

    /// Moves whenever anyone commits a write to the database, as heard by LISTEN: no statement is sent.
    public func changeToken() throws -> Int64 {
        listener.token
    }

    /// Runs `body` on a connection of the pool, outside any transaction: one statement reads one snapshot.
    func read<T>(_ body: (Connection) throws -> T) throws -> T {
        try pool.withConnection(body)
    }

    /// Runs `body` in one REPEATABLE READ, read-only transaction: its statements see one snapshot.
    func snapshot<T>(_ body: (Connection) throws -> T) throws -> T {
        try pool.withConnection { connection in
            try Transaction.run(on: connection, isolation: .repeatableRead, readOnly: true) { try body(connection) }
        }
    }

    /// Runs a write in one transaction: its changes and its event-log rows commit together or not at all.
    func write<T>(_ body: (Connection) throws -> T) throws -> T {
        try pool.withConnection { connection in
            try Transaction.run(on: connection) { try body(connection) }
        }
    }

    public func close() {
        listener.stop()
        pool.close()
    }
}
