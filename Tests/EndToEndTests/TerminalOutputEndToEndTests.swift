import Foundation
import Testing

/// Every control and bidi character in stored names, through every way Closer prints them:
/// text tables, JSON, CSV to a terminal (a pty), CSV to a file, the whole-store export, the log.
/// Read as raw bytes: nothing a terminal would act on may come out, except in a file or pipe,
/// which gets the exact text back.
@Suite("What reaches the terminal")
struct TerminalOutputEndToEndTests {
    /// C0 without the layout characters and NUL, DEL, C1, and the bidi embeddings, overrides,
    /// isolates and marks.
    static let controls: [Unicode.Scalar] = (Array(0x01...0x08) + [0x0B, 0x0C] + Array(0x0E...0x1F) + [0x7F] + Array(0x80...0x9F)
        + Array(0x202A...0x202E) + Array(0x2066...0x2069) + [0x200E, 0x200F, 0x061C]).compactMap(Unicode.Scalar.init)

    static var hostile: String {
        "Evil" + String(String.UnicodeScalarView(controls)) + "\u{1B}]52;c;QUFBQQ==\u{07}\u{1B}[2J\u{1B}[6n\u{1B}P1$q\u{1B}\\Corp"
    }

    /// Any character of `controls` or ESC in the bytes, as text.
    static func controlsIn(_ data: Data) -> [String] {
        let text = String(decoding: data, as: UTF8.self)
        return text.unicodeScalars.filter { controls.contains($0) || $0 == "\u{1B}" }.map { String(format: "U+%04X", $0.value) }
    }

    /// A sandbox whose first demo deal and its account carry the hostile name, as an older
    /// version (which did not refuse them) could have stored it.
    static func sandbox() throws -> (Sandbox, Int) {
        let sandbox = try Sandbox.withDemo()
        let deal = try #require(try sandbox.deals().first)
        let dealID = try #require(deal["id"] as? Int), accountID = try #require(deal["accountID"] as? Int)
        try sandbox.writeLegacy(table: "deal", id: Int64(dealID), column: "title", value: hostile)
        try sandbox.writeLegacy(table: "account", id: Int64(accountID), column: "name", value: hostile)
        return (sandbox, dealID)
    }

    @Test("text tables, JSON, the log and the whole-store export carry no control character")
    func textAndJSON() throws {
        let (sandbox, dealID) = try Self.sandbox()
        for arguments in [["deal", "list"], ["deal", "list", "--json"], ["deal", "show", "\(dealID)"], ["account", "list"],
                          ["account", "list", "--json"], ["export", "--format", "json"], ["export", "deals", "--format", "json"],
                          ["log", "--limit", "20"], ["report", "weekly"], ["report", "weekly", "--format", "json"]] {
            let result = try sandbox.ok(arguments)
            #expect(Self.controlsIn(result.stdoutData).isEmpty, "closer \(arguments.joined(separator: " ")): \(Self.controlsIn(result.stdoutData))")
            #expect(Self.controlsIn(Data(result.stderr.utf8)).isEmpty)
        }
        // JSON still carries the exact name, escaped.
        let json = try sandbox.ok(["deal", "list", "--json", "--limit", "1000"]).stdoutData
        let rows = try #require(try JSONSerialization.jsonObject(with: json) as? [[String: Any]])
        #expect(rows.contains { $0["title"] as? String == Self.hostile }, "the JSON decodes to the stored title")
    }

    @Test("CSV to a terminal is shown safely; CSV to a file or pipe is exact, and the file is the owner's only")
    func csv() throws {
        let (sandbox, _) = try Self.sandbox()
        // In a pty, as a user at a terminal runs it (script(1) copies what the pty got).
        let command = "'\(sandbox.closer)' export deals --columns title,account"
        let tty = try runProcess("/usr/bin/script", ["-qec", command, "/dev/null"], environment: sandbox.environment, timeout: 30)
        #expect(tty.status == 0, "\(tty)")
        #expect(tty.stdout.contains("Evil") && tty.stdout.contains("Corp"), "\(tty.stdout.prefix(400))")
        #expect(Self.controlsIn(tty.stdoutData).isEmpty, "to a terminal: \(Self.controlsIn(tty.stdoutData))")
        // To a pipe: the exact text, for scripts.
        let piped = try sandbox.ok(["export", "deals", "--columns", "title"])
        #expect(piped.stdout.contains(Self.hostile), "a pipe gets the exact title")
        // To a file: exact, and readable by the owner only.
        let file = sandbox.path("deals.csv")
        try sandbox.ok(["export", "deals", "--columns", "title", "-o", file])
        let data = try #require(FileManager.default.contents(atPath: file))
        #expect(String(decoding: data, as: UTF8.self).contains(Self.hostile))
        let mode = try #require(try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int)
        #expect(mode & 0o077 == 0, "export file mode \(String(mode, radix: 8))")
        let whole = sandbox.path("store.json")
        try sandbox.ok(["export", "--format", "json", "-o", whole])
        let wholeMode = try #require(try FileManager.default.attributesOfItem(atPath: whole)[.posixPermissions] as? Int)
        #expect(wholeMode & 0o077 == 0, "whole-store export mode \(String(wholeMode, radix: 8))")
    }

    @Test("names with control characters are refused at every door, in one line that quotes none of them")
    func refusedOnInput() throws {
        let sandbox = try Sandbox.withDemo()
        let account = try #require(try sandbox.deals().first?["account"] as? String)
        for arguments in [["account", "add", Self.hostile], ["deal", "add", "--account", account, Self.hostile],
                          ["person", "add", "--account", account, Self.hostile], ["filter", "save", "x\u{1B}[2J", "grade:A"],
                          ["user", "add", "bad\u{9B}name", "--role", "rep"]] {
            let result = try sandbox.run(arguments)
            #expect(result.status != 0 && result.stderrLines.count == 1, "closer \(arguments.first ?? ""): \(result)")
            #expect(result.stderr.contains("control character U+"), "\(result.stderr)")
            #expect(Self.controlsIn(Data(result.stderr.utf8)).isEmpty && Self.controlsIn(result.stdoutData).isEmpty)
        }
    }
}
