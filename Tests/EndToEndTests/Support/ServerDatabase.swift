import Foundation

/// A new database on the test run's throwaway PostgreSQL server, for tests that connect as
/// several login roles: `admin` is its URL as the administrator, `url(as:)` as another role.
struct ServerDatabase {
    let admin: String

    init() throws {
        guard let server = ProcessInfo.processInfo.environment["CLOSER_TEST_PG"], let slash = server.lastIndex(of: "/") else {
            throw E2EError("CLOSER_TEST_PG is not set: run scripts/test (or scripts/with-postgres swift test)")
        }
        let name = "e2e_\(UUID().uuidString.prefix(8).lowercased())"
        let created = try runProcess("/usr/bin/env", ["psql", server, "-qc", "CREATE DATABASE \(name)"], environment: ProcessInfo.processInfo.environment)
        guard created.status == 0 else { throw E2EError("createdb: \(created)") }
        admin = server[..<slash] + "/" + name
    }

    func url(as role: String) -> String { admin.replacingOccurrences(of: "://closer@", with: "://\(role)@") }
}
