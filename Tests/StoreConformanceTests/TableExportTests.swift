import CloserCore
import CloserSQLite
import Foundation
import StoreTestSupport
import Testing

/// Exporting a table as its query and columns say: order, filter, quoting, Chinese, BOM, JSON,
/// and pages streamed rather than one array.
@Suite("Table export")
struct TableExportTests {
    static func csv(_ store: any TestStore, _ query: TableExportQuery, excel: Bool = false, lang: Language = .en) throws -> (String, Int, Data) {
        var data = Data()
        let exporter = TableExporter(store: store, format: .csv, excel: excel, context: ExportContext(catalog: try store.processCatalog(), lang: lang))
        let count = try exporter.export(query) { data.append($0) }
        return (String(decoding: data, as: UTF8.self), count, data)
    }

    @Test("deals in the columns named, in that order, filtered by the account query and sorted as asked", arguments: Backend.allCases) func dealsColumnOrderAndFilter(_ backend: Backend) throws {
        let p = try StoreFixture.pipeline(backend)
        let query = DealQuery(filter: DealFilter(includeClosed: false, accountConditions: try AccountQueryLanguage.parse("grade:A")), sort: .amount, ascending: false)
        let (text, count, _) = try Self.csv(p.store, .deals(query, [.amount, .title, .stage, .account, .currency]), lang: .zh)
        #expect(count == 2)
        #expect(text == "金额,商机名称,阶段,客户名称,币种\r\n2500.00,\(p.d2.title),开发,中国石化,CNY\r\n1000.00,\(p.d1.title),开发,中国石化,CNY\r\n")
    }

    @Test("commas, quotes, line breaks and edge spaces are quoted; --excel puts a BOM first", arguments: Backend.allCases) func quotingAndBOM(_ backend: Backend) throws {
        let store = try StoreFixture.store(backend)
        let account = try store.acting(as: "alice").addAccount(Account(name: "华东 \"一号\", 有限公司", grade: .a, owner: "alice", notes: "第一行\n第二行"))
        _ = try store.acting(as: "alice").addAccount(Account(name: " 边上有空格 ", owner: "alice"))
        let (text, count, data) = try Self.csv(store, .accounts(AccountQuery(), [.name, .grade, .notes]), excel: true)
        #expect(count == 2)
        #expect(data.starts(with: [0xEF, 0xBB, 0xBF]))
        #expect(text.dropFirst() == "Account Name,Grade,Notes\r\n\" 边上有空格 \",C,\r\n\"华东 \"\"一号\"\", 有限公司\",A,\"第一行\n第二行\"\r\n")
        _ = account
    }

    @Test("for Excel a text that would run as a formula starts with an apostrophe; numbers and other files are left as they are", arguments: Backend.allCases) func formulaGuard(_ backend: Backend) throws {
        let store = try StoreFixture.store(backend)
        let account = try store.acting(as: "alice").addAccount(Account(name: "=HYPERLINK(\"http://x.example\",\"点我\")", owner: "alice", notes: "+86 10 1234"))
        _ = try store.acting(as: "alice").addAccount(Account(name: "@销售部", owner: "alice", notes: "-先报价"))
        _ = try store.acting(as: "alice").addAccount(Account(name: "中石化 = 大客户", owner: "alice", notes: "'=已经有引号"))
        var deal = StoreFixture.deal("=1+2", account: account.id, stage: "develop", amount: 0)
        deal.nextStep = "\t=cmd"
        _ = try store.acting(as: "alice").addDeal(deal)
        let (excel, _, _) = try Self.csv(store, .accounts(AccountQuery(sort: .name), [.name, .notes]), excel: true)
        // By name: '=' (0x3D) sorts before '@' (0x40), both before Chinese.
        #expect(excel.dropFirst() == "Account Name,Notes\r\n\"'=HYPERLINK(\"\"http://x.example\"\",\"\"点我\"\")\",'+86 10 1234\r\n'@销售部,'-先报价\r\n中石化 = 大客户,''=已经有引号\r\n")
        let (plain, _, _) = try Self.csv(store, .accounts(AccountQuery(sort: .name), [.name, .notes]))
        #expect(plain.contains("\r\n@销售部,-先报价\r\n") && plain.contains(",+86 10 1234\r\n"))
        #expect(plain.hasSuffix("中石化 = 大客户,''=已经有引号\r\n"), "a text that looks guarded is guarded in any CSV: the importer takes one apostrophe off")
        let (deals, _, _) = try Self.csv(store, .deals(DealQuery(), [.title, .amount, .nextStep]), excel: true)
        #expect(deals.dropFirst() == "Deal Name,Amount,Next Step\r\n'=1+2,0.00,'\t=cmd\r\n")
        for text in ["=1+2", "'=已经有引号", "''+1", "'plain", "'", "", "a=b", "-", "\r=x", "''"] {
            #expect(ExcelFormula.unguarded(ExcelFormula.guarded(text)) == text, "\(text.debugDescription)")
        }
        #expect(ExcelFormula.unguarded("'=1") == "=1" && ExcelFormula.unguarded("'plain") == "'plain" && ExcelFormula.guarded("'plain") == "'plain")
    }

    @Test("JSON keeps the column order, numbers bare, missing dates null, and escapes", arguments: Backend.allCases) func json(_ backend: Backend) throws {
        let p = try StoreFixture.pipeline(backend)
        var data = Data()
        let exporter = TableExporter(store: p.store, format: .json, context: ExportContext(catalog: try p.store.processCatalog(), lang: .en))
        _ = try exporter.export(.deals(DealQuery(sort: .title, ascending: true), [.title, .amount, .close])) { data.append($0) }
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.hasPrefix("[\n{\"title\": \"") && text.hasSuffix("}\n]\n"))
        #expect(text.contains("\"amount\": 100.00, \"close\": null}"), "\(text)")
        let parsed = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        #expect(parsed.count == 5)
        let empty = try StoreFixture.store(backend)
        var none = Data()
        _ = try TableExporter(store: empty, format: .json, context: ExportContext(catalog: try empty.processCatalog(), lang: .en))
            .export(.persons(PersonTableQuery(), PersonExportColumn.defaults)) { none.append($0) }
        #expect(String(decoding: none, as: UTF8.self) == "[]\n")
    }

    @Test("more rows than a page: every row once, in order, each page written as it is read", arguments: Backend.allCases) func pages(_ backend: Backend) throws {
        let store = try StoreFixture.store(backend)
        let n = TableExporter.pageSize * 2 + 345
        var snapshot = Snapshot(accounts: [Account(id: 1, name: "客户", owner: "alice", version: 1)])
        snapshot.deals = (1...n).map { Deal(id: Int64($0), accountID: 1, title: "项目 \($0)", processKey: "project", stageKey: "develop",
                                          amount: Money(minorUnits: Int64($0) * 100), owner: "alice", version: 1) }
        _ = try store.acting(as: "alice").importSnapshot(snapshot)
        var chunks = 0
        var text = ""
        let exporter = TableExporter(store: store, format: .csv, context: ExportContext(catalog: try store.processCatalog(), lang: .en))
        let count = try exporter.export(.deals(DealQuery(sort: .amount, ascending: true), [.id])) { data in
            chunks += 1
            text += String(decoding: data, as: UTF8.self)
        }
        #expect(count == n)
        #expect(chunks == 1 + 3, "the header, then one write per page")
        #expect(text.split(separator: "\r\n").dropFirst().map { Int($0) ?? 0 } == Array(1...n))
    }

    @Test("an export reads one snapshot: a deal added by someone else mid-export is not in it, and no row comes twice", arguments: Backend.allCases) func oneSnapshot(_ backend: Backend) throws {
        let shared = try backend.sharedStore()
        defer { shared.remove() }
        let store = try shared.open()
        let n = TableExporter.pageSize * 2 + 10
        var snapshot = Snapshot(accounts: [Account(id: 1, name: "客户", owner: "alice", version: 1)])
        snapshot.deals = (1...n).map { Deal(id: Int64($0), accountID: 1, title: "项目 \($0)", processKey: "project", stageKey: "develop",
                                          amount: Money(minorUnits: Int64($0) * 100), owner: "alice", version: 1) }
        _ = try store.acting(as: "alice").importSnapshot(snapshot)
        let other = try shared.open()
        var ids = [Int](), writes = 0
        let exporter = TableExporter(store: store, format: .csv, context: ExportContext(catalog: try store.processCatalog(), lang: .en))
        try exporter.export(.deals(DealQuery(sort: .amount, ascending: true), [.id])) { data in
            ids += String(decoding: data, as: UTF8.self).split(separator: "\r\n").compactMap { Int($0) }
            // After the first page another connection adds the smallest deal: a next page by OFFSET would repeat a row.
            if writes == 1 {
                _ = try other.acting(as: "bob").addDeal(Deal(accountID: 1, title: "新", processKey: "project", stageKey: "develop", amount: Money(minorUnits: 1), owner: "bob"))
            }
            writes += 1
        }
        #expect(ids == Array(1...n))
        #expect(try store.deals(DealQuery(limit: 1)).total == n + 1)
    }

    @Test("a file is written whole or not at all; an unknown column is refused with the known ones", arguments: Backend.allCases) func fileAndColumns(_ backend: Backend) throws {
        let p = try StoreFixture.pipeline(backend)
        let folder = (NSTemporaryDirectory() as NSString).appendingPathComponent("closer-export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = (folder as NSString).appendingPathComponent("deals.csv")
        let exporter = TableExporter(store: p.store, format: .csv, context: ExportContext(catalog: try p.store.processCatalog(), lang: .en))
        #expect(try exporter.export(.deals(DealQuery(), DealExportColumn.defaults), toFile: path) == 5)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["deals.csv"])
        #expect(throws: StoreError.self) { try exporter.export(.deals(DealQuery(), [.id]), toFile: "/nonexistent-folder/x.csv") }
        #expect(try DealExportColumn.parse("title, amount,STAGE") == [.title, .amount, .stage])
        #expect(throws: ImportError.self) { try DealExportColumn.parse("title,colour") }
    }
}
