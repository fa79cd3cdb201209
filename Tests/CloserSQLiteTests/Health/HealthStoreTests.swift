import CloserCore
import CloserExchange
@testable import CloserSQLite
import Foundation
import GRDB
import Testing

/// The store keeps what the rules read current through every kind of write, and says for a
/// screen of deals what each trips (on 2026-11-23).
@Suite("Deal health in the store")
struct HealthStoreTests {
    let today = StoreFixture.today

    func rules(_ store: SQLiteStore, _ id: Int64) throws -> [HealthRule] {
        try store.dealHealth(id, today: today).map(\.rule)
    }

    /// An account with a decision-maker met today who is our coach, and a healthy proposal deal.
    func healthyDeal() throws -> (SQLiteStore, Account, Person, Deal) {
        let store = try StoreFixture.store()
        let account = try store.addAccount(StoreFixture.account("中国石化"))
        let boss = try store.addPerson(Person(accountID: account.id, name: "王总", level: .decisionMaker, isInsideCoach: true, lastMet: today))
        var deal = StoreFixture.deal("DCS upgrade", account: account.id, stage: "proposal")
        deal.nextStep = "Site survey"
        deal.nextStepDue = today.adding(days: 3)
        deal.budgetKnown = true
        deal.needs = [CustomerNeed(text: "Cut unplanned downtime", statedBy: boss.id)]
        return (store, account, boss, try store.addDeal(deal))
    }

    @Test func dealFieldsAndActivitiesDriveTheWarnings() throws {
        let (store, account, _, deal) = try healthyDeal()
        #expect(try rules(store, deal.id).isEmpty)
        var edited = try store.deal(deal.id)
        edited.needs = []
        edited.budgetKnown = false
        edited = try store.updateDeal(edited)
        #expect(try rules(store, deal.id) == [.needsNotRecorded, .budgetUnknown])

        let quote = try store.addActivity(Activity(accountID: account.id, dealID: deal.id, kind: .quote, day: today.adding(days: -2)))
        #expect(try rules(store, deal.id).contains(.priceTooEarly))
        try store.deleteActivity(quote.id)
        #expect(try !rules(store, deal.id).contains(.priceTooEarly), "the quote's deletion is seen")

        _ = try store.addActivity(Activity(accountID: account.id, dealID: deal.id, kind: .demo, day: today.adding(days: -5)))
        #expect(try rules(store, deal.id).contains(.pitchedBeforeDiscovery))
        _ = try store.addActivity(Activity(accountID: account.id, dealID: deal.id, kind: .discovery, day: today.adding(days: -4)))
        #expect(try rules(store, deal.id).contains(.pitchedBeforeDiscovery), "a discovery after the demo does not undo it")
        _ = try store.addActivity(Activity(accountID: account.id, dealID: deal.id, kind: .demo, day: today.adding(days: -1)))
        #expect(try !rules(store, deal.id).contains(.pitchedBeforeDiscovery), "presented again to what was heard")

        _ = try store.addActivity(Activity(accountID: account.id, kind: .quote, day: today))
        #expect(try !rules(store, deal.id).contains(.priceTooEarly), "a quote on the account is not this deal's")
        _ = try store.moveDeal(deal.id, to: "develop", forceReason: nil, expectedVersion: nil)
        #expect(try rules(store, deal.id).isEmpty, "develop expects neither budget nor needs")
    }

    @Test func activityChangesByAnyWriterAreSeen() throws {
        let (store, account, _, deal) = try healthyDeal()
        let other = try store.addDeal(StoreFixture.deal("Spare parts", account: account.id))
        let quote = try store.addActivity(Activity(accountID: account.id, dealID: deal.id, kind: .quote, day: today))
        #expect(try rules(store, deal.id) == [.priceTooEarly])
        // Another program moves the quote to the other deal, then turns it into a visit.
        try store.write { db in try db.execute(sql: "UPDATE activity SET deal_id = ? WHERE id = ?", arguments: [other.id, quote.id]) }
        #expect(try rules(store, deal.id).isEmpty)
        #expect(try rules(store, other.id).contains(.priceTooEarly))
        try store.write { db in try db.execute(sql: "UPDATE activity SET kind = 'visit' WHERE id = ?", arguments: [quote.id]) }
        #expect(try !rules(store, other.id).contains(.priceTooEarly))
        try store.deleteDeal(other.id)
        #expect(try store.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM deal WHERE first_quote IS NOT NULL") } == 0)
    }

    @Test func personWritesKeepTheAccountsFacts() throws {
        let (store, account, boss, deal) = try healthyDeal()
        var oldBoss = boss
        oldBoss.isInsideCoach = false
        oldBoss.lastMet = today.adding(days: -91)
        oldBoss = try store.updatePerson(oldBoss)
        #expect(try rules(store, deal.id) == [.noRouteToDecisionMaker, .keyPersonCold])

        let supporter = try store.addPerson(Person(accountID: account.id, name: "张工", stance: .supporter, reportsTo: boss.id))
        #expect(try rules(store, deal.id) == [.keyPersonCold], "a supporter under the decision-maker is a route")
        try store.deletePerson(supporter.id)
        #expect(try rules(store, deal.id) == [.noRouteToDecisionMaker, .keyPersonCold])

        // Another program writes the last-met day straight into the table.
        try store.write { db in try db.execute(sql: "UPDATE person SET last_met = ? WHERE id = ?", arguments: [today.description, boss.id]) }
        #expect(try rules(store, deal.id).isEmpty)
        let detail = try store.dealHealth(deal.id, today: today.adding(days: 61)).first { $0.rule == .keyPersonCold }?.detail
        #expect(detail?.en == "王总 not met for 61 days (more than 60)", "the coldest is named from the person table")
        #expect(try store.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM account_health WHERE stale = 1") } == 0,
                "no write leaves a stale account behind")
    }

    @Test func accountsWithNoPersonsHaveNoRoute() throws {
        let store = try StoreFixture.store()
        let account = try store.addAccount(StoreFixture.account("Acme"))
        var deal = StoreFixture.deal("Pumps", account: account.id)
        deal.nextStep = "Call"
        deal.nextStepDue = today
        deal = try store.addDeal(deal)
        let warnings = try store.dealHealth(deal.id, today: today)
        #expect(warnings.map(\.rule) == [.noRouteToDecisionMaker])
        #expect(warnings.first?.detail.en == "No decision-maker mapped, and so no route to one")
        try store.deleteAccountCascadeForTest(account.id, deal: deal.id)
        #expect(try store.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM account_health") } == 0)
    }

    @Test func needsNameAPersonOfTheDealsAccount() throws {
        let (store, _, boss, deal) = try healthyDeal()
        let other = try store.addAccount(StoreFixture.account("Acme"))
        let stranger = try store.addPerson(Person(accountID: other.id, name: "Smith"))
        var edited = try store.deal(deal.id)
        edited.needs.append(CustomerNeed(text: "Faster delivery", statedBy: stranger.id))
        #expect(throws: StoreError.invalid("needs: person \(stranger.id) is not a key person of the deal's account (#\(deal.accountID)); nothing was saved")) {
            try store.updateDeal(edited)
        }
        #expect(try store.deal(deal.id).needs.count == 1, "nothing was saved")
        // The person who stated a need leaves: the deal stays editable.
        try store.deletePerson(boss.id)
        var later = try store.deal(deal.id)
        later.title = "DCS upgrade, phase 1"
        later = try store.updateDeal(later)
        #expect(later.needs == [CustomerNeed(text: "Cut unplanned downtime", statedBy: boss.id)])
    }

    @Test func onlyVisibleDealsAreAnswered() throws {
        let store = try StoreFixture.store()
        try store.saveUser(User(name: "boss", role: .manager))
        try store.acting(as: "boss").saveUser(User(name: "alice", role: .rep))
        try store.acting(as: "boss").saveUser(User(name: "bob", role: .rep))
        let alice = store.acting(as: "alice"), bob = store.acting(as: "bob"), boss = store.acting(as: "boss")
        let mine = try alice.addAccount(StoreFixture.account("Mine", owner: "alice"))
        let his = try bob.addAccount(StoreFixture.account("His", owner: "bob"))
        let d1 = try alice.addDeal(StoreFixture.deal("A", account: mine.id))
        let d2 = try bob.addDeal(StoreFixture.deal("B", account: his.id, owner: "bob"))
        #expect(try Set(alice.dealWarnings([d1.id, d2.id], today: today).keys) == [d1.id])
        #expect(try Set(boss.dealWarnings([d1.id, d2.id], today: today).keys) == [d1.id, d2.id])
        #expect(try boss.healthCounts([d1.id, d2.id, 999], today: today) == [d1.id: 2, d2.id: 2])
        #expect(throws: StoreError.self) { try boss.dealWarnings(Array(1...501), today: today) }
        #expect(throws: StoreError.refused(Actor.notAUserMessage("nobody"))) { try store.acting(as: "nobody").dealWarnings([d1.id], today: today) }
    }
}

extension SQLiteStore {
    /// Deletes a deal and then its account, as a user would (an account with deals is refused).
    func deleteAccountCascadeForTest(_ accountID: Int64, deal: Int64) throws {
        try deleteDeal(deal)
        try deleteAccount(accountID)
    }
}

/// Bulk writes (another CRM's file, our own snapshot) put the health triggers aside and work the
/// facts out after: the deal's warnings are the same as if the rows had been added one by one.
@Suite("Deal health after bulk writes")
struct HealthBulkTests {
    @Test func anotherCRMsActivitiesAreSeen() throws {
        let store = try StoreFixture.store()
        let alice = store.acting(as: "alice")
        let deals = "Opportunity Name,Account Name,Amount,Stage,Opportunity Owner\nBoiler retrofit,中国石化,120万,Proposal,alice\n"
        _ = try alice.importForeign(try ForeignFile(Data(deals.utf8), fileName: "deals.csv", mapping: nil, catalog: try store.processCatalog(),
                                                    user: "alice").batch, dryRun: false, skipBad: false)
        let deal = try #require(try store.deals(DealQuery()).rows.first)
        #expect(try !store.dealHealth(deal.id, today: StoreFixture.today).map(\.rule).contains(.priceTooEarly))
        let activities = "Company,Deal Name,Activity Type,Date\n中国石化,Boiler retrofit,报价,2026-11-20\n中国石化,Boiler retrofit,Demo,2026-11-21\n"
        let report = try alice.importForeign(try ForeignFile(Data(activities.utf8), fileName: "log.csv", mapping: nil,
                                                             catalog: try store.processCatalog(), user: "alice").batch, dryRun: false, skipBad: false)
        #expect(report.written && report.count(.create, .activities) == 2)
        let rules = try store.dealHealth(deal.id, today: StoreFixture.today).map(\.rule)
        #expect(rules.contains(.priceTooEarly) && rules.contains(.pitchedBeforeDiscovery), "\(rules)")
        #expect(try store.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM meta WHERE key = 'bulk_health'") } == 0)
    }

    @Test func aSnapshotsPersonsAndActivitiesAreSeen() throws {
        let source = try StoreFixture.store()
        let account = try source.addAccount(StoreFixture.account("中国石化"))
        let boss = try source.addPerson(Person(accountID: account.id, name: "王总", level: .decisionMaker, isInsideCoach: true,
                                               lastMet: StoreFixture.today))
        let deal = try source.addDeal(StoreFixture.deal("DCS", account: account.id, stage: "proposal"))
        _ = try source.addActivity(Activity(accountID: account.id, dealID: deal.id, kind: .quote, day: StoreFixture.today))
        let expected = try source.dealHealth(deal.id, today: StoreFixture.today)
        #expect(expected.map(\.rule).contains(.priceTooEarly) && !expected.map(\.rule).contains(.noRouteToDecisionMaker))
        let target = try StoreFixture.store()
        _ = try target.importSnapshot(try source.exportSnapshot())
        #expect(try target.dealHealth(deal.id, today: StoreFixture.today) == expected)
        _ = boss
    }
}
