import Foundation
import Testing

/// Issue 13's dashboard doors through the real binary in tmux: a save after someone else's
/// change, and the gate over a milestone the org chart proves.
@Suite("The dashboard keeps the team's rules")
struct DashboardTrustEndToEndTests {
    /// zhang.wei (rep) holds 宝钢股份 and its deal #1 (1M, closing 2027-03-31); sun.hao manages.
    static func team() throws -> Sandbox {
        let sandbox = try Sandbox()
        try sandbox.ok(["user", "add", "sun.hao", "--role", "manager", "--user", "sun.hao"])
        try sandbox.ok(["user", "add", "zhang.wei", "--role", "rep", "--user", "sun.hao"])
        try sandbox.ok(["account", "add", "宝钢股份", "--user", "zhang.wei"])
        try sandbox.ok(["deal", "add", "热轧线改造", "--account", "1", "--amount", "1000000", "--close", "2027-03-31", "--user", "zhang.wei"])
        return sandbox
    }

    static func deal(_ sandbox: Sandbox) throws -> [String: Any] {
        try #require(try sandbox.json(["deal", "show", "1", "--json", "--user", "sun.hao"]) as? [String: Any])
    }

    static func amount(_ deal: [String: Any]) -> Int? { (deal["amount"] as? [String: Any])?["minorUnits"] as? Int }

    /// The dashboard as zhang.wei with deal 1 open and its edit form's amount field focused.
    static func editing(_ sandbox: Sandbox) throws -> Tmux {
        let tmux = try Tmux(sandbox, arguments: ["--lang", "en", "--user", "zhang.wei"])
        try tmux.waitFor(text: "热轧线改造")
        try tmux.keys("Enter")
        try tmux.waitFor(text: "Milestones")
        try tmux.keys("e")
        try tmux.waitFor(text: "Close date:")
        try tmux.keys("Tab", "Tab", "C-u")
        return tmux
    }

    @Test("the other writer changed the same field: the save is refused naming them, the typed amount stays, C-r loads theirs")
    func sameField() throws {
        let sandbox = try Self.team()
        let tmux = try Self.editing(sandbox)
        defer { tmux.kill() }
        try sandbox.ok(["deal", "edit", "1", "--amount", "7M", "--user", "sun.hao"])
        try tmux.waitFor(text: "#1 updated by someone else", timeout: 8)
        try tmux.type("8000000")
        try tmux.keys("Enter")
        let refused = try tmux.waitFor(text: "⚠ sun.hao changed: Amount")
        #expect(refused.contains("Amount: 8000000"), "what was typed stays:\n\(refused)")
        #expect(Self.amount(try Self.deal(sandbox)) == 700_000_000, "nothing was overwritten")
        try tmux.keys("C-r")
        try tmux.waitFor(text: "Amount: 7000000.00")
        try tmux.keys("C-u")
        try tmux.type("8000000")
        try tmux.keys("Enter")
        try tmux.waitFor(text: "#1 ✓ save")
        #expect(Self.amount(try Self.deal(sandbox)) == 800_000_000)
        try tmux.keys("Escape")
        try tmux.quit()
    }

    @Test("the other writer changed another field: refused naming it; after C-r the save of the amount leaves their close date")
    func anotherField() throws {
        let sandbox = try Self.team()
        let tmux = try Self.editing(sandbox)
        defer { tmux.kill() }
        try sandbox.ok(["deal", "edit", "1", "--close", "2027-06-30", "--user", "sun.hao"])
        try tmux.waitFor(text: "#1 updated by someone else", timeout: 8)
        try tmux.type("8000000")
        try tmux.keys("Enter")
        try tmux.waitFor(text: "⚠ sun.hao changed: Close date")
        #expect(Self.amount(try Self.deal(sandbox)) == 100_000_000)
        try tmux.keys("C-r")
        let reloaded = try tmux.waitFor(text: "Close date: 2027-06-30")
        #expect(reloaded.contains("Amount: 8000000"), "the typed amount stays:\n\(reloaded)")
        try tmux.keys("Enter")
        try tmux.waitFor(text: "#1 ✓ save")
        let deal = try Self.deal(sandbox)
        #expect(Self.amount(deal) == 800_000_000)
        #expect(deal["expectedClose"] as? String == "2027-06-30", "sun.hao's close date was not put back: \(deal)")
        try tmux.keys("Escape")
        try tmux.quit()
    }

    @Test("the gate over a milestone the org chart proves: t ticks nothing, o opens the chart, focus stays on Cancel")
    func provenGate() throws {
        let sandbox = try Self.team()
        try sandbox.ok(["deal", "move", "1", "entry", "--force", "--reason", "客户催", "--user", "zhang.wei"])
        let tmux = try Tmux(sandbox, arguments: ["--lang", "en", "--user", "zhang.wei"])
        defer { tmux.kill() }
        try tmux.waitFor(text: "热轧线改造")
        try tmux.keys("l")
        try tmux.keys(">")
        let dialog = try tmux.waitFor(text: "Gate not met")
        #expect(dialog.contains("[ f Force… ]  [ o Org chart ]  [ Esc Cancel ]"), "\(dialog)")
        #expect(dialog.contains("The account lacks an inside coach and a decision-maker"), "\(dialog)")
        #expect(!dialog.contains("Tick & move"))
        try tmux.keys("t")
        try tmux.waitFor(text: "Proven by the org chart, not ticked")
        try tmux.keys("Tab", "Enter")
        try tmux.waitFor("the dialog to close on Cancel") { !$0.contains("Gate not met") }
        try tmux.keys(">")
        try tmux.waitFor(text: "Gate not met")
        try tmux.keys("o")
        try tmux.waitFor(text: "No inside coach")
        try tmux.quit()
        let deal = try Self.deal(sandbox)
        #expect(deal["stageKey"] as? String == "entry" || deal["stage"] as? String == "entry", "\(deal)")
        #expect((deal["milestonesDone"] as? [String] ?? []).isEmpty)
    }

    @Test("a name that is not a user sees what to ask for, not an empty board; q leaves")
    func stranger() throws {
        let sandbox = try Self.team()
        let tmux = try Tmux(sandbox, arguments: ["--lang", "en", "--user", "nosuch"], width: 100, height: 30)
        defer { tmux.kill() }
        // The whole message, not the first line of a frame still being written.
        let screen = try tmux.waitFor("the message with the command to run") {
            $0.contains("is not a user of this store") && $0.contains("closer user add nosuch --role rep") && $0.contains("q quits")
        }
        #expect(!screen.contains("热轧线改造") && !screen.contains("Develop"), "no board:\n\(screen)")
        try tmux.quit()
    }
}
