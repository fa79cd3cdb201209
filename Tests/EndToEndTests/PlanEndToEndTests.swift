import Foundation
import Testing

/// `closer activity plan|done|cancel|list`: a rep's planned activities through the real binary.
@Suite("Planned activities end to end")
struct PlanEndToEndTests {
    /// A store with one account, one deal and two key persons; the deal's id.
    private func world(_ kind: StoreKind) throws -> (sandbox: Sandbox, deal: String) {
        let sandbox = try kind.sandbox()
        try sandbox.ok(["account", "add", "中国石化"])
        let added = try sandbox.ok(["deal", "add", "--account", "中国石化", "Refinery pumps"])
        let deal = try #require(added.stdout.split(separator: " ").first { $0.hasPrefix("#") }.map { String($0.dropFirst()) })
        try sandbox.ok(["person", "add", "--account", "中国石化", "王总工", "--title", "总工程师"])
        try sandbox.ok(["person", "add", "--account", "中国石化", "李采购"])
        return (sandbox, deal)
    }

    private func today(plus days: Int) -> String {
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd"
        formatter.timeZone = .current
        return formatter.string(from: Date().addingTimeInterval(Double(days) * 86_400))
    }

    @Test("plan two, do one back-dated with a person met; the list shows planned and done, the next step follows", arguments: StoreKind.allCases)
    func planAndDo(_ kind: StoreKind) throws {
        let (sandbox, deal) = try world(kind)
        let quote = try sandbox.ok(["activity", "plan", deal, "send the quote", "--due", "+3", "--kind", "email"])
        let quoteID = try #require(quote.stdout.split(separator: " ").dropFirst().first.map(String.init))
        #expect(quote.stdout.hasPrefix("planned P") && quote.stdout.contains("Email: send the quote — \(today(plus: 3)), deal #\(deal)"), "\(quote)")
        #expect(quote.stdout.contains("next step of deal #\(deal): send the quote (\(today(plus: 3)))"), "\(quote)")
        let call = try sandbox.ok(["activity", "plan", deal, "call the chief engineer", "--due", "tomorrow", "--time", "9:30", "--kind", "call"])
        #expect(call.stdout.contains("— \(today(plus: 1)) 09:30") && call.stdout.contains("next step of deal #\(deal): call the chief engineer"), "\(call)")
        let callID = try #require(call.stdout.split(separator: " ").dropFirst().first.map(String.init))

        let done = try sandbox.ok(["activity", "done", callID, "--on", "yesterday", "--met", "王总工", "--notes", "spec agreed"])
        #expect(done.stdout.contains("done \(callID) on \(today(plus: -1)): logged Call #") && done.stdout.contains("with 王总工"), "\(done)")
        #expect(done.stdout.contains("next step of deal #\(deal): send the quote"), "\(done)")
        let person = try sandbox.ok(["person", "list", "--json"])
        #expect(person.stdout.contains("\"lastMet\" : \"\(today(plus: -1))\""), "\(person)")

        let list = try sandbox.ok(["activity", "list", "--deal", deal])
        let lines = list.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("ID") == true && lines.first?.contains("STATE") == true, "\(list)")
        #expect(lines.contains { $0.hasPrefix("P") && $0.contains(today(plus: 3)) && $0.contains("in 3 d") && $0.contains("send the quote") }, "\(list)")
        #expect(lines.contains { $0.hasPrefix("#") && $0.contains("done (\(callID))") && $0.contains("spec agreed") && $0.contains("王总工") }, "\(list)")
        let json = try sandbox.json(["activity", "list", "--deal", deal, "--json"]) as? [String: Any]
        #expect((json?["planned"] as? [Any])?.count == 1 && (json?["done"] as? [Any])?.count == 1)

        let cancelled = try sandbox.ok(["activity", "cancel", quoteID])
        #expect(cancelled.stdout.contains("cancelled") && cancelled.stdout.contains("has no next step planned"), "\(cancelled)")
    }

    @Test("an overdue plan is marked in the list", arguments: StoreKind.allCases)
    func overdue(_ kind: StoreKind) throws {
        let (sandbox, deal) = try world(kind)
        try sandbox.ok(["activity", "plan", deal, "send the samples", "--due=-2"])
        let list = try sandbox.ok(["activity", "list", "--deal", deal])
        #expect(list.stdout.contains("overdue 2 d"), "\(list)")
    }

    @Test("bad input gets one line and changes nothing", arguments: [
        (["activity", "plan", "{deal}", "x", "--due", "someday"], ["'someday' is not a date"]),
        (["activity", "plan", "{deal}", "x", "--due", "+1", "--time", "25:00"], ["--time: '25:00' is not a time"]),
        (["activity", "plan", "{deal}", "x", "--due", "+1", "--kind", "lunch"], ["--kind: 'lunch' is not one of"]),
        (["activity", "plan", "{deal}", " ", "--due", "+1"], ["a planned activity says what is to be done"]),
        (["activity", "plan", "999", "x", "--due", "+1"], ["no deal with id 999"]),
        (["activity", "plan", "abc", "x", "--due", "+1"], ["'abc' is not a deal id"]),
        (["activity", "done", "{plan}", "--on", "+2"], ["is after today", "plan it instead"]),
        (["activity", "done", "{plan}", "--met", "张三"], ["--met: '张三' is not a key person of this deal's account", "王总工"]),
        (["activity", "done", "P999"], ["no planned_activity with id 999"]),
        (["activity", "done", "x"], ["'x' is not a planned activity id"]),
        (["activity", "add", "visit", "--deal", "{deal}", "--date", "+1"], ["is after today"]),
    ])
    func badInput(arguments: [String], mentions: [String]) throws {
        let (sandbox, deal) = try world(.file)
        let planned = try sandbox.ok(["activity", "plan", deal, "call", "--due", "+1"])
        let plan = try #require(planned.stdout.split(separator: " ").dropFirst().first.map(String.init))
        let before = try sandbox.ok(["export", "--format", "json"]).stdout
        let result = try sandbox.run(arguments.map { $0.replacingOccurrences(of: "{deal}", with: deal).replacingOccurrences(of: "{plan}", with: plan) })
        CLITests().expectRefusal(result, mentioning: mentions)
        #expect(try sandbox.ok(["export", "--format", "json"]).stdout == before, "a refused command changed the store")
    }
}

/// A rep's morning on the command line: mine, a deal, two plans, one done with a person met, a
/// score changed and taken back; an undo refused once someone else changed the row. On a server
/// each person works through their own login role (the server ignores a claimed --user); on a
/// file --user names them.
@Suite("A rep's morning end to end")
struct RepMorningEndToEndTests {
    /// Someone at work on the store: `closer ARGS` as them.
    private struct Person {
        let sandbox: Sandbox
        let claim: [String]

        /// On a server the administrator first gives the demo's user a login role of their own.
        init(_ user: String, role: String, on sandbox: Sandbox) throws {
            if sandbox.isServer {
                try sandbox.ok(["user", "add", user, "--role", role])
                self.sandbox = try sandbox.loggedIn(as: user)
                claim = []
            } else {
                self.sandbox = sandbox
                claim = ["--user", user]
            }
        }

        @discardableResult
        func ok(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> RunResult {
            try sandbox.ok(arguments + claim, sourceLocation: sourceLocation)
        }
        func run(_ arguments: [String]) throws -> RunResult { try sandbox.run(arguments + claim) }
        func json(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> Any {
            try sandbox.json(arguments + claim, sourceLocation: sourceLocation)
        }
        func deals(_ extra: [String]) throws -> [[String: Any]] { try sandbox.deals(extra + claim) }
    }

    @Test(arguments: StoreKind.allCases) func morning(_ kind: StoreKind) throws {
        let store = try kind.withDemo()
        let rep = try Person("wang.lei", role: "rep", on: store), manager = try Person("sun.hao", role: "manager", on: store)
        let mine = try rep.deals(["--owner", "me"])
        let deal = try #require(mine.first { ($0["accountID"] as? Int) != nil })
        let dealID = try #require(deal["id"] as? Int), accountID = try #require(deal["accountID"] as? Int)
        let persons = try #require(try rep.json(["person", "list", "--account", "\(accountID)", "--json"]) as? [[String: Any]])
        let met = try #require(persons.first?["name"] as? String)

        try rep.ok(["activity", "plan", "\(dealID)", "call the chief engineer", "--due", "tomorrow", "--time", "10:00", "--kind", "call"])
        let quote = try rep.ok(["activity", "plan", "\(dealID)", "send the quote", "--due", "+3"])
        let quoteID = try #require(quote.stdout.split(separator: " ").dropFirst().first.map(String.init))
        let done = try rep.ok(["activity", "done", quoteID, "--met", met])
        #expect(done.stdout.contains("with \(met)"), "\(done)")
        let list = try rep.ok(["activity", "list", "--deal", "\(dealID)"])
        #expect(list.stdout.contains("call the chief engineer") && list.stdout.contains("done (\(quoteID))"), "\(list)")

        let before = try #require(try rep.json(["account", "show", "\(accountID)", "--json"]) as? [String: Any])
        try rep.ok(["account", "edit", "\(accountID)", "--loyalty", "10"])
        let undone = try rep.ok(["undo"])
        #expect(undone.stdout.hasPrefix("undone: scores · loyalty: 10 → "), "\(undone)")
        let after = try #require(try rep.json(["account", "show", "\(accountID)", "--json"]) as? [String: Any])
        #expect(after["loyalty"] as? Int == before["loyalty"] as? Int)

        // Changed again, then by the manager: the undo is refused and names them.
        try rep.ok(["account", "edit", "\(accountID)", "--loyalty", "9"])
        try manager.ok(["account", "edit", "\(accountID)", "--industry", "化工"])
        let refused = try rep.run(["undo"])
        CLITests().expectRefusal(refused, mentioning: ["was changed by sun.hao since", "nothing was undone"])
    }
}
