import CloserCore
import CloserExchange
import Foundation
import StoreTestSupport
import Testing

/// Which stored row a re-imported row changes. Our own export's id column matches the row it
/// came from (and is not taken for another program's id); a title or name that several rows of
/// the account share is matched only where one is clearly meant — never a closed deal when an
/// open one has the title — and is otherwise refused, so no row is written over by mistake.
@Suite("Re-import: which row a file row changes")
struct ReimportMatchingTests {
    /// 正泰 (alice): a won deal and its open follow-up share a title; 泵站 is another open deal.
    struct Fixture {
        var store: any TestStore
        var chint: Account
        var won: Deal
        var followUp: Deal
        var pumps: Deal
    }

    static let title = "正泰仪表腐蚀监测系统"

    static func fixture(_ backend: Backend) throws -> Fixture {
        let store = try StoreFixture.store(backend)
        let alice = store.acting(as: "alice")
        let chint = try alice.addAccount(StoreFixture.account("正泰仪表"))
        let first = try alice.addDeal(StoreFixture.deal(title, account: chint.id, stage: "negotiation", amount: 430_000_000))
        let won = try alice.closeDeal(first.id, as: .won, reason: "签约", expectedVersion: first.version)
        let followUp = try alice.addDeal(StoreFixture.deal(title, account: chint.id, amount: 20_000_000))
        let pumps = try alice.addDeal(StoreFixture.deal("泵站改造", account: chint.id, amount: 12_340_000))
        return Fixture(store: store, chint: chint, won: won, followUp: followUp, pumps: pumps)
    }

    static func export(_ store: any Store, _ query: TableExportQuery) throws -> String {
        let exporter = TableExporter(store: store, format: .csv, context: ExportContext(catalog: try store.processCatalog(), lang: .en))
        var data = Data()
        try exporter.export(query) { data.append($0) }
        return String(decoding: data, as: UTF8.self)
    }

    static func importing(_ text: String, into store: any TestStore, as user: String = "alice", dryRun: Bool = false,
                          skipBad: Bool = false) throws -> ForeignImportReport {
        let file = try ForeignFile(Data(text.utf8), fileName: "file.csv", mapping: nil, catalog: try store.processCatalog(), user: user)
        return try store.acting(as: user).importForeign(file.batch, dryRun: dryRun, skipBad: skipBad)
    }

    static func deal(_ store: any Store, _ id: Int64) throws -> Deal? { try store.exportSnapshot().deals.first { $0.id == id } }

    @Test("our own export of open deals, one amount edited, changes that deal alone: not the won deal of the same title, no external id set",
          arguments: Backend.allCases)
    func ownExportMatchesByOurID(_ backend: Backend) throws {
        let f = try Self.fixture(backend)
        let exported = try Self.export(f.store, .deals(DealQuery(), DealExportColumn.defaults))
        #expect(exported.hasPrefix("Closer Deal ID,"), "\(exported)")
        let edited = exported.replacingOccurrences(of: "123400.00", with: "150000.00")
        #expect(edited != exported)
        let lastEvent = try f.store.events(EventQuery(limit: 1)).first?.id ?? 0
        let report = try Self.importing(edited, into: f.store)
        #expect(report.written && report.rejections.isEmpty, "\(report.rejections)")
        #expect(report.count(.update, .deals) == 1 && report.count(.unchanged, .deals) == 1 && report.count(.create, .deals) == 0, "\(report.summary)")
        let snapshot = try f.store.exportSnapshot()
        #expect(snapshot.deals.count == 3)
        #expect(snapshot.deals.allSatisfy { $0.externalID == nil }, "\(snapshot.deals.map(\.externalID))")
        let won = try #require(try Self.deal(f.store, f.won.id))
        #expect(won.outcome == .won && won.amount.minorUnits == 430_000_000 && won.version == f.won.version)
        #expect(try Self.deal(f.store, f.followUp.id)?.version == f.followUp.version)
        #expect(try Self.deal(f.store, f.pumps.id)?.amount.minorUnits == 15_000_000)
        let changes = try f.store.events(EventQuery(entity: "deal", limit: 20)).filter { $0.id > lastEvent }
        #expect(changes.map(\.entityID) == [f.pumps.id], "\(changes)")
    }

    @Test("a row of our export for a deal another user changed since is refused, not written back over that change; its own edits go in",
          arguments: Backend.allCases)
    func staleRowDoesNotUndoAnotherUsersChange(_ backend: Backend) throws {
        let f = try Self.fixture(backend)
        let exported = try Self.export(f.store, .deals(DealQuery(), DealExportColumn.defaults))
        #expect(exported.hasPrefix("Closer Deal ID,") && exported.components(separatedBy: "\r\n").first?.hasSuffix(",Closer Version") == true, "\(exported)")
        let changed = try f.store.acting(as: "bob").editDeal(f.followUp.id, expectedVersion: f.followUp.version) { $0.amount = Money(minorUnits: 99_000_000, currency: "CNY") }
        let edited = exported.replacingOccurrences(of: "123400.00", with: "150000.00")
        let refused = try Self.importing(edited, into: f.store)
        #expect(!refused.written && refused.rejections.map(\.line) == [2], "\(refused.rejections)")
        #expect(refused.rejections.first?.description.contains("column 'Closer Version': deal #\(f.followUp.id) was changed after this file was exported (version 1 in the file, 2 now)") == true,
                "\(refused.rejections)")
        let skipped = try Self.importing(edited, into: f.store, skipBad: true)
        #expect(skipped.written && skipped.count(.update, .deals) == 1, "\(skipped.summary)")
        #expect(try Self.deal(f.store, f.followUp.id) == changed)
        #expect(try Self.deal(f.store, f.pumps.id)?.amount.minorUnits == 15_000_000)
        // A file made after the change, read back unedited, changes nothing.
        let fresh = try Self.importing(try Self.export(f.store, .deals(DealQuery(), DealExportColumn.defaults)), into: f.store)
        #expect(fresh.written && fresh.rejections.isEmpty && fresh.count(.update, .deals) == 0, "\(fresh.summary)")
    }

    @Test("a title shared by a won deal and an open one names the open one; a row that closes it must say which", arguments: Backend.allCases)
    func titleMatchPrefersTheOpenDeal(_ backend: Backend) throws {
        let f = try Self.fixture(backend)
        let report = try Self.importing("Deal Name,Account Name,Amount\n\(Self.title),正泰仪表,300000\n", into: f.store)
        #expect(report.written && report.count(.update, .deals) == 1, "\(report.summary) \(report.rejections)")
        #expect(try Self.deal(f.store, f.followUp.id)?.amount.minorUnits == 30_000_000)
        #expect(try Self.deal(f.store, f.won.id)?.version == f.won.version)

        let before = try f.store.exportSnapshot()
        let closing = try Self.importing("Deal Name,Account Name,Stage\n\(Self.title),正泰仪表,Closed Won\n", into: f.store)
        #expect(!closing.written && closing.rejections.count == 1)
        #expect(closing.rejections.first?.reason.hasPrefix("2 deals at '正泰仪表' are titled '\(Self.title)'") == true, "\(closing.rejections)")
        #expect(try f.store.exportSnapshot().deals == before.deals)
    }

    @Test("an older export (its id column read as another program's) of won and open deals of one title: both rows are refused, even with skip-bad",
          arguments: Backend.allCases)
    func olderExportWithBothDealsOfATitle(_ backend: Backend) throws {
        let f = try Self.fixture(backend)
        let exported = try Self.export(f.store, .deals(DealQuery(filter: DealFilter(includeClosed: true)), DealExportColumn.defaults))
        let older = exported.replacingOccurrences(of: "Closer Deal ID,", with: "Deal ID,").replacingOccurrences(of: "123400.00", with: "150000.00")
        let refused = try Self.importing(older, into: f.store)
        #expect(!refused.written && refused.rejections.count == 2, "\(refused.rejections)")
        #expect(refused.rejections.allSatisfy { $0.reason.hasPrefix("2 deals at '正泰仪表' are titled") }, "\(refused.rejections)")
        let skipped = try Self.importing(older, into: f.store, skipBad: true)
        #expect(skipped.written && skipped.count(.update, .deals) == 1 && skipped.rejections.count == 2, "\(skipped.summary)")
        #expect(try Self.deal(f.store, f.won.id)?.version == f.won.version)
        #expect(try Self.deal(f.store, f.followUp.id)?.version == f.followUp.version)
        #expect(try Self.deal(f.store, f.pumps.id)?.amount.minorUnits == 15_000_000)
    }

    @Test("two open deals of one title: a row naming the title is refused and nothing is written; our id says which", arguments: Backend.allCases)
    func sharedTitleIsRefusedUnlessTheIDSaysWhich(_ backend: Backend) throws {
        let f = try Self.fixture(backend)
        let twin = try f.store.acting(as: "alice").addDeal(StoreFixture.deal(Self.title, account: f.chint.id, amount: 5_000_000))
        let before = try f.store.exportSnapshot()
        let token = try f.store.changeToken()
        let refused = try Self.importing("Deal Name,Account Name,Amount\n\(Self.title),正泰仪表,300000\n泵站改造,正泰仪表,1\n", into: f.store)
        #expect(!refused.written)
        #expect(refused.rejections.map(\.line) == [2] && refused.rejections.first?.column == "Deal Name")
        #expect(refused.rejections.first?.reason.contains("3 deals at '正泰仪表'") == true, "\(refused.rejections)")
        #expect(refused.rejections.first?.reasonZH.contains("无法确定是哪一个") == true)
        #expect(try f.store.exportSnapshot().deals == before.deals)
        #expect(try f.store.changeToken() == token)

        let named = try Self.importing("Closer Deal ID,Deal Name,Account Name,Amount\n\(twin.id),\(Self.title),正泰仪表,300000\n", into: f.store)
        #expect(named.written && named.count(.update, .deals) == 1, "\(named.rejections)")
        #expect(try Self.deal(f.store, twin.id)?.amount.minorUnits == 30_000_000)
        #expect(try Self.deal(f.store, f.followUp.id)?.version == f.followUp.version)
    }

    @Test("our id that names a deal of another account here (a file from another store) is not taken: the row matches by title",
          arguments: Backend.allCases)
    func idFromAnotherStoreFallsBackToTheTitle(_ backend: Backend) throws {
        let f = try Self.fixture(backend)
        let other = try f.store.acting(as: "alice").addAccount(StoreFixture.account("宝钢"))
        let furnace = try f.store.acting(as: "alice").addDeal(StoreFixture.deal("Furnace", account: other.id))
        let report = try Self.importing("Closer Deal ID,Deal Name,Account Name,Amount\n\(f.pumps.id),Furnace,宝钢,777\n", into: f.store)
        #expect(report.written && report.count(.update, .deals) == 1, "\(report.summary)")
        #expect(try Self.deal(f.store, furnace.id)?.amount.minorUnits == 77_700)
        #expect(try Self.deal(f.store, f.pumps.id)?.version == f.pumps.version)
    }

    @Test("two rows that land on one stored deal: the second is refused, by the same id or by id and title", arguments: Backend.allCases)
    func twoRowsOneDeal(_ backend: Backend) throws {
        let f = try Self.fixture(backend)
        let id = f.pumps.id
        let sameID = try Self.importing("Closer Deal ID,Deal Name,Account Name,Amount\n\(id),泵站改造,正泰仪表,1\n\(id),泵站改造 二期,正泰仪表,2\n", into: f.store)
        #expect(sameID.rejections.map(\.description) == ["file.csv line 3, column 'Closer Deal ID': the same record as line 2"])
        let idAndTitle = try Self.importing("Closer Deal ID,Deal Name,Account Name,Amount\n\(id),泵站改造,正泰仪表,1\n,泵站改造,正泰仪表,2\n", into: f.store)
        #expect(idAndTitle.rejections.map(\.description) == ["file.csv line 3, column 'Deal Name': matches the same stored deal as line 2"])
        #expect(try Self.deal(f.store, id)?.version == f.pumps.version)
    }

    @Test("a rep's file with our id of another rep's deal changes nothing of it", arguments: Backend.allCases)
    func aRepCannotReachAnotherRepsDealByID(_ backend: Backend) throws {
        let f = try Self.fixture(backend)
        let bobs = try f.store.acting(as: "bob").addAccount(StoreFixture.account("宝钢", owner: "bob"))
        let furnace = try f.store.acting(as: "bob").addDeal(StoreFixture.deal("Furnace", account: bobs.id, owner: "bob"))
        let alice = try f.store.viewing(Viewer(name: "alice", role: .rep))
        // Her own account, bob's deal's id: the id does not fit her row, so it matches by title (none) and adds her deal.
        let own = try Self.importing("Closer Deal ID,Deal Name,Account Name,Amount\n\(furnace.id),Furnace,正泰仪表,1\n", into: alice)
        #expect(own.written && own.count(.create, .deals) == 1, "\(own.summary) \(own.rejections)")
        // Bob's account named: refused, naming its holder.
        let his = try Self.importing("Closer Deal ID,Deal Name,Account Name,Amount\n\(furnace.id),Furnace,宝钢,1\n", into: alice)
        #expect(!his.written && his.rejections.count == 1 && his.rejections.first?.reason.contains("bob") == true, "\(his.rejections)")
        #expect(try Self.deal(f.store, furnace.id)?.version == furnace.version)
    }

    @Test("an activity names the open deal of a shared title, and is refused where two open deals share it", arguments: Backend.allCases)
    func activityDealTitle(_ backend: Backend) throws {
        let f = try Self.fixture(backend)
        let text = "Date,Activity Type,Account Name,Deal Name,Notes\n2026-11-20,meeting,正泰仪表,\(Self.title),现场\n"
        let report = try Self.importing(text, into: f.store)
        #expect(report.written && report.count(.create, .activities) == 1, "\(report.rejections)")
        #expect(try f.store.exportSnapshot().activities.map(\.dealID) == [f.followUp.id])
        _ = try f.store.acting(as: "alice").addDeal(StoreFixture.deal(Self.title, account: f.chint.id))
        let refused = try Self.importing(text.replacingOccurrences(of: "现场", with: "复访"), into: f.store)
        #expect(!refused.written && refused.rejections.first?.reason.hasPrefix("3 deals at '正泰仪表' are titled") == true, "\(refused.rejections)")
    }

    @Test("an export without its currency column reads back in each deal's own currency; a blank amount keeps the amount",
          arguments: Backend.allCases)
    func amountsKeepTheirDealsCurrency(_ backend: Backend) throws {
        let f = try Self.fixture(backend)
        let usd = try f.store.acting(as: "alice").addDeal(StoreFixture.deal("Export order", account: f.chint.id, amount: 1_000_000, currency: "USD"))
        let exported = try Self.export(f.store, .deals(DealQuery(), [.id, .title, .account, .amount]))
        let edited = exported.replacingOccurrences(of: "10000.00", with: "12000.00")
        let report = try Self.importing(edited, into: f.store)
        #expect(report.written && report.count(.update, .deals) == 1 && report.count(.unchanged, .deals) == 2, "\(report.summary) \(report.rejections)")
        #expect(try Self.deal(f.store, usd.id)?.amount == Money(minorUnits: 1_200_000, currency: "USD"))
        let relabel = try Self.importing("Closer Deal ID,Deal Name,Account Name,Amount,Currency\n\(usd.id),Export order,正泰仪表,,EUR\n", into: f.store)
        #expect(relabel.written && relabel.count(.update, .deals) == 1, "\(relabel.rejections)")
        #expect(try Self.deal(f.store, usd.id)?.amount == Money(minorUnits: 1_200_000, currency: "EUR"))
    }

    @Test("an export of a stage without its process names the process too, so a deal of another process reads back", arguments: Backend.allCases)
    func stageBringsItsProcess(_ backend: Backend) throws {
        let f = try Self.fixture(backend)
        var technical = StoreFixture.deal("DCS 评估", account: f.chint.id, stage: "implement")
        technical.processKey = "technical"
        _ = try f.store.acting(as: "alice").addDeal(technical)
        let columns = DealExportColumn.readableBack([.id, .title, .account, .stage])
        #expect(columns == [.id, .title, .account, .stage, .process])
        #expect(DealExportColumn.readableBack([.process, .stage]) == [.process, .stage])
        let report = try Self.importing(try Self.export(f.store, .deals(DealQuery(), columns)), into: f.store)
        #expect(report.written && report.rejections.isEmpty && report.count(.unchanged, .deals) == 3, "\(report.summary) \(report.rejections)")
        // Without it, the row is refused (its stage is not one of the default process), never misread.
        let bare = try Self.importing(try Self.export(f.store, .deals(DealQuery(), [.id, .title, .account, .stage])), into: f.store)
        #expect(!bare.written && bare.rejections.first?.reason.contains("is not a stage of project") == true, "\(bare.rejections)")
    }

    @Test("two persons of one name: a row naming them is refused, our id says which, and a manager of that name is refused",
          arguments: Backend.allCases)
    func sharedPersonName(_ backend: Backend) throws {
        let f = try Self.fixture(backend)
        let alice = f.store.acting(as: "alice")
        let first = try alice.addPerson(Person(accountID: f.chint.id, name: "张伟", title: "采购"))
        let second = try alice.addPerson(Person(accountID: f.chint.id, name: "张伟", title: "技术"))
        let before = try f.store.exportSnapshot().persons
        let refused = try Self.importing("Name,Account Name,Title\n张伟,正泰仪表,总工\n", into: f.store)
        #expect(!refused.written && refused.rejections.first?.reason.hasPrefix("2 persons at '正泰仪表' are named '张伟'") == true, "\(refused.rejections)")
        let manager = try Self.importing("Name,Account Name,Title,Reports To\n李工,正泰仪表,工程师,张伟\n", into: f.store)
        #expect(!manager.written && manager.rejections.first?.column == "Reports To", "\(manager.rejections)")
        #expect(try f.store.exportSnapshot().persons == before)

        let exported = try Self.export(f.store, .persons(PersonTableQuery(), [.id, .name, .account, .title]))
        #expect(exported.hasPrefix("Closer Contact ID,"), "\(exported)")
        let named = try Self.importing(exported.replacingOccurrences(of: "技术", with: "总工"), into: f.store)
        #expect(named.written && named.count(.update, .persons) == 1 && named.count(.unchanged, .persons) == 1, "\(named.summary) \(named.rejections)")
        let persons = try f.store.exportSnapshot().persons
        #expect(persons.first { $0.id == second.id }?.title == "总工" && persons.first { $0.id == first.id }?.title == "采购")
        #expect(persons.allSatisfy { $0.externalID == nil })
    }

    @Test("our export of accounts matches by our id where two accounts share a name", arguments: Backend.allCases)
    func sharedAccountName(_ backend: Backend) throws {
        let store = try StoreFixture.store(backend)
        let first = try store.acting(as: "alice").addAccount(StoreFixture.account("华能"))
        let second = try store.acting(as: "alice").addAccount(StoreFixture.account("华能"))
        let refused = try Self.importing("Account Name,Industry\n华能,电力\n", into: store)
        #expect(!refused.written && refused.rejections.count == 1)
        let exported = try Self.export(store, .accounts(AccountQuery(), [.id, .name, .industry]))
        #expect(exported.hasPrefix("Closer Account ID,"), "\(exported)")
        let lines = exported.split(separator: "\r\n", omittingEmptySubsequences: true).map(String.init)
        let edited = lines.map { $0.hasPrefix("\(second.id),") ? $0 + "电力" : $0 }.joined(separator: "\n") + "\n"
        let report = try Self.importing(edited, into: store)
        #expect(report.written && report.count(.update, .accounts) == 1 && report.count(.unchanged, .accounts) == 1, "\(report.summary) \(report.rejections)")
        let accounts = try store.exportSnapshot().accounts
        #expect(accounts.first { $0.id == second.id }?.industry == "电力" && accounts.first { $0.id == first.id }?.industry == "")
        #expect(accounts.allSatisfy { $0.externalID == nil })
    }
}
