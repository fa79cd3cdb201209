import CloserCore
import CloserExchange
import Foundation
import StoreTestSupport
import Testing

/// An import writes its new rows a table at a time; the rules a one-row write keeps hold for
/// every row of it: the per-rep limit, the duplicate check past what a rep may see, and the
/// log and figures the one-row writes would leave.
@Suite("Foreign import: the rules of one-row writes hold for a whole file")
struct ForeignImportRulesTests {
    private func importing(_ text: String, _ name: String = "deals.csv", into store: any TestStore, as user: String,
                           skipBad: Bool = false) throws -> ForeignImportReport {
        let file = try ForeignFile(Data(text.utf8), fileName: name, catalog: try store.processCatalog(), user: user)
        return try store.acting(as: user).importForeign(file.batch, dryRun: false, skipBad: skipBad)
    }

    static let threeAccounts = "Opportunity Name,Account Name,Amount,Stage\n扩建,甲公司,100万,开发\n改造,乙公司,50万,提案\n备件,丙公司,5万,开发\n"

    @Test("a rep's import adds new accounts only up to the per-rep limit; refused rows write nothing", arguments: Backend.allCases)
    func repLimit(_ backend: Backend) throws {
        let store = try Team.store(backend)
        try store.acting(as: Team.zhao).savePoolRules(PoolRules(noFollowUpDays: 30, noWinDays: 0, warnDays: 7, maxAccountsPerRep: 2))
        _ = try Team.account(store, "Held Co", owner: Team.wang)
        let before = try StoreFixture.counts(store)
        let refused = try importing(Self.threeAccounts, into: store, as: Team.wang)
        #expect(!refused.written && refused.rejections.map(\.line) == [3, 4])
        #expect(refused.rejections.allSatisfy { $0.reason.hasPrefix("the per-rep limit of accounts is reached") })
        #expect(try StoreFixture.counts(store) == before, "nothing written, no event")
        let skipped = try importing(Self.threeAccounts, into: store, as: Team.wang, skipBad: true)
        #expect(skipped.written && skipped.count(.create, .accounts) == 1 && skipped.count(.create, .deals) == 1)
        #expect(try store.heldCount(of: Team.wang) == 2)
        #expect(try store.acting(as: Team.wang).exportSnapshot().deals.map(\.title) == ["扩建"])
    }

    @Test("a manager's import gives a rep no more accounts than the limit, refused as adding them one by one is", arguments: Backend.allCases)
    func managerGivesOverTheLimit(_ backend: Backend) throws {
        let store = try Team.store(backend)
        try store.acting(as: Team.zhao).savePoolRules(PoolRules(noFollowUpDays: 30, noWinDays: 0, warnDays: 7, maxAccountsPerRep: 2))
        _ = try Team.account(store, "Held Co", owner: Team.wang)
        let before = try StoreFixture.counts(store)
        let file = "Account Name,Account Owner\nFirst Co,\(Team.wang)\nSecond Co,\(Team.wang)\nThird Co,\(Team.li)\n"
        let refusal = Team.refusal { try importing(file, "accounts.csv", into: store, as: Team.zhao) }
        #expect(refusal == "wang.lei already holds 2 accounts, the limit per rep (2): new account 'Second Co' was not given to them "
            + "— return one to the pool first")
        #expect(try StoreFixture.counts(store) == before, "nothing written, no event")
        #expect(try store.heldCount(of: Team.wang) == 1)
    }

    @Test("a rep's import does not add a second copy of an account another rep holds out of sight", arguments: Backend.allCases)
    func hiddenExclusiveAccount(_ backend: Backend) throws {
        let store = try Team.store(backend)
        let hidden = try Team.account(store, "中国石化长春分公司", owner: Team.li, visibility: .exclusive)
        let before = try StoreFixture.counts(store)
        let text = "Opportunity Name,Account Name,Amount,Stage\n扩建,中国石化长春分公司,100万,开发\n改造,宝钢,50万,提案\n"
        let refused = try importing(text, into: store, as: Team.wang)
        #expect(!refused.written && refused.rejections.map(\.line) == [2])
        #expect(refused.rejections.first?.reason.contains(Team.li) == true, "\(refused.rejections)")
        #expect(try StoreFixture.counts(store) == before, "nothing written, no event")
        _ = try importing(text, into: store, as: Team.wang, skipBad: true)
        let names = try store.acting(as: Team.zhao).exportSnapshot().accounts.map(\.name)
        #expect(names.filter { $0 == hidden.name }.count == 1 && names.contains("宝钢"))
    }

    static let deals = """
        Opportunity ID,Opportunity Name,Account Name,Amount,Stage,Close Date,Next Step
        006A,Boiler retrofit,中国石化,"¥1,200,000.00",Proposal,2026/12/1,Site visit
        006B,宝钢扩建,宝钢,120万,投标,2026年11月30日,
        006C,Spare parts,宝钢,1.2M,Closed Won,12/24/2026,

        """
    static let visits = "Company,Deal Name,Activity Type,Date,Notes\n宝钢,宝钢扩建,拜访,2026-11-20,met the chief engineer\n中国石化,,Call,2026-11-21,\n"

    /// The same rows added one at a time through the store's own calls, in the import's order.
    private func replayed(_ imported: Snapshot, _ backend: Backend) throws -> any TestStore {
        let store = try StoreFixture.store(backend).acting(as: "alice")
        for account in imported.accounts {
            var draft = account
            draft.id = 0
            _ = try store.addAccount(draft)
        }
        for deal in imported.deals {
            var draft = deal
            draft.id = 0
            _ = try store.addDeal(draft)
        }
        for activity in imported.activities {
            var draft = activity
            draft.id = 0
            _ = try store.addActivity(draft)
        }
        return store
    }

    @Test("an import logs, rolls up and reviews as the same rows added one by one", arguments: Backend.allCases)
    func sameAsOneByOne(_ backend: Backend) throws {
        let store = try StoreFixture.store(backend).acting(as: "alice")
        #expect(try importing(Self.deals, into: store, as: "alice").written)
        #expect(try importing(Self.visits, "visits.csv", into: store, as: "alice").written)
        let imported = try store.exportSnapshot()
        #expect(imported.deals.count == 3 && imported.activities.count == 2)
        let oneByOne = try replayed(imported, backend)
        func logged(_ store: any TestStore) throws -> [String] {
            try store.events(EventQuery(limit: 1_000)).filter { $0.entity != "store" }.map { event in
                "\(event.user) \(event.entity) \(event.entityID) \(event.action) \(event.changes.sorted { $0.key < $1.key }) "
                    + "'\(event.note)' \(event.accountID.map(String.init) ?? "-") \(event.version.map(String.init) ?? "-")"
            }
        }
        // The same rows; within the one import (one moment) the file store logs the deals' plans after all the deals.
        let (importLog, oneByOneLog) = (try logged(store).sorted(), try logged(oneByOne).sorted())
        #expect(importLog == oneByOneLog, "\(Set(importLog).symmetricDifference(oneByOneLog).sorted())")
        let review = ReviewQuery(today: StoreFixture.today, listLimit: 100)
        #expect(try store.weeklyReview(review).newDeals.items.count == 3)
        #expect(try store.weeklyReview(review) == oneByOne.weeklyReview(review))
        let deals = DealQuery(filter: DealFilter(includeClosed: true), limit: 100)
        #expect(try store.deals(deals).rows == oneByOne.deals(deals).rows)
        let accounts = AccountQuery(limit: 100)
        #expect(try store.accounts(accounts).rows == oneByOne.accounts(accounts).rows)
        #expect(try store.plannedActivities(PlanQuery(includeDone: true)) == oneByOne.plannedActivities(PlanQuery(includeDone: true)))
    }
}
