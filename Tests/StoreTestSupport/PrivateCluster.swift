import CloserPostgres
import Foundation

/// A PostgreSQL cluster of one test's own, for tests that stop and start the server while a
/// client is connected: the run's shared server must stay up for every other test. It listens on
/// a unix socket in its own folder only, uses the programs scripts/with-postgres found, runs as
/// that script's unprivileged user when the tests run as root, and is stopped and removed when
/// released.
public final class PrivateCluster: @unchecked Sendable {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    public let folder: String
    public let port = 5432
    private let bin: String
    private let osUser: String

    public init() throws {
        let environment = ProcessInfo.processInfo.environment
        guard let bin = environment["CLOSER_TEST_PG_BIN"], !bin.isEmpty else { throw TestServer.Missing() }
        self.bin = bin
        osUser = environment["CLOSER_TEST_PG_OS_USER"] ?? ""
        folder = (NSTemporaryDirectory() as NSString).appendingPathComponent("closer-pg-own-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        if !osUser.isEmpty { try run("/usr/bin/chown", [osUser, folder], asServer: false) }
        try run("\(bin)/initdb", ["-D", "\(folder)/data", "-U", "closer", "--auth-local=trust", "--encoding=UTF8", "--locale=C.UTF-8"])
        try start()
    }

    /// The maintenance database as the cluster's superuser.
    public var adminSettings: PostgresSettings {
        get throws { try PostgresSettings(url: "postgres://closer@\(folder.replacingOccurrences(of: "/", with: "%2F")):\(port)/postgres", environment: [:]) }
    }

    /// A new database with this program's schema.
    public func initializedDatabase() throws -> PostgresSettings {
        let admin = try adminSettings
        var settings = admin
        settings.database = "closer_own"
        try PostgresServer.createDatabase(settings.database, on: admin)
        _ = try PostgresServer.initialize(settings)
        return settings
    }

    public func start() throws {
        try run("\(bin)/pg_ctl", ["-D", "\(folder)/data", "-l", "\(folder)/server.log", "-w", "-t", "60", "start",
                                  "-o", "-p \(port) -k \(folder) -c listen_addresses= -c fsync=off"])
    }

    /// A fast shutdown: every client's connection is closed, as when an administrator restarts the server.
    public func stop() throws {
        try run("\(bin)/pg_ctl", ["-D", "\(folder)/data", "-m", "fast", "-w", "stop"])
    }

    /// Runs a program to its end, its output in the folder's log. posix_spawn and waitpid, not
    /// Foundation's Process: the server pg_ctl starts lives on and would keep the descriptors
    /// Process watches for the end open.
    private func run(_ executable: String, _ arguments: [String], asServer: Bool = true) throws {
        let words = asServer && !osUser.isEmpty ? ["/usr/sbin/runuser", "-u", osUser, "--", executable] + arguments : [executable] + arguments
        let log = (folder as NSString).appendingPathComponent("commands.log")
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv: [UnsafeMutablePointer<CChar>?] = words.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, words[0], &actions, nil, argv, environ)
        guard spawned == 0 else { throw Failure(description: "cannot start \(words[0]): error \(spawned)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        guard status == 0 else {
            let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            throw Failure(description: "\((executable as NSString).lastPathComponent) \(arguments.first ?? "") failed: \(text.suffix(600))")
        }
    }

    deinit {
        try? run("\(bin)/pg_ctl", ["-D", "\(folder)/data", "-m", "immediate", "-w", "stop"])
        try? FileManager.default.removeItem(atPath: folder)
    }
}
