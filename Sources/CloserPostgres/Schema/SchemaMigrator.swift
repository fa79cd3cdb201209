import CloserCore
import Foundation

/// Brings a database's schema to this program's version, in one transaction, holding a lock so
/// that two administrators running `closer server init` at once do the work once. The versions
/// applied are kept in a table of their own, `closer_schema`.
enum SchemaMigrator {
    /// Any number, the same in every copy of the program: the advisory lock of a schema change.
    static let lockKey: Int64 = 0x636c_6f73_6572

    /// What the database holds before anything is done to it.
    enum State: Equatable {
        case empty
        case version(Int)
    }

    static func state(_ connection: Connection) throws -> State {
        guard try connection.queryOne("SELECT to_regclass('closer_schema') IS NOT NULL AS present")?.bool("present") == true else {
            return .empty
        }
        let version = try connection.queryOne("SELECT coalesce(max(version), 0) AS version FROM closer_schema")?.int("version") ?? 0
        return version == 0 ? .empty : .version(version)
    }

    /// Refuses a database made by a newer program, in one line.
    static func refuseNewer(_ version: Int, location: String) -> StoreError {
        .cannotOpen(path: location, reason: "its schema is version \(version), newer than this program's \(PostgresSchema.latestVersion): install the newer closer")
    }

    /// What follows every upgrade: stage positions as this program knows the processes, and the
    /// name keys a version-1 store's rows lack.
    static func afterMigrations(_ connection: Connection) throws {
        try StagePositions.syncWithStoredCatalog(connection)
        try NameKeys.fillMissing(connection)
    }

    /// Applies what is missing, then `finish` (which makes the stage positions match the processes
    /// this program knows); returns the versions before and after. Nothing changes when the
    /// database is already current.
    static func upgrade(_ connection: Connection, migrations: [PostgresSchema.Migration] = PostgresSchema.migrations,
                        finish: (Connection) throws -> Void = afterMigrations) throws -> (from: Int, to: Int) {
        let latest = migrations.map(\.version).max() ?? 0
        return try Transaction.run(on: connection) {
            try connection.execute("SELECT pg_advisory_xact_lock($1)", [.int(lockKey)])
            try connection.execute("""
                CREATE TABLE IF NOT EXISTS closer_schema (
                    version integer PRIMARY KEY,
                    name text NOT NULL,
                    applied_at double precision NOT NULL
                )
                """)
            let current = try connection.queryOne("SELECT coalesce(max(version), 0) AS version FROM closer_schema")?.int("version") ?? 0
            if current > latest { throw refuseNewer(current, location: connection.location) }
            for migration in migrations.sorted(by: { $0.version < $1.version }) where migration.version > current {
                for statement in migration.statements { try connection.execute(statement) }
                try connection.execute("INSERT INTO closer_schema (version, name, applied_at) VALUES ($1, $2, $3)",
                                       [.int(migration.version), .text(migration.name), .double(Date().timeIntervalSince1970)])
            }
            try finish(connection)
            return (current, latest)
        }
    }
}
