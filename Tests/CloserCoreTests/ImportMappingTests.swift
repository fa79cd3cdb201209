import CloserCore
import Foundation
import Testing

@Suite("Foreign import: headers, mapping, values")
struct ImportMappingTests {
    @Test("headers other CRMs and Excel users write map to our fields", arguments: [
        ("Account Name", ImportField.account), ("Company", .account), ("客户名称", .account), ("Organization - Name", .account),
        ("Deal Name", .deal), ("Opportunity Name", .deal), ("Deal - Title", .deal), ("商机名称", .deal),
        ("Amount", .amount), ("金额", .amount), ("Deal - Value", .amount), ("Stage", .stage), ("阶段", .stage), ("Deal Stage", .stage),
        ("Close Date", .closeDate), ("预计成交日期", .closeDate), ("联系人", .person), ("职位", .jobTitle), ("Job Title", .jobTitle),
        ("E-mail", .email), ("手机", .phone), ("Opportunity Owner", .owner), ("负责人", .owner), ("Record ID", .externalID),
        ("account_name", .account), ("ＡＭＯＵＮＴ", .amount), ("客户名称：", .account), (" Close  Date ", .closeDate),
        // Another CRM's ids, and our own export's, are told apart.
        ("Deal ID", .externalID), ("商机编号", .externalID), ("Closer Deal ID", .closerID), ("Closer 商机编号", .closerID),
        ("Closer Contact ID", .closerID), ("Closer 客户编号", .closerID),
    ])
    func dictionary(header: String, field: ImportField) {
        #expect(HeaderDictionary.field(for: header) == field, "\(header)")
    }

    @Test("an unknown header maps to nothing and is reported as unmapped")
    func unknownHeader() throws {
        #expect(HeaderDictionary.field(for: "Lieblingsfarbe") == nil)
        let mapping = try ColumnMapping(header: ["Deal Name", "Account Name", "Lieblingsfarbe"], fileName: "x.csv")
        #expect(mapping.entity == .deals)
        #expect(mapping.unmapped == ["Lieblingsfarbe"])
    }

    @Test("the entity follows from the columns")
    func entityDetection() throws {
        #expect(try ColumnMapping(header: ["客户名称", "行业", "地区"], fileName: "a.csv").entity == .accounts)
        #expect(try ColumnMapping(header: ["客户名称", "联系人", "职位", "电话"], fileName: "p.csv").entity == .persons)
        #expect(try ColumnMapping(header: ["First Name", "Last Name", "Company", "Email"], fileName: "p.csv").entity == .persons)
        #expect(try ColumnMapping(header: ["商机名称", "客户名称", "金额", "阶段"], fileName: "d.csv").entity == .deals)
        #expect(try ColumnMapping(header: ["Company", "Activity Type", "Date", "Notes"], fileName: "v.csv").entity == .activities)
        // "Name" next to account-only columns is the account's name.
        let accounts = try ColumnMapping(header: ["Name", "Industry", "Account ID"], fileName: "a.csv")
        #expect(accounts.entity == .accounts)
        #expect(accounts.column(.account) == 0)
        #expect(accounts.column(.externalID) == 2)
    }

    @Test("a mapping file names the columns the dictionary does not know, and wins over it")
    func mappingFile() throws {
        let json = #"{"columns": {"Kunde": "account", "Umsatz": "amount", "Name": "deal", "Intern": "ignore"}, "stages": {"Angebot": "proposal"}}"#
        let file = try MappingFile.decode(Data(json.utf8), fileName: "map.json")
        let mapping = try ColumnMapping(header: ["Name", "Kunde", "Umsatz", "Intern"], mapping: file, fileName: "x.csv")
        #expect(mapping.entity == .deals)
        #expect(mapping.column(.deal) == 0 && mapping.column(.account) == 1 && mapping.column(.amount) == 2)
        #expect(mapping.unmapped.isEmpty)
        let wrong = #"{"columns": {"Kunde": "acount"}}"#
        #expect(throws: ImportError.self) { try MappingFile.decode(Data(wrong.utf8), fileName: "map.json") }
        do {
            _ = try MappingFile.decode(Data(wrong.utf8), fileName: "map.json")
        } catch {
            #expect(error.description.contains("map.json") && error.description.contains("Kunde") && error.description.contains("acount"))
        }
    }

    @Test("a file with no column we know is refused with its name and header")
    func nothingKnown() {
        do {
            _ = try ColumnMapping(header: ["foo", "bar"], fileName: "x.csv")
            Issue.record("expected a refusal")
        } catch {
            #expect(error.description.contains("x.csv") && error.description.contains("foo") && error.description.contains("--mapping"))
        }
    }

    @Test("dates as spreadsheets write them", arguments: [
        ("2026-12-01", "2026-12-01"), ("2026/12/1", "2026-12-01"), ("2026.12.01", "2026-12-01"), ("2026年12月1日", "2026-12-01"),
        ("12/24/2026", "2026-12-24"), ("24/12/2026", "2026-12-24"), ("01.12.2026", "2026-12-01"), ("2026-12-01 09:30:00", "2026-12-01"),
        ("2026-12-01T09:30:00Z", "2026-12-01"), ("46357", "2026-12-01"),
    ])
    func dates(text: String, expected: String) {
        #expect(ImportValue.day(text)?.description == expected, "\(text)")
    }

    @Test("impossible dates are refused", arguments: ["2026-02-30", "13/13/2026", "soon", "2026", "1.2.3"])
    func badDates(text: String) {
        #expect(ImportValue.day(text) == nil, "\(text)")
    }

    @Test("amounts with symbols, separators and Chinese units reuse Money.parse", arguments: [
        ("¥1,200,000.00", Int64(120_000_000), "CNY"), ("120万", 120_000_000, "CNY"), ("1.2M", 120_000_000, "CNY"),
        ("1,200,000元", 120_000_000, "CNY"), ("120万元", 120_000_000, "CNY"), ("$5,000", 500_000, "USD"), ("1 200 000", 120_000_000, "CNY"),
        ("3.5k", 350_000, "CNY"), ("1.2亿", 12_000_000_000, "CNY"),
    ])
    func amounts(text: String, minor: Int64, currency: String) {
        let money = ImportValue.amount(text, currency: "CNY")
        #expect(money?.minorUnits == minor && money?.currency == currency, "\(text) → \(String(describing: money))")
    }

    @Test("stages map by key, name in either language, number, the mapping file, and common CRM outcomes")
    func stages() throws {
        let process = try #require(ProcessCatalog().process("project"))
        let mapper = StageMapper(process: process, explicit: ["Qualification": "entry", "Verloren": "lost"])
        #expect(mapper.map("proposal")?.stage == "proposal")
        #expect(mapper.map("Proposal")?.stage == "proposal")
        #expect(mapper.map("投标")?.stage == "bid")
        #expect(mapper.map("3")?.stage == "proposal")
        #expect(mapper.map("qualification")?.stage == "entry")
        #expect(mapper.map("Closed Won")?.outcome == .won)
        #expect(mapper.map("赢单")?.outcome == .won)
        #expect(mapper.map("Verloren")?.outcome == .lost)
        #expect(mapper.map("Perception Analysis") == nil)
    }

    @Test("rows become drafts; a bad value rejects its row naming line, column and reason")
    func rows() throws {
        let header = ["商机名称", "客户名称", "金额", "阶段", "预计成交日期", "联系人"]
        let mapping = try ColumnMapping(header: header, fileName: "d.csv")
        let reader = try ForeignRowReader(fileName: "d.csv", mapping: mapping, catalog: ProcessCatalog(), file: nil, process: nil, defaultOwner: "alice")
        let batch = try reader.read([
            ForeignRow(line: 2, values: ["扩建", "宝钢", "120万", "投标", "2026年11月30日", "王伟"]),
            ForeignRow(line: 3, values: ["改造", "宝钢", "lots", "投标", "", ""]),
            ForeignRow(line: 5, values: ["改造", "宝钢", "1", "Perception", "", ""]),
            ForeignRow(line: 6, values: ["短行", "宝钢"]),
        ])
        #expect(batch.records.count == 1)
        guard case .deal(let draft)? = batch.records.first else { Issue.record("not a deal"); return }
        #expect(draft.value.title == "扩建" && draft.value.stageKey == "bid" && draft.value.amount.minorUnits == 120_000_000)
        #expect(draft.value.expectedClose?.description == "2026-11-30" && draft.value.owner == "alice" && draft.account.name == "宝钢")
        #expect(mapping.unused == ["联系人"])
        #expect(batch.rejections.map(\.line) == [3, 5, 6])
        #expect(batch.rejections[0].column == "金额" && batch.rejections[0].reason.contains("lots"))
        #expect(batch.rejections[1].column == "阶段" && batch.rejections[1].description.contains("d.csv line 5"))
        #expect(batch.rejections[2].reason.contains("2 fields") && batch.rejections[2].reason.contains("6"))
        #expect(batch.unmappedStages == ["Perception": 1])
    }

    @Test("our own export's id column reads into the draft and is not another program's id; a value that is no id rejects its row")
    func closerIDs() throws {
        let mapping = try ColumnMapping(header: ["Closer Deal ID", "Deal Name", "Account Name"], fileName: "d.csv")
        let reader = try ForeignRowReader(fileName: "d.csv", mapping: mapping, catalog: ProcessCatalog(), file: nil, process: nil, defaultOwner: "alice")
        let batch = try reader.read([
            ForeignRow(line: 2, values: ["13", "扩建", "宝钢"]),
            ForeignRow(line: 3, values: ["", "改造", "宝钢"]),
            ForeignRow(line: 4, values: ["D-7", "新建", "宝钢"]),
            ForeignRow(line: 5, values: ["0", "新建", "宝钢"]),
        ])
        let drafts = batch.records.compactMap { record -> ForeignDraft<Deal>? in if case .deal(let d) = record { d } else { nil } }
        #expect(drafts.map(\.closerID) == [13, nil])
        #expect(drafts.allSatisfy { $0.value.externalID == nil })
        #expect(batch.rejections.map(\.line) == [4, 5])
        #expect(batch.rejections.first?.description == "d.csv line 4, column 'Closer Deal ID': 'D-7' is not a Closer id (a whole number)")
    }

    @Test("first and last names join in the order of the language")
    func names() {
        #expect(ImportValue.name(first: "Ada", last: "Lovelace") == "Ada Lovelace")
        #expect(ImportValue.name(first: "伟", last: "王") == "王伟")
        #expect(ImportValue.name(first: "", last: "王") == "王")
    }
}
