import Foundation
import Testing

/// The command line, driven as a script would: real binary, pipes, exit codes.
@Suite("CLI end to end")
struct CLITests {
    /// The first open deal of the project process, and its account id.
    private func someDeal(_ sandbox: Sandbox) throws -> (id: Int, accountID: Int) {
        let rows = try sandbox.deals(["--process", "project"])
        guard let row = rows.first, let id = row["id"] as? Int, let account = row["accountID"] as? Int else {
            throw E2EError("the demo store has no open project deal")
        }
        return (id, account)
    }

    /// What a refused command must look like: non-zero exit, nothing on stdout, one line on
    /// stderr that says what was wrong.
    func expectRefusal(_ result: RunResult, mentioning words: [String], oneLine: Bool = true,
                               sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(result.status != 0, "expected a refusal: \(result)", sourceLocation: sourceLocation)
        #expect(!result.timedOut, sourceLocation: sourceLocation)
        #expect(result.stdout.isEmpty, "a refusal printed to stdout: \(result)", sourceLocation: sourceLocation)
        let lines = result.stderrLines
        #expect(!lines.isEmpty, "no message on stderr: \(result)", sourceLocation: sourceLocation)
        if oneLine {
            #expect(lines.count == 1, "the message should be one line: \(result)", sourceLocation: sourceLocation)
        }
        let first = lines.first ?? ""
        for word in words {
            #expect(first.contains(word), "the message should mention “\(word)”: \(result)", sourceLocation: sourceLocation)
        }
    }

    /// A fingerprint of everything in a store: the whole JSON export, canonicalised (the
    /// export writes sets in hash order, see `exportIsDeterministic`).
    func fingerprint(_ sandbox: Sandbox) throws -> String {
        let export = try JSONSerialization.jsonObject(with: try sandbox.ok(["export", "--format", "json"]).stdoutData)
        return String(decoding: try JSONSerialization.data(withJSONObject: canonical(export), options: [.sortedKeys]), as: UTF8.self)
    }

    /// Arrays of strings sorted (they are sets in the model); everything else as it is.
    private func canonical(_ value: Any) -> Any {
        if let object = value as? [String: Any] { return object.mapValues(canonical) }
        if let strings = value as? [String] { return strings.sorted() }
        if let array = value as? [Any] { return array.map(canonical) }
        return value
    }

    @Test("two exports of the same store are byte-identical")
    func exportIsDeterministic() throws {
        let sandbox = try Sandbox.withDemo()
        let exports = try (0..<3).map { _ in try sandbox.ok(["export", "--format", "json"]).stdout }
        #expect(exports[0] == exports[1] && exports[1] == exports[2], "the JSON export differs between runs on an unchanged store")
        let canonicalExports = try exports.map { export in
            String(decoding: try JSONSerialization.data(withJSONObject: canonical(try JSONSerialization.jsonObject(with: Data(export.utf8))),
                                                        options: [.sortedKeys]), as: UTF8.self)
        }
        #expect(Set(canonicalExports).count == 1, "the exports differ in more than set order")
    }

    @Test("demo on a new store prints what it loaded; deal list --json parses")
    func demoAndJSON() throws {
        let sandbox = try Sandbox()
        let demo = try sandbox.ok(["demo"])
        let counts = try #require(demo.stdout.firstMatch(of: /(\d+) accounts, (\d+) persons, (\d+) deals, (\d+) activities/),
                                  "closer demo should print the counts it loaded: \(demo)")
        #expect(Int(counts.1)! > 0 && Int(counts.3)! > 0)

        let list = try sandbox.ok(["deal", "list", "--json", "--all", "--limit", "1000"])
        let rows = try #require(try JSONSerialization.jsonObject(with: list.stdoutData) as? [[String: Any]])
        #expect(rows.count == Int(counts.3)!, "deal list --all should list every deal the demo loaded")
        for key in ["id", "title", "account", "process", "stage", "amountMinor", "currency", "atRisk", "version"] {
            #expect(rows.first?[key] != nil, "deal list --json rows have “\(key)”")
        }

        // The demo loads into an empty store only.
        expectRefusal(try sandbox.run(["demo"]), mentioning: ["already has data"])
    }

    @Test("bad input: one line on stderr, non-zero exit, nothing written")
    func badInput() throws {
        let sandbox = try Sandbox.withDemo()
        let deal = try someDeal(sandbox)
        let before = try fingerprint(sandbox)
        let id = String(deal.id), account = String(deal.accountID)

        expectRefusal(try sandbox.run(["deal", "move", id, "nosuch"]), mentioning: ["nosuch"])
        expectRefusal(try sandbox.run(["deal", "add", "--account", account, "E2E bad amount", "--amount", "abc"]), mentioning: ["'abc'", "amount"])
        expectRefusal(try sandbox.run(["deal", "add", "--account", account, "E2E bad date", "--close", "2026-02-30"]), mentioning: ["2026-02-30"])
        expectRefusal(try sandbox.run(["deal", "show", "99999"]), mentioning: ["99999"])
        expectRefusal(try sandbox.run(["deal", "move", id, "entry", "--force"]), mentioning: ["--reason"], oneLine: false)
        expectRefusal(try sandbox.run(["deal", "next-step", id, "  "]), mentioning: ["next step"])

        #expect(try fingerprint(sandbox) == before, "a refused command changed the store")
    }

    @Test("--force without --reason: the first stderr line says why (usage may follow)")
    func forceWithoutReasonIsOneLine() throws {
        let sandbox = try Sandbox.withDemo()
        let deal = try someDeal(sandbox)
        let result = try sandbox.run(["deal", "move", String(deal.id), "entry", "--force"])
        #expect(result.stderrLines.count == 1, "\(result)")
    }

    @Test("a file that is not a database, passed as --db, gives a clear message and is left alone")
    func notADatabase() throws {
        let sandbox = try Sandbox()
        let bogus = sandbox.path("notes.sqlite")
        let content = Data(String(repeating: "this is not a database\n", count: 200).utf8)
        try content.write(to: URL(fileURLWithPath: bogus))
        let result = try sandbox.run(["deal", "list", "--db", bogus])
        expectRefusal(result, mentioning: ["not a Closer store"])
        #expect(result.stderr.contains(bogus), "the message names the file: \(result)")
        #expect(FileManager.default.contents(atPath: bogus) == content, "the file was changed")
    }

    @Test("import: same export twice is refused, malformed JSON and bad CSV name file, row and column")
    func importRefusals() throws {
        let source = try Sandbox.withDemo()
        let export = source.path("export.json")
        try source.ok(["export", "--format", "json", "--out", export])

        let target = try Sandbox()
        let first = try target.ok(["import", export])
        #expect(first.stdout.contains("imported"), "\(first)")
        let afterFirst = try fingerprint(target)
        let second = try target.run(["import", export])
        expectRefusal(second, mentioning: [])
        #expect(try fingerprint(target) == afterFirst, "the refused second import changed the store")
        #expect(try target.deals(["--all"]).count == (try source.deals(["--all"])).count)

        // Malformed JSON: the message names the file.
        let empty = try Sandbox()
        let broken = empty.path("broken.json")
        try Data("{\"format\": 1, \"accounts\": [ {\"id\": ".utf8).write(to: URL(fileURLWithPath: broken))
        expectRefusal(try empty.run(["import", broken]), mentioning: ["broken.json"])

        // A CSV of deals with a bad amount on its second data row: file, row and column named.
        let csv = empty.path("deals.csv")
        try """
        id,account_id,title,process,stage,amount
        1,1,Good amount,project,develop,1200
        2,1,Bad amount,project,develop,12x

        """.write(toFile: csv, atomically: true, encoding: .utf8)
        expectRefusal(try empty.run(["import", csv]), mentioning: ["deals.csv", "row 3", "amount", "12x"])

        // Nothing of either reached the store.
        let accounts = try empty.json(["account", "list", "--json"]) as? [Any]
        #expect(accounts?.isEmpty == true)
        #expect(try empty.deals(["--all"]).isEmpty)
    }

    @Test("export json → import into a new store → export again gives the same data")
    func exportImportRoundTrip() throws {
        let source = try Sandbox.withDemo()
        let first = try JSONSerialization.jsonObject(with: try source.ok(["export", "--format", "json"]).stdoutData) as? [String: Any]
        let file = source.path("export.json")
        try source.ok(["export", "--format", "json", "--out", file])

        let target = try Sandbox()
        try target.ok(["import", file])
        let second = try JSONSerialization.jsonObject(with: try target.ok(["export", "--format", "json"]).stdoutData) as? [String: Any]

        for key in ["accounts", "persons", "deals", "activities"] {
            let a = try #require((canonical(first ?? [:]) as? [String: Any])?[key] as? [Any], "export has “\(key)”")
            let b = try #require((canonical(second ?? [:]) as? [String: Any])?[key] as? [Any], "re-export has “\(key)”")
            #expect(!a.isEmpty, "the demo has \(key)")
            #expect(a.count == b.count, "\(key): \(a.count) exported, \(b.count) after the round trip")
            if (a as NSArray) != (b as NSArray) {
                let firstDifference = zip(a, b).first { !(($0 as? NSObject)?.isEqual($1) ?? false) }
                Issue.record("\(key) differ after export → import → export; first difference:\n\(String(describing: firstDifference?.0))\nvs\n\(String(describing: firstDifference?.1))")
            }
        }
    }

    @Test("CSV folder export → import gives the same deals")
    func csvRoundTrip() throws {
        let source = try Sandbox.withDemo()
        let folder = source.path("csv")
        try source.ok(["export", "--format", "csv", "--out", folder])
        let target = try Sandbox()
        try target.ok(["import", folder])
        let a = try source.deals(["--all", "--sort", "id"]).map { "\($0["id"]!) \($0["title"]!) \($0["stage"]!) \($0["amountMinor"]!)" }
        let b = try target.deals(["--all", "--sort", "id"]).map { "\($0["id"]!) \($0["title"]!) \($0["stage"]!) \($0["amountMinor"]!)" }
        #expect(a == b)
    }
}
