import Foundation
import Testing

/// Deal health from the command line: the report, a deal's warnings, the team's settings, buyer
/// maturity, the new activity kinds and the deal's needs — and every bad input refused in one line.
extension CLITests {
    static let manager = "sun.hao"
    static let rep = "wang.lei"

    /// The demo's showcase deals by title: one trips every rule, two trip none.
    private func showcase(_ sandbox: Sandbox) throws -> (bad: Int, good: Int, account: Int) {
        let rows = try sandbox.deals(["--user", Self.manager])
        func id(_ title: String) throws -> [String: Any] {
            guard let row = rows.first(where: { $0["title"] as? String == title }) else { throw E2EError("no demo deal “\(title)”") }
            return row
        }
        let bad = try id("东海化工 DCS 改造"), good = try id("江南精密 在线监测系统")
        return (bad["id"] as? Int ?? 0, good["id"] as? Int ?? 0, bad["accountID"] as? Int ?? 0)
    }

    private func healthJSON(_ sandbox: Sandbox, _ extra: [String] = []) throws -> [String: Any] {
        let value = try sandbox.json(["report", "health", "--format", "json", "--limit", "1000", "--user", Self.manager] + extra)
        guard let report = value as? [String: Any] else { throw E2EError("report health --format json is not an object") }
        return report
    }

    /// Rule key → the deal ids its list carries.
    private func lists(_ report: [String: Any]) -> [String: Set<Int>] {
        var result = [String: Set<Int>]()
        for list in report["rules"] as? [[String: Any]] ?? [] {
            let ids = (list["items"] as? [[String: Any]] ?? []).compactMap { $0["dealID"] as? Int }
            result[list["rule"] as? String ?? "?"] = Set(ids)
        }
        return result
    }

    static let ruleKeys = ["pitched-before-discovery", "needs-not-recorded", "price-too-early", "budget-unknown",
                           "no-route-to-decision-maker", "key-person-cold", "no-next-step"]

    @Test("report health: every rule with its deals in four formats; the showcase deal is on every list, its neighbour on none")
    func healthReport() throws {
        let sandbox = try Sandbox.withDemo()
        let (bad, good, _) = try showcase(sandbox)
        let report = try healthJSON(sandbox)
        let byRule = lists(report)
        #expect(Set(byRule.keys) == Set(Self.ruleKeys))
        for key in Self.ruleKeys { #expect(byRule[key]?.contains(bad) == true, "\(key) lists the deal that trips everything") }
        #expect(byRule.values.allSatisfy { !$0.contains(good) })
        #expect((report["flaggedDeals"] as? Int ?? 0) < (report["openDeals"] as? Int ?? 0))

        let text = try sandbox.ok(["report", "health", "--user", Self.manager]).stdout
        #expect(text.hasPrefix("Deal health "))
        #expect(text.contains("#4 Price talked too early · 1") && text.contains("Quote on ") && text.contains("pricing is Bid"))
        #expect(text.contains("Coaching points") && text.contains("#10"))
        let zh = try sandbox.ok(["report", "health", "--lang", "zh", "--user", Self.manager]).stdout
        #expect(zh.hasPrefix("商机健康 ") && zh.contains("过早涉及价格") && zh.contains("报价应在投标阶段"))
        let markdown = try sandbox.ok(["report", "health", "--format", "markdown", "--user", Self.manager]).stdout
        #expect(markdown.hasPrefix("# Deal health") && markdown.contains("| rule | taboo | warning | deals | amount |"))
        let csv = try sandbox.ok(["report", "health", "--format", "csv", "--user", Self.manager]).stdoutLines
        #expect(csv.first?.hasPrefix("section,c1,c2") == true && csv.contains { $0.hasPrefix("Warnings,price-too-early,#4,") })

        let repReport = try healthJSON(sandbox, ["--rep", Self.rep])
        #expect((repReport["reps"] as? [[String: Any]])?.compactMap { $0["rep"] as? String } == [Self.rep])
        let project = try healthJSON(sandbox, ["--process", "project"])
        #expect((project["openDeals"] as? Int ?? 0) < (report["openDeals"] as? Int ?? 0))
    }

    @Test("report health follows the accounts a user may see")
    func healthReportVisibility() throws {
        let sandbox = try Sandbox.withDemo()
        let all = try healthJSON(sandbox)
        let rep = try sandbox.json(["report", "health", "--format", "json", "--user", Self.rep]) as? [String: Any]
        let open = all["openDeals"] as? Int ?? 0, repOpen = rep?["openDeals"] as? Int ?? -1
        #expect(0 < repOpen && repOpen < open, "a rep sees their own, shared and pool accounts' deals")
        expectRefusal(try sandbox.run(["report", "health", "--user", "nobody"]), mentioning: ["nobody is not a user of this store"])
    }

    @Test("report health: bad options are refused in one line")
    func healthReportRefusals() throws {
        let sandbox = try Sandbox.withDemo()
        expectRefusal(try sandbox.run(["report", "health", "--process", "mining"]), mentioning: ["unknown process 'mining'"])
        expectRefusal(try sandbox.run(["report", "health", "--today", "2026-13-45"]), mentioning: ["'2026-13-45' is not a date"])
        expectRefusal(try sandbox.run(["report", "health", "--format", "pdf"]), mentioning: ["pdf"], oneLine: false)
        expectRefusal(try sandbox.run(["report", "health", "--limit", "-1"]), mentioning: ["--limit"], oneLine: false)
    }

    @Test("deal show lists the deal's warnings with why and fix, in either language")
    func dealShowHealth() throws {
        let sandbox = try Sandbox.withDemo()
        let (bad, good, _) = try showcase(sandbox)
        let shown = try sandbox.ok(["deal", "show", "\(bad)", "--user", Self.rep]).stdoutLines
        let warnings = shown.filter { $0.hasPrefix("  ! #") }
        #expect(warnings.count == 7, "\(shown)")
        for key in Self.ruleKeys { #expect(warnings.contains { $0.contains("(\(key)): ") }, "\(key)") }
        for (index, line) in shown.enumerated() where line.hasPrefix("  ! #") {
            #expect(shown[index + 1].hasPrefix("      why: ") && shown[index + 2].hasPrefix("      fix: "))
        }
        #expect(shown.contains("  ! #9 No next step, or overdue (no-next-step): No next step planned"))
        let zh = try sandbox.ok(["deal", "show", "\(bad)", "--lang", "zh", "--user", Self.rep]).stdout
        #expect(zh.contains("  ! #9 没有下一步或已逾期 (no-next-step)：没有安排下一步") && zh.contains("      做法："))
        let clean = try sandbox.ok(["deal", "show", "\(good)", "--user", Self.rep]).stdout
        #expect(clean.contains("  none: no rule the data can prove is tripped"))
        #expect(clean.contains("  1. 非计划停机减少一半 — 钱立新"), "the needs and who stated them")
        expectRefusal(try sandbox.run(["deal", "show", "\(bad)", "--user", "nobody"]), mentioning: ["nobody is not a user of this store"])
    }

    @Test("settings: shown, changed by a manager (and the report follows), refused for a rep and for bad input")
    func settings() throws {
        let sandbox = try Sandbox.withDemo()
        let shown = try sandbox.ok(["settings"]).stdout
        #expect(shown.contains("route-days  90") && shown.contains("project.pricing        bid — Bid 投标"))
        let before = try fingerprint(sandbox)
        expectRefusal(try sandbox.run(["settings", "set", "route-days", "30", "--user", Self.rep]),
                      mentioning: ["only a manager can change the team's settings", "\(Self.rep) (rep)"])
        expectRefusal(try sandbox.run(["settings", "set", "route-days", "soon", "--user", Self.manager]), mentioning: ["'soon' is not a number of days"])
        expectRefusal(try sandbox.run(["settings", "set", "cold-days", "0", "--user", Self.manager]), mentioning: ["cold-days: must be 1…3650, got 0"])
        expectRefusal(try sandbox.run(["settings", "set", "project.pricing", "tender", "--user", Self.manager]),
                      mentioning: ["'tender' is not a stage of project"])
        expectRefusal(try sandbox.run(["settings", "set", "mining.pricing", "bid", "--user", Self.manager]), mentioning: ["unknown process 'mining'"])
        expectRefusal(try sandbox.run(["settings", "set", "colour", "red", "--user", Self.manager]), mentioning: ["unknown setting 'colour'"])
        expectRefusal(try sandbox.run(["settings", "set", "off", "no-coffee", "--user", Self.manager]), mentioning: ["'no-coffee' is not a rule"])
        expectRefusal(try sandbox.run(["settings", "reset", "colour", "--user", Self.manager]), mentioning: ["unknown setting 'colour'"])
        #expect(try fingerprint(sandbox) == before, "nothing was written")

        try sandbox.ok(["settings", "set", "off", "no-next-step", "--user", Self.manager])
        try sandbox.ok(["settings", "set", "project.pricing", "negotiation", "--user", Self.manager])
        let json = try #require(try sandbox.json(["settings", "--json"]) as? [String: Any])
        #expect(json["off"] as? [String] == ["no-next-step"] && json["overridden"] as? [String] == ["project.pricing"])
        let report = lists(try healthJSON(sandbox))
        #expect(report["no-next-step"] == nil, "a rule switched off is not reported")
        let bid = try sandbox.deals(["--user", Self.manager, "--process", "project"]).first { $0["stage"] as? String == "bid" }
        let bidID = try #require(bid?["id"] as? Int)
        try sandbox.ok(["activity", "add", "--kind", "quote", "--deal", "\(bidID)", "--user", Self.manager])
        #expect(lists(try healthJSON(sandbox))["price-too-early"]?.contains(bidID) == true, "pricing moved to negotiation: a quote in bid is early")
        try sandbox.ok(["settings", "reset", "--all", "--user", Self.manager])
        #expect(try sandbox.ok(["settings"]).stdout == shown)
    }

    @Test("account edit --maturity: kept, shown with the method's guidance, filtered by the query language")
    func maturity() throws {
        let sandbox = try Sandbox.withDemo()
        let (_, _, account) = try showcase(sandbox)
        try sandbox.ok(["account", "edit", "\(account)", "--maturity", "specialist", "--user", Self.rep])
        let shown = try sandbox.ok(["account", "show", "\(account)", "--user", Self.rep]).stdout
        #expect(shown.contains("Buyer maturity  4 Experienced specialist 有经验的专家"))
        #expect(shown.contains("价格就是一切：价格，价格，还是价格。"))
        let found = try #require(try sandbox.json(["account", "list", "--where", "maturity:4 tag:健康示范", "--json", "--user", Self.manager]) as? [[String: Any]])
        #expect(found.compactMap { $0["id"] as? Int } == [account] && found.first?["maturity"] as? String == "specialist")
        try sandbox.ok(["account", "edit", "\(account)", "--maturity", "none", "--user", Self.rep])
        #expect(try sandbox.ok(["account", "show", "\(account)", "--user", Self.rep]).stdout.contains("not judged (--maturity)"))
        let before = try fingerprint(sandbox)
        expectRefusal(try sandbox.run(["account", "edit", "\(account)", "--maturity", "guru", "--user", Self.rep]),
                      mentioning: ["--maturity: 'guru' is not one of generalist, familiar, unbundling, specialist"])
        expectRefusal(try sandbox.run(["account", "list", "--where", "maturity:guru"]), mentioning: ["maturity 'guru' is not one of"], oneLine: false)
        #expect(try fingerprint(sandbox) == before)
    }

    @Test("activity add --kind discovery|quote, deal add/edit --need: the warnings follow; bad input loses nothing")
    func kindsAndNeeds() throws {
        let sandbox = try Sandbox.withDemo()
        let (_, _, account) = try showcase(sandbox)
        let added = try sandbox.ok(["deal", "add", "--account", "\(account)", "东海化工 备件", "--stage", "proposal", "--budget-known", "yes",
                                    "--next-step", "现场测量", "--due", "+3", "--need", "三天到货", "--need", "中文说明书", "--stated-by", "吴海峰",
                                    "--user", Self.rep]).stdout
        let id = try #require(added.firstMatch(of: /#(\d+)/).map { String($0.1) })
        var shown = try sandbox.ok(["deal", "show", id, "--user", Self.rep]).stdout
        #expect(shown.contains("  1. 三天到货 — 吴海峰") && shown.contains("  2. 中文说明书 — 吴海峰"))
        #expect(!shown.contains("(needs-not-recorded)") && !shown.contains("(price-too-early)"))
        try sandbox.ok(["activity", "add", "demo", "--deal", id, "--user", Self.rep])
        try sandbox.ok(["activity", "add", "--kind", "quote", "--deal", id, "--user", Self.rep])
        shown = try sandbox.ok(["deal", "show", id, "--user", Self.rep]).stdout
        #expect(shown.contains("(price-too-early)") && shown.contains("(pitched-before-discovery)"))
        try sandbox.ok(["activity", "add", "--kind", "discovery", "--deal", id, "--date=-1", "--user", Self.rep])
        #expect(!(try sandbox.ok(["deal", "show", id, "--user", Self.rep]).stdout.contains("(pitched-before-discovery)")))
        try sandbox.ok(["deal", "edit", id, "--clear-needs", "--user", Self.rep])
        #expect(try sandbox.ok(["deal", "show", id, "--user", Self.rep]).stdout.contains("(needs-not-recorded)"))

        let before = try fingerprint(sandbox)
        expectRefusal(try sandbox.run(["activity", "add", "--kind", "haggle", "--deal", id]), mentioning: ["--kind: 'haggle' is not one of", "quote"])
        expectRefusal(try sandbox.run(["activity", "add", "visit", "--kind", "quote", "--deal", id]), mentioning: ["two kinds given"])
        expectRefusal(try sandbox.run(["activity", "add", "--deal", id]), mentioning: ["name the kind"])
        expectRefusal(try sandbox.run(["deal", "edit", id, "--need", "x", "--stated-by", "Nobody", "--user", Self.rep]),
                      mentioning: ["no key person of account #\(account) matches 'Nobody'"])
        expectRefusal(try sandbox.run(["deal", "edit", id, "--need", "x", "--stated-by", "1", "--user", Self.rep]),
                      mentioning: ["person 1 is on account 1"])
        let visible = try #require(try sandbox.json(["person", "list", "--json", "--limit", "1000", "--user", Self.manager]) as? [[String: Any]])
            .first { ($0["accountID"] as? Int).map { $0 != account } ?? false }?["id"] as? Int
        let elsewhere = try #require(visible)
        expectRefusal(try sandbox.run(["deal", "edit", id, "--need", "x", "--stated-by", "\(elsewhere)", "--user", Self.manager]),
                      mentioning: ["is not a key person of account #\(account)"])
        expectRefusal(try sandbox.run(["deal", "edit", id, "--remove-need", "3", "--user", Self.rep]), mentioning: ["the deal has 0 need(s)"])
        expectRefusal(try sandbox.run(["deal", "edit", id, "--stated-by", "吴海峰"]), mentioning: ["--stated-by names who stated a --need"], oneLine: false)
        expectRefusal(try sandbox.run(["deal", "edit", id, "--need", "  "]), mentioning: ["--need must say"], oneLine: false)
        #expect(try fingerprint(sandbox) == before, "nothing was written")
    }
}

extension RunResult {
    /// Every line of stdout, blank ones included.
    var stdoutLines: [String] { stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }
}
