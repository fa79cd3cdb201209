@testable import CloserPostgres
import CloserCore
import CloserExchange
import CloserSQLite
import Foundation
import StoreTestSupport
import Testing

/// A load that logged stage events with the history's row trigger silent makes the history
/// afterwards in one go: the administrator in the program (StageHistoryFill's replay of the log),
/// a member of the team by the server's set-based function. Both must make the trigger's rows.
@Suite("The server's history fills make the rows its trigger makes")
struct StageFillTests {
    enum Fill: CaseIterable {
        /// `closer_stage_fill`, what a member's load calls.
        case server
        /// The log replayed in the program and the rows copied in, what the administrator's load does.
        case program
    }

    /// Every row of the history tables (the daily sums without rows that sum to nothing).
    private func history(_ connection: Connection) throws -> [String] {
        try connection.query("""
            SELECT 'e ' || s::text AS row FROM stage_event s
            UNION ALL SELECT 'd ' || d::text FROM stage_day d WHERE entries <> 0 OR exits <> 0
            UNION ALL SELECT 'l ' || l::text FROM stage_list_day l WHERE deals <> 0 OR amount <> 0
            ORDER BY 1
            """).map { try $0.text("row") }
    }

    /// The history of the deals `deals` selects (ids; every deal when nil) made again, in one transaction.
    private func fill(_ connection: Connection, _ deals: String?, by fill: Fill) throws {
        try connection.execute("BEGIN")
        switch fill {
        case .server:
            // The events, then where each stands among its deal's others.
            let array = deals.map { "ARRAY(\($0))" } ?? "NULL"
            try connection.execute("SELECT closer_stage_fill(\(array))")
            try connection.execute("SELECT closer_stage_next(\(array))")
        case .program:
            let ids = try connection.query(deals ?? "SELECT id FROM deal").map { try $0.int64("id") }
            try StageHistoryFill.fill(connection, deals: ids)
        }
        try connection.execute("COMMIT")
    }

    @Test(arguments: Fill.allCases) func theFillAgreesWithTheFileStoresTrigger(_ by: Fill) throws {
        let (path, file) = try StoreCopyTests.demoFile(seed: 3)
        defer { StoreCopyTests.remove(path) }
        let settings = try TestServer.initializedDatabase()
        let server = try PostgresStore(settings: settings)
        defer { server.close() }
        // The copy brings the file store's history as its trigger made it.
        _ = try TableCopier.copy(from: file, to: server)
        let connection = try Connection.open(settings)
        defer { connection.close() }
        let fromFile = try history(connection)
        #expect(fromFile.count > 500)
        try fill(connection, nil, by: by)
        #expect(try history(connection) == fromFile)
        // Part of the deals, made again: the same rows.
        try fill(connection, "SELECT id FROM deal WHERE id % 3 = 0", by: by)
        #expect(try history(connection) == fromFile)
    }

    /// A whole store's load holds the stage events it logs: its history is replayed from them, not
    /// read back, and must be the history the log gives. A later load with events for the same
    /// deals reads their earlier ones from the log.
    @Test func aWholeStoresLoadReplaysTheEventsItHoldsAsTheLogWould() throws {
        let snapshot = DemoCompany.generate(seed: 4, scale: nil, today: StoreCopyTests.today, user: "admin")
        let settings = try TestServer.initializedDatabase()
        let server = try TestServer.store(on: settings, actor: "admin")
        defer { server.close() }
        _ = try server.importSnapshot(snapshot)
        let connection = try Connection.open(settings)
        defer { connection.close() }
        let loaded = try history(connection)
        #expect(loaded.count > 500)
        try fill(connection, nil, by: .server)
        #expect(try history(connection) == loaded)

        let deal = try #require(snapshot.deals.first { $0.outcome == .open })
        let last = try #require(snapshot.events.map(\.id).max())
        let later = Date(timeIntervalSince1970: try #require(snapshot.events.map(\.at.timeIntervalSince1970).max()) + 3_600)
        let events = [ChangeEvent(id: last + 5, at: later, user: "admin", entity: "deal", entityID: deal.id, action: "close-date",
                                  changes: ["expectedClose": FieldChange(old: "2026-12-01", new: "2027-01-15")]),
                      ChangeEvent(id: last + 6, at: later, user: "admin", entity: "deal", entityID: deal.id, action: "lost")]
        _ = try server.importSnapshot(Snapshot(events: events))
        let added = try history(connection)
        #expect(added.count > loaded.count)
        try fill(connection, nil, by: .server)
        #expect(try history(connection) == added)

        // A deleted deal's events stay in the log; a file's deal under its id is made from them too.
        let gone = try server.addDeal(Deal(accountID: deal.accountID, title: "旧项目", processKey: "project", stageKey: "develop",
                                           amount: Money(minorUnits: 50_000), owner: deal.owner))
        _ = try server.moveDeal(gone.id, to: "entry", forceReason: "旧", expectedVersion: nil)
        try server.deleteDeal(gone.id)
        let logged = try #require(try connection.queryOne("SELECT max(id) AS id FROM event")?.int64("id"))
        var again = gone
        again.title = "新项目"
        _ = try server.importSnapshot(Snapshot(deals: [again], events: [
            ChangeEvent(id: logged + 5, at: later, user: "admin", entity: "deal", entityID: gone.id, action: "created",
                        changes: ["stage": FieldChange(old: nil, new: "develop")]),
        ]))
        let reused = try history(connection)
        // Its two old events and the file's one (each history row reads "e (event, deal, …").
        #expect(reused.filter { $0.hasPrefix("e (") && $0.split(separator: ",").dropFirst().first == "\(gone.id)" }.count == 3)
        try fill(connection, nil, by: .server)
        #expect(try history(connection) == reused)
    }

    @Test(arguments: Fill.allCases) func theServersRowTriggerAgreesWithTheFill(_ by: Fill) throws {
        let settings = try TestServer.initializedDatabase()
        let connection = try Connection.open(settings)
        defer { connection.close() }
        try connection.execute("""
            INSERT INTO account (id, name, grade, assistance, loyalty, quadrant, visibility, search_key, version, created_at, updated_at)
            VALUES (1, 'a', 'A', 5, 5, 'market', 'owned', 'a', 1, 0, 0)
            """)
        var generator = SeededGenerator(seed: 11)
        let stages = ["develop", "entry", "proposal", "bid", "negotiation", "implementation"]
        for deal in 1...40 {
            try connection.execute("""
                INSERT INTO deal (id, account_id, title, process_key, stage_key, amount, currency, owner, outcome, forecast_category,
                                  stage_entered_at, probability, weighted, at_risk, milestones_met, milestones_total, search_key, version,
                                  created_at, updated_at)
                VALUES ($1, 1, 'd', 'project', 'develop', $2, 'CNY', $3, 'open', 'pipeline', 0, 10, 0, false, 0, 0, 'd', 1, 0, 0)
                """, [.int(Int64(deal)), .int(Int64.random(in: 1...900, using: &generator) * 1000), .text(deal % 2 == 0 ? "li.na" : "wang.lei")])
            var stage = "develop"
            var at = Double(20_700 * 86_400 + deal * 1000)
            var events: [(String, String)] = [("created", #"{"stage":{"new":"develop"}}"#)]
            for _ in 0..<Int.random(in: 2...9, using: &generator) {
                let roll = Int.random(in: 0..<10, using: &generator)
                switch roll {
                case 0..<5:
                    let next = stages.randomElement(using: &generator) ?? "entry"
                    events.append((roll == 0 ? "forced" : "moved", #"{"stage":{"old":"\#(stage)","new":"\#(next)"}}"#))
                    stage = next
                case 5: events.append(("won", "{}"))
                case 6: events.append(("lost", "{}"))
                case 7: events.append(("reopened", "{}"))
                case 8: events.append(("close-date", #"{"expectedClose":{"old":"2026-12-01","new":"2027-01-15"}}"#))
                default: events.append(("reopened", #"{"stage":{"new":"\#(stage)"}}"#))
                }
            }
            for (action, changes) in events {
                // Now and then two events of a deal in the same second: the log's order breaks the tie.
                at += Bool.random(using: &generator) ? 0 : Double(Int.random(in: 1...400_000, using: &generator))
                try connection.execute("""
                    INSERT INTO event (at, "user", entity, entity_id, action, changes) VALUES ($1, 'x', 'deal', $2, $3, $4)
                    """, [.double(at), .int(Int64(deal)), .text(action), .text(changes)])
            }
        }
        let byTrigger = try history(connection)
        #expect(byTrigger.count > 200)
        try fill(connection, nil, by: by)
        #expect(try history(connection) == byTrigger)
    }

    /// Only the history's owner writes it by hand; a member's load (their own login, under the
    /// team's policies) leaves it to the server's function, and still gets the history.
    @Test func theAdministratorReplaysTheLogAndAMemberLeavesTheFillToTheServer() throws {
        let team = try SecurityTeam()
        defer { team.close() }
        let administrator = try Connection.open(team.settings)
        defer { administrator.close() }
        #expect(try StageHistoryFill.writesHistory(administrator))
        for role in [team.owner, team.manager] {
            let session = try team.connect(as: role)
            defer { session.close() }
            #expect(try !StageHistoryFill.writesHistory(session), "\(role)")
        }
        let rep = try team.app(as: team.owner)
        defer { rep.close() }
        let text = "Opportunity Name,Account Name,Amount,Stage\n热轧三期,\(team.owned.name),10万,开发\n"
        let file = try ForeignFile(Data(text.utf8), fileName: "deals.csv", catalog: try rep.processCatalog(), user: team.owner)
        #expect(try rep.importForeign(file.batch, dryRun: false, skipBad: false).written)
        let created = try administrator.query("""
            SELECT s.kind FROM stage_event s JOIN deal d ON d.id = s.deal_id WHERE d.title = '热轧三期'
            """).map { try $0.text("kind") }
        #expect(created == ["created"])
    }
}
