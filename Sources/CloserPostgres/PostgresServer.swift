import CloserCore
import Foundation

/// What an administrator does to a PostgreSQL database before the team uses it.
public enum PostgresServer {
    public struct InitReport: Sendable, Equatable {
        /// The schema version found (0: an empty database) and the one it is at now.
        public var from: Int
        public var to: Int
        public var changed: Bool { from != to }
    }

    /// The schema version this program makes and reads.
    public static var latestVersion: Int { PostgresSchema.latestVersion }

    /// Creates the schema in an empty database, or brings an older one up to this program's
    /// version; a current one is left as it is. A newer one is refused.
    public static func initialize(_ settings: PostgresSettings) throws -> InitReport {
        let connection = try Connection.open(settings, applicationName: "closer-init")
        defer { connection.close() }
        let (from, to) = try SchemaMigrator.upgrade(connection)
        return InitReport(from: from, to: to)
    }

    /// The schema version of the database (0 when it has none).
    public static func schemaVersion(_ settings: PostgresSettings) throws -> Int {
        let connection = try Connection.open(settings, applicationName: "closer-init")
        defer { connection.close() }
        switch try SchemaMigrator.state(connection) {
        case .empty: return 0
        case .version(let version): return version
        }
    }

    /// Creates a database on the server (as `createdb` does), optionally as a copy of `template`.
    /// `settings` name a database to connect to meanwhile (the server's maintenance one will do).
    public static func createDatabase(_ name: String, template: String? = nil, on settings: PostgresSettings) throws {
        let connection = try Connection.open(settings, applicationName: "closer-admin")
        defer { connection.close() }
        try connection.execute("CREATE DATABASE \(CopyText.quoted(name))" + (template.map { " TEMPLATE \(CopyText.quoted($0)) STRATEGY FILE_COPY" } ?? ""))
    }

    /// Drops a database, ending the sessions still connected to it.
    public static func dropDatabase(_ name: String, on settings: PostgresSettings) throws {
        let connection = try Connection.open(settings, applicationName: "closer-admin")
        defer { connection.close() }
        try connection.execute("DROP DATABASE IF EXISTS \(CopyText.quoted(name)) WITH (FORCE)")
    }
}
