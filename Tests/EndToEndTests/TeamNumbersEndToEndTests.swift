import Foundation
import Testing

/// The manager's numbers from the command line: base currency and rates, targets, lost reasons,
/// win/loss, and targets in the reports. Bad input is refused in one line with a non-zero exit.
@Suite("Currency, targets, lost reasons and win/loss end to end")
struct TeamNumbersEndToEndTests {
    let cli = CLITests()

    /// A team (the sandbox's user as manager, 王磊 as rep) with one account. On a server the
    /// administrator adds both as login roles and the manager then works through their own login.
    private func team(_ kind: StoreKind) throws -> Sandbox {
        let admin = try kind.sandbox()
        try admin.ok(["user", "add", admin.user, "--role", "manager", "--display-name", "陈静"])
        try admin.ok(["user", "add", "wang.lei", "--role", "rep", "--display-name", "王磊"])
        let sandbox = try admin.loggedIn(as: admin.user)
        try sandbox.ok(["account", "add", "宝钢股份", "--grade", "A"])
        return sandbox
    }

    private func quarter() -> String {
        let parts = Calendar(identifier: .gregorian).dateComponents(in: .current, from: Date())
        return "\(parts.year ?? 2026)-Q\(((parts.month ?? 1) - 1) / 3 + 1)"
    }

    @Test("a rep's refusal is said in the reader's language: English by default, Chinese under a Chinese locale")
    func refusalInTheReadersLanguage() throws {
        let sandbox = try team(.file)
        let english = try sandbox.run(["currency", "rate", "USD", "7.3", "--user", "wang.lei"])
        #expect(english.status == 1 && english.stderr == "Error: only a manager can set exchange rates; you are wang.lei (rep)\n", "\(english)")
        var chinese = sandbox.environment
        chinese["LC_ALL"] = "zh_CN.UTF-8"
        let refused = try runProcess(sandbox.closer, ["currency", "rate", "USD", "7.3", "--user", "wang.lei"], environment: chinese)
        #expect(refused.status == 1 && refused.stderr == "Error: 只有经理可以设置汇率；您是 wang.lei（销售）\n", "\(refused)")
        // A command's own --lang wins over the locale.
        let health = try runProcess(sandbox.closer, ["deal", "show", "999", "--lang", "en"], environment: chinese)
        #expect(health.status != 0 && health.stderr.contains("no deal with id 999"), "\(health)")
    }

    @Test("closer currency base / rate / list; unknown currencies and rates ≤ 0 refused", arguments: StoreKind.allCases)
    func currency(_ kind: StoreKind) throws {
        let sandbox = try team(kind)
        #expect(try sandbox.ok(["currency", "base"]).stdout == "CNY\n")
        #expect(try sandbox.ok(["currency", "rate", "USD", "7.10", "--from", "2026-12-01"]).stdout == "1 USD = 7.1 CNY from 2026-12-01\n")
        try sandbox.ok(["currency", "rate", "eur", "7.8", "--from", "2026-01-01"])
        try sandbox.ok(["deal", "add", "--account", "宝钢股份", "--amount", "100000", "--currency", "GBP", "英国备件"])
        let listing = try #require(try sandbox.json(["currency", "list", "--json"]) as? [String: Any])
        #expect(listing["base"] as? String == "CNY" && (listing["rates"] as? [Any])?.count == 2)
        #expect(listing["withoutRate"] as? [String] == ["GBP"], "deals in a currency with no rate are named")
        let text = try sandbox.ok(["currency", "list"]).stdout
        #expect(text.contains("base currency: CNY") && text.contains("USD") && text.contains("7.1") && text.contains("no rate in force today for GBP"))

        cli.expectRefusal(try sandbox.run(["currency", "base", "XYZ"]), mentioning: ["'XYZ' is not a currency code"])
        cli.expectRefusal(try sandbox.run(["currency", "rate", "XYZ", "7"]), mentioning: ["'XYZ' is not a currency code"])
        cli.expectRefusal(try sandbox.run(["currency", "rate", "USD", "0"]), mentioning: ["more than 0"])
        cli.expectRefusal(try sandbox.run(["currency", "rate", "USD", "--", "-7.1"]), mentioning: ["more than 0"])
        // A negative rate typed as is (no "--") gets the same one line, not the parser's "Missing expected argument".
        cli.expectRefusal(try sandbox.run(["currency", "rate", "USD", "-1"]), mentioning: ["a rate must be more than 0: '-1'"])
        cli.expectRefusal(try sandbox.run(["currency", "rate", "USD", "-0.5", "--from", "2026-12-01"]), mentioning: ["more than 0: '-0.5'"])
        cli.expectRefusal(try sandbox.run(["currency", "rate", "USD"]), mentioning: ["give the rate too"])
        cli.expectRefusal(try sandbox.run(["currency", "rate", "USD", "7.1", "-1"]), mentioning: ["one rate, not 2 words (7.1 -1)"])
        cli.expectRefusal(try sandbox.run(["currency", "rate", "USD", "seven"]), mentioning: ["'seven' is not a rate"])
        cli.expectRefusal(try sandbox.run(["currency", "rate", "CNY", "1"]), mentioning: ["CNY is the base currency"])
        cli.expectRefusal(try sandbox.run(as: "wang.lei", ["currency", "rate", "USD", "7"]), mentioning: ["only a manager"])
        cli.expectRefusal(try sandbox.run(["currency", "delete", "USD", "--from", "2020-01-01"]), mentioning: ["no USD rate from 2020-01-01"])

        try sandbox.ok(["currency", "base", "USD"])
        #expect(try sandbox.ok(["currency", "base"]).stdout == "USD\n")
    }

    @Test("closer target set / list; attainment and gap worked out by hand in report forecast", arguments: StoreKind.allCases)
    func targets(_ kind: StoreKind) throws {
        let sandbox = try team(kind)
        let q = quarter()
        #expect(try sandbox.ok(["target", "set", "wang.lei", q, "5M"]).stdout.contains("target for 王磊 (wang.lei) in \(q): CNY 5M"))
        try sandbox.ok(["target", "set", "王磊", q, "500万"])
        // Won 2,000,000 today; 1,000,000 committed to close today; 300,000 best case: 40%, gap 5M − 2M − 1M = 2M.
        try sandbox.ok(["deal", "add", "--account", "宝钢股份", "--amount", "2M", "--owner", "wang.lei", "已签合同"])
        try sandbox.ok(["deal", "won", "1"])
        try sandbox.ok(["deal", "add", "--account", "宝钢股份", "--amount", "1M", "--owner", "wang.lei", "--forecast", "commit", "--close", "today", "承诺单"])
        try sandbox.ok(["deal", "add", "--account", "宝钢股份", "--amount", "300k", "--owner", "wang.lei", "--forecast", "best-case", "--close", "today", "乐观单"])
        let forecast = try #require(try sandbox.json(["report", "forecast", "--format", "json"]) as? [String: Any])
        let wang = try #require((forecast["reps"] as? [[String: Any]])?.first { $0["rep"] as? String == "wang.lei" && $0["period"] as? String == q })
        #expect((wang["target"] as? [String: Any]).flatMap { ($0["amount"] as? [String: Any])?["minorUnits"] as? Int } == 500_000_000)
        #expect((wang["won"] as? [String: Any])?["minorUnits"] as? Int == 200_000_000)
        #expect((wang["commit"] as? [String: Any])?["minorUnits"] as? Int == 100_000_000)
        let team = try #require((forecast["attainment"] as? [[String: Any]])?.last)
        #expect((team["target"] as? [String: Any])?["source"] as? String == "reps", "no team target: the sum of the reps'")
        let text = try sandbox.ok(["report", "forecast", "--lang", "zh"]).stdout
        #expect(text.contains("王磊") && text.contains("40%") && text.contains("200万"), "attainment 40%, gap 200万: \(text)")
        let english = try sandbox.ok(["report", "forecast", "--lang", "en"]).stdout
        #expect(english.contains("40%") && english.contains("2M"))
        let weekly = try sandbox.ok(["report", "weekly", "--week", "today", "--lang", "en"]).stdout
        #expect(weekly.contains("Per rep") && weekly.contains("target \(q)") && weekly.contains("王磊"))

        let list = try #require(try sandbox.json(["target", "list", q, "--json"]) as? [[String: Any]])
        #expect(list.count == 1 && list.first?["rep"] as? String == "wang.lei")
        #expect(try sandbox.ok(["target", "list", q, "--lang", "zh"]).stdout.contains("500万"))

        cli.expectRefusal(try sandbox.run(["target", "set", "zhang.san", q, "5M"]), mentioning: ["'zhang.san' is not a rep"])
        cli.expectRefusal(try sandbox.run(["target", "set", "wang.lei", "2026-Q5", "5M"]), mentioning: ["'2026-Q5' is not a period"])
        cli.expectRefusal(try sandbox.run(["target", "set", "wang.lei", q, "很多"]), mentioning: ["'很多' is not an amount"])
        cli.expectRefusal(try sandbox.run(as: "wang.lei", ["target", "set", "wang.lei", q, "1M"]), mentioning: ["only a manager"])
        cli.expectRefusal(try sandbox.run(["report", "call", "2026-Q5", "5M"]), mentioning: ["'2026-Q5' is not a period"])
    }

    @Test("closer reason add / list / delete; deal lost with a reason and the competitor; report winloss", arguments: StoreKind.allCases)
    func reasonsAndWinLoss(_ kind: StoreKind) throws {
        let sandbox = try team(kind)
        try sandbox.ok(["reason", "add", "价格"])
        try sandbox.ok(["reason", "add", "关系"])
        cli.expectRefusal(try sandbox.run(["reason", "add", "价格"]), mentioning: ["already a lost reason"])
        cli.expectRefusal(try sandbox.run(["reason", "add", "其他"]), mentioning: ["always on the list"])
        #expect(try sandbox.json(["reason", "list", "--json"]) as? [String] == ["价格", "关系", "other"])
        for (title, amount) in [("A", "1M"), ("B", "500k"), ("C", "2M")] {
            try sandbox.ok(["deal", "add", "--account", "宝钢股份", "--amount", amount, "--competitors", "西门子,ABB", title])
        }
        let lost = try sandbox.ok(["deal", "lost", "1", "--reason", "价格", "--note", "低 20%", "--competitor", "西门子"]).stdout
        #expect(lost.contains("价格 — 低 20%") && lost.contains("won by 西门子"))
        #expect(try sandbox.ok(["deal", "lost", "2", "--reason", "客户搬迁"]).stdout.contains("(other)"), "text off the list is other")
        cli.expectRefusal(try sandbox.run(["deal", "lost", "3", "--reason", "other"]), mentioning: ["say why"])
        try sandbox.ok(["deal", "won", "3"])
        try sandbox.ok(["reason", "delete", "关系"])
        cli.expectRefusal(try sandbox.run(["reason", "delete", "关系"]), mentioning: ["'关系' is not a lost reason"])

        let report = try #require(try sandbox.json(["report", "winloss", "--format", "json"]) as? [String: Any])
        let total = try #require(report["total"] as? [String: Any])
        #expect(total["won"] as? Int == 1 && total["lost"] as? Int == 2)
        let reasons = (report["byReason"] as? [[String: Any]])?.compactMap { $0["key"] as? String }
        #expect(Set(reasons ?? []) == ["价格", "other"])
        let siemens = (report["byCompetitor"] as? [[String: Any]])?.first { $0["key"] as? String == "西门子" }
        #expect(siemens?["won"] as? Int == 1 && siemens?["lost"] as? Int == 2 && siemens?["lostTo"] as? Int == 1)
        let text = try sandbox.ok(["report", "winloss", "--lang", "zh"]).stdout
        #expect(text.contains("按丢单原因") && text.contains("其他") && text.contains("33%") && text.contains("按竞争对手"))
        let csv = try sandbox.ok(["report", "winloss", "--format", "csv"]).stdout
        #expect(csv.hasPrefix("section,") && csv.contains("By competitor"))
        let markdown = try sandbox.ok(["report", "winloss", "--format", "markdown", "--rep", "陈静"]).stdout
        #expect(markdown.hasPrefix("# Win/loss") && markdown.contains("陈静"))
        cli.expectRefusal(try sandbox.run(["report", "winloss", "--since", "2026-12-01", "--until", "2026-11-01"]), mentioning: ["before --since"])
    }
}
