import Foundation
import Testing

/// Exports for Excel and calendars, and backup / restore, through the real binary.
@Suite("Export, backup and restore end to end")
struct ExportBackupEndToEndTests {
    @Test("--excel writes CSV files that start with a BOM, and they import back")
    func excel() throws {
        let sandbox = try Sandbox.withDemo()
        let folder = sandbox.path("excel")
        try sandbox.ok(["export", "--format", "csv", "--excel", "-o", folder])
        let accounts = try #require(FileManager.default.contents(atPath: (folder as NSString).appendingPathComponent("accounts.csv")))
        #expect(accounts.starts(with: [0xEF, 0xBB, 0xBF]))
        #expect(String(decoding: accounts.dropFirst(3), as: UTF8.self).hasPrefix("id,name,"))
        let fresh = try Sandbox()
        let result = try fresh.ok(["import", folder])
        #expect(result.stdout.contains("imported"), "\(result)")
        let refused = try sandbox.run(["export", "--format", "json", "--excel"])
        #expect(refused.status != 0)
    }

    @Test("export --format ics lists next steps and planned activities as all-day events")
    func ics() throws {
        let sandbox = try Sandbox.withDemo()
        let row = try #require(try sandbox.deals().first)
        let deal = try #require(row["id"] as? Int), title = try #require(row["title"] as? String)
        try sandbox.ok(["deal", "next-step", "\(deal)", "Send the quote, then call", "--due", "+2"])
        let planned = try sandbox.ok(["activity", "plan", "\(deal)", "Site visit", "--due", "+3", "--time", "09:30"])
        let plan = try #require(planned.stdout.split(separator: " ").dropFirst().first.map(String.init))
        let result = try sandbox.ok(["export", "--format", "ics"])
        #expect(result.stdout.hasPrefix("BEGIN:VCALENDAR\r\n"))
        let unfolded = result.stdout.replacingOccurrences(of: "\r\n ", with: "")
        #expect(unfolded.contains("SUMMARY:Send the quote\\, then call — \(title)"), "\(unfolded)")
        #expect(unfolded.contains("UID:plan-\(plan.dropFirst())@closer") && unfolded.contains("SUMMARY:09:30 Site visit — \(title)"))
        #expect(!unfolded.contains("UID:deal-\(deal)-next-step@closer"))
    }

    @Test("backup, change, restore: the store is back as it was; a non-Closer file is refused in one line")
    func backupRestore() throws {
        let sandbox = try Sandbox.withDemo()
        let before = try sandbox.ok(["export", "--format", "json"]).stdout
        let backup = sandbox.path("backup.sqlite")
        let made = try sandbox.ok(["backup", backup])
        #expect(made.stdout.contains("backed up") && made.stdout.contains("checked"), "\(made)")
        #expect(try sandbox.run(["backup", backup]).status != 0)
        let deal = try #require(try sandbox.deals().first?["id"] as? Int)
        try sandbox.ok(["deal", "delete", "\(deal)"])
        #expect(try sandbox.ok(["export", "--format", "json"]).stdout != before)
        let restored = try sandbox.ok(["restore", backup])
        #expect(restored.stdout.contains("restored"), "\(restored)")
        let after = try sandbox.ok(["export", "--format", "json"]).stdout
        // The restore itself is not logged in the restored data, so the exports are equal.
        #expect(after == before)
        let junk = sandbox.path("junk.sqlite")
        try Data("not a database".utf8).write(to: URL(fileURLWithPath: junk))
        let refused = try sandbox.run(["restore", junk])
        #expect(refused.status != 0 && refused.stderrLines.count == 1 && refused.stderr.contains("not a Closer backup"), "\(refused)")
        #expect(try sandbox.ok(["export", "--format", "json"]).stdout == before)
    }
}
