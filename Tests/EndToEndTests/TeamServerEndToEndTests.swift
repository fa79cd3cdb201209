@testable import CloserPostgres
import Foundation
import StoreTestSupport
import Testing

/// The team server in use: two dashboards, the stand-up wall and the command line on one
/// PostgreSQL database of the run's throwaway cluster, each its own process with its own
/// connections, as people on several machines would be.
@Suite("Two dashboards, the wall and the CLI on one PostgreSQL database")
struct TeamServerEndToEndTests {
    /// A sandbox whose store is a new database on the test server, with a manager and one deal.
    static func team() throws -> (sandbox: Sandbox, database: PostgresSettings, accountID: Int, dealID: Int) {
        let database = try TestServer.initializedDatabase()
        // The administrator adds the manager; the manager then works through their own login.
        let admin = try Sandbox("closer-e2e-team", db: database.url)
        try admin.ok(["user", "add", admin.user, "--role", "manager"])
        var login = database
        login.user = admin.user
        let sandbox = try Sandbox("closer-e2e-team", db: login.url)
        try sandbox.ok(["account", "add", "宝钢股份", "--grade", "A"])
        let accounts = try #require(try sandbox.json(["account", "list", "--json"]) as? [[String: Any]])
        let accountID = try #require(accounts.first?["id"] as? Int)
        try sandbox.ok(["deal", "add", "--account", String(accountID), "热轧线改造", "--stage", "develop", "--amount", "1000000"])
        let dealID = try #require(try sandbox.deals().first?["id"] as? Int)
        return (sandbox, database, accountID, dealID)
    }

    @Test("a write from the CLI appears on both dashboards and the wall within a second, without a key; a stale edit is refused and names who changed the deal")
    func twoDashboardsTheWallAndTheCLI() throws {
        let (sandbox, database, accountID, dealID) = try Self.team()
        defer { TestServer.drop(database) }

        let first = try Tmux(sandbox, arguments: ["--lang", "en"])
        defer { first.kill() }
        let second = try Tmux(sandbox, arguments: ["--lang", "en"])
        defer { second.kill() }
        let wall = try Tmux(sandbox, arguments: ["standup", "--lang", "en", "--interval", "600"], width: 120, height: 36)
        defer { wall.kill() }
        for tmux in [first, second] { try tmux.waitFor(text: "热轧线改造", timeout: 15) }
        try wall.waitFor(text: "1 deal · weighted 100k", timeout: 15)

        // The second dashboard opens the deal (the first card of the first column is selected) and
        // its edit form, on the amount: the form keeps the version it was opened on.
        try second.keys("Enter")
        try second.waitFor("the open deal") { $0.contains("热轧线改造") && $0.contains("graded") }
        try second.keys("e")
        try second.waitFor(text: "Close date:")
        try second.keys("Tab", "Tab", "C-u")

        // Someone adds a deal from the command line: each open screen shows it by itself.
        let title = "LIVE-PG-7Q"
        try sandbox.ok(["deal", "add", "--account", String(accountID), title, "--stage", "develop", "--amount", "2000000"])
        let added = Date()
        try first.waitFor("the CLI's new deal on the first dashboard", timeout: 1) { $0.contains(title) }
        try wall.waitFor("the CLI's new deal counted on the wall", timeout: 1) { $0.contains("2 deals · weighted 300k") }
        #expect(Date().timeIntervalSince(added) < 1, "LISTEN/NOTIFY brings a commit to every screen within a second")

        // A next step from the command line: on the first dashboard's card within a second.
        try sandbox.ok(["deal", "next-step", String(dealID), "Call NEXT-PG-42", "--due", "+3"])
        let stepped = Date()
        try first.waitFor("the CLI's next step on the first dashboard", timeout: 1) { $0.contains("NEXT-PG-42") }
        #expect(Date().timeIntervalSince(stepped) < 1)

        // The second dashboard's form still holds the deal as it was opened: its save is refused,
        // naming who changed the deal, and the amount typed stays in the form.
        try second.type("3000000")
        try second.keys("Enter")
        let refused = try second.waitFor("the stale edit refused") { $0.contains("⚠ \(sandbox.user) changed:") }
        #expect(refused.contains("Amount: 3000000"), "what was typed stays:\n\(refused)")
        let shown = try #require(try sandbox.json(["deal", "show", String(dealID), "--json"]) as? [String: Any])
        #expect((shown["amount"] as? [String: Any])?["minorUnits"] as? Int == 100_000_000, "nothing was overwritten: \(shown)")
        try second.keys("Escape")
        try second.waitFor("the form closed, the deal still open") { !$0.contains("Close date:") && $0.contains("Milestones") }
        try second.keys("Escape")
        try second.waitFor("the board again, with the CLI's deal") { !$0.contains("graded") && $0.contains(title) }
        for tmux in [first, second, wall] { try tmux.quit() }
        #expect(try sandbox.deals().count == 2, "nothing was changed from the wall or by the refused edit")
    }

    @Test("server down, a refused password, a missing database, no schema, a schema newer than the program: one clear line each, nothing written")
    func connectionFailuresSayOneLine() throws {
        let (sandbox, database, _, _) = try Self.team()
        defer { TestServer.drop(database) }
        func failure(_ url: String, _ arguments: [String] = ["deal", "list"], sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
            let result = try sandbox.run(arguments + ["--db", url])
            #expect(result.status != 0 && result.stderrLines.count == 1 && result.stdout.isEmpty, "\(result)", sourceLocation: sourceLocation)
            return result.stderrLines.first ?? ""
        }

        // Nothing listens on the port (1 is privileged: no test server is there).
        var down = try TestServer.tcpSettings(password: nil)
        down.port = 1
        down.database = database.database
        #expect(try failure(down.url).contains("no PostgreSQL server is running at 127.0.0.1:1"))

        // The server is there over TCP and asks for a password; this one is wrong.
        var wrong = try TestServer.tcpSettings(password: nil)
        wrong.database = database.database
        let refused = try failure(wrong.url.replacingOccurrences(of: "postgres://\(wrong.user)@", with: "postgres://\(wrong.user):not-the-password@"))
        #expect(refused.contains("refused the password of user \(wrong.user)") && !refused.contains("not-the-password"), "\(refused)")

        // A database that does not exist.
        var missing = database
        missing.database = "no_such_closer_db"
        #expect(try failure(missing.url).contains("the database no_such_closer_db does not exist"))

        // A database without the schema: told how to make it.
        let empty = try TestServer.emptyDatabase()
        defer { TestServer.drop(empty) }
        #expect(try failure(empty.url).contains("closer server init"))

        // A schema made by a newer program: refused before anything is read or written.
        let connection = try Connection.open(database)
        try connection.execute("INSERT INTO closer_schema (version, name, applied_at) VALUES (9999, 'from a newer closer', 0)")
        connection.close()
        let newer = try failure(database.url, ["deal", "add", "--account", "1", "never written"])
        #expect(newer.contains("newer than this program"), "\(newer)")
        try sandbox.ok(["server", "status", "--db", empty.url])
    }
}
