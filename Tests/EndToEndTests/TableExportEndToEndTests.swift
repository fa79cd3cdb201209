import Foundation
import Testing

/// `closer export TABLE` through the real binary: the query, the columns in order, Excel's BOM.
@Suite("Table export end to end")
struct TableExportEndToEndTests {
    @Test("deals of A accounts in the columns named, with a BOM; the file imports into an empty store as the same deals")
    func dealsWhereColumnsExcel() throws {
        let sandbox = try Sandbox.withDemo()
        let out = sandbox.path("a-deals.csv")
        let result = try sandbox.ok(["export", "deals", "--where", "grade:A", "--columns", "title,account,amount,currency,stage,process,close", "--excel", "--out", out, "--lang", "zh"])
        let data = try #require(FileManager.default.contents(atPath: out))
        #expect(data.starts(with: [0xEF, 0xBB, 0xBF]))
        let lines = String(decoding: data.dropFirst(3), as: UTF8.self).components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(lines[0] == "商机名称,客户名称,金额,币种,阶段,销售流程,预计成交日期")
        let expected = try sandbox.deals(["--where", "grade:A"])
        #expect(lines.count == expected.count + 1, "\(lines.count) lines for \(expected.count) deals")
        #expect(result.stderr.contains("exported \(expected.count) deals to \(out) (UTF-8 with BOM, for Excel)"), "\(result)")

        let copy = try Sandbox()
        let imported = try copy.ok(["import", out])
        #expect(imported.stdout.contains("\(expected.count) deals"), "\(imported)")
        let titles = Set(try copy.deals().compactMap { $0["title"] as? String })
        #expect(titles == Set(expected.compactMap { $0["title"] as? String }))
    }

    @Test("a column that is not one is refused with the list")
    func unknownColumn() throws {
        let sandbox = try Sandbox()
        let result = try sandbox.run(["export", "accounts", "--columns", "name,colour"])
        #expect(result.status != 0 && result.stderr.contains("'colour' is not a column; choose from id, name, grade"), "\(result)")
    }
}
