import CloserCore
import CloserExchange
import Foundation
import StoreTestSupport
import Testing

/// A contact list carries the org chart: influence, when we last met, and who reports to whom
/// (by name within the account); a deal list carries why a deal was lost.
@Suite("Foreign import: reports-to, influence, last met, close reason")
struct ForeignImportOrgLinesTests {
    static func importing(_ text: String, _ name: String = "contacts.csv", into store: any TestStore, skipBad: Bool = false) throws -> ForeignImportReport {
        let file = try ForeignFile(Data(text.utf8), fileName: name, catalog: try store.processCatalog(), user: "alice")
        return try store.acting(as: "alice").importForeign(file.batch, dryRun: false, skipBad: skipBad)
    }

    static func persons(_ store: any TestStore) throws -> [String: Person] {
        Dictionary(try store.exportSnapshot().persons.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
    }

    // Salesforce's contact export headers; the manager comes after the person reporting to him.
    static let contacts = """
        Full Name,Account Name,Title,Reports To,Influence,Last Met
        李工,宝钢,技术部,王总,60,2026/11/20
        王总,宝钢,总经理,,90,2026年11月1日
        张三,宝钢,采购,李工,,
        赵六,中国石化,采购,王总,,

        """

    @Test("managers named in the same file are linked whichever row comes first; influence and last met are read", arguments: Backend.allCases)
    func linesFromOneFile(_ backend: Backend) throws {
        let store = try StoreFixture.store(backend)
        let report = try Self.importing(Self.contacts, into: store, skipBad: true)
        // 王总 works for 宝钢, not for 中国石化: 赵六's row is refused, the rest are written.
        #expect(report.rejections.map(\.line) == [5])
        #expect(report.rejections.first?.column == "Reports To" && report.rejections.first?.reason.contains("'王总'") == true)
        let persons = try Self.persons(store)
        let wang = try #require(persons["王总"]), li = try #require(persons["李工"]), zhang = try #require(persons["张三"])
        #expect(li.reportsTo == wang.id && zhang.reportsTo == li.id && wang.reportsTo == nil)
        #expect(li.influence == 60 && wang.influence == 90 && zhang.influence == Person(accountID: 0, name: "").influence)
        #expect(li.lastMet?.description == "2026-11-20" && wang.lastMet?.description == "2026-11-01" && zhang.lastMet == nil)
        #expect(persons["赵六"] == nil)
        // The same file again: every written row is matched and unchanged, reports-to included.
        let again = try Self.importing(Self.contacts, into: store, skipBad: true)
        #expect(again.count(.unchanged, .persons) == 3 && again.count(.update, .persons) == 0 && again.count(.create, .persons) == 0)
    }

    @Test("a manager in the store is found by name; a changed line is an update; a loop refuses the file", arguments: Backend.allCases)
    func linesAgainstTheStore(_ backend: Backend) throws {
        let store = try StoreFixture.store(backend)
        _ = try Self.importing(Self.contacts, into: store, skipBad: true)
        let moved = try Self.importing("Full Name,Account Name,Reports To\n张三,宝钢,王总\n", into: store)
        #expect(moved.written && moved.count(.update, .persons) == 1)
        var persons = try Self.persons(store)
        #expect(persons["张三"]?.reportsTo == persons["王总"]?.id)
        // 王总 → 张三 → 王总 would make the org chart a loop: nothing is written.
        #expect(throws: StoreError.self) { try Self.importing("Full Name,Account Name,Reports To\n王总,宝钢,张三\n", into: store) }
        persons = try Self.persons(store)
        #expect(persons["王总"]?.reportsTo == nil && persons["张三"]?.reportsTo == persons["王总"]?.id)
        let selfReport = try Self.importing("Full Name,Account Name,直属上级\n王总,宝钢,王总\n", into: store)
        #expect(!selfReport.written && selfReport.rejections.first?.reason.contains("themself") == true)
        let badInfluence = try Self.importing("联系人,客户名称,影响力\n王总,宝钢,150\n", into: store)
        #expect(!badInfluence.written && badInfluence.rejections.first?.column == "影响力")
    }

    @Test("a lost deal's reason comes from its column; a re-import with another reason updates it", arguments: Backend.allCases)
    func closeReason(_ backend: Backend) throws {
        let store = try StoreFixture.store(backend)
        let deals = "Deal Name,Account Name,Amount,Stage,Lost Reason\n扩建,宝钢,120万,Closed Lost,价格高于西门子\n改造,宝钢,80万,投标,不该用上\n"
        let report = try Self.importing(deals, "deals.csv", into: store)
        #expect(report.written && report.count(.create, .deals) == 2)
        var byTitle = Dictionary(try store.exportSnapshot().deals.map { ($0.title, $0) }, uniquingKeysWith: { a, _ in a })
        #expect(byTitle["扩建"]?.outcome == .lost && byTitle["扩建"]?.outcomeReason == "价格高于西门子")
        #expect(byTitle["改造"]?.outcome == .open && byTitle["改造"]?.outcomeReason == "", "an open deal has no close reason")
        let again = try Self.importing(deals.replacingOccurrences(of: "价格高于西门子", with: "交期太长"), "deals.csv", into: store)
        #expect(again.count(.update, .deals) == 1 && again.count(.unchanged, .deals) == 1)
        byTitle = Dictionary(try store.exportSnapshot().deals.map { ($0.title, $0) }, uniquingKeysWith: { a, _ in a })
        #expect(byTitle["扩建"]?.outcomeReason == "交期太长")
    }
}
