import CloserCore
import CloserExchange
import Foundation
import StoreTestSupport
import Testing

/// Importing another program's rows into a store: plans, all or nothing, skip-bad, re-import.
@Suite("Foreign import: store")
struct ForeignImportTests {
    static let deals = """
        Opportunity ID,Opportunity Name,Account Name,Amount,Stage,Close Date,Opportunity Owner,Next Step
        006A,Boiler retrofit,中国石化,"¥1,200,000.00",Proposal,2026/12/1,bob,"Site visit,
        then the quote"
        006B,宝钢扩建,宝钢,120万,投标,2026年11月30日,,
        006C,Spare parts,宝钢,1.2M,Closed Won,12/24/2026,,

        """

    private func file(_ text: String, _ name: String = "deals.csv", store: any TestStore, mapping: MappingFile? = nil) throws -> ForeignFile {
        try ForeignFile(Data(text.utf8), fileName: name, mapping: mapping, catalog: try store.processCatalog(), user: "alice")
    }

    private func importing(_ text: String, _ name: String = "deals.csv", into store: any TestStore, dryRun: Bool = false,
                           skipBad: Bool = false) throws -> ForeignImportReport {
        try store.acting(as: "alice").importForeign(try file(text, name, store: store).batch, dryRun: dryRun, skipBad: skipBad)
    }

    @Test("deals import with their accounts, stages, amounts, dates and owners", arguments: Backend.allCases)
    func deals(_ backend: Backend) throws {
        let store = try StoreFixture.store(backend)
        let report = try importing(Self.deals, into: store)
        #expect(report.written && report.rejections.isEmpty)
        #expect(report.count(.create, .accounts) == 2 && report.count(.create, .deals) == 3)
        let snapshot = try store.exportSnapshot()
        let byTitle = Dictionary(snapshot.deals.map { ($0.title, $0) }, uniquingKeysWith: { a, _ in a })
        let boiler = try #require(byTitle["Boiler retrofit"])
        #expect(boiler.amount.minorUnits == 120_000_000 && boiler.stageKey == "proposal" && boiler.owner == "bob")
        #expect(boiler.expectedClose?.description == "2026-12-01" && boiler.externalID == "006A")
        #expect(boiler.nextStep == "Site visit,\nthen the quote")
        #expect(byTitle["宝钢扩建"]?.stageKey == "bid" && byTitle["宝钢扩建"]?.owner == "alice")
        #expect(byTitle["Spare parts"]?.outcome == .won && byTitle["Spare parts"]?.closedOn?.description == "2026-12-24")
        #expect(Set(snapshot.accounts.map(\.name)) == ["中国石化", "宝钢"])
        // The account table's rollups follow.
        let baosteel = try #require(snapshot.accounts.first { $0.name == "宝钢" })
        #expect(try store.accountSummary(baosteel.id).pipeline == 120_000_000)
    }

    /// Each imported deal starts its history, so the weekly review counts it as a new deal and
    /// the log says who created it.
    @Test("imported deals have a created row each and are on the review's list of new deals", arguments: Backend.allCases)
    func importedDealsHaveAHistory(_ backend: Backend) throws {
        let store = try StoreFixture.store(backend)
        #expect(try importing(Self.deals, into: store).written)
        let created = try store.events(EventQuery(entity: "deal", limit: 10)).filter { $0.action == "created" }
        #expect(Set(created.map(\.entityID)) == [1, 2, 3] && created.allSatisfy { $0.user == "alice" && $0.accountID != nil })
        let review = try store.weeklyReview(ReviewQuery(today: StoreFixture.today))
        #expect(Set(review.newDeals.items.map(\.dealID)) == [1, 2, 3], "\(review.newDeals.items)")
    }

    @Test("importing the same file again updates, never duplicates", arguments: Backend.allCases)
    func reimport(_ backend: Backend) throws {
        let store = try StoreFixture.store(backend)
        _ = try importing(Self.deals, into: store)
        let before = try StoreFixture.counts(store)
        let again = try importing(Self.deals, into: store)
        #expect(again.count(.unchanged, .deals) == 3 && again.count(.create, .deals) == 0 && again.count(.create, .accounts) == 0)
        let changed = Self.deals.replacingOccurrences(of: "120万", with: "150万").replacingOccurrences(of: "Boiler retrofit", with: "Boiler retrofit II")
        let third = try importing(changed, into: store)
        #expect(third.count(.update, .deals) == 2 && third.count(.create, .deals) == 0)
        let after = try StoreFixture.counts(store)
        #expect(after[0...3] == before[0...3])
        let deals = try store.exportSnapshot().deals
        #expect(deals.contains { $0.title == "Boiler retrofit II" && $0.version == 2 })
        #expect(deals.first { $0.title == "宝钢扩建" }?.amount.minorUnits == 150_000_000)
    }

    @Test("without external ids rows match by natural key: account by name, deal by title in its account", arguments: Backend.allCases)
    func naturalKeys(_ backend: Backend) throws {
        let store = try StoreFixture.store(backend)
        let text = "商机名称,客户名称,金额,阶段\n扩建,宝钢,100万,开发\n改造,宝钢,50万,提案\n"
        _ = try importing(text, into: store)
        let report = try importing(text.replacingOccurrences(of: "50万", with: "60万"), into: store)
        #expect(report.count(.update, .deals) == 1 && report.count(.unchanged, .deals) == 1 && report.count(.create, .accounts) == 0)
        #expect(try store.exportSnapshot().deals.count == 2)
    }

    @Test("a dry run plans the same as the import and writes nothing", arguments: Backend.allCases)
    func dryRun(_ backend: Backend) throws {
        let store = try StoreFixture.store(backend)
        let token = try store.settledChangeToken()
        let report = try importing(Self.deals + "006D,Bad,宝钢,lots,Proposal,,,\n", into: store, dryRun: true)
        #expect(!report.written)
        #expect(report.count(.create, .deals) == 3 && report.rejections.count == 1)
        #expect(report.rejections.first?.description == "deals.csv line 6, column 'Amount': 'lots' is not an amount (e.g. 1200000, ¥1,200,000.00, 120万, 1.2M, 1.200.000,00 €)")
        #expect(try StoreFixture.counts(store) == [0, 0, 0, 0, 0, 0, 0])
        #expect(try store.changeToken() == token)
    }

    @Test("one bad row and nothing is written; --skip-bad writes the rest", arguments: Backend.allCases)
    func allOrNothing(_ backend: Backend) throws {
        let store = try StoreFixture.store(backend)
        let bad = Self.deals + "006D,Mystery,宝钢,5,Perception Analysis,,,\n"
        let refused = try importing(bad, into: store)
        #expect(!refused.written && refused.rejections.count == 1)
        #expect(refused.unmappedStages == ["Perception Analysis": 1])
        #expect(try StoreFixture.counts(store) == [0, 0, 0, 0, 0, 0, 0])
        let skipped = try importing(bad, into: store, skipBad: true)
        #expect(skipped.written && skipped.count(.create, .deals) == 3)
        #expect(try store.exportSnapshot().deals.count == 3)
    }

    @Test("the rejected rows file reads back and, fixed, imports", arguments: Backend.allCases)
    func rejectsRoundTrip(_ backend: Backend) throws {
        let store = try StoreFixture.store(backend)
        let bad = Self.deals + "006D,Mystery,宝钢,5,Perception Analysis,,,\n"
        let first = try file(bad, store: store)
        let report = try store.acting(as: "alice").importForeign(first.batch, dryRun: false, skipBad: true)
        let rejects = try ForeignRejects.encode(header: first.table.header, batch: first.batch, rejections: report.rejections)
        #expect(rejects.starts(with: ExcelCSV.bom))
        let text = String(decoding: rejects.dropFirst(3), as: UTF8.self)
        #expect(text.contains("Perception Analysis") && text.contains(ForeignRejects.reasonColumn))
        let fixed = text.replacingOccurrences(of: "Perception Analysis", with: "Bid")
        let second = try file(fixed, "deals.rejected.csv", store: store)
        #expect(second.mapping.unmapped == [ForeignRejects.reasonColumn])
        let again = try store.acting(as: "alice").importForeign(second.batch, dryRun: false, skipBad: false)
        #expect(again.written && again.count(.create, .deals) == 1)
        #expect(try store.exportSnapshot().deals.first { $0.externalID == "006D" }?.stageKey == "bid")
    }

    @Test("the same record twice in one file is refused on the second line", arguments: Backend.allCases)
    func twiceInFile(_ backend: Backend) throws {
        let store = try StoreFixture.store(backend)
        let report = try importing("Deal Name,Company,Amount\nPumps,Acme,5\nPumps,Acme,6\n", into: store, dryRun: true)
        #expect(report.rejections.map(\.line) == [3])
        #expect(report.rejections.first?.reason.contains("line 2") == true)
    }

    @Test("persons become key persons of their accounts, and re-import updates them", arguments: Backend.allCases)
    func persons(_ backend: Backend) throws {
        let store = try StoreFixture.store(backend)
        let text = "客户名称,联系人,职位,电话,邮箱\n中国石化,王伟,采购经理,13800000000,wang@example.cn\n中国石化,李娜,总工,,\n"
        let report = try importing(text, "contacts.csv", into: store)
        #expect(report.count(.create, .persons) == 2 && report.count(.create, .accounts) == 1)
        let again = try importing(text.replacingOccurrences(of: "总工", with: "总工程师"), "contacts.csv", into: store)
        #expect(again.count(.update, .persons) == 1 && again.count(.unchanged, .persons) == 1)
        let persons = try store.exportSnapshot().persons
        #expect(persons.count == 2 && persons.first { $0.name == "李娜" }?.title == "总工程师")
        #expect(persons.first { $0.name == "王伟" }?.email == "wang@example.cn")
        let bad = try importing("Company,Contact,Email\nAcme,Ann,not-an-address\n", "c.csv", into: store, dryRun: true)
        #expect(bad.rejections.first?.column == "Email")
    }

    @Test("accounts update only the columns the file has", arguments: Backend.allCases)
    func accounts(_ backend: Backend) throws {
        let store = try StoreFixture.store(backend)
        let existing = try store.acting(as: "alice").addAccount(Account(name: "中国石化", grade: .b, industry: "石化", region: "北京", owner: "alice"))
        let report = try importing("Account Name,Rating,Billing State/Province\n中国石化,Hot,\nNew Co,,Shanghai\n", "accounts.csv", into: store)
        #expect(report.count(.update, .accounts) == 1 && report.count(.create, .accounts) == 1)
        let updated = try store.account(existing.id)
        #expect(updated.grade == .a && updated.industry == "石化" && updated.region == "北京")
    }

    @Test("activities attach to accounts and deals, and are not logged twice", arguments: Backend.allCases)
    func activities(_ backend: Backend) throws {
        let store = try StoreFixture.store(backend)
        _ = try importing(Self.deals, into: store)
        let text = "Company,Deal Name,Activity Type,Date,Notes\n宝钢,宝钢扩建,拜访,2026-11-20,met the chief engineer\n宝钢,,Call,2026-11-21,\n"
        let report = try importing(text, "visits.csv", into: store)
        #expect(report.written && report.count(.create, .activities) == 2)
        let again = try importing(text, "visits.csv", into: store)
        #expect(again.count(.unchanged, .activities) == 2)
        let activities = try store.exportSnapshot().activities
        #expect(activities.count == 2 && activities.contains { $0.kind == .visit && $0.dealID != nil })
        let bad = try importing("Company,Deal Name,Activity Type,Date\n宝钢,Nope,Call,2026-11-21\n", "v.csv", into: store, dryRun: true)
        #expect(bad.rejections.first?.column == "Deal Name")
    }
}

@Suite("Foreign import: vCard")
struct VCardImportTests {
    static let cards = "BEGIN:VCARD\r\nVERSION:3.0\r\nN:王;伟;;;\r\nORG:中国石化\r\nTITLE:采购经理\r\nUID:u-1\r\nEND:VCARD\r\n"
        + "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:李娜\r\nORG:中国石化\r\nTITLE:总工\r\nEND:VCARD\r\n"

    private func file(_ text: String, account: String? = nil, store: any TestStore) throws -> ForeignFile {
        try ForeignFile(vCard: Data(text.utf8), fileName: "c.vcf", account: account, catalog: try store.processCatalog(), user: "alice")
    }

    @Test("cards become key persons of their ORG's account; re-import by UID or name updates", arguments: Backend.allCases)
    func persons(_ backend: Backend) throws {
        let store = try StoreFixture.store(backend)
        let existing = try store.acting(as: "alice").addAccount(StoreFixture.account("中国石化"))
        let report = try store.acting(as: "alice").importForeign(try file(Self.cards, store: store).batch, dryRun: false, skipBad: false)
        #expect(report.written && report.count(.create, .persons) == 2 && report.count(.create, .accounts) == 0)
        #expect(try store.exportSnapshot().persons.allSatisfy { $0.accountID == existing.id })
        let renamed = Self.cards.replacingOccurrences(of: "N:王;伟;;;", with: "N:王;伟强;;;")
        let again = try store.acting(as: "alice").importForeign(try file(renamed, store: store).batch, dryRun: false, skipBad: false)
        #expect(again.count(.update, .persons) == 1 && again.count(.unchanged, .persons) == 1)
        #expect(try store.exportSnapshot().persons.map(\.name).sorted() == ["李娜", "王伟强"])
    }

    @Test("--account puts every card under one account; a card without ORG needs it", arguments: Backend.allCases)
    func account(_ backend: Backend) throws {
        let store = try StoreFixture.store(backend)
        let noOrg = "BEGIN:VCARD\nVERSION:4.0\nFN:Ann\nEND:VCARD\n"
        let refused = try store.acting(as: "alice").importForeign(try file(noOrg, store: store).batch, dryRun: true, skipBad: false)
        #expect(refused.rejections.first?.description == "c.vcf line 1, column 'ORG': the card names no organization; import with --account NAME")
        let report = try store.acting(as: "alice").importForeign(try file(noOrg + Self.cards, account: "宝钢", store: store).batch, dryRun: false, skipBad: false)
        #expect(report.count(.create, .persons) == 3)
        #expect(try store.exportSnapshot().accounts.map(\.name) == ["宝钢"])
    }
}

extension ForeignImportTests {
    @Test("rows name their account however its text is spelled: one account per name, composed or not", arguments: Backend.allCases)
    func accountNamesSpelledTwoWays(_ backend: Backend) throws {
        let store = try StoreFixture.store(backend)
        // The plan caches each name's account by its bytes; "Café" composed and decomposed
        // are different bytes but one name, so they must still land on one account.
        var text = "Opportunity Name,Account Name,Amount,Stage\n"
        for index in 0..<40 {
            let account = ["Caf\u{E9} 重庆", "Cafe\u{301} 重庆", "银行 \(index % 3)"][index % 3]
            text += "Deal \(index),\(account),1000,Proposal\n"
        }
        let report = try importing(text, into: store)
        #expect(report.written && report.rejections.isEmpty)
        #expect(report.count(.create, .accounts) == 2 && report.count(.create, .deals) == 40)
        let snapshot = try store.exportSnapshot()
        #expect(snapshot.accounts.count == 2)
        let counts = Dictionary(grouping: snapshot.deals, by: \.accountID).mapValues(\.count)
        #expect(counts.values.sorted() == [13, 27])
        let again = try importing(text, into: store)
        #expect(again.count(.unchanged, .deals) == 40 && again.count(.create, .accounts) == 0)
    }

    @Test("a row's present fields are the mapped columns with a value, blank and unmapped ones left out", arguments: Backend.allCases)
    func presentFields(_ backend: Backend) throws {
        let store = try StoreFixture.store(backend)
        let text = """
            Opportunity Name,Account Name,Amount,Stage,Next Step,Colour
            Boiler,宝钢,1000,Proposal,,red
            Spare parts,宝钢,  ,Proposal,Call back,

            """
        let records = try file(text, store: store).batch.records
        let present = records.compactMap { record -> Set<ImportField>? in
            if case .deal(let draft) = record { return draft.present }
            return nil
        }
        #expect(present == [[.deal, .account, .amount, .stage], [.deal, .account, .stage, .nextStep]])
    }
}
