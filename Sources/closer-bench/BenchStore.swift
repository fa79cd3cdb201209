import CloserCore
import CloserPostgres
import CloserSQLite
import Foundation

/// The store a bench names with `--db`: a file, or a PostgreSQL server (`postgres://…`, with
/// libpq's PG… variables), so one case runs at the same scale on both backends.
enum BenchStore {
    static func isServer(_ location: String) -> Bool { PostgresSettings.isURL(location) }

    static func open(_ location: String, actor: String) throws -> any Store {
        if isServer(location) { return try PostgresStore(settings: try PostgresSettings(url: location), actor: actor) }
        return try SQLiteStore(path: location, actor: actor)
    }

    /// Whether the store holds anything to measure (a file that exists; a server always answers for itself).
    static func exists(_ location: String) -> Bool {
        isServer(location) || FileManager.default.fileExists(atPath: location)
    }
}
