import Foundation
import Testing

/// `closer import` of other programs' spreadsheets, through the real binary.
@Suite("Import end to end")
struct ImportEndToEndTests {
    static let csv = "Deal Name,Account Name,Amount,Stage,Close Date\r\nBoiler,中国石化,\"¥1,200,000.00\",Proposal,2026/12/1\r\n扩建,宝钢,120万,投标,2026年11月30日\r\n"

    private func write(_ data: Data, _ name: String, in sandbox: Sandbox) throws -> String {
        let path = sandbox.path(name)
        try data.write(to: URL(fileURLWithPath: path))
        return path
    }

    private func dealCount(_ sandbox: Sandbox) throws -> Int {
        let export = try JSONSerialization.jsonObject(with: try sandbox.ok(["export", "--format", "json"]).stdoutData) as? [String: Any]
        return (export?["deals"] as? [Any])?.count ?? -1
    }

    /// The demo has a won deal and its open follow-up of one title at one account: a rep's own
    /// export of open deals, one amount edited, changes that one deal and nothing else.
    @Test("a rep's export of open deals, one amount edited, imports back as one change: the won deal of the same title is untouched")
    func editedExportChangesOneDeal() throws {
        let sandbox = try Sandbox.withDemo()
        func snapshotDeals() throws -> [[String: Any]] {
            let export = try JSONSerialization.jsonObject(with: try sandbox.ok(["export", "--format", "json"]).stdoutData) as? [String: Any]
            return export?["deals"] as? [[String: Any]] ?? []
        }
        let deals = try snapshotDeals()
        func key(_ deal: [String: Any]) -> String { "\(deal["accountID"] ?? "")/\(deal["title"] ?? "")" }
        let closed = try #require(deals.first { deal in
            deal["outcome"] as? String != "open" && deals.contains { $0["outcome"] as? String == "open" && key($0) == key(deal) && $0["owner"] as? String == deal["owner"] as? String }
        }, "the demo has a closed deal whose title an open deal of its account and owner reuses")
        let rep = try #require(closed["owner"] as? String)
        let path = sandbox.path("mine.csv")
        _ = try sandbox.ok(["export", "deals", "--user", rep, "--out", path])
        var lines = try String(contentsOfFile: path, encoding: .utf8).components(separatedBy: "\r\n")
        #expect(lines.first?.hasPrefix("Closer Deal ID,Deal Name,Account Name,Stage,Process,Amount,Currency") == true, "\(lines.first ?? "")")
        let edited = try #require(lines.indices.dropFirst().first { !lines[$0].isEmpty })
        var fields = lines[edited].components(separatedBy: ",")
        let editedID = try #require(Int(fields[0]))
        fields[5] = "987654.00"
        lines[edited] = fields.joined(separator: ",")
        try lines.joined(separator: "\r\n").write(toFile: path, atomically: true, encoding: .utf8)
        let imported = try sandbox.ok(["import", path, "--user", rep])
        #expect(imported.stdout.contains("updated 1 deal;"), "\(imported)")
        let after = try snapshotDeals()
        for before in deals {
            let id = before["id"] as? Int
            let now = try #require(after.first { $0["id"] as? Int == id })
            #expect(now["externalID"] == nil, "deal \(id ?? 0) got an external id")
            guard id != editedID else { continue }
            #expect(now["version"] as? Int == before["version"] as? Int && now["outcome"] as? String == before["outcome"] as? String, "deal \(id ?? 0)")
        }
        #expect((after.first { $0["id"] as? Int == editedID }?["amount"] as? [String: Any])?["minorUnits"] as? Int == 98_765_400)
    }

    @Test("dry run lists the plan and writes nothing; the import then creates it; again, it is unchanged")
    func dryRunThenImport() throws {
        let sandbox = try Sandbox()
        let path = try write(Data(Self.csv.utf8), "deals.csv", in: sandbox)
        let dry = try sandbox.ok(["import", path, "--dry-run"])
        #expect(dry.stdout.contains("would create 2 accounts, 2 deals") && dry.stdout.contains("line 3  create  deal  扩建"), "\(dry)")
        #expect(try dealCount(sandbox) == 0)
        let real = try sandbox.ok(["import", path])
        #expect(real.stdout.contains("created 2 accounts, 2 deals"), "\(real)")
        let again = try sandbox.ok(["import", path])
        #expect(again.stdout.contains("unchanged 2 deals"), "\(again)")
        #expect(try dealCount(sandbox) == 2)
    }

    @Test("a European DD-MM-YY column is read day first and the dry run says so; an ambiguous one is refused until --date-format or the mapping file says")
    func dateFormats() throws {
        let sandbox = try Sandbox()
        let european = try write(Data("Deal Name,Account Name,Close Date\r\nBoiler,Acme,01-03-17\r\nPumps,Acme,25-12-17\r\n".utf8), "eu.csv", in: sandbox)
        let dry = try sandbox.ok(["import", european, "--dry-run"])
        #expect(dry.stdout.contains("dates: 'Close Date' read as DD-MM-YY"), "\(dry)")
        _ = try sandbox.ok(["import", european])
        let closes = try sandbox.deals().compactMap { $0["expectedClose"] as? String }.sorted()
        #expect(closes == ["2017-03-01", "2017-12-25"], "\(closes)")

        let ambiguous = try write(Data("Deal Name,Account Name,Close Date\nValves,宝钢,01/03/2017\nSeals,宝钢,02/04/2017\n".utf8), "us.csv", in: sandbox)
        let refused = try sandbox.run(["import", ambiguous])
        #expect(refused.status != 0 && refused.stderrLines.count == 1, "\(refused)")
        #expect(refused.stderr.contains("read both as DD/MM/YYYY and MM/DD/YYYY") && refused.stderr.contains("--date-format MM/DD/YYYY"), "\(refused)")
        let told = try sandbox.ok(["import", ambiguous, "--date-format", "MM/DD/YYYY", "--dry-run"])
        #expect(told.stdout.contains("'Close Date' read as MM/DD/YYYY (as told)"), "\(told)")
        let mapping = try write(Data(#"{"dateFormat": "MM/DD/YYYY"}"#.utf8), "map.json", in: sandbox)
        _ = try sandbox.ok(["import", ambiguous, "--mapping", mapping])
        let valves = try sandbox.deals().first { $0["title"] as? String == "Valves" }
        #expect(valves?["expectedClose"] as? String == "2017-01-03")
        let bad = try sandbox.run(["import", ambiguous, "--date-format", "MDY"])
        #expect(bad.status != 0 && bad.stderr.contains("--date-format 'MDY' is not a date format"), "\(bad)")
    }

    @Test("a bad row refuses the whole file in one line naming line and column; --skip-bad writes a file of rejects")
    func refusedAndSkipped() throws {
        let sandbox = try Sandbox()
        let path = try write(Data((Self.csv + "Mystery,宝钢,lots,Proposal,\r\n").utf8), "deals.csv", in: sandbox)
        let refused = try sandbox.run(["import", path])
        #expect(refused.status != 0 && refused.stdout.isEmpty)
        #expect(refused.stderrLines.count == 1, "\(refused)")
        #expect(refused.stderr.contains("deals.csv line 4, column 'Amount'") && refused.stderr.contains("nothing was imported"), "\(refused)")
        #expect(try dealCount(sandbox) == 0)
        let skipped = try sandbox.ok(["import", path, "--skip-bad"])
        #expect(skipped.stdout.contains("created 2 accounts, 2 deals; rejected 1 row"), "\(skipped)")
        let rejects = sandbox.path("deals.rejected.csv")
        let text = String(decoding: try #require(FileManager.default.contents(atPath: rejects)), as: UTF8.self)
        #expect(text.contains("Mystery") && text.contains("lots"))
        try text.replacingOccurrences(of: "lots", with: "5万").write(toFile: rejects, atomically: true, encoding: .utf8)
        let fixed = try sandbox.ok(["import", rejects])
        #expect(fixed.stdout.contains("created 1 deal") && fixed.stderr.contains("Closer error"), "\(fixed)")
        #expect(try dealCount(sandbox) == 3)
    }

    @Test("malformed files get one line and write nothing", arguments: [
        ("quotes.csv", Data("Deal Name,Company\nA,\"open\nB,x\n".utf8), "line 2"),
        ("ragged.csv", Data("Deal Name,Company,Amount\nA,Acme,5\nB,Acme\n".utf8), "line 3"),
        ("bytes.csv", Data(Array("Deal Name,Company\nA,".utf8) + [0xFF, 0xFE, 0xFF] + Array("\n".utf8)), "0xFF"),
        ("one.csv", Data("x".utf8), "1 byte"),
        ("garbage.csv", Data([0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00]), "binary"),
    ])
    func malformed(name: String, data: Data, mention: String) throws {
        let sandbox = try Sandbox()
        let path = try write(data, name, in: sandbox)
        let result = try sandbox.run(["import", path])
        #expect(result.status != 0 && result.stdout.isEmpty, "\(result)")
        #expect(result.stderrLines.count == 1 && result.stderr.contains(name) && result.stderr.contains(mention), "\(result)")
        #expect(try dealCount(sandbox) == 0)
    }

    @Test("a GB18030 file from Chinese Excel imports; a mapping file names unknown columns and stages")
    func gbkAndMapping() throws {
        let sandbox = try Sandbox()
        let gbk: [UInt8] = [0xC9, 0xCC, 0xBB, 0xFA, 0xC3, 0xFB, 0xB3, 0xC6] // 商机名称
        // Header and rows in GBK: 商机名称,客户名称,Umsatz,阶段 / 扩建,宝钢,100,Angebot
        let rows: [UInt8] = gbk + [0x2C, 0xBF, 0xCD, 0xBB, 0xA7, 0xC3, 0xFB, 0xB3, 0xC6] + Array(",Umsatz,".utf8) + [0xBD, 0xD7, 0xB6, 0xCE, 0x0A]
            + [0xC0, 0xA9, 0xBD, 0xA8, 0x2C, 0xB1, 0xA6, 0xB8, 0xD6] + Array(",100,Angebot\n".utf8)
        let path = try write(Data(rows), "gbk.csv", in: sandbox)
        let unmapped = try sandbox.run(["import", path, "--dry-run"])
        #expect(unmapped.stderr.contains("'Angebot'") && unmapped.stderr.contains("Umsatz"), "\(unmapped)")
        let mapping = try write(Data(#"{"columns": {"Umsatz": "amount"}, "stages": {"Angebot": "proposal"}}"#.utf8), "map.json", in: sandbox)
        let result = try sandbox.ok(["import", path, "--mapping", mapping])
        #expect(result.stdout.contains("GB18030") && result.stdout.contains("created 1 account, 1 deal"), "\(result)")
        let deals = try sandbox.deals()
        #expect(deals.first?["title"] as? String == "扩建" && deals.first?["stage"] as? String == "proposal", "\(deals)")
    }

    @Test("control characters in a file never reach the terminal")
    func sanitised() throws {
        let sandbox = try Sandbox()
        let path = try write(Data("Deal Name,Company\n\u{1B}[31mRed\u{07},Acme\n".utf8), "esc.csv", in: sandbox)
        // The row is refused (a title with control characters is never stored), and saying so sends none to the terminal.
        let result = try sandbox.ok(["import", path, "--dry-run"])
        #expect(!result.stdout.contains("\u{1B}") && !result.stdout.contains("\u{07}"), "\(result)")
        #expect(result.stdout.contains("esc.csv line 2: title: contains the control character U+001B"), "\(result)")
        let bad = try write(Data("Deal Name,Company,Amount\nA,Acme,\u{1B}]0;pwned\u{07}\n".utf8), "esc2.csv", in: sandbox)
        let refused = try sandbox.run(["import", bad])
        #expect(refused.status != 0 && refused.stderr.contains("column 'Amount'") && !refused.stderr.contains("\u{1B}") && !refused.stderr.contains("\u{07}"), "\(refused)")
    }
}

@Suite("vCard import end to end")
struct VCardEndToEndTests {
    @Test("a .vcf file becomes key persons of an account; importing it again changes nothing")
    func vcard() throws {
        let sandbox = try Sandbox()
        let text = "BEGIN:VCARD\r\nVERSION:3.0\r\nN:王;伟;;;\r\nTITLE:采购经理\r\nTEL;TYPE=CELL:13800000000\r\nUID:u-1\r\nEND:VCARD\r\n"
            + "BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E6=9D=8E;=E5=A8=9C\r\nEND:VCARD\r\n"
        let path = sandbox.path("contacts.vcf")
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        let refused = try sandbox.run(["import", path])
        #expect(refused.status != 0 && refused.stderrLines.count == 1 && refused.stderr.contains("--account"), "\(refused)")
        let result = try sandbox.ok(["import", path, "--account", "中国石化"])
        #expect(result.stdout.contains("vCard") && result.stdout.contains("created 1 account, 2 persons"), "\(result)")
        let again = try sandbox.ok(["import", path, "--account", "中国石化"])
        #expect(again.stdout.contains("unchanged 2 persons"), "\(again)")
        let persons = try sandbox.ok(["person", "list"]).stdout
        #expect(persons.contains("王伟") && persons.contains("李娜") && persons.contains("采购经理"), "\(persons)")
    }
}

@Suite("Import end to end: Excel Unicode text")
struct UnicodeTextEndToEndTests {
    @Test("Excel's \"Unicode text\" (UTF-16 LE, BOM, tabs, CRLF) imports, with the stages of --process")
    func utf16() throws {
        let sandbox = try Sandbox()
        let text = "Deal Name\tCompany\tAmount\tStage\r\n评估项目\t重庆钢铁\t3.5k\t评估选项\r\n"
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in text.utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let path = sandbox.path("export.txt")
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let result = try sandbox.ok(["import", path, "--process", "technical"])
        #expect(result.stdout.contains("UTF-16 LE, tab-separated") && result.stdout.contains("created 1 account, 1 deal"), "\(result)")
        let deal = try #require(try sandbox.deals().first)
        #expect(deal["stage"] as? String == "evaluate-options" && deal["amountMinor"] as? Int == 350_000, "\(deal)")
    }
}
