import Foundation
import Testing

/// A saved account filter on the deal screens, end to end: saved with the CLI, picked with `f`
/// on the dashboard's deal table, the same deals as `closer deal list --filter`.
@Suite("Saved filters on the deal screens end to end")
struct DealFilterEndToEndTests {
    /// M of `deal list`'s closing "N of M deals".
    private func total(_ sandbox: Sandbox, _ extra: [String]) throws -> Int {
        let out = try sandbox.ok(["deal", "list", "--limit", "1"] + extra).stdout
        let match = try #require(out.firstMatch(of: /of (\d+) deals/), "deal list ends with its count: \(out)")
        return try #require(Int(match.1))
    }

    @Test("f on the deal table picks a saved filter: the status line names it, the table counts its deals; x clears it")
    func pickASavedFilterOnTheDealTable() throws {
        let sandbox = try Sandbox.withDemo()
        try sandbox.ok(["filter", "save", "A客户", "grade:A"])
        let all = try total(sandbox, [])
        let gradeA = try total(sandbox, ["--filter", "A客户"])
        try #require(gradeA > 0 && gradeA < all, "the demo has deals on A and on other accounts")

        let tmux = try Tmux(sandbox, arguments: ["--lang", "en"])
        defer { tmux.kill() }
        try tmux.waitFor(text: "Develop")
        try tmux.keys("2")
        try tmux.waitFor(text: "/\(all) deals")
        try tmux.keys("f")
        try tmux.waitFor(text: "Saved filters")
        try tmux.keys("Enter")
        let filtered = try tmux.waitFor(text: "saved “A客户”")
        #expect(filtered.contains("1/\(gradeA) deals"), "the table counts the deals of A accounts:\n\(filtered)")
        try tmux.keys("x")
        let cleared = try tmux.waitFor(text: "/\(all) deals")
        #expect(!cleared.contains("saved “A客户”"))
        try tmux.quit()
    }
}
