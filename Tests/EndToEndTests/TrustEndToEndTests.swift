import Foundation
import Testing

/// The trust issue's reproduction, through the real binary: repa's exclusive account and its
/// deal, looked at and written to by repb at every door the CLI has; and two writers editing
/// one deal.
@Suite("Every door follows the team's rules")
struct TrustEndToEndTests {
    /// A manager, two reps; repa's exclusive SECRETCO with a deal, a person, an activity and a saved filter.
    static func team() throws -> Sandbox {
        let sandbox = try Sandbox()
        try sandbox.ok(["user", "add", "boss", "--role", "manager", "--user", "boss"])
        try sandbox.ok(["user", "add", "repa", "--role", "rep", "--user", "boss"])
        try sandbox.ok(["user", "add", "repb", "--role", "rep", "--user", "boss"])
        try sandbox.ok(["account", "add", "SECRETCO Ltd", "--user", "repa"])
        try sandbox.ok(["account", "exclusive", "1", "--user", "repa"])
        try sandbox.ok(["deal", "add", "SECRETDEAL", "--account", "1", "--amount", "5M", "--user", "repa"])
        try sandbox.ok(["person", "add", "--account", "1", "SECRETPERSON", "--user", "repa"])
        try sandbox.ok(["activity", "add", "visit", "--deal", "1", "--notes", "SECRETNOTE", "--user", "repa"])
        try sandbox.ok(["filter", "save", "repa-hot", "SECRETCO", "--user", "repa"])
        return sandbox
    }

    static let secrets = ["SECRETCO", "SECRETDEAL", "SECRETPERSON", "SECRETNOTE"]

    @Test("repb reads nothing of repa's exclusive account at any door")
    func reads() throws {
        let sandbox = try Self.team()
        let doors: [[String]] = [
            ["deal", "list"], ["deal", "list", "--account", "1"], ["deal", "list", "--search", "SECRET"], ["deal", "list", "--search", "sl"],
            ["deal", "list", "--where", "grade:C"], ["deal", "list", "--owner", "repa"], ["deal", "list", "--json"],
            ["person", "list"], ["activity", "list"], ["account", "list"], ["account", "list", "--search", "SECRET"],
            ["export", "deals"], ["export", "accounts"], ["export", "persons"], ["export", "--format", "json"], ["export", "--format", "ics"],
            ["report", "weekly"], ["report", "weekly", "--format", "json"], ["report", "weekly", "--format", "csv"],
            ["report", "weekly", "--format", "markdown"], ["report", "forecast"], ["report", "stalled"],
            ["log"], ["log", "--entity", "deal", "--id", "1"], ["filter", "list"], ["pool", "warnings"],
        ]
        for door in doors {
            let result = try sandbox.run(door + ["--user", "repb"])
            let text = result.stdout + result.stderr
            #expect(!Self.secrets.contains { text.contains($0) }, "closer \(door.joined(separator: " ")) as repb shows repa's data:\n\(text)")
        }
        // Single reads are refused, naming the owner and nothing more.
        for door in [["deal", "show", "1"], ["person", "show", "1"], ["activity", "show", "1"], ["account", "show", "1"], ["orgchart", "1"],
                     ["report", "weekly", "--rep", "repa"]] {
            let result = try sandbox.run(door + ["--user", "repb"])
            #expect(result.status != 0 && result.stderrLines.count == 1, "closer \(door.joined(separator: " ")): \(result)")
            #expect(!Self.secrets.contains { result.stderr.contains($0) }, "\(result.stderr)")
        }
        // The dry run of an import that names repa's deal says the row is not repb's to change, and nothing of it.
        let file = sandbox.path("deals.csv")
        try Data("Deal Name,Company,Amount\nSECRETDEAL,SECRETCO Ltd,9M\n".utf8).write(to: URL(fileURLWithPath: file))
        let dry = try sandbox.run(["import", file, "--dry-run", "--user", "repb"])
        #expect(!dry.stdout.contains("would update") && dry.stdout.contains("private to repa"), "\(dry)")
        // The owner and the manager see it.
        for user in ["repa", "boss"] {
            #expect(try sandbox.ok(["deal", "list", "--user", user]).stdout.contains("SECRETDEAL"))
            #expect(try sandbox.ok(["log", "--user", user]).stdout.contains("SECRETDEAL"))
        }
    }

    @Test("repb's writes to repa's exclusive account are refused and change nothing")
    func writes() throws {
        let sandbox = try Self.team()
        let before = try sandbox.ok(["export", "--format", "json", "--user", "boss"]).stdout
        let writes: [[String]] = [
            ["deal", "add", "X", "--account", "1"], ["person", "add", "--account", "1", "X"], ["activity", "add", "call", "--account", "1"],
            ["activity", "add", "call", "--deal", "1"], ["deal", "edit", "1", "--amount", "1"], ["deal", "move", "1", "entry", "--force", "--reason", "x"],
            ["deal", "milestone", "1", "graded", "--done"], ["deal", "next-step", "1", "x"], ["deal", "lost", "1", "--reason", "x"],
            ["deal", "delete", "1"], ["person", "edit", "1", "--title", "x"], ["account", "edit", "1", "--notes", "x"], ["account", "claim", "1"],
            ["filter", "delete", "repa-hot"], ["user", "add", "repb", "--role", "manager"],
        ]
        for write in writes {
            let result = try sandbox.run(write + ["--user", "repb"])
            #expect(result.status != 0 && result.stderrLines.count == 1, "closer \(write.joined(separator: " ")) as repb: \(result)")
        }
        // A name that is not a user is told to be added, and sees nothing.
        let stranger = try sandbox.run(["deal", "list", "--user", "nosuchuser"])
        #expect(stranger.status != 0 && stranger.stderr.contains("closer user add nosuchuser"), "\(stranger)")
        #expect(!stranger.stdout.contains("SECRETDEAL"))
        // Nothing changed: the export (which includes the log) is byte-identical.
        #expect(try sandbox.ok(["export", "--format", "json", "--user", "boss"]).stdout == before)
    }

    @Test("two writers editing different fields of one deal both keep their edit; a stale --expect-version is refused naming who")
    func concurrentEdits() throws {
        let sandbox = try Sandbox.withDemo()
        let deal = try #require(try sandbox.deals().first?["id"] as? Int)
        let group = DispatchGroup()
        let failures = Failures()
        for round in 0..<12 {
            for (field, value) in [("--amount", "\(100 + round)"), ("--close", "2027-01-\(10 + round)")] {
                group.enter()
                DispatchQueue.global().async {
                    defer { group.leave() }
                    if let result = try? sandbox.run(["deal", "edit", "\(deal)", field, value]), result.status != 0 { failures.add("\(result)") }
                }
            }
        }
        group.wait()
        #expect(failures.all.isEmpty, "edits without --expect-version were refused: \(failures.all)")
        let shown = try sandbox.ok(["deal", "show", "\(deal)", "--json"]).stdout
        #expect(shown.contains("\"expectedClose\" : \"2027-01-"), "\(shown.prefix(300))")
        // A version read before someone else's save is refused, naming them; nothing is overwritten.
        let version = try #require((try sandbox.json(["deal", "show", "\(deal)", "--json"]) as? [String: Any])?["version"] as? Int)
        try sandbox.ok(["deal", "edit", "\(deal)", "--amount", "7M", "--user", "sun.hao"])
        let stale = try sandbox.run(["deal", "edit", "\(deal)", "--amount", "1", "--expect-version", "\(version)"])
        #expect(stale.status != 0 && stale.stderr.contains("changed by sun.hao"), "\(stale)")
    }

    @Test("the Entry gate is passed by the org chart's data, not by a tick")
    func evidenceGate() throws {
        let sandbox = try Sandbox()
        try sandbox.ok(["account", "add", "宝钢股份"])
        try sandbox.ok(["deal", "add", "热轧线改造", "--account", "1", "--stage", "entry"])
        let tick = try sandbox.run(["deal", "milestone", "1", "coach-and-key-persons", "--done"])
        #expect(tick.status != 0 && tick.stderrLines.count == 1, "\(tick)")
        #expect(tick.stderr.contains("proven by the account's data") && tick.stderr.contains("no inside coach and no decision-maker"), "\(tick)")
        let move = try sandbox.run(["deal", "move", "1", "proposal"])
        #expect(move.status != 0 && move.stderr.contains("coach-and-key-persons"), "\(move)")
        // The data proves it: a coach and a decision-maker on the chart open the gate.
        try sandbox.ok(["person", "add", "--account", "1", "王总", "--level", "decision"])
        try sandbox.ok(["person", "add", "--account", "1", "李工", "--coach", "yes"])
        try sandbox.ok(["deal", "move", "1", "proposal"])
    }
}

final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [String] = []
    func add(_ text: String) { lock.withLock { items.append(text) } }
    var all: [String] { lock.withLock { items } }
}
