import CloserCore
import CloserExchange
import CloserSQLite
import Foundation
import StoreTestSupport
import Testing

/// Export → import gives the same data: a store with Chinese names, quotes, commas and line
/// breaks in fields, amounts in several currencies, two processes, a pool account and a won
/// deal is exported table by table (the form other programs read), imported into an empty
/// store, and compared field by field by natural key (ids differ).
@Suite("Export → import round trip")
struct ExportImportRoundTripTests {
    static func original(_ backend: Backend) throws -> any TestStore {
        let store = try StoreFixture.store(backend)
        let sinopec = try store.acting(as: "alice").addAccount(Account(name: "中国石化, \"北京\" 分公司", grade: .a, assistance: 8, loyalty: 7, industry: "石化",
                                                   region: "华北", businessNature: "国企", scale: "大型", owner: "alice",
                                                   tags: ["大客户", "化工"], notes: "第一行\n第二行, 有逗号"))
        let baosteel = try store.acting(as: "bob").addAccount(Account(name: "宝钢湛江钢铁", grade: .b, assistance: 2, loyalty: 9, industry: "钢铁",
                                                    region: "华南", owner: "bob"))
        _ = try store.acting(as: "alice").addAccount(Account(name: "Acme \"Steel\" Ltd.", grade: .d, visibility: .pool))
        // Texts Excel would run as formulas: guarded in the Excel form, unguarded on the way back.
        let formulas = try store.acting(as: "alice").addAccount(Account(name: "=HYPERLINK(\"http://x.example\")", grade: .c, owner: "alice", notes: "'=有引号的 @销售部"))
        var formula = StoreFixture.deal("+86 热线项目", account: formulas.id, stage: "entry", amount: 100)
        formula.nextStep = "-先报价"
        _ = try store.acting(as: "alice").addDeal(formula)
        let wang = try store.acting(as: "alice").addPerson(Person(accountID: sinopec.id, name: "王总", title: "总经理, 决策层", level: .decisionMaker, function: .procurement,
                                              roles: [.decisionMaker, .approver], stance: .supporter, influence: 90, isInsideCoach: false,
                                              notes: "喜欢\"直接\"\n周二有空", phone: "+86 10 1234 5678", email: "wang@sinopec.example",
                                              lastMet: Day(year: 2026, month: 11, day: 3)))
        _ = try store.acting(as: "alice").addPerson(Person(accountID: sinopec.id, name: "李工", title: "技术部", level: .operator_, function: .technical,
                                       roles: [.user, .specifier], stance: .neutral, influence: 35, isInsideCoach: true, reportsTo: wang.id))
        _ = try store.acting(as: "bob").addPerson(Person(accountID: baosteel.id, name: "Chen, Li", title: "Buyer", level: .manager, stance: .opponent,
                                       email: "chen@baosteel.example"))
        var pumps = StoreFixture.deal("泵站改造, 一期 \"加急\"", account: sinopec.id, stage: "proposal", amount: 120_000_050)
        pumps.expectedClose = Day(year: 2027, month: 3, day: 31)
        pumps.nextStep = "拜访总工,\n带上方案"
        pumps.nextStepDue = Day(year: 2026, month: 12, day: 1)
        pumps.competitors = ["西门子", "ABB"]
        _ = try store.acting(as: "alice").addDeal(pumps)
        _ = try store.acting(as: "bob").addDeal(StoreFixture.deal("Furnace upgrade", account: baosteel.id, stage: "entry", amount: 9_999_999, currency: "USD", owner: "bob"))
        _ = try store.acting(as: "bob").addDeal(StoreFixture.deal("Service contract", account: baosteel.id, stage: "develop", amount: 50_000_000, currency: "EUR", owner: "bob"))
        var technical = StoreFixture.deal("DCS 评估", account: sinopec.id, stage: "evaluate-options", amount: 300_000)
        technical.processKey = "technical"
        _ = try store.acting(as: "alice").addDeal(technical)
        var won = StoreFixture.deal("备件框架协议", account: sinopec.id, stage: "negotiation", amount: 80_000_000)
        won.expectedClose = Day(year: 2026, month: 11, day: 20)
        let saved = try store.acting(as: "alice").addDeal(won)
        _ = try store.acting(as: "alice").closeDeal(saved.id, as: .won, reason: "签了", expectedVersion: nil)
        return store
    }

    static let accountColumns: [AccountExportColumn] = [.name, .grade, .assistance, .loyalty, .industry, .region, .nature, .scale, .owner, .tags, .notes]
    static let personColumns: [PersonExportColumn] = [.name, .account, .title, .level, .function, .roles, .stance, .coach, .influence, .lastMet,
                                                      .reportsTo, .phone, .email, .notes]
    static let dealColumns: [DealExportColumn] = [.title, .account, .process, .stage, .amount, .currency, .close, .nextStep, .due, .owner, .outcome,
                                                  .reason, .competitors]

    /// Exports the three tables to files in `folder`, in `lang`'s headers and stage names.
    static func export(_ store: any TestStore, to folder: String, lang: Language, excel: Bool) throws -> [String] {
        let exporter = TableExporter(store: store, format: .csv, excel: excel, context: ExportContext(catalog: try store.processCatalog(), lang: lang))
        let files = ["accounts.csv", "persons.csv", "deals.csv"].map { (folder as NSString).appendingPathComponent($0) }
        try exporter.export(.accounts(AccountQuery(), accountColumns), toFile: files[0])
        try exporter.export(.persons(PersonTableQuery(), personColumns), toFile: files[1])
        try exporter.export(.deals(DealQuery(filter: DealFilter(includeClosed: true)), dealColumns), toFile: files[2])
        return files
    }

    @Test("CSV of each table in English and Chinese (with Excel's BOM): every field that the files carry comes back", arguments: Backend.allCases, [(Language.en, false), (.zh, true)]) func foreignCSV(_ backend: Backend, _ arguments: (Language, Bool)) throws {
        let (lang, excel) = arguments
        let original = try Self.original(backend)
        let folder = (NSTemporaryDirectory() as NSString).appendingPathComponent("closer-round-trip-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        // Another CRM's files come in through the same importer on every store.
        let copy = try StoreFixture.store(backend)
        let service = ForeignImportService(store: copy.acting(as: "carol"))
        for path in try Self.export(original, to: folder, lang: lang, excel: excel) {
            let file = try service.read(path: path, options: ForeignImportOptions())
            let outcome = try service.apply(file, options: ForeignImportOptions(), skipBad: false)
            #expect(outcome.report.written && outcome.report.rejections.isEmpty, "\(path): \(outcome.report.rejections)")
            #expect(outcome.report.unusedColumns.isEmpty, "\(path): \(outcome.report.unusedColumns)")
        }
        let a = try original.exportSnapshot(), b = try copy.exportSnapshot()
        func byName(_ s: Snapshot) -> [String: Account] { Dictionary(uniqueKeysWithValues: s.accounts.map { ($0.name, $0) }) }
        let (accountsA, accountsB) = (byName(a), byName(b))
        #expect(Set(accountsA.keys) == Set(accountsB.keys))
        for (name, x) in accountsA {
            guard let y = accountsB[name] else { continue }
            #expect([x.grade.rawValue, "\(x.assistance)", "\(x.loyalty)", x.industry, x.region, x.businessNature, x.scale, x.owner ?? "-",
                     x.visibility.rawValue, x.tags.joined(separator: "|"), x.notes]
                    == [y.grade.rawValue, "\(y.assistance)", "\(y.loyalty)", y.industry, y.region, y.businessNature, y.scale, y.owner ?? "-",
                        y.visibility.rawValue, y.tags.joined(separator: "|"), y.notes], "account \(name)")
        }
        func accountName(_ s: Snapshot, _ id: Int64) -> String { s.accounts.first { $0.id == id }?.name ?? "?" }
        let personsA = Dictionary(uniqueKeysWithValues: a.persons.map { ("\(accountName(a, $0.accountID))/\($0.name)", $0) })
        let personsB = Dictionary(uniqueKeysWithValues: b.persons.map { ("\(accountName(b, $0.accountID))/\($0.name)", $0) })
        #expect(Set(personsA.keys) == Set(personsB.keys))
        for (key, x) in personsA {
            guard let y = personsB[key] else { continue }
            func manager(_ s: Snapshot, _ p: Person) -> String { s.persons.first { $0.id == p.reportsTo }?.name ?? "-" }
            #expect([x.title, x.level.rawValue, x.function.rawValue, x.roles.map(\.rawValue).sorted().joined(separator: "|"), x.stance.rawValue,
                      "\(x.isInsideCoach)", x.phone, x.email, x.notes, "\(x.influence)", x.lastMet?.description ?? "-", manager(a, x)]
                    == [y.title, y.level.rawValue, y.function.rawValue, y.roles.map(\.rawValue).sorted().joined(separator: "|"), y.stance.rawValue,
                        "\(y.isInsideCoach)", y.phone, y.email, y.notes, "\(y.influence)", y.lastMet?.description ?? "-", manager(b, y)], "person \(key)")
        }
        let dealsA = Dictionary(uniqueKeysWithValues: a.deals.map { ("\(accountName(a, $0.accountID))/\($0.title)", $0) })
        let dealsB = Dictionary(uniqueKeysWithValues: b.deals.map { ("\(accountName(b, $0.accountID))/\($0.title)", $0) })
        #expect(Set(dealsA.keys) == Set(dealsB.keys))
        for (key, x) in dealsA {
            guard let y = dealsB[key] else { continue }
            #expect([x.processKey, x.stageKey, "\(x.amount.minorUnits)", x.amount.currency, x.expectedClose?.description ?? "-", x.nextStep,
                     x.nextStepDue?.description ?? "-", x.owner, x.outcome.rawValue, x.outcomeReason, x.competitors.joined(separator: "|")]
                    == [y.processKey, y.stageKey, "\(y.amount.minorUnits)", y.amount.currency, y.expectedClose?.description ?? "-", y.nextStep,
                        y.nextStepDue?.description ?? "-", y.owner, y.outcome.rawValue, y.outcomeReason, y.competitors.joined(separator: "|")], "deal \(key)")
        }
        // Importing the same files again changes nothing: every row is matched.
        for path in ["accounts.csv", "persons.csv", "deals.csv"].map({ (folder as NSString).appendingPathComponent($0) }) {
            let report = try service.preview(try service.read(path: path, options: ForeignImportOptions()))
            #expect(report.counts(.create) == nil && report.counts(.update) == nil, "\(path): \(report.summary)")
        }
    }

    @Test("Closer's own CSV export (the snapshot form) of the same store imports back exactly", arguments: Backend.allCases) func snapshotCSV(_ backend: Backend) throws {
        let original = try Self.original(backend).exportSnapshot()
        let decoded = try SnapshotCSV.decode(files: try SnapshotCSV.encode(original).sorted { $0.key < $1.key }.map { (name: $0.key, data: $0.value) })
        #expect(decoded.accounts == original.accounts)
        #expect(decoded.persons == original.persons)
        #expect(decoded.deals == original.deals)
        let copy = try StoreFixture.store(backend)
        _ = try copy.acting(as: "importer").importSnapshot(decoded, locate: SnapshotCSV.locator)
        let again = try copy.exportSnapshot()
        #expect(again.accounts == original.accounts && again.persons == original.persons && again.deals == original.deals)
    }
}
