import Foundation
import Testing

/// The weekly review's reports and the stand-up wall screen, end to end on the real binary.
@Suite("Review, reports and stand-up end to end")
struct ReviewEndToEndTests {
    private func store() throws -> Sandbox {
        let sandbox = try Sandbox()
        try sandbox.ok(["account", "add", "宝钢股份", "--grade", "A"])
        try sandbox.ok(["deal", "add", "--account", "宝钢股份", "--amount", "3000000", "--next-step", "技术交流", "--due", "today", "热轧线改造"])
        try sandbox.ok(["deal", "add", "--account", "宝钢股份", "--amount", "500000", "冷轧备件"])
        try sandbox.ok(["deal", "move", "2", "entry", "--force", "--reason", "客户催"])
        try sandbox.ok(["deal", "lost", "2", "--reason", "价格太高"])
        return sandbox
    }

    @Test("report weekly: the period's new, forced and lost deals, the funnel and the manager's call, as JSON, Markdown and CSV")
    func weeklyReport() throws {
        let sandbox = try store()
        try sandbox.ok(["report", "call", quarterKey(), "5M"])
        let json = try #require(try sandbox.json(["report", "weekly", "--week", "today", "--format", "json"]) as? [String: Any])
        func count(_ key: String) -> Int? { (json[key] as? [String: Any])?["count"] as? Int }
        #expect(count("newDeals") == 2 && count("forced") == 1 && count("lost") == 1 && count("dueToday") == 1)
        let lost = ((json["lost"] as? [String: Any])?["items"] as? [[String: Any]])?.first
        #expect(lost?["detail"] as? String == "价格太高" && lost?["dealID"] as? Int == 2)
        let funnel = json["funnel"] as? [[String: Any]] ?? []
        #expect(funnel.first?["stage"] as? String == "develop" && funnel.first?["count"] as? Int == 1)
        let quarter = (json["forecast"] as? [[String: Any]])?.last
        let call = (quarter?["managerCall"] as? [String: Any])?["amount"] as? [String: Any]
        #expect(call?["minorUnits"] as? Int == 500_000_000)

        let markdown = try sandbox.ok(["report", "weekly", "--week", "today", "--format", "markdown", "--lang", "zh"]).stdout
        #expect(markdown.hasPrefix("# 周报 ") && markdown.contains("金额以 CNY 计"))
        #expect(markdown.contains("## 丢单 · 1 · 50万") && markdown.contains("| 2 | 冷轧备件 | 宝钢股份 |"), "Chinese amounts in 万")
        let english = try sandbox.ok(["report", "weekly", "--week", "today", "--format", "markdown", "--lang", "en"]).stdout
        #expect(english.contains("## Lost · 1 · 500k"))
        let lastWeek = try #require(try sandbox.json(["report", "weekly", "--format", "json"]) as? [String: Any])
        #expect((lastWeek["newDeals"] as? [String: Any])?["count"] as? Int == 0, "by default the review is last week, before these deals")
        let csv = try sandbox.ok(["report", "stalled", "--format", "csv"]).stdout.split(separator: "\n")
        #expect(csv.first == "section,c1,c2,c3,c4,c5,c6,c7")
        let bad = try sandbox.run(["report", "weekly", "--since", "2026-02-30"])
        #expect(bad.status != 0 && bad.stderrLines.count == 1)
    }

    @Test("closer standup: read-only panels; a CLI write appears without a key")
    func standupIsLive() throws {
        let sandbox = try store()
        let tmux = try Tmux(sandbox, arguments: ["standup", "--lang", "en", "--interval", "600"], width: 120, height: 36)
        defer { tmux.kill() }
        try tmux.waitFor(text: "1 deal · weighted 300k")
        try tmux.keys("e")
        try tmux.waitFor(text: "read-only")
        try sandbox.ok(["deal", "add", "--account", "宝钢股份", "--amount", "9000000", "STANDUP-LIVE"])
        let started = Date()
        try tmux.waitFor("the new deal counted without a key", timeout: 2) { $0.contains("2 deals · weighted 1.2M") }
        #expect(Date().timeIntervalSince(started) < 2)
        try tmux.keys("Right")
        try tmux.waitFor(text: "Next steps today and overdue")
        try tmux.quit()
        #expect(try sandbox.deals().count == 2, "nothing was changed from the wall screen")
    }

    private func quarterKey() -> String {
        let parts = Calendar(identifier: .gregorian).dateComponents(in: .current, from: Date())
        return "\(parts.year ?? 2026)-Q\(((parts.month ?? 1) - 1) / 3 + 1)"
    }
}
