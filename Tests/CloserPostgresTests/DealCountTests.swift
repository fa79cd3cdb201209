@testable import CloserPostgres
import CloserCore
import CloserSQLite
import Foundation
import StoreTestSupport
import Testing

/// The open deals counted ahead by visibility unit (DealCountsSQL): exact after every kind of
/// write, read under the visibility rule, never a wait between writers, and the same after a
/// whole-store copy or load as after the writes one by one.
@Suite("Deal counts by visibility unit")
struct DealCountTests {
    static let today = Day(year: 2026, month: 11, day: 23)!

    /// Each unit's open deals as the counts table holds them, and as the deals themselves say.
    private func units(_ connection: Connection) throws -> (kept: [String: Int64], recounted: [String: Int64]) {
        func read(_ sql: String) throws -> [String: Int64] {
            var units: [String: Int64] = [:]
            for row in try connection.query(sql) where try row.int64("n") != 0 {
                units["\(try row.optionalText("owner") ?? "-")|\(try row.string("visibility"))|\(try row.string("shared_with"))"] = try row.int64("n")
            }
            return units
        }
        return (try read("SELECT owner, visibility, shared_with, sum(open_deals)::bigint AS n FROM deal_open_count GROUP BY 1, 2, 3"),
                try read("""
                    SELECT a.owner, a.visibility, a.shared_with, count(*) AS n FROM deal d JOIN account a ON a.id = d.account_id
                    WHERE d.outcome = 'open' GROUP BY 1, 2, 3
                    """))
    }

    @Test func everyKindOfWriteKeepsTheCounts() throws {
        let team = try SecurityTeam()
        defer { team.close() }
        let admin = team.admin
        let raw = try Connection.open(team.settings)
        defer { raw.close() }
        #expect(try units(raw).kept == units(raw).recounted)

        let extra = try admin.addDeal(Deal(accountID: team.owned.id, title: "Second", processKey: "project", stageKey: "develop",
                                           amount: Money(minorUnits: 5_000, currency: "CNY"), owner: team.owner))
        let won = try admin.closeDeal(try #require(team.dealOf[team.shared.id]).id, as: .won, reason: "signed", expectedVersion: nil)
        _ = try admin.reopenDeal(won.id)
        _ = try admin.closeDeal(try #require(team.dealOf[team.exclusive.id]).id, as: .lost, reason: "price", expectedVersion: nil)
        _ = try admin.editDeal(extra.id, expectedVersion: nil) { $0.accountID = team.othersOwn.id }
        _ = try admin.assign(team.owned.id, to: team.other)
        _ = try admin.share(team.othersOwn.id, with: [team.owner])
        _ = try admin.makeExclusive(team.shared.id)
        _ = try admin.returnToPool(team.othersOwn.id, reason: "no budget")
        try admin.deleteDeal(try #require(team.dealOf[team.pool.id]).id)
        try admin.deleteDeal(try #require(team.dealOf[team.protectedShared.id]).id)
        try admin.deleteAccount(team.protectedShared.id)
        let counted = try units(raw)
        #expect(counted.kept == counted.recounted)
        #expect(counted.kept.values.reduce(0, +) == 4)
    }

    @Test func eachReaderCountsOnlyTheDealsTheyMaySee() throws {
        let team = try SecurityTeam()
        defer { team.close() }
        for role in [team.owner, team.other, team.manager] {
            let app = try team.app(as: role)
            defer { app.close() }
            var listed = 0
            try app.eachDeal(DealQuery(), batchSize: 100) { listed += $0.count }
            #expect(try app.deals(DealQuery(limit: 1)).total == listed, "\(role)")
            // Their own psql session reads the units of the accounts they may read, and no more.
            let session = try team.connect(as: role)
            defer { session.close() }
            let kept = try session.queryOne("SELECT coalesce(sum(open_deals), 0)::bigint AS n FROM deal_open_count")?.int("n")
            #expect(kept == listed, "\(role)")
            #expect(try session.queryOne("SELECT count(*) AS n FROM deal WHERE outcome = 'open'")?.int("n") == listed, "\(role)")
        }
        let ownersCount = try team.app(as: team.owner)
        defer { ownersCount.close() }
        // The owner sees owned, shared, protected, exclusive and pool; not the other rep's own.
        #expect(try ownersCount.deals(DealQuery(limit: 1)).total == 5)
    }

    /// Two writers whose transactions touch the same two units in opposite orders: each statement
    /// goes through at once (a lock wait would hit the timeout), and both changes count.
    @Test func writersNeverWaitOnEachOthersUnits() throws {
        let team = try SecurityTeam()
        defer { team.close() }
        let ownedToo = try team.admin.addAccount(Account(name: "Owned too", owner: team.owner))
        let poolToo = try team.admin.addAccount(Account(name: "Pool too", owner: nil, visibility: .pool))
        let first = try Connection.open(team.settings), second = try Connection.open(team.settings)
        defer { first.close(); second.close() }
        for connection in [first, second] {
            try connection.execute("SET lock_timeout = '2s'")
            try connection.execute("BEGIN")
        }
        func bump(_ connection: Connection, _ account: Account) throws {
            try connection.execute("UPDATE account SET open_deals = open_deals + 1 WHERE id = ?", [.int(account.id)])
        }
        try bump(first, team.owned)
        try bump(second, team.pool)
        try bump(first, poolToo)
        try bump(second, ownedToo)
        try first.execute("COMMIT")
        try second.execute("COMMIT")

        let raw = try Connection.open(team.settings)
        defer { raw.close() }
        let kept = try units(raw).kept
        let accounts = try raw.query("""
            SELECT owner, visibility, shared_with, sum(open_deals)::bigint AS n FROM account GROUP BY 1, 2, 3 HAVING sum(open_deals) <> 0
            """)
        var expected: [String: Int64] = [:]
        for row in accounts {
            expected["\(try row.optionalText("owner") ?? "-")|\(try row.string("visibility"))|\(try row.string("shared_with"))"] = try row.int64("n")
        }
        #expect(kept == expected)
    }

    /// Writes one after another fold each unit back into one row.
    @Test func aUnitStaysOneRowWhenWritersTakeTurns() throws {
        let team = try SecurityTeam()
        defer { team.close() }
        for amount in 1...12 {
            _ = try team.admin.addDeal(Deal(accountID: team.owned.id, title: "Deal \(amount)", processKey: "project", stageKey: "develop",
                                            amount: Money(minorUnits: Int64(amount), currency: "CNY"), owner: team.owner))
        }
        let raw = try Connection.open(team.settings)
        defer { raw.close() }
        let rows = try raw.queryOne("SELECT count(*) AS rows, sum(open_deals)::bigint AS n FROM deal_open_count WHERE owner = ? AND visibility = 'owned'",
                                    [.text(team.owner)])
        #expect(try rows?.int("rows") == 1)
        #expect(try rows?.int("n") == 13)
    }

    /// A whole store copied to the server (its big tables set aside and put back) or loaded into
    /// it counts each reader's deals as the file store does from its rows, written one by one.
    @Test func aCopyOrALoadCountsAsTheWritesDid() throws {
        let path = NSTemporaryDirectory() + "closer-counts-\(UUID().uuidString).sqlite"
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let file = try SQLiteStore(path: path, actor: "admin")
        let demo = DemoCompany.generate(seed: 7, scale: nil, today: Self.today, user: "admin")
        _ = try file.importSnapshot(demo)
        let copied = try PostgresStore(settings: try TestServer.initializedDatabase())
        defer { copied.close() }
        _ = try TableCopier.copy(from: file, to: copied, batchSize: 97)
        let loaded = try TestServer.store(actor: "admin", clock: { Date() })
        defer { loaded.close() }
        _ = try loaded.importSnapshot(demo)

        let readers = try file.users().map(\.name)
        #expect(readers.count > 2)
        for server in [copied, loaded] {
            for reader in readers {
                #expect(try server.acting(as: reader).deals(DealQuery(limit: 1)).total
                        == file.acting(as: reader).deals(DealQuery(limit: 1)).total, "\(reader)")
            }
            let raw = try Connection.open(server.settings)
            defer { raw.close() }
            let counted = try units(raw)
            #expect(counted.kept == counted.recounted)
        }
    }
}
