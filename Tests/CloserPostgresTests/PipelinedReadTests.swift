import CloserCore
@testable import CloserPostgres
import Foundation
import StoreTestSupport
import Testing

/// A read sends its BEGIN, its question of who is acting and its statement without waiting in
/// between, leaves its COMMIT unanswered, and runs the statements it repeats kept on the server.
/// None of that may change what a read answers, leave a connection in a state the next caller
/// did not ask for, or let anyone keep a right they lost.
@Suite("Reads in one wait: pipelined, kept statements, who is acting asked in the same snapshot")
struct PipelinedReadTests {
    /// The connection's process on the server and whether it is inside a read-only, repeatable-read
    /// transaction that nothing before it on the connection left a mark in.
    private static let probe = """
        SELECT pg_backend_pid()::bigint AS pid, current_setting('transaction_read_only') AS read_only,
               current_setting('transaction_isolation') AS isolation, coalesce(current_setting('closer.mark', true), '') AS mark
        """

    private static func state(_ store: PostgresStore) throws -> (pid: Int64, readOnly: String, isolation: String, mark: String) {
        try store.read { connection in
            let row = try #require(try connection.queryOne(probe))
            return (try row.int64("pid"), try row.string("read_only"), try row.string("isolation"), try row.string("mark"))
        }
    }

    /// Leaves a mark that lasts as long as the transaction it was set in.
    private static func mark(_ connection: Connection) throws {
        try connection.execute("SELECT set_config('closer.mark', 'left behind', true)")
    }

    @Test func aReadAfterAReadStartsATransactionOfItsOwn() throws {
        let store = try TestServer.store()
        defer { store.close() }
        let first = try store.read { connection -> Int64 in
            try Self.mark(connection)
            return try #require(try connection.queryOne("SELECT pg_backend_pid()::bigint AS pid")).int64("pid")
        }
        let next = try Self.state(store)
        #expect(next.pid == first, "the pool handed out another connection: this test proves nothing")
        #expect(next.readOnly == "on")
        #expect(next.isolation == "repeatable read")
        #expect(next.mark == "", "the last read's transaction was still open")
    }

    @Test func aReadAfterAReadWhoseStatementFailedGetsACleanConnection() throws {
        let store = try TestServer.store()
        defer { store.close() }
        let failure = refusal {
            try store.read { connection in
                try Self.mark(connection)
                return try connection.query("SELECT 1 / (SELECT count(*) FROM account) AS x")
            }
        }
        #expect(failure?.contains("division by zero") == true, "\(failure ?? "no failure")")
        let next = try Self.state(store)
        #expect(next.readOnly == "on")
        #expect(next.mark == "")
    }

    @Test func aFailureOfAStatementSentWithoutWaitingIsReportedInItsOwnWords() throws {
        let settings = try TestServer.initializedDatabase()
        defer { TestServer.drop(settings) }
        let connection = try Connection.open(settings)
        defer { connection.close() }
        connection.sendUnchecked("SELECT 1 / 0")
        let failure = refusal { try connection.query("SELECT 1 AS one") }
        #expect(failure?.contains("division by zero") == true, "\(failure ?? "the earlier failure was never reported")")
        // Reported once: the connection answers the next statement.
        #expect(try connection.queryOne("SELECT 2 AS two")?.int("two") == 2)
    }

    @Test func aConnectionKilledWhileItsCommitIsUnderWayIsNotHandedOut() throws {
        let settings = try TestServer.initializedDatabase()
        let store = try PostgresStore(settings: settings, actor: settings.user)
        defer {
            store.close()
            TestServer.drop(settings)
        }
        let killed = try Self.state(store).pid
        let admin = try Connection.open(settings)
        defer { admin.close() }
        try admin.execute("SELECT pg_terminate_backend(?::int)", [.int(killed)])
        let deadline = Date().addingTimeInterval(5)
        while try admin.queryOne("SELECT 1 AS x FROM pg_stat_activity WHERE pid = ?::int", [.int(killed)]) != nil, Date() < deadline {
            Thread.sleep(forTimeInterval: 0.01)
        }
        // The next read gets a new connection, or the one clear line: never another's error.
        let next = try Self.state(store)
        #expect(next.pid != killed)
        #expect(next.mark == "")
    }

    @Test func aConnectionKilledDuringAPipelinedReadGivesTheOneClearLine() throws {
        let settings = try TestServer.initializedDatabase()
        let store = try PostgresStore(settings: settings, actor: settings.user)
        defer {
            store.close()
            TestServer.drop(settings)
        }
        _ = try store.deals(DealQuery(limit: 40))
        let outcome: String
        do {
            _ = try store.readAsActor { connection, _ in
                let pid = try #require(try connection.queryOne("SELECT pg_backend_pid()::bigint AS pid")).int64("pid")
                let admin = try Connection.open(settings)
                defer { admin.close() }
                try admin.execute("SELECT pg_terminate_backend(?::int)", [.int(pid)])
                let deadline = Date().addingTimeInterval(5)
                while !connection.isClosed, Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
                return try connection.query("SELECT 1 AS one")
            }
            outcome = "answered"
        } catch {
            outcome = StoreError.isUnreachable(error) ? "unreachable" : "other: \(error)"
        }
        #expect(outcome == "unreachable")
        #expect(try store.deals(DealQuery(limit: 40)).rows.isEmpty)
    }

    @Test func aStatementRunTwiceIsKeptAndAnswersTheSameForEveryKindOfValue() throws {
        let settings = try TestServer.initializedDatabase()
        defer { TestServer.drop(settings) }
        let connection = try Connection.open(settings)
        defer { connection.close() }
        let sql = "SELECT ? + 1 AS i, ? || '!' AS t, ? * 2 AS d, NOT ? AS b, coalesce(?, 'none') AS n"
        let values: [SQLValue] = [.int(41), .text("长春"), .double(1.25), .bool(false), .null]
        var answers: [[SQLValue]] = []
        for _ in 0..<3 {
            answers.append(try #require(try connection.queryReusingPlan(sql, values).first).values())
        }
        #expect(answers.allSatisfy { $0 == [.int(42), .text("长春!"), .double(2.5), .bool(true), .text("none")] }, "\(answers)")
        let kept = try connection.queryOne("SELECT count(*) AS n FROM pg_prepared_statements WHERE statement LIKE '%coalesce($5%'")
        #expect(try kept?.int("n") == 1)
    }

    @Test func aKeptStatementTheServerForgotIsKeptAgainAndTheReadAnswers() throws {
        let store = try TestServer.store()
        defer { store.close() }
        let account = try store.addAccount(Account(name: "Kept 保留", owner: "admin"))
        let deal = try store.addDeal(Deal(accountID: account.id, title: "Kept deal", processKey: "project", stageKey: "develop",
                                          amount: Money(minorUnits: 100_000, currency: "CNY"), owner: "admin"))
        #expect(try store.deals(DealQuery(limit: 40)).rows.map(\.id) == [deal.id])
        #expect(try store.deals(DealQuery(limit: 40)).rows.map(\.id) == [deal.id])
        // A pooler in front of the server, or a hand in psql, drops what the connection kept.
        _ = try store.pool.withConnection { try $0.execute("DEALLOCATE ALL") }
        for _ in 0..<2 {
            let page = try store.deals(DealQuery(limit: 40))
            #expect(page.rows.map(\.id) == [deal.id])
            #expect(page.total == 1)
        }
    }

    @Test func aDemotedManagerSeesOnlyWhatARepSeesOnTheVeryNextRead() throws {
        let team = try SecurityTeam()
        defer { team.close() }
        let manager = team.admin.acting(as: team.manager)
        let exclusiveDeal = try #require(team.dealOf[team.exclusive.id]).id
        #expect(try manager.deals(DealQuery(limit: 40)).rows.map(\.id).contains(exclusiveDeal))
        #expect(try manager.deals(DealQuery(limit: 40)).rows.map(\.id).contains(exclusiveDeal))
        #expect(manager.lastActor.withLockedValue { $0 } == .member(Viewer(name: team.manager, role: .manager)))

        try team.admin.saveTeamMember(User(name: team.manager, role: .rep), password: .unchanged)
        #expect(try manager.deals(DealQuery(limit: 40)).rows.map(\.id).contains(exclusiveDeal) == false)
        #expect(try manager.deals(DealQuery(limit: 40)).rows.map(\.id).contains(exclusiveDeal) == false)
    }

    /// A search asked again is read in one statement from the matches kept for the actor's last
    /// role (OneStatementRead, SearchProbeCache): demoted or removed in between, the very next
    /// search answers for the rep they now are, or is refused.
    @Test func aSearchAskedAgainAnswersForWhoTheActorIsNow() throws {
        let team = try SecurityTeam()
        defer { team.close() }
        let manager = team.admin.acting(as: team.manager)
        let exclusiveDeal = try #require(team.dealOf[team.exclusive.id]).id
        let search = DealQuery(filter: DealFilter(text: "Deal of"), limit: 40)
        for _ in 0 ..< 3 { #expect(try manager.deals(search).rows.map(\.id).contains(exclusiveDeal)) }

        try team.admin.saveTeamMember(User(name: team.manager, role: .rep), password: .unchanged)
        #expect(try manager.deals(search).rows.map(\.id).contains(exclusiveDeal) == false)
        #expect(try manager.deals(search).rows.map(\.id).contains(exclusiveDeal) == false)
        #expect(try team.admin.removeTeamMember(team.manager))
        #expect(refusal { try manager.deals(search) }?.contains(team.manager) == true)
    }

    @Test func aRemovedUserIsRefusedOnTheVeryNextRead() throws {
        let team = try SecurityTeam()
        defer { team.close() }
        let owner = team.admin.acting(as: team.owner)
        #expect(try owner.deals(DealQuery(limit: 40)).rows.isEmpty == false)
        #expect(try owner.deals(DealQuery(limit: 40)).rows.isEmpty == false)
        #expect(try team.admin.removeTeamMember(team.owner))
        #expect(refusal { try owner.deals(DealQuery(limit: 40)) }?.contains(team.owner) == true)
        #expect(refusal { try owner.accounts(AccountQuery(limit: 40)) }?.contains(team.owner) == true)
    }
}
