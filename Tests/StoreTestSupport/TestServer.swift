import CloserCore
import CloserPostgres
import Foundation

/// The throwaway PostgreSQL server of this test run (scripts/test starts it and sets
/// CLOSER_TEST_PG). Each test gets a database of its own, so tests run in parallel without
/// seeing each other's rows or notifications; a store's database is dropped when its last
/// handle goes. Without the server the tests fail, saying how to run them: a PostgreSQL test is
/// never skipped.
public enum TestServer {
    public struct Missing: Error, CustomStringConvertible {
        public let description = "CLOSER_TEST_PG is not set: the PostgreSQL tests need the throwaway server that scripts/test starts — run scripts/test (or scripts/with-postgres swift test)"
    }

    /// The server's maintenance database, as the test run's URL names it.
    public static func adminSettings() throws -> PostgresSettings {
        guard let url = ProcessInfo.processInfo.environment["CLOSER_TEST_PG"], !url.isEmpty else { throw Missing() }
        return try PostgresSettings(url: url, environment: [:])
    }

    /// The same server reached over TCP on 127.0.0.1, where it asks for a password.
    public static func tcpSettings(password: String?) throws -> PostgresSettings {
        var settings = try adminSettings()
        guard let port = ProcessInfo.processInfo.environment["CLOSER_TEST_PG_PORT"].flatMap(Int.init) else { throw Missing() }
        settings.host = "127.0.0.1"
        settings.port = port
        settings.password = password
        settings.sslMode = .disable
        return settings
    }

    public static var password: String { ProcessInfo.processInfo.environment["CLOSER_TEST_PG_PASSWORD"] ?? "" }

    static func newName() -> String { "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased() }

    /// A new, empty database on the test server.
    public static func emptyDatabase() throws -> PostgresSettings {
        let admin = try adminSettings()
        let name = newName()
        try PostgresServer.createDatabase(name, on: admin)
        var settings = admin
        settings.database = name
        return settings
    }

    /// A new database with this program's schema, copied from a template made once per run.
    public static func initializedDatabase() throws -> PostgresSettings {
        try copy(of: try Template.shared.name())
    }

    /// A new database copied from `template` (whose sessions must be gone).
    public static func copy(of template: String) throws -> PostgresSettings {
        let admin = try adminSettings()
        let name = newName()
        // The template's last session may still be ending on the server: a copy waits for it.
        for attempt in 1...50 {
            do {
                try PostgresServer.createDatabase(name, template: template, on: admin)
                break
            } catch let error as StoreError where attempt < 50 && "\(error)".contains("being accessed by other users") {
                Thread.sleep(forTimeInterval: 0.1)
            }
        }
        var settings = admin
        settings.database = name
        return settings
    }

    /// A store on a new database, dropped when the store and every handle acting from it are gone.
    public static func store(actor: String = "admin", clock: @escaping @Sendable () -> Date = { Date() }) throws -> PostgresStore {
        try store(on: try initializedDatabase(), actor: actor, clock: clock)
    }

    public static func store(on settings: PostgresSettings, actor: String = "admin",
                             clock: @escaping @Sendable () -> Date = { Date() }) throws -> PostgresStore {
        let store = try PostgresStore(settings: settings, actor: actor, clock: clock)
        dropWhenGone(store)
        return store
    }

    /// Drops a database made here, whoever is still connected to it.
    public static func drop(_ settings: PostgresSettings) {
        try? PostgresServer.dropDatabase(settings.database, on: try adminSettings())
    }

    public static func dropWhenGone(_ store: PostgresStore) {
        let name = store.settings.database
        store.whenGone { try? PostgresServer.dropDatabase(name, on: try adminSettings()) }
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
            let admin = try adminSettings()
            try PostgresServer.dropDatabase(name, on: admin)
            try PostgresServer.createDatabase(name, on: admin)
            var settings = admin
            settings.database = name
            _ = try PostgresServer.initialize(settings)
            made = name
            return name
        }
    }
}

/// What `body` was refused with, as the user reads it; nil when it was not refused.
public func refusal<T>(_ body: () throws -> T) -> String? {
    do {
        _ = try body()
        return nil
    } catch {
        return "\(error)"
    }
}
