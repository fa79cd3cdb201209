@testable import CloserPostgres
import CloserCore
import CloserExchange
import CloserSQLite
import Foundation
import StoreTestSupport
import Testing

/// A whole store's load by the administrator sets aside the indexes, foreign keys and log
/// triggers of the tables it at least doubles, and puts every one of them back.
@Suite("Whole-store load: what is set aside comes back")
struct BulkLoadSetAsideTests {
    static let today = Day(year: 2026, month: 11, day: 25)!
    static let now = Date(timeIntervalSince1970: Double(today.ordinal) * 86_400 + 10 * 3_600)

    /// The schema's indexes, foreign keys and triggers (with whether each is on), as text.
    private func schema(_ connection: Connection) throws -> [String] {
        try connection.query("""
            SELECT pg_get_indexdef(indexrelid) AS item FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
            WHERE c.relnamespace = current_schema()::regnamespace
            UNION ALL
            SELECT conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint
            WHERE connamespace = current_schema()::regnamespace
            UNION ALL
            SELECT tgrelid::regclass::text || ' ' || tgname || ' ' || tgenabled::text FROM pg_trigger WHERE NOT tgisinternal
            ORDER BY 1
            """).map { try $0.string("item") }
    }

    @Test func theDemoLoadsAsOnTheFileStoreAndTheSchemaIsWhole() throws {
        let snapshot = DemoCompany.generate(seed: 3, scale: 1_500, today: Self.today, user: "admin", now: Self.now)
        #expect(snapshot.activities.count >= BulkLoadSetAside.minimumRows && snapshot.events.count >= BulkLoadSetAside.minimumRows)
        let settings = try TestServer.initializedDatabase()
        let connection = try Connection.open(settings)
        defer { connection.close() }
        let before = try schema(connection)
        #expect(before.contains { $0.contains("activity_deal_id_fkey") } && before.contains { $0.contains("event_author O") })

        let server = try PostgresStore(settings: settings, actor: "admin", clock: { Self.now })
        defer { server.close() }
        _ = try server.importSnapshot(snapshot)
        #expect(try schema(connection) == before)

        let file = try SQLiteStore(inMemoryWithClock: { Self.now }, actor: "admin")
        _ = try file.importSnapshot(snapshot)
        let manager = try #require(try file.users().first { $0.role == .manager }?.name)
        let review = ReviewQuery(today: Self.today, listLimit: 500)
        #expect(try server.acting(as: manager).weeklyReview(review) == file.acting(as: manager).weeklyReview(review))
        let deals = DealQuery(filter: DealFilter(includeClosed: true), limit: 2_000)
        #expect(try server.acting(as: manager).deals(deals).rows == file.acting(as: manager).deals(deals).rows)
        let accounts = AccountQuery(limit: 2_000)
        #expect(try server.acting(as: manager).accounts(accounts).rows == file.acting(as: manager).accounts(accounts).rows)
        #expect(try server.exportSnapshot().activities.count == snapshot.activities.count)
    }

    @Test func aLargeImportOfAnotherProgramsFilePutsBackWhatItSetAside() throws {
        let rows = BulkLoadSetAside.minimumRows
        var text = "Opportunity Name,Account Name,Amount,Stage,Next Step\n"
        for index in 0..<rows { text += "项目 \(index),客户 \(index % 700),\(index + 1)万,开发,电话跟进\n" }
        let settings = try TestServer.initializedDatabase()
        let connection = try Connection.open(settings)
        defer { connection.close() }
        let before = try schema(connection)
        let server = try PostgresStore(settings: settings, actor: "admin", clock: { Self.now })
        defer { server.close() }
        let file = try ForeignFile(Data(text.utf8), fileName: "deals.csv", catalog: try server.processCatalog(), user: "admin")
        let report = try server.importForeign(file.batch, dryRun: false, skipBad: false)
        #expect(report.written && report.count(.create, .deals) == rows)
        #expect(try schema(connection) == before)
        // Every deal has its created row and its history, and its next step its plan.
        #expect(try connection.queryOne("SELECT count(*) AS n FROM stage_event WHERE kind = 'created'")?.int("n") == rows)
        #expect(try connection.queryOne("SELECT count(*) AS n FROM planned_activity")?.int("n") == rows)
        #expect(try connection.queryOne("SELECT count(*) AS n FROM event WHERE entity = 'deal' AND \"user\" = 'admin'")?.int("n") == rows)
    }

    @Test func aWholeStoresCopyPutsBackWhatItSetAside() throws {
        let snapshot = DemoCompany.generate(seed: 5, scale: 300, today: Self.today, user: "admin", now: Self.now)
        let file = try SQLiteStore(inMemoryWithClock: { Self.now }, actor: "admin")
        _ = try file.importSnapshot(snapshot)
        let settings = try TestServer.initializedDatabase()
        let connection = try Connection.open(settings)
        defer { connection.close() }
        let before = try schema(connection)
        let server = try PostgresStore(settings: settings, actor: "admin", clock: { Self.now })
        defer { server.close() }
        let report = try TableCopier.copy(from: file, to: server)
        #expect(report.tables.first { $0.name == "activity" }?.rows == snapshot.activities.count)
        #expect(try schema(connection) == before)
    }
}

/// COPY's text format: what needs escaping is escaped, and the server reads back what was sent.
@Suite("Rows by COPY")
struct CopyInTests {
    @Test func cellsAreWrittenInCopysTextFormat() throws {
        var chunks: [String] = []
        var rows = CopyTextRows { chunks.append(String(decoding: $0.readableBytesView, as: UTF8.self)) }
        try rows.append([CellValue.integer(-7), .real(0.5), .null, .text("a\tb\nc\rd\\e 长春")])
        try rows.append([SQLValue.bool(true), .text("")])
        rows.flush()
        #expect(chunks == ["-7\t0.5\t\\N\ta\\tb\\nc\\rd\\\\e 长春\n1\t\n"])
        #expect(throws: StoreError.self) { try rows.append([CellValue.text("a\u{0}b")]) }
        #expect(throws: StoreError.self) { try rows.append([CellValue.real(.infinity)]) }
    }

    @Test func textWithTabsNewlinesAndBackslashesComesBackExact() throws {
        let settings = try TestServer.initializedDatabase()
        let connection = try Connection.open(settings)
        defer { connection.close() }
        try connection.execute("CREATE TEMP TABLE copied (id bigint, name text, share double precision, flag boolean)")
        let names = ["tab\there", "line\nbreak\r\n", "back\\slash \\N", "\\.", "客户\t長春", ""]
        #expect(try connection.mayCopyIn("copied"))
        try connection.insertRows(table: "copied", columns: ["id", "name", "share", "flag"], rows: names.enumerated().map { index, name in
            [.integer(Int64(index)), .text(name), index == 0 ? .null : .real(Double(index) / 3), .integer(Int64(index % 2))]
        })
        let back = try connection.query("SELECT name, share, flag FROM copied ORDER BY id")
        #expect(try back.map { try $0.string("name") } == names)
        #expect(try back.map { try $0.optionalDouble("share") } == names.indices.map { $0 == 0 ? nil : Double($0) / 3 })
        #expect(try back.map { try $0.bool("flag") } == names.indices.map { $0 % 2 == 1 })
    }
}
