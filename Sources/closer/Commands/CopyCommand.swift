import ArgumentParser
import CloserCore
import CloserPostgres
import CloserSQLite
import Foundation

/// `closer copy FROM TO`: a whole store from one backend to another, checked table by table.
struct CopyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "copy",
        abstract: "Copy a whole store between a file and a PostgreSQL server (either way), checked table by table.",
        discussion: """
            FROM and TO are each a store file or a postgres://user@host/database URL. The target must be empty: \
            a new file, or a database that is new or holds no rows (its schema is created when missing). Everything \
            is written in one transaction and committed only when every table's row count and checksum, read back, \
            agree with the source's; ids, versions, times and the event log are kept.
            """)

    @Argument(help: ArgumentHelp("The store to copy: a file or a postgres:// URL.", valueName: "from"))
    var from: String

    @Argument(help: ArgumentHelp("The empty store to fill: a file or a postgres:// URL.", valueName: "to"))
    var to: String

    func run() throws {
        let source = try Self.open(from, role: .source)
        let target = try Self.open(to, role: .target)
        guard source.location != target.location else { throw CLIError("FROM and TO are the same store") }
        let report = try TableCopier.copy(from: source.store, to: target.store)
        for table in report.tables {
            Output.line("\(table.name.padding(toLength: 16, withPad: " ", startingAt: 0)) \(String(table.rows).leftPadded(9)) rows  checksum \(table.checksum)")
        }
        Output.line("copied \(report.tables.count) tables from \(source.location) to \(target.location): every count and checksum agrees")
    }

    enum Role { case source, target }

    /// A store opened for the copy, as one of the two kinds.
    struct Opened {
        let location: String
        let store: any TableSource & TableTarget
    }

    static func open(_ text: String, role: Role) throws -> Opened {
        if PostgresSettings.isURL(text) {
            let settings: PostgresSettings
            do { settings = try PostgresSettings(url: text) } catch let error as PostgresSettingsError { throw CLIError(error.description) }
            settings.warnings.forEach { Output.error($0) }
            if role == .target, try PostgresServer.schemaVersion(settings) == 0 {
                _ = try PostgresServer.initialize(settings)
                Output.error("created the Closer schema in \(settings.location)")
            }
            return Opened(location: settings.location, store: try PostgresStore(settings: settings))
        }
        let path = (text as NSString).expandingTildeInPath
        if role == .source, !FileManager.default.fileExists(atPath: path) {
            throw CLIError("\(path): no such store file")
        }
        return Opened(location: path, store: try SQLiteStore(path: path, actor: PostgresSettings.loginName()))
    }
}

private extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
