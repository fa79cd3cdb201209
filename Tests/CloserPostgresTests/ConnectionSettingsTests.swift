@testable import CloserPostgres
import Foundation
import StoreTestSupport
import Testing

@Suite("Connection settings as libpq reads them: URL, PG variables, password file, sslmode")
struct ConnectionSettingsTests {
    let home = NSTemporaryDirectory() + "closer-pgpass-" + UUID().uuidString

    @Test func aFullURLNamesEverything() throws {
        let settings = try PostgresSettings(url: "postgres://wang.lei:s%40cret@crm.example.com:6543/closer?sslmode=verify-full",
                                            environment: [:], home: home, osUser: "root")
        #expect(settings.host == "crm.example.com" && settings.port == 6543)
        #expect(settings.user == "wang.lei" && settings.password == "s@cret" && settings.database == "closer")
        #expect(settings.sslMode == .verifyFull && !settings.usesUnixSocket)
        #expect(settings.location == "postgres://wang.lei@crm.example.com:6543/closer")
    }

    @Test func postgresqlSchemeAndEnvironmentFillWhatTheURLLeavesOut() throws {
        let environment = ["PGHOST": "db.internal", "PGPORT": "5433", "PGUSER": "li.na", "PGDATABASE": "sales",
                           "PGPASSWORD": "pw", "PGSSLMODE": "require"]
        let settings = try PostgresSettings(url: "postgresql://", environment: environment, home: home, osUser: "root")
        #expect(settings.host == "db.internal" && settings.port == 5433 && settings.user == "li.na")
        #expect(settings.database == "sales" && settings.password == "pw" && settings.sslMode == .require)
    }

    @Test func theURLWinsOverTheEnvironment() throws {
        let settings = try PostgresSettings(url: "postgres://zhao@host1/db1?sslmode=disable",
                                            environment: ["PGHOST": "other", "PGUSER": "x", "PGDATABASE": "y", "PGSSLMODE": "require"],
                                            home: home, osUser: "root")
        #expect(settings.host == "host1" && settings.user == "zhao" && settings.database == "db1" && settings.sslMode == .disable)
    }

    @Test func defaultsAreLibpqs() throws {
        let settings = try PostgresSettings(url: "postgres:///", environment: [:], home: home, osUser: "wang.lei")
        #expect(settings.host == "/var/run/postgresql" && settings.usesUnixSocket && settings.port == 5432)
        #expect(settings.user == "wang.lei" && settings.database == "wang.lei" && settings.sslMode == .prefer)
        #expect(settings.socketPath == "/var/run/postgresql/.s.PGSQL.5432")
        #expect(settings.password == nil)
    }

    @Test func aSocketFolderComesEncodedInTheHostOrAsAParameter() throws {
        let encoded = try PostgresSettings(url: "postgres://closer@%2Ftmp%2Fpg:7000/closer", environment: [:], home: home, osUser: "root")
        #expect(encoded.host == "/tmp/pg" && encoded.socketPath == "/tmp/pg/.s.PGSQL.7000")
        #expect(encoded.location == "postgres://closer@[/tmp/pg]:7000/closer")
        let parameter = try PostgresSettings(url: "postgres:///closer?host=/srv/sock&port=7001", environment: [:], home: home, osUser: "root")
        #expect(parameter.host == "/srv/sock" && parameter.port == 7001 && parameter.database == "closer")
        let fromEnvironment = try PostgresSettings(url: "postgres:///closer", environment: ["PGHOST": "/run/pg"], home: home, osUser: "root")
        #expect(fromEnvironment.socketPath == "/run/pg/.s.PGSQL.5432")
    }

    @Test func anIPv6HostIsInBrackets() throws {
        let settings = try PostgresSettings(url: "postgres://u@[::1]:5544/d", environment: [:], home: home, osUser: "root")
        #expect(settings.host == "::1" && settings.port == 5544)
        #expect(settings.location == "postgres://u@[::1]:5544/d")
    }

    @Test func badSettingsAreRefusedInOneLine() {
        let cases: [(String, String)] = [
            ("mysql://u@h/d", "is not a postgres:// or postgresql:// URL"),
            ("postgres://u@h:99999/d", "'99999' is not a port number"),
            ("postgres://u@h:abc/d", "'abc' is not a port number"),
            ("postgres://u@h/d?sslmode=always", "sslmode 'always' is not one of disable, allow, prefer, require, verify-ca, verify-full"),
            ("postgres://u@h/d?colour=blue", "unknown connection parameter 'colour'"),
            ("postgres://u@h1,h2/d", "several hosts in one URL are not supported"),
            ("postgres://u@h/d?sslmode", "'sslmode' in the URL is not name=value"),
        ]
        for (url, message) in cases {
            let said = refusal { try PostgresSettings(url: url, environment: [:], home: home, osUser: "root") }
            #expect(said?.contains(message) == true && said?.contains("\n") == false, "\(url): \(said ?? "accepted")")
        }
    }

    @Test func isURLTellsServerStoresFromFiles() {
        #expect(PostgresSettings.isURL("postgres://x/y") && PostgresSettings.isURL("POSTGRESQL://x/y"))
        #expect(!PostgresSettings.isURL("/home/me/closer.sqlite") && !PostgresSettings.isURL("postgres.sqlite"))
    }

    // MARK: The password file

    private func writePassFile(_ text: String, mode: mode_t) throws -> String {
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        let path = home + "/.pgpass"
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        chmod(path, mode)
        return path
    }

    @Test func thePasswordFileAnswersWhenNothingElseDoes() throws {
        _ = try writePassFile("""
            # comment
            other.host:5432:*:wang.lei:nope
            crm.example.com:5432:closer:wang.lei:first\\:part
            *:*:*:*:fallback
            """, mode: 0o600)
        defer { try? FileManager.default.removeItem(atPath: home) }
        let settings = try PostgresSettings(url: "postgres://wang.lei@crm.example.com/closer", environment: [:], home: home, osUser: "root")
        #expect(settings.password == "first:part" && settings.warnings.isEmpty)
        let other = try PostgresSettings(url: "postgres://li.na@crm.example.com/closer", environment: [:], home: home, osUser: "root")
        #expect(other.password == "fallback")
        let given = try PostgresSettings(url: "postgres://li.na@crm.example.com/closer", environment: ["PGPASSWORD": "env"], home: home, osUser: "root")
        #expect(given.password == "env")
    }

    @Test func theDefaultSocketFolderIsLookedUpAsLocalhost() throws {
        _ = try writePassFile("localhost:5432:closer:wang.lei:local\n/tmp/pg:5432:closer:wang.lei:tmp\n", mode: 0o600)
        defer { try? FileManager.default.removeItem(atPath: home) }
        let byDefault = try PostgresSettings(url: "postgres://wang.lei@/closer", environment: [:], home: home, osUser: "root")
        #expect(byDefault.password == "local")
        let other = try PostgresSettings(url: "postgres://wang.lei@%2Ftmp%2Fpg/closer", environment: [:], home: home, osUser: "root")
        #expect(other.password == "tmp")
    }

    @Test func aPasswordFileOthersCanReadIsIgnoredWithAWarning() throws {
        _ = try writePassFile("*:*:*:*:secret\n", mode: 0o644)
        defer { try? FileManager.default.removeItem(atPath: home) }
        let settings = try PostgresSettings(url: "postgres://wang.lei@h/closer", environment: [:], home: home, osUser: "root")
        #expect(settings.password == nil)
        #expect(settings.warnings == ["password file \"\(home)/.pgpass\" has group or world access; permissions should be u=rw (0600) or less: it was not read"])
    }

    @Test func PGPASSFILENamesAnotherFile() throws {
        let path = try writePassFile("*:*:*:*:elsewhere\n", mode: 0o600)
        defer { try? FileManager.default.removeItem(atPath: home) }
        let settings = try PostgresSettings(url: "postgres://u@h/d", environment: ["PGPASSFILE": path], home: "/nonexistent", osUser: "root")
        #expect(settings.password == "elsewhere")
    }
}
