import ArgumentParser
import CloserCore
import CloserPostgres
import CloserSQLite
import Foundation

/// Options every command shares: which store, and who is acting.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Store file, or a PostgreSQL server as postgres://user@host/db (default: $CLOSER_DB, else $XDG_DATA_HOME/closer/closer.sqlite).", valueName: "path|url"))
    var db: String?

    @Option(name: .long, help: ArgumentHelp("Who is making changes (default: $CLOSER_USER, else your login name); on a PostgreSQL server, always the role you connect as.", valueName: "name"))
    var user: String?

    @Flag(name: .customLong("read-only"), help: "Open the store for reading only: every change is refused.")
    var readOnly = false

    var path: String {
        if let db, !db.isEmpty { return (db as NSString).expandingTildeInPath }
        return StoreLocation.defaultPath()
    }

    /// The name given with --user, if any. (CLOSER_USER, a default for store files, is not a
    /// claim: on a server the connected role is who acts.)
    var claimedUser: String? {
        guard let user, !user.isEmpty else { return nil }
        return user
    }

    var actor: String {
        // On a server the role you connect as is who acts (a different --user is refused on opening).
        if let user, !user.isEmpty { return user }
        if PostgresSettings.isURL(path), let role = try? PostgresSettings(url: path).user { return role }
        let environment = ProcessInfo.processInfo.environment
        if let name = environment["CLOSER_USER"], !name.isEmpty { return name }
        if let name = environment["USER"], !name.isEmpty { return name }
        if let entry = getpwuid(getuid()), let name = entry.pointee.pw_name { return String(cString: name) }
        return "unknown"
    }

    /// The PostgreSQL server named by `--db` or CLOSER_DB, with libpq's PG… variables and password
    /// file; nil when the store is a file. Warnings about the settings go to standard error.
    func serverSettings() throws -> PostgresSettings? {
        guard PostgresSettings.isURL(path) else { return nil }
        do {
            let settings = try PostgresSettings(url: path)
            settings.warnings.forEach { Output.error($0) }
            return settings
        } catch let error as PostgresSettingsError {
            throw CLIError(error.description)
        }
    }

    /// The store the options name, a file or a PostgreSQL server.
    func open(readOnly forced: Bool = false) throws -> any CLIStore {
        if let server = try serverSettings() {
            // On a server you are the role you connect as: the store refuses --user naming anyone
            // else unless the connection administers the store (which no policy holds anyway).
            return try PostgresStore(settings: server, actor: claimedUser ?? server.user, readOnly: readOnly || forced)
        }
        return try openFile(readOnly: forced)
    }

    /// The store file the options name; a server is refused with `what` only a file can do.
    func openFile(readOnly forced: Bool = false, for what: String = "") throws -> SQLiteStore {
        if let server = try serverSettings() {
            throw CLIError("\(server.location) is a PostgreSQL server: \(what.isEmpty ? "this command" : what) works on a store file")
        }
        return try SQLiteStore(path: path, actor: actor, readOnly: readOnly || forced, willMigrate: { [path] in
            FileHandle.standardError.write(Data("closer: bringing \(path) up to this version (once; a large store takes a minute)…\n".utf8))
        })
    }
}

/// Output options for commands that list things.
struct ListOptions: ParsableArguments {
    @Option(name: .long, help: "How many rows to show.")
    var limit: Int = 50

    @Option(name: .long, help: "How many rows to skip first.")
    var offset: Int = 0

    @Flag(name: .long, help: "Print JSON instead of a table (stable, for scripts).")
    var json = false

    func validate() throws {
        guard limit > 0 else { throw ValidationError("--limit must be at least 1") }
        guard offset >= 0 else { throw ValidationError("--offset must not be negative") }
    }
}

/// What the commands ask of a store, on either backend.
protocol CLIStore: Store, ForeignBatchImporting {
    var isReadOnly: Bool { get }
    func importSnapshot(_ snapshot: Snapshot, locate: @escaping ImportLocator) throws -> ImportSummary
}

extension SQLiteStore: CLIStore {}
extension PostgresStore: CLIStore {}
