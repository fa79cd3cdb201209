import Foundation
import Testing

/// An action planned on an account alone reaches the review's reports: `report weekly` and
/// `report stalled` list it with the account, the day and the rep; a rep never sees one on an
/// account that has become another rep's exclusive.
@Suite("Account actions in the reports")
struct AccountPlanReportCLITests {
    @Test("li.na's action on wang.lei's shared account is in her report and the manager's; made exclusive, it leaves hers")
    func reportsFollowVisibility() throws {
        let sandbox = try Sandbox.withDemo()
        let rows = try #require(try sandbox.json(["account", "list", "--json", "--limit", "1000"]) as? [[String: Any]])
        let held = try #require(rows.first { $0["owner"] as? String == "wang.lei" }, "an account wang.lei holds in the demo")
        let id = String(try #require(held["id"] as? Int))
        let name = try #require(held["name"] as? String)
        try sandbox.ok(["account", "share", id, "li.na", "--user", "wang.lei"])
        try sandbox.ok(["activity", "plan", "--user", "li.na", "--account", id, "joint promotion", "--due", "tomorrow"])

        let hers = try sandbox.ok(["report", "stalled", "--user", "li.na", "--lang", "en"]).stdout.split(separator: "\n").map(String.init)
        let title = try #require(hers.firstIndex { $0.hasPrefix("Account actions · 1 · 0 overdue · due by ") }, "\(hers)")
        #expect(hers[title + 1].contains("due") && hers[title + 1].contains("account") && hers[title + 1].contains("rep"))
        #expect(hers[title + 2].contains(name) && hers[title + 2].contains("李娜") && hers[title + 2].contains("joint promotion"), "\(hers[title + 2])")
        let team = try sandbox.ok(["report", "weekly", "--lang", "zh"]).stdout
        #expect(team.contains("客户行动 · 1 · 逾期 0 · 截至 "), "\(team)")

        try sandbox.ok(["account", "exclusive", id, "--user", "wang.lei"])
        let after = try sandbox.ok(["report", "stalled", "--user", "li.na", "--lang", "en"]).stdout
        #expect(after.contains("Account actions · 0 · 0 overdue") && !after.contains("joint promotion"), "\(after)")
        let json = try #require(try sandbox.json(["report", "stalled", "--user", "li.na", "--format", "json"]) as? [String: Any])
        #expect((json["accountPlans"] as? [String: Any])?["count"] as? Int == 0)
        // The manager still has it.
        #expect(try sandbox.ok(["report", "weekly", "--lang", "en"]).stdout.contains("joint promotion"))
    }

    @Test("report winloss says a rep's figures are the accounts they can see, not the team's")
    func winLossTitle() throws {
        let sandbox = try Sandbox.withDemo()
        let hers = try sandbox.ok(["report", "winloss", "--user", "li.na", "--lang", "zh"]).stdout.split(separator: "\n").first.map(String.init) ?? ""
        #expect(hers.hasSuffix("· 李娜可见的客户 · 金额以 CNY 计"), "\(hers)")
        let english = try sandbox.ok(["report", "winloss", "--user", "li.na", "--lang", "en"]).stdout.split(separator: "\n").first.map(String.init) ?? ""
        #expect(english.hasSuffix(" · accounts 李娜 can see · amounts in CNY"), "\(english)")
        let team = try sandbox.ok(["report", "winloss", "--lang", "en"]).stdout.split(separator: "\n").first.map(String.init) ?? ""
        #expect(!team.contains("can see") && team.hasSuffix(" · amounts in CNY"), "\(team)")
    }
}
