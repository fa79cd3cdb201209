import Foundation
import Testing

/// `closer user add|remove` and `--user` on a PostgreSQL server, from the command line.
@Suite("On a server: login roles from the CLI, the connected role is the user")
struct ServerSecurityCLITests {
    @Test("user add makes a login, the log names the connected role, --user for another is refused, user remove locks them out")
    func loginsAndTheConnectedRole() throws {
        let sandbox = try Sandbox("closer-e2e-server")
        let db = try ServerDatabase()
        let rep = "wang.lei_\(UUID().uuidString.prefix(6).lowercased())"
        let manager = "li.na_\(UUID().uuidString.prefix(6).lowercased())"
        try sandbox.ok(["server", "init", "--db", db.admin])
        try sandbox.ok(["user", "add", manager, "--role", "manager", "--db", db.admin])
        let added = try sandbox.run(["user", "add", rep, "--role", "rep", "--password-stdin", "--db", db.url(as: manager)], stdin: Data("pw 密码\n".utf8))
        #expect(added.status == 0 && added.stdout.contains("saved user \(rep) (rep)"), "\(added)")
        // The rep works as themselves (CLOSER_USER, set in the sandbox for its files, is not a claim here)…
        let account = try sandbox.ok(["account", "add", "华东石化", "--db", db.url(as: rep)])
        #expect(account.stdout.hasPrefix("added account #"), "\(account)")
        let log = try sandbox.ok(["log", "--entity", "account", "--db", db.admin])
        #expect(log.stdout.contains(rep), "\(log)")
        #expect(!log.stdout.contains("e2e-rep"), "\(log)")
        // …and cannot claim to be someone else.
        let claimed = try sandbox.run(["account", "list", "--user", manager, "--db", db.url(as: rep)])
        #expect(claimed.status != 0)
        #expect(claimed.stderr.contains("you act as the role you connect as (\(rep)), not as \(manager)"), "\(claimed)")
        #expect(claimed.stderr.split(separator: "\n").count == 1, "one line: \(claimed)")
        // A rep adds no users.
        let promoted = try sandbox.run(["user", "add", rep, "--role", "manager", "--db", db.url(as: rep)])
        #expect(promoted.status != 0 && promoted.stderr.contains("only a manager can add or change users"), "\(promoted)")
        // Removed: their next command reads nothing, because they cannot log in at all.
        try sandbox.ok(["user", "remove", rep, "--db", db.url(as: manager)])
        let after = try sandbox.run(["account", "list", "--db", db.url(as: rep)])
        #expect(after.status != 0 && after.stderr.contains("not permitted to log in"), "\(after)")
        let users = try sandbox.ok(["user", "list", "--db", db.admin])
        #expect(!users.stdout.contains(rep) && users.stdout.contains(manager), "\(users)")
    }
}
