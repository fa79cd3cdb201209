import ArgumentParser
import CloserCore
import CloserPostgres
import Foundation

/// Setting up a PostgreSQL database for a team.
struct ServerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "server",
        abstract: "Prepare a PostgreSQL database for a team (closer server init --db postgres://…).",
        subcommands: [ServerInitCommand.self, ServerStatusCommand.self])

    /// The server the options name; a store file is refused, saying what to give instead.
    static func settings(_ store: StoreOptions) throws -> PostgresSettings {
        guard let settings = try store.serverSettings() else {
            throw CLIError("\(store.path) is a store file: name a PostgreSQL server with --db postgres://user@host/database (or CLOSER_DB)")
        }
        return settings
    }
}

struct ServerInitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create the Closer schema in a PostgreSQL database, or bring it up to this version.",
        discussion: """
            The database must exist (createdb closer) and the login must be allowed to create tables in it. \
            Running it again on a current database changes nothing; a database made by a newer closer is refused.
            """)

    @OptionGroup var store: StoreOptions

    func run() throws {
        let settings = try ServerCommand.settings(store)
        let report = try PostgresServer.initialize(settings)
        if report.from == 0 {
            Output.line("created the Closer schema (version \(report.to)) in \(settings.location)")
        } else if report.changed {
            Output.line("upgraded the Closer schema of \(settings.location) from version \(report.from) to \(report.to)")
        } else {
            Output.line("the Closer schema of \(settings.location) is current (version \(report.to)): nothing changed")
        }
    }
}

struct ServerStatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Say whether the server answers and which schema version its database holds.")

    @OptionGroup var store: StoreOptions

    func run() throws {
        let settings = try ServerCommand.settings(store)
        let version = try PostgresServer.schemaVersion(settings)
        switch version {
        case 0: Output.line("\(settings.location): reachable, no Closer schema yet (closer server init creates it)")
        case PostgresServer.latestVersion: Output.line("\(settings.location): reachable, schema version \(version) (current)")
        case ..<PostgresServer.latestVersion: Output.line("\(settings.location): reachable, schema version \(version), older than this program's \(PostgresServer.latestVersion) (closer server init upgrades it)")
        default: Output.line("\(settings.location): reachable, schema version \(version), newer than this program's \(PostgresServer.latestVersion): install the newer closer")
        }
    }
}
