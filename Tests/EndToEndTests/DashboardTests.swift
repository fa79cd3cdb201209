import Foundation
import Testing

/// The dashboard, driven through a private tmux server per test: keys in, screen text out.
@Suite("Dashboard end to end")
struct DashboardTests {
    static let projectStagesZH = ["开发", "销售进入", "提案", "投标", "商务谈判", "工程实施"]
    static let projectStagesEN = ["Develop", "Entry", "Proposal", "Bid", "Negotiation", "Implementation"]

    /// The first card of a board column: the open deal of that stage with the biggest amount
    /// (the board's order: amount descending, then id).
    private func firstCard(_ sandbox: Sandbox, stage: String) throws -> [String: Any] {
        let rows = try sandbox.deals(["--process", "project", "--sort", "amount"]).filter { $0["stage"] as? String == stage }
        return try #require(rows.first, "the demo has an open deal in \(stage)")
    }

    @Test("board shows the project stages in Chinese and English; ? opens help, Esc closes it; q exits 0")
    func boardLanguagesHelpQuit() throws {
        let sandbox = try Sandbox.withDemo()
        for (lang, stages, helpSection) in [("zh", Self.projectStagesZH, "全局"), ("en", Self.projectStagesEN, "Everywhere")] {
            let tmux = try Tmux(sandbox, arguments: ["--lang", lang])
            defer { tmux.kill() }
            let board = try tmux.waitFor("the \(lang) board") { screen in stages.allSatisfy { screen.contains($0) } }
            #expect(!board.contains(helpSection))

            try tmux.keys("?")
            try tmux.waitFor(text: helpSection)
            try tmux.keys("Escape")
            let closed = try tmux.waitFor("the help overlay to close") { !$0.contains(helpSection) }
            #expect(stages.allSatisfy { closed.contains($0) }, "the board is back after Esc:\n\(closed)")

            try tmux.quit()
        }
    }

    @Test("forcing a gate: > on an unmet gate, Force…, a Chinese reason; the CLI sees entry, AT RISK and the forced event")
    func forceGate() throws {
        let sandbox = try Sandbox.withDemo()
        let card = try firstCard(sandbox, stage: "develop")
        let id = try #require(card["id"] as? Int)
        let title = try #require(card["title"] as? String)
        // Make sure the gate out of Develop is unmet, whatever the demo ticked.
        try sandbox.ok(["deal", "milestone", String(id), "project-info", "--undone"])
        let show = try sandbox.ok(["deal", "show", String(id)]).stdout
        #expect(show.contains("[ ] Develop · project-info"), "project-info is open before the test:\n\(show)")

        let tmux = try Tmux(sandbox, arguments: ["--lang", "en"])
        defer { tmux.kill() }
        try tmux.waitFor(text: "Develop")
        try tmux.waitFor("the deal's card to be shown") { $0.contains(String(title.prefix(8))) }

        try tmux.keys(">")
        // The whole dialog, not its first line: a capture can fall in the middle of a redraw.
        let dialog = try tmux.waitFor("the gate dialog") { $0.contains("Gate not met") && $0.contains("Cancel") }
        #expect(dialog.contains("Accurate project information"), "the dialog names the unmet milestone:\n\(dialog)")
        #expect(dialog.contains("#\(id)"), "the dialog names the deal:\n\(dialog)")
        #expect(dialog.contains("Force…") && dialog.contains("Cancel"))

        // Cancel is the default; Left selects Force…, Enter chooses it.
        try tmux.keys("Left")
        try tmux.keys("Enter")
        try tmux.waitFor(text: "Why force the gate?")
        let reason = "客户口头承诺，下周补齐项目信息"
        try tmux.type(reason)
        try tmux.waitFor("the reason to be typed") { $0.contains("客户口头承诺") }
        try tmux.keys("Enter")
        let moved = try tmux.waitFor(text: "#\(id) → Entry")
        #expect(!moved.contains("Gate not met") && !moved.contains("Why force"), "the overlays are closed:\n\(moved)")
        #expect(moved.contains("⚑"), "the moved card or message is flagged at risk:\n\(moved)")

        try tmux.quit()

        let row = try #require(try sandbox.deals(["--process", "project"]).first { $0["id"] as? Int == id })
        #expect(row["stage"] as? String == "entry")
        #expect(row["atRisk"] as? Bool == true)
        let after = try sandbox.ok(["deal", "show", String(id)]).stdout
        #expect(after.contains("AT RISK"), "\(after)")
        #expect(after.contains(reason), "deal show shows the reason:\n\(after)")
        #expect(after.contains("[!] Develop · project-info"), "the forced milestone is marked:\n\(after)")

        let log = try sandbox.json(["log", "--entity", "deal", "--id", String(id), "--json"]) as? [[String: Any]] ?? []
        let forced = log.filter { ($0["action"] as? String) == "forced" }
        #expect(forced.count == 1, "one forced event in the log: \(log)")
        #expect(forced.first?["note"] as? String == reason, "the forced event carries the reason: \(forced)")
        #expect(forced.first?["user"] as? String == sandbox.user)
        let table = try sandbox.ok(["log", "--entity", "deal", "--id", String(id)]).stdout
        #expect(table.contains("forced") && table.contains("客户口头承诺"), "\(table)")
    }

    @Test("a write by another process shows on the open board without a key press")
    func liveUpdate() throws {
        let sandbox = try Sandbox.withDemo()
        let top = try firstCard(sandbox, stage: "proposal")
        let account = try #require(top["accountID"] as? Int)
        let tmux = try Tmux(sandbox, arguments: ["--lang", "en"])
        defer { tmux.kill() }
        try tmux.waitFor(text: "Proposal")

        // A bigger deal than any other becomes the first card of its column.
        let title = "LIVE-E2E-7Q"
        try sandbox.ok(["deal", "add", "--account", String(account), title, "--stage", "proposal", "--amount", "99亿",
                        "--next-step", "Send the offer", "--due", "+3"])
        let started = Date()
        try tmux.waitFor("the new deal to appear without a key", timeout: 1.5) { $0.contains(title) }
        #expect(Date().timeIntervalSince(started) < 1.5)

        // A new next step on that card, still without a key.
        let id = try #require(try sandbox.deals().first { $0["title"] as? String == title }?["id"] as? Int)
        try sandbox.ok(["deal", "next-step", String(id), "Call NEXTSTEP-42", "--due", "+3"])
        try tmux.waitFor("the new next step to appear", timeout: 1.5) { $0.contains("NEXTSTEP-42") }
    }

    @Test("first run on an empty store: welcome text, D loads the demo")
    func welcomeAndDemo() throws {
        let sandbox = try Sandbox()
        let tmux = try Tmux(sandbox, arguments: ["--lang", "en"])
        defer { tmux.kill() }
        // The whole welcome, not its first line: the pane can be read halfway through a redraw.
        let welcome = try tmux.waitFor("the welcome") { $0.contains("Welcome to Closer") && $0.contains("closer import") }
        #expect(welcome.contains("this store is empty"))
        #expect(welcome.contains("load the demo company"), "\(welcome)")
        #expect(welcome.contains("add a deal"), "\(welcome)")
        #expect(welcome.contains("closer import"), "\(welcome)")

        try tmux.keys("D")
        let board = try tmux.waitFor("the demo board", timeout: 10) { screen in
            !screen.contains("Welcome") && Self.projectStagesEN.allSatisfy { screen.contains($0) }
        }
        #expect(board.contains("imported"), "the status line says what was loaded:\n\(board)")
        #expect(try !sandbox.deals().isEmpty, "the demo is in the store")
    }

    @Test("a 40×10 terminal shows “too small” without crashing; resizing redraws the board")
    func tinyTerminalAndResize() throws {
        let sandbox = try Sandbox.withDemo()
        let tmux = try Tmux(sandbox, arguments: ["--lang", "en"], width: 40, height: 10)
        defer { tmux.kill() }
        let small = try tmux.waitFor(text: "too small")
        #expect(small.contains("40×10") || small.contains("40x10"), "the message says the size it has:\n\(small)")
        Thread.sleep(forTimeInterval: 0.3)
        #expect(tmux.isAlive, "the dashboard is still running in a tiny window")

        try tmux.command(["resize-window", "-t", tmux.session, "-x", "160", "-y", "48"])
        let board = try tmux.waitFor("the board after the resize") { screen in Self.projectStagesEN.allSatisfy { screen.contains($0) } }
        #expect(!board.contains("too small"))

        // And back down again, then quit cleanly.
        try tmux.command(["resize-window", "-t", tmux.session, "-x", "50", "-y", "12"])
        try tmux.waitFor(text: "too small")
        try tmux.quit()
    }

    @Test("names with escape sequences are refused at the door; ones an older version stored are shown as text")
    func escapeSequencesAreHarmless() throws {
        let sandbox = try Sandbox.withDemo()
        let clear = "\u{1B}[2J\u{1B}[H"
        let osc52 = "\u{1B}]52;c;QUFBQQ==\u{07}"
        let refused = try sandbox.run(["account", "add", "Evil\(clear)Corp", "--grade", "A"])
        #expect(refused.status != 0 && refused.stderrLines.count == 1 && refused.stderr.contains("U+001B"), "\(refused)")
        #expect(!refused.stderr.contains("\u{1B}") && !refused.stdout.contains("\u{1B}"), "the refusal quotes no ESC")
        let account = try sandbox.ok(["account", "add", "Evil Corp", "--grade", "A"])
        let accountID = try #require(account.stdout.firstMatch(of: /#(\d+)/)?.1, "account add prints the id: \(account)")
        let added = try sandbox.ok(["deal", "add", "--account", String(accountID), "Steal Clip", "--amount", "98亿"])
        let dealID = try #require(added.stdout.firstMatch(of: /#(\d+)/)?.1, "deal add prints the id: \(added)")
        try sandbox.writeLegacy(table: "account", id: Int64(accountID) ?? 0, column: "name", value: "Evil\(clear)Corp")
        try sandbox.writeLegacy(table: "deal", id: Int64(dealID) ?? 0, column: "title", value: "Steal\(osc52)Clip")

        let tmux = try Tmux(sandbox, arguments: ["--lang", "en"])
        defer { tmux.kill() }
        let screen = try tmux.waitFor("the hostile card") { $0.contains("Steal") }
        #expect(screen.contains("Steal\u{FFFD}Clip"), "the OSC 52 shows as one stand-in:\n\(screen)")
        #expect(screen.contains("Evil\u{FFFD}"), "the clear-screen shows as a stand-in:\n\(screen)")
        // A cleared screen would have wiped the headers drawn before the card.
        #expect(Self.projectStagesEN.allSatisfy { screen.contains($0) }, "the board was not cleared:\n\(screen)")
        #expect(screen.split(separator: "\n").first?.contains("Board") == true, "the tab bar survived:\n\(screen)")
        // Nothing reached tmux's clipboard.
        let buffers = try tmux.command(["list-buffers"]).stdout
        #expect(buffers.isEmpty, "OSC 52 set a tmux paste buffer: \(buffers)")

        for arguments in [["deal", "list"], ["deal", "list", "--json"], ["account", "list"], ["deal", "show", String(dealID)], ["log", "--limit", "5"]] {
            let result = try sandbox.run(arguments)
            #expect(!result.stdout.contains("\u{1B}") && !result.stderr.contains("\u{1B}"),
                    "closer \(arguments.joined(separator: " ")) printed an ESC byte")
        }
        let table = try sandbox.ok(["deal", "list"]).stdout
        #expect(table.contains("Steal\u{FFFD}Clip"), "\(table)")
    }

    @Test("without a terminal the dashboard refuses quickly with a clear message")
    func refusesWithoutTerminal() throws {
        let sandbox = try Sandbox.withDemo()
        for arguments in [[String](), ["tui"], ["--lang", "zh"]] {
            let started = Date()
            let result = try sandbox.run(arguments, stdin: Data(), timeout: 10)
            #expect(!result.timedOut, "closer \(arguments) hung without a terminal")
            #expect(Date().timeIntervalSince(started) < 5)
            #expect(result.status != 0, "\(result)")
            #expect(result.stderr.contains("needs a terminal"), "\(result)")
            #expect(result.stderrLines.count == 1, "\(result)")
            #expect(!result.stdout.contains("\u{1B}"), "no terminal control codes were written to the pipe: \(result)")
        }
    }

    @Test("the dashboard exits when its terminal goes away (hang-up)")
    func exitsOnHangup() throws {
        let sandbox = try Sandbox.withDemo()
        let tmux = try Tmux(sandbox, arguments: ["--lang", "en"])
        defer { tmux.kill() }
        try tmux.waitFor(text: "Develop")
        let pid = try #require(tmux.panePID())
        // Kill only the pane's terminal (the tmux server), not the dashboard.
        try tmux.command(["kill-server"])
        let exited = waitUntil(timeout: 3) { sendSignal(pid, 0) != 0 }
        #expect(exited, "closer (pid \(pid)) still runs 3 s after its terminal went away")
        if !exited { _ = sendSignal(pid, SIGKILL) }
    }

    @Test("with SIGHUP ignored (nohup-style), the dashboard still stops when its terminal is gone")
    func exitsOnHangupWithSIGHUPIgnored() throws {
        let sandbox = try Sandbox.withDemo()
        let tmux = try Tmux(sandbox, arguments: ["--lang", "en"], shellPrefix: "trap '' HUP; ")
        defer { tmux.kill() }
        try tmux.waitFor(text: "Develop")
        let pid = try #require(tmux.panePID())
        try tmux.command(["kill-server"])
        let exited = waitUntil(timeout: 3) { sendSignal(pid, 0) != 0 }
        var cpu = 0.0
        if !exited {
            // How busy it is: CPU ticks over one second.
            func ticks() -> Double {
                let stat = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? ""
                let fields = stat.split(separator: ")").last?.split(separator: " ") ?? []
                return fields.count > 13 ? (Double(fields[11]) ?? 0) + (Double(fields[12]) ?? 0) : 0
            }
            let before = ticks()
            Thread.sleep(forTimeInterval: 1)
            cpu = ticks() - before
            _ = sendSignal(pid, SIGKILL)
        }
        #expect(exited, "closer (pid \(pid)) still runs 3 s after its terminal went away, using \(Int(cpu)) CPU ticks/s")
    }
}
