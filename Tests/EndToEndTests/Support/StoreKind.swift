import Foundation
import CloserPostgres
import StoreTestSupport

/// Where an end-to-end sandbox keeps its store: a file in its folder, or a new database on the
/// run's throwaway PostgreSQL cluster (left for the cluster's removal at the end of the run).
enum StoreKind: String, CaseIterable, CustomStringConvertible, Sendable {
    case file, server

    var description: String { rawValue }

    func sandbox(_ name: String = "closer-e2e") throws -> Sandbox {
        switch self {
        case .file: try Sandbox(name)
        case .server: try Sandbox(name, db: try TestServer.initializedDatabase().url)
        }
    }

    /// A copy of the shared demo store: the file copied, or carried to the server by `closer copy`.
    func withDemo(_ name: String = "closer-e2e") throws -> Sandbox {
        switch self {
        case .file: return try Sandbox.withDemo(name)
        case .server:
            let sandbox = try Sandbox(name, db: try TestServer.emptyDatabase().url)
            let demo = sandbox.path("demo.sqlite")
            try DemoTemplate.copy(to: demo)
            let copied = try sandbox.run(["copy", demo, sandbox.db], timeout: 120)
            guard copied.status == 0 else { throw E2EError("closer copy of the demo to the server failed: \(copied)") }
            return sandbox
        }
    }
}

extension Sandbox {
    /// Whether the store is a PostgreSQL server rather than a file.
    var isServer: Bool { PostgresSettings.isURL(db) }

    /// The store as `user` reaches it. On a server a user is the login role they connect as (the
    /// test cluster trusts its socket, so no password is asked), never a name claimed with
    /// --user; on a file, --user names them.
    func run(as user: String, _ arguments: [String], timeout: TimeInterval = 30) throws -> RunResult {
        guard isServer else { return try run(arguments + ["--user", user], timeout: timeout) }
        var environment = self.environment
        environment["CLOSER_DB"] = try loginURL(user)
        return try runProcess(closer, arguments, environment: environment, stdin: nil, timeout: timeout)
    }

    /// A sandbox on the same store working as `user`: on a server, through their login role (which
    /// `closer user add` made); a file sandbox is the same sandbox.
    func loggedIn(as user: String) throws -> Sandbox {
        guard isServer else { return self }
        return try Sandbox("closer-e2e-login", db: try loginURL(user))
    }

    private func loginURL(_ user: String) throws -> String {
        var settings = try PostgresSettings(url: db, environment: [:])
        settings.user = user
        return settings.url
    }
}
