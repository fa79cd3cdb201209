@testable import CloserPostgres
import CloserCore
import Foundation

/// The throwaway PostgreSQL server of this test run (scripts/test starts it and sets
/// CLOSER_TEST_PG). Each test gets a database of its own, so tests run in parallel without
/// seeing each other's rows or notifications. Without the server the tests fail, saying how to
/// run them: a PostgreSQL test is never skipped.
enum TestServer {
    struct Missing: Error, CustomStringConvertible {
        let description = "CLOSER_TEST_PG is not set: the PostgreSQL tests need the throwaway server that scripts/test starts — run scripts/test (or scripts/with-postgres swift test)"
    }

    /// The server's maintenance database, as the test run's URL names it.
    static func adminSettings() throws -> PostgresSettings {
        guard let url = ProcessInfo.processInfo.environment["CLOSER_TEST_PG"], !url.isEmpty else { throw Missing() }
        return try PostgresSettings(url: url, environment: [:])
    }

    /// The same server reached over TCP on 127.0.0.1, where it asks for a password.
    static func tcpSettings(password: String?) throws -> PostgresSettings {
        var settings = try adminSettings()
        guard let port = ProcessInfo.processInfo.environment["CLOSER_TEST_PG_PORT"].flatMap(Int.init) else { throw Missing() }
        settings.host = "127.0.0.1"
        settings.port = port
        settings.password = password
        settings.sslMode = .disable
        return settings
    }

    static var password: String { ProcessInfo.processInfo.environment["CLOSER_TEST_PG_PASSWORD"] ?? "" }

    /// A new, empty database on the test server.
    static func emptyDatabase() throws -> PostgresSettings {
        let admin = try adminSettings()
        let name = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        try withAdmin { try $0.execute("CREATE DATABASE \(name)") }
        var settings = admin
        settings.database = name
        return settings
    }

    /// A new database with this program's schema, copied from a template made once per run.
    static func initializedDatabase() throws -> PostgresSettings {
        let template = try Template.shared.name()
        let name = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        // The template's last session may still be ending on the server: a copy waits for it.
        for attempt in 1...50 {
            do {
                try withAdmin { try $0.execute("CREATE DATABASE \(name) TEMPLATE \(template) STRATEGY FILE_COPY") }
                break
            } catch let error as StoreError where attempt < 50 && "\(error)".contains("being accessed by other users") {
                Thread.sleep(forTimeInterval: 0.1)
            }
        }
        var settings = try adminSettings()
        settings.database = name
        return settings
    }

    @discardableResult
    static func withAdmin<T>(_ body: (Connection) throws -> T) throws -> T {
        let connection = try Connection.open(try adminSettings())
        defer { connection.close() }
        return try body(connection)
    }

    /// The template database, initialized by the first test that needs it.
    final class Template: @unchecked Sendable {
        static let shared = Template()
        private let lock = NSLock()
        private var made: String?

        func name() throws -> String {
            lock.lock()
            defer { lock.unlock() }
            if let made { return made }
            let name = "closer_template_\(getpid())"
            try withAdmin { try $0.execute("CREATE DATABASE \(name)") }
            var settings = try adminSettings()
            settings.database = name
            _ = try PostgresServer.initialize(settings)
            made = name
            return name
        }
    }
}

/// What `body` was refused with, as the user reads it; nil when it was not refused.
func refusal<T>(_ body: () throws -> T) -> String? {
    do {
        _ = try body()
        return nil
    } catch {
        return "\(error)"
    }
}
