import Foundation
import Testing

/// The holding rules and the account query on deals, from the command line.
extension CLITests {
    /// Two reps of the demo company (`user list`: NAME ROLE …).
    private func reps(_ sandbox: Sandbox) throws -> [String] {
        let users = try sandbox.ok(["user", "list"]).stdout.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true) }
        let reps = users.filter { $0.count >= 2 && $0[1] == "rep" }.map { String($0[0]) }.sorted()
        guard reps.count >= 2 else { throw E2EError("the demo has two reps: \(users)") }
        return reps
    }

    @Test("a rep adding an account for another rep, or sweeping the pool, is refused in one line and nothing is written")
    func repRefusals() throws {
        let sandbox = try Sandbox.withDemo()
        let reps = try reps(sandbox)
        let before = try fingerprint(sandbox)
        expectRefusal(try sandbox.run(["account", "add", "新客户有限公司", "--owner", reps[1], "--user", reps[0]]),
                      mentioning: ["only a manager adds an account for someone else", reps[1], "\(reps[0]) (rep)"])
        expectRefusal(try sandbox.run(["pool", "sweep", "--user", reps[0]]),
                      mentioning: ["only a manager can sweep the pool", "\(reps[0]) (rep)"])
        #expect(try fingerprint(sandbox) == before, "nothing was written")
        // For themselves it works.
        let added = try sandbox.ok(["account", "add", "新客户有限公司", "--user", reps[0]])
        #expect(added.stdout.hasPrefix("added account #"), "\(added)")
    }

    @Test("deal list --where / --filter: the deals whose account the query selects; a bad query says where")
    func dealListByAccountQuery() throws {
        let sandbox = try Sandbox.withDemo()
        let accounts = try #require(try sandbox.json(["account", "list", "--where", "grade:A", "--json", "--limit", "1000"]) as? [[String: Any]])
        let gradeA = Set(accounts.compactMap { $0["id"] as? Int })
        let all = try sandbox.deals()
        let expected = all.filter { gradeA.contains($0["accountID"] as? Int ?? -1) }.compactMap { $0["id"] as? Int }
        try #require(!expected.isEmpty && expected.count < all.count, "the demo has deals on A and on other accounts")
        let byWhere = try sandbox.deals(["--where", "grade:A"]).compactMap { $0["id"] as? Int }
        #expect(byWhere == expected)
        try sandbox.ok(["filter", "save", "A客户", "grade:A"])
        #expect(try sandbox.deals(["--filter", "A客户"]).compactMap { $0["id"] as? Int } == expected)
        // Combined with the deal options: all of them hold.
        #expect(try sandbox.deals(["--filter", "A客户", "--where", "grade:B"]).isEmpty)
        let bad = try sandbox.run(["deal", "list", "--where", "grade:A colour:red"])
        expectRefusal(bad, mentioning: ["bad query", "unknown condition 'colour'"], oneLine: false)
        expectRefusal(try sandbox.run(["deal", "list", "--filter", "nope"]), mentioning: ["no saved filter named 'nope'"])
    }
}
