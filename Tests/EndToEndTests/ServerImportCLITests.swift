import Foundation
import Testing

/// `closer import` of another program's spreadsheet on a PostgreSQL server, as reps connected
/// with their own login roles: row-level security decides what each row may touch.
@Suite("On a server: importing another program's file as a rep")
struct ServerImportCLITests {
    @Test("a row for another rep's exclusive account is refused naming its holder, never duplicated; --skip-bad imports the rest as the connected rep")
    func repImportsUnderTheRules() throws {
        let sandbox = try Sandbox("closer-e2e-server-import")
        let db = try ServerDatabase()
        let suffix = UUID().uuidString.prefix(6).lowercased()
        let (manager, holder, importer) = ("li.na_\(suffix)", "wang.lei_\(suffix)", "zhao.min_\(suffix)")
        try sandbox.ok(["server", "init", "--db", db.admin])
        try sandbox.ok(["user", "add", manager, "--role", "manager", "--db", db.admin])
        for rep in [holder, importer] { try sandbox.ok(["user", "add", rep, "--role", "rep", "--db", db.url(as: manager)]) }
        let added = try sandbox.ok(["account", "add", "宝钢湛江", "--db", db.url(as: holder)])
        let id = try #require(added.stdout.split(separator: "#").last.flatMap { $0.prefix { $0.isNumber } }.map(String.init))
        try sandbox.ok(["account", "exclusive", id, "--db", db.url(as: holder)])

        let csv = sandbox.path("deals.csv")
        try Data("商机名称,客户名称,金额,阶段\n高炉改造,宝钢湛江,120万,开发\n泵站改造,华东石化,80万,提案\n".utf8).write(to: URL(fileURLWithPath: csv))
        let preview = try sandbox.run(["import", csv, "--dry-run", "--db", db.url(as: importer)])
        #expect(preview.status == 0 && preview.stdout.contains("nothing was written") && preview.stdout.contains(holder), "\(preview)")
        let refused = try sandbox.run(["import", csv, "--db", db.url(as: importer)])
        #expect(refused.status != 0 && refused.stderrLines.count == 1, "\(refused)")
        #expect(refused.stderr.contains("宝钢湛江") && refused.stderr.contains(holder) && refused.stderr.contains("nothing was imported"), "\(refused)")

        let imported = try sandbox.ok(["import", csv, "--skip-bad", "--db", db.url(as: importer)])
        #expect(imported.stdout.contains("imported deals.csv"), "\(imported)")
        let mine = try sandbox.ok(["deal", "list", "--db", db.url(as: importer)])
        #expect(mine.stdout.contains("泵站改造") && !mine.stdout.contains("高炉改造"), "\(mine)")
        // One 宝钢湛江 on the server, still the holder's; the new account is the importer's.
        let all = try sandbox.ok(["account", "list", "--db", db.url(as: manager)])
        #expect(all.stdout.components(separatedBy: "宝钢湛江").count == 2, "\(all)")
        let log = try sandbox.ok(["log", "--db", db.admin])
        #expect(log.stdout.contains("imported") && log.stdout.contains(importer), "\(log)")
    }
}
