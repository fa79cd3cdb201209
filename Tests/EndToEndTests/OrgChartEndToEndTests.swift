import Foundation
import Testing

/// The org chart end to end: the real binary, a store built with the CLI, the dashboard in a
/// private tmux server, and the CLI again to confirm what was written.
@Suite("Org chart end to end")
struct OrgChartEndToEndTests {
    /// 宝钢股份 with a deal in Entry, a decision-maker and an engineer under him, no coach yet.
    private func store() throws -> Sandbox {
        let sandbox = try Sandbox()
        try sandbox.ok(["account", "add", "宝钢股份", "--grade", "A"])
        try sandbox.ok(["deal", "add", "--account", "宝钢股份", "--stage", "entry", "--amount", "3000000", "--next-step", "技术交流", "--due", "+3", "热轧线改造"])
        try sandbox.ok(["person", "add", "--account", "宝钢股份", "王总", "--title", "总经理", "--level", "decision", "--influence", "70"])
        try sandbox.ok(["person", "add", "--account", "宝钢股份", "李工", "--title", "技术部主任", "--level", "manager",
                        "--function", "technical", "--stance", "supporter", "--reports-to", "1"])
        return sandbox
    }

    @Test("closer orgchart prints the tree, the gaps and the path to the decision-maker")
    func outlineFromTheCLI() throws {
        let sandbox = try store()
        let text = try sandbox.ok(["orgchart", "宝钢股份", "--lang", "zh"]).stdout
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0] == "宝钢股份 — 组织结构，共 2 人")
        #expect(lines[2] == "王总 总经理 [决策·使用] ·中立 影响 70")
        #expect(lines[3] == "└── 李工 技术部主任 [管理·技术] +支持者 影响 10")
        #expect(lines.contains("  ⚠ 没有内线"))
        #expect(lines.contains("  王总 ← 李工"))
        let json = try #require(try sandbox.json(["orgchart", "1", "--json"]) as? [String: Any])
        #expect(json["roots"] as? [Int] == [1])
        #expect((json["warnings"] as? [String])?.contains("No inside coach") == true)
        // Another rep's exclusive account is refused, as account show refuses it.
        try sandbox.ok(["user", "add", sandbox.user, "--role", "rep"])
        try sandbox.ok(["user", "add", "boss", "--role", "manager"])
        // Once there is a manager, users are the manager's to add.
        try sandbox.ok(["user", "add", "other.rep", "--role", "rep", "--user", "boss"])
        try sandbox.ok(["account", "exclusive", "1"])
        let refused = try sandbox.run(["orgchart", "1", "--user", "other.rep"])
        #expect(refused.status != 0 && refused.stderrLines.count == 1 && refused.stderr.contains("exclusive"), "\(refused)")
        #expect(try sandbox.ok(["orgchart", "1", "--user", "boss"]).stdout.contains("王总"))
        let missing = try sandbox.run(["orgchart", "不存在的客户"])
        #expect(missing.status != 0 && missing.stderrLines == ["Error: no account matches '不存在的客户'"])
    }

    @Test("o on the account opens its chart; c marks 李工 inside coach; the board's Entry gate opens and > moves the deal without force")
    func markingACoachOpensTheGate() throws {
        let sandbox = try store()
        let tmux = try Tmux(sandbox, arguments: ["--lang", "zh"], width: 160, height: 48)
        defer { tmux.kill() }
        try tmux.waitFor(text: "热轧线改造")
        try tmux.waitFor(text: "◇0/1")

        try tmux.keys("3")
        try tmux.waitFor(text: "宝钢股份")
        try tmux.keys("o")
        // Waits for the whole chart: the pane can be read halfway through a redraw.
        try tmux.waitFor("the chart with its gaps") { $0.contains("汇报关系") && $0.contains("⚠ 没有内线") }
        try tmux.keys("j")
        try tmux.waitFor("李工 selected") { $0.contains("┌ 李工 ─") }
        try tmux.keys("c")
        try tmux.waitFor("李工 marked coach, the gap gone") { screen in
            screen.contains("★李工") && !screen.contains("⚠ 没有内线") && screen.contains("李工: 标记为内线")
        }

        try tmux.keys("1")
        try tmux.waitFor(text: "◆1/1")
        try tmux.keys("l")
        try tmux.keys(">")
        try tmux.waitFor("the deal in 提案") { $0.contains("#1 → 提案") }
        let deal = try #require(try sandbox.json(["deal", "show", "1", "--json"]) as? [String: Any])
        #expect(deal["stageKey"] as? String == "proposal")
        #expect((deal["overrides"] as? [Any])?.isEmpty ?? true, "moved through a met gate, not forced")
        let person = try #require(try sandbox.json(["person", "show", "2", "--json"]) as? [String: Any])
        #expect(person["isInsideCoach"] as? Bool == true)
        try tmux.quit()
    }
}
