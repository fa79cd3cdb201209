@testable import CloserPostgres
import CloserCore
import Foundation
import StoreTestSupport
import Testing

@Suite("closer server init: versioned schema, twice changes nothing, newer refused")
struct ServerInitTests {
    /// Everything the schema consists of, to compare before and after.
    private func schemaFingerprint(_ settings: PostgresSettings) throws -> [String] {
        let connection = try Connection.open(settings)
        defer { connection.close() }
        let rows = try connection.query("""
            SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable || ' ' || coalesce(column_default, '') AS item
              FROM information_schema.columns WHERE table_schema = 'public'
            UNION ALL SELECT 'index ' || indexname || ' ' || indexdef FROM pg_indexes WHERE schemaname = 'public'
            UNION ALL SELECT 'trigger ' || tgname || ' ' || pg_get_triggerdef(oid) FROM pg_trigger WHERE NOT tgisinternal
            UNION ALL SELECT 'function ' || proname || ' ' || md5(prosrc) FROM pg_proc WHERE pronamespace = 'public'::regnamespace
            UNION ALL SELECT 'migration ' || version || ' ' || name FROM closer_schema
            UNION ALL SELECT 'stage ' || process_key || '.' || stage_key || ' ' || position FROM process_stage
            ORDER BY 1
            """)
        return try rows.map { try $0.text("item") }
    }

    @Test func initCreatesTheSchemaAndASecondRunChangesNothing() throws {
        let settings = try TestServer.emptyDatabase()
        #expect(try PostgresServer.schemaVersion(settings) == 0)
        let first = try PostgresServer.initialize(settings)
        #expect(first == PostgresServer.InitReport(from: 0, to: PostgresSchema.latestVersion) && first.changed)
        let before = try schemaFingerprint(settings)
        #expect(before.contains { $0.hasPrefix("column deal.search_key text NO") })
        #expect(before.contains { $0.hasPrefix("trigger stage_event_from_log") })
        #expect(before.contains { $0.hasPrefix("stage project.develop 0") })
        let second = try PostgresServer.initialize(settings)
        #expect(second == PostgresServer.InitReport(from: PostgresSchema.latestVersion, to: PostgresSchema.latestVersion) && !second.changed)
        #expect(try schemaFingerprint(settings) == before)
    }

    @Test func initAppliesOnlyTheMissingMigrations() throws {
        let settings = try TestServer.emptyDatabase()
        let connection = try Connection.open(settings)
        defer { connection.close() }
        let one = PostgresSchema.Migration(version: 1, name: "one", statements: ["CREATE TABLE first_table (id integer)"])
        let two = PostgresSchema.Migration(version: 2, name: "two", statements: ["ALTER TABLE first_table ADD COLUMN note text"])
        let first = try SchemaMigrator.upgrade(connection, migrations: [one], finish: { _ in })
        #expect(first == (from: 0, to: 1))
        let result = try SchemaMigrator.upgrade(connection, migrations: [one, two], finish: { _ in })
        #expect(result == (from: 1, to: 2))
        #expect(try connection.query("SELECT version FROM closer_schema ORDER BY version").map { try $0.int("version") } == [1, 2])
        #expect(try connection.queryOne("SELECT count(*) AS n FROM information_schema.columns WHERE table_name = 'first_table'")?.int("n") == 2)
    }

    @Test func aFailedMigrationLeavesNothingBehind() throws {
        let settings = try TestServer.emptyDatabase()
        let connection = try Connection.open(settings)
        defer { connection.close() }
        let broken = PostgresSchema.Migration(version: 1, name: "broken", statements: ["CREATE TABLE kept (id integer)", "CREATE TABLE kept (id integer)"])
        #expect(throws: StoreError.self) { try SchemaMigrator.upgrade(connection, migrations: [broken], finish: { _ in }) }
        #expect(try connection.queryOne("SELECT to_regclass('kept') IS NULL AS gone")?.bool("gone") == true)
        #expect(try SchemaMigrator.state(connection) == .empty)
    }

    @Test func aNewerSchemaIsRefusedInOneLine() throws {
        let settings = try TestServer.initializedDatabase()
        let connection = try Connection.open(settings)
        try connection.execute("INSERT INTO closer_schema (version, name, applied_at) VALUES (99, 'future', 0)")
        connection.close()
        let expected = "cannot open the store \(settings.location): its schema is version 99, newer than this program's \(PostgresSchema.latestVersion): install the newer closer"
        #expect(refusal { try PostgresStore(settings: settings) } == expected)
        #expect(refusal { try PostgresServer.initialize(settings) } == expected)
    }

    @Test func aDatabaseWithoutTheSchemaSaysToRunInit() throws {
        let settings = try TestServer.emptyDatabase()
        #expect(refusal { try PostgresStore(settings: settings) } == "cannot open the store \(settings.location): it has no Closer schema yet: run closer server init --db \(settings.location)")
    }

    @Test func anInitializedDatabaseOpens() throws {
        let store = try PostgresStore(settings: try TestServer.initializedDatabase())
        defer { store.close() }
        #expect(store.location.hasPrefix("postgres://closer@["))
    }
}

@Suite("One clear line for each way connecting can fail")
struct ConnectionFailureTests {
    @Test func aServerThatIsNotRunning() throws {
        var settings = try TestServer.adminSettings()
        settings.host = NSTemporaryDirectory() + "no-server-here"
        #expect(refusal { try PostgresStore(settings: settings) } == "cannot open the store \(settings.location): no PostgreSQL server is running on the socket \(settings.socketPath) (is it started?)")
        var tcp = try TestServer.tcpSettings(password: "x")
        tcp.port = 1
        #expect(refusal { try PostgresStore(settings: tcp) } == "cannot open the store \(tcp.location): no PostgreSQL server is running at 127.0.0.1:1 (is it started?)")
    }

    @Test func aRefusedPassword() throws {
        let settings = try TestServer.tcpSettings(password: "wrong")
        #expect(refusal { try PostgresStore(settings: settings) } == "cannot open the store \(settings.location): the server refused the password of user closer")
        let none = try TestServer.tcpSettings(password: nil)
        #expect(refusal { try PostgresStore(settings: none) } == "cannot open the store \(none.location): the server asks for the password of user closer: put it in the URL, PGPASSWORD or ~/.pgpass")
    }

    @Test func theRightPasswordOverTCPAndFromThePasswordFile() throws {
        let database = try TestServer.initializedDatabase()
        var settings = try TestServer.tcpSettings(password: TestServer.password)
        settings.database = database.database
        let store = try PostgresStore(settings: settings)
        store.close()

        let home = NSTemporaryDirectory() + "closer-pgpass-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: home) }
        try "127.0.0.1:\(settings.port):*:closer:\(TestServer.password)\n".write(toFile: home + "/.pgpass", atomically: false, encoding: .utf8)
        chmod(home + "/.pgpass", 0o600)
        let url = "postgres://closer@127.0.0.1:\(settings.port)/\(database.database)?sslmode=disable"
        let fromFile = try PostgresSettings(url: url, environment: [:], home: home)
        let viaFile = try PostgresStore(settings: fromFile)
        viaFile.close()
    }

    @Test func aMissingDatabase() throws {
        var settings = try TestServer.adminSettings()
        settings.database = "no_such_database"
        #expect(refusal { try PostgresStore(settings: settings) } == "cannot open the store \(settings.location): the database no_such_database does not exist: create it (createdb no_such_database), then run closer server init")
    }

    @Test func sslRequiredOfAServerWithoutIt() throws {
        var settings = try TestServer.tcpSettings(password: TestServer.password)
        settings.sslMode = .require
        #expect(refusal { try PostgresStore(settings: settings) } == "cannot open the store \(settings.location): the server does not offer SSL, which sslmode=require requires")
    }
}
