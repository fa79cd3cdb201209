import Foundation
import Testing

/// The account screens and ownership, end to end: the real binary on a copy of the demo store,
/// the dashboard in a private tmux server at 160×48, the CLI to confirm what was written.
@Suite("Accounts end to end")
struct AccountsEndToEndTests {
    static let quadrantZH = ["market": "接受市场的客户", "opportunity": "机会客户", "loyal": "忠实客户", "strategic": "忠诚度网络"]
    static let quadrantEN = ["market": "Market", "opportunity": "Opportunity", "loyal": "Loyal", "strategic": "Strategic"]

    /// `account list --json` rows for a search (name order, as the table sorts by default).
    private func accounts(_ sandbox: Sandbox, _ extra: [String]) throws -> [[String: Any]] {
        let value = try sandbox.json(["account", "list", "--json", "--limit", "1000"] + extra)
        guard let rows = value as? [[String: Any]] else { throw E2EError("account list --json is not an array of objects") }
        return rows
    }

    /// The quadrant a pair of scores falls in (high from 6), as the model names it.
    private func quadrant(assistance: Int, loyalty: Int) -> String {
        switch (assistance >= 6, loyalty >= 6) {
        case (false, false): "market"
        case (true, false): "opportunity"
        case (false, true): "loyal"
        case (true, true): "strategic"
        }
    }

    @Test("accounts: / zgsh finds exactly the 中国石化 accounts, Enter opens the first's 360°; quadrant: + lifts a loyalty-5 account into Loyal/Strategic with ↑; the CLI sees the scores event")
    func searchOpenAndRaiseLoyalty() throws {
        let sandbox = try Sandbox.withDemo()
        // What the dashboard must show for zgsh: the CLI's answer, and it must be only 中国石化 accounts.
        let matches = try accounts(sandbox, ["--search", "zgsh"])
        let names = matches.compactMap { $0["name"] as? String }
        try #require(names.count >= 2, "the demo has several 中国石化 accounts: \(names)")
        #expect(names.allSatisfy { $0.hasPrefix("中国石化") }, "zgsh matches only 中国石化…: \(names)")
        let all = try accounts(sandbox, []).compactMap { $0["name"] as? String }
        let others = all.filter { !names.contains($0) }
        // A Chinese account zgsh must not match, to see the table is really filtered.
        let notMatching = try #require(others.first { $0.hasPrefix("中国") } ?? others.first { $0.unicodeScalars.first.map { $0.value > 0x4E00 } == true })

        // An account of the search with loyalty 5, on the low-loyalty side.
        let target = try #require(matches.first { ($0["loyalty"] as? Int) == 5 }, "a zgsh account with loyalty 5: \(matches)")
        let id = try #require(target["id"] as? Int)
        let name = try #require(target["name"] as? String)
        let assistance = try #require(target["assistance"] as? Int)
        let before = quadrant(assistance: assistance, loyalty: 5)
        let after = quadrant(assistance: assistance, loyalty: 6)
        #expect(before == "market" || before == "opportunity")

        let tmux = try Tmux(sandbox, arguments: ["--lang", "zh"], width: 160, height: 48)
        defer { tmux.kill() }
        try tmux.waitFor(text: "管道看板")

        // 3: the account table; / and the pinyin initials filter it as they are typed.
        try tmux.keys("3")
        try tmux.waitFor("the account table") { $0.contains(notMatching) }
        try tmux.keys("/")
        try tmux.type("zgsh")
        let table = try tmux.waitFor("only the zgsh accounts") { screen in
            names.allSatisfy { screen.contains($0) } && !screen.contains(notMatching)
        }
        for other in others where table.contains(other) {
            Issue.record("\(other) does not match zgsh but is on screen:\n\(table)")
        }
        try tmux.keys("Enter")  // leaves the search field
        try tmux.keys("Enter")  // opens the selected (first) account
        // The whole view, down to its keys: a pane read mid-redraw under load is half a screen.
        let view = try tmux.waitFor("the 360° view with its keys") { $0.contains("360° · \(names[0])") && $0.contains("c 领取") }
        #expect(view.contains("c 领取"), "the 360° view lists its ownership keys:\n\(view)")
        try tmux.keys("Escape")
        try tmux.waitFor("the 360° view to close") { !$0.contains("360° · \(names[0])") }

        // 4: the quadrant screen, narrowed to the target; focus its quadrant and raise loyalty.
        try tmux.keys("4")
        try tmux.waitFor(text: Self.quadrantZH["strategic"]!)
        try tmux.keys("/")
        try tmux.keys("C-u")
        try tmux.type(name)
        try tmux.waitFor("only \(name) on the quadrant screen") { screen in
            screen.contains(name) && !names.filter { $0 != name }.contains { screen.contains($0) }
        }
        try tmux.keys("Enter")
        // Focus starts on Strategic (top right): down to Opportunity, then left to Market.
        try tmux.keys("Down")
        if before == "market" { try tmux.keys("Left") }
        try tmux.keys("+")
        // The press waits on screen until Enter saves it.
        try tmux.waitFor("the press waiting") { $0.contains("忠诚 5→6") && $0.contains("Enter 保存") }
        try tmux.keys("Enter")
        let moved = try tmux.waitFor("the loyalty change across the border") { $0.contains("忠诚 5→6") && $0.contains("↑") && !$0.contains("Enter 保存") }
        let arrowLine = "\(Self.quadrantZH[before]!) ↑ \(Self.quadrantZH[after]!)"
        #expect(moved.contains(arrowLine), "the status line names the move with ↑:\n\(moved)")
        // The account now stands in the upper row of the grid, marked ↑.
        let lines = moved.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let upperTitle = try #require(lines.firstIndex { $0.contains("┌ \(Self.quadrantZH["loyal"]!) ") && $0.contains("┌ \(Self.quadrantZH["strategic"]!) ") },
                                      "the upper quadrants' titles:\n\(moved)")
        let lowerTitle = try #require(lines.firstIndex { $0.contains("┌ \(Self.quadrantZH["market"]!) ") && $0.contains("┌ \(Self.quadrantZH["opportunity"]!) ") },
                                      "the lower quadrants' titles:\n\(moved)")
        let gridRow = lines.indices.first { $0 > upperTitle && $0 < lowerTitle && lines[$0].contains(" \(name) ") && lines[$0].contains("↑") }
        let row = try #require(gridRow, "\(name) with ↑ in the upper (high loyalty) frames:\n\(moved)")
        // Left frame (Loyal) or right frame (Strategic): the right one comes after the left frame's border "││".
        let inRightFrame = lines[row].components(separatedBy: " \(name) ")[0].contains("││")
        #expect(inRightFrame == (after == "strategic"), "\(name) stands in the \(after) frame:\n\(lines[row])")
        #expect(!moved.contains("忠诚 6→7"), "one + was enough")
        try tmux.quit()

        // The CLI sees the new score and quadrant, and the logged scores event.
        let shown = try #require(try sandbox.json(["account", "show", String(id), "--json"]) as? [String: Any])
        #expect(shown["loyalty"] as? Int == 6, "\(shown)")
        #expect(shown["quadrant"] as? String == after, "show --json names the quadrant: \(shown)")
        let listed = try accounts(sandbox, ["--where", "quadrant:\(after)"])
        #expect(listed.contains { $0["id"] as? Int == id } && listed.allSatisfy { $0["quadrant"] as? String == after },
                "list --json names the quadrant of each row")
        let text = try sandbox.ok(["account", "show", String(id)]).stdout
        #expect(text.contains("\(Self.quadrantEN[after]!) \(Self.quadrantZH[after]!)"), "account show names the new quadrant:\n\(text)")
        let log = try #require(try sandbox.json(["log", "--entity", "account", "--id", String(id), "--json"]) as? [[String: Any]])
        let scores = log.filter { $0["action"] as? String == "scores" }
        #expect(scores.count == 1, "one scores event: \(log)")
        let changes = scores.first?["changes"] as? [String: [String: String]]
        #expect(changes?["quadrant"] == ["old": before, "new": after], "\(scores)")
        #expect(changes?["loyalty"] == ["old": "5", "new": "6"], "\(scores)")
        #expect(scores.first?["user"] as? String == sandbox.user)
        let table2 = try sandbox.ok(["log", "--entity", "account", "--id", String(id)]).stdout
        #expect(table2.contains("scores") && table2.contains("quadrant: \(Self.quadrantEN[before]!) → \(Self.quadrantEN[after]!)"), "\(table2)")
    }

    @Test("a rep returning another rep's (shared) account is refused in one line, non-zero, and nothing changes")
    func repCannotReturnAnotherRepsAccount() throws {
        let sandbox = try Sandbox.withDemo()
        let users = try sandbox.ok(["user", "list"]).stdout.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true) }
        let reps = Set(users.filter { $0.count >= 2 && $0[1] == "rep" }.map { String($0[0]) })
        try #require(reps.count >= 2, "the demo has reps: \(users)")
        // A shared account, owned by a rep, shared with another rep: that one sees it but does not hold it.
        let rows = try accounts(sandbox, [])
        let shared = try #require(rows.first { row in
            guard let owner = row["owner"] as? String, reps.contains(owner), row["visibility"] as? String == "shared" else { return false }
            return (row["sharedWith"] as? [String] ?? []).contains { reps.contains($0) && $0 != owner }
        }, "a shared account between reps in the demo")
        let id = try #require(shared["id"] as? Int)
        let owner = try #require(shared["owner"] as? String)
        let other = try #require((shared["sharedWith"] as? [String])?.first { reps.contains($0) && $0 != owner })
        let version = shared["version"] as? Int

        let result = try sandbox.run(["account", "return", String(id), "--reason", "不想跟了", "--user", other])
        #expect(result.status != 0, "\(result)")
        #expect(result.stdout.isEmpty, "\(result)")
        #expect(result.stderrLines.count == 1, "one line: \(result)")
        #expect(result.stderrLines.first?.contains("only \(owner) (its owner) or a manager can return account \(id); you are \(other) (rep)") == true,
                "the refusal says who may and who you are: \(result)")

        let after = try #require(try sandbox.json(["account", "show", String(id), "--json"]) as? [String: Any])
        #expect(after["owner"] as? String == owner)
        #expect(after["visibility"] as? String == "shared")
        #expect(after["version"] as? Int == version, "nothing was written")
        let log = try sandbox.json(["log", "--entity", "account", "--id", String(id), "--json"]) as? [[String: Any]] ?? []
        #expect(!log.contains { $0["action"] as? String == "returned" }, "\(log)")
    }
}
