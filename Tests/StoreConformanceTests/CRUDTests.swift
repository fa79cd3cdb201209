import CloserCore
import CloserSQLite
import Foundation
import StoreTestSupport
import Testing

@Suite("Add, read, update, delete, with the event log")
struct CRUDTests {
    @Test(arguments: Backend.allCases) func accountLifecycle(_ backend: Backend) throws {
        let store = try StoreFixture.store(backend)
        let added = try store.acting(as: "alice").addAccount(StoreFixture.account("中国石化", grade: .a))
        #expect(added.id > 0 && added.version == 1 && added.createdAt == StoreFixture.now && added.updatedAt == StoreFixture.now)
        #expect(try store.account(added.id) == added)

        var created = try store.events(EventQuery(entity: "account", entityID: added.id))
        #expect(created.count == 1)
        #expect(created.first?.user == "alice" && created.first?.action == "created" && created.first?.note == "中国石化")
        #expect(created.first?.at == StoreFixture.now)

        var edited = added
        edited.name = "中国石油化工"
        edited.grade = .b
        let updated = try store.acting(as: "bob").updateAccount(edited)
        #expect(updated.version == 2)
        #expect(try store.account(added.id).name == "中国石油化工")
        created = try store.events(EventQuery(entity: "account", entityID: added.id))
        let update = try #require(created.first)
        #expect(created.count == 2)
        #expect(update.user == "bob" && update.action == "updated" && update.entity == "account" && update.entityID == added.id)
        #expect(update.changes == ["name": FieldChange(old: "中国石化", new: "中国石油化工"), "grade": FieldChange(old: "A", new: "B")])

        var rescored = updated
        rescored.assistance = 8
        _ = try store.acting(as: "bob").updateAccount(rescored)
        let scores = try #require(try store.events(EventQuery(entity: "account", entityID: added.id)).first)
        #expect(scores.action == "scores")
        #expect(scores.changes["assistance"] == FieldChange(old: "5", new: "8"))
        #expect(scores.changes["quadrant"] == FieldChange(old: "market", new: "opportunity"))

        try store.acting(as: "carol").deleteAccount(added.id)
        #expect(throws: StoreError.notFound(entity: "account", id: added.id)) { try store.account(added.id) }
        let deleted = try #require(try store.events(EventQuery(entity: "account", entityID: added.id)).first)
        #expect(deleted.user == "carol" && deleted.action == "deleted" && deleted.note == "中国石油化工")
        #expect(throws: StoreError.notFound(entity: "account", id: added.id)) { try store.acting(as: "carol").deleteAccount(added.id) }
    }

    @Test(arguments: Backend.allCases) func invalidAccountIsRefusedAndNothingLogged(_ backend: Backend) throws {
        let store = try StoreFixture.store(backend)
        var bad = StoreFixture.account("")
        bad.loyalty = 12
        let refused = #expect(throws: StoreError.self) { try store.acting(as: "alice").addAccount(bad) }
        #expect(refused == .invalid(.fields(Validation.issues(bad))))
        #expect(refused?.description == "name: must not be empty; loyalty: must be 1…10, got 12")
        #expect(try store.events(EventQuery()).isEmpty)
    }

    @Test(arguments: Backend.allCases) func accountWithDealsCannotBeDeleted(_ backend: Backend) throws {
        let store = try StoreFixture.store(backend)
        let account = try store.acting(as: "alice").addAccount(StoreFixture.account("Acme"))
        _ = try store.acting(as: "alice").addDeal(StoreFixture.deal("Pumps", account: account.id))
        #expect(throws: StoreError.refused(.accountHasDeals(account: account.id, deals: 1))) {
            try store.acting(as: "alice").deleteAccount(account.id)
        }
        #expect(try store.account(account.id).name == "Acme")
    }

    @Test(arguments: Backend.allCases) func personLifecycle(_ backend: Backend) throws {
        let store = try StoreFixture.store(backend)
        let account = try store.acting(as: "alice").addAccount(StoreFixture.account("Acme"))
        let added = try store.acting(as: "alice").addPerson(Person(accountID: account.id, name: "王总", title: "CTO", level: .decisionMaker,
                                               roles: [.decisionMaker], influence: 60))
        #expect(added.id > 0 && added.version == 1)
        #expect(try store.person(added.id) == added)
        #expect(try store.events(EventQuery(entity: "person", entityID: added.id)).map(\.action) == ["created"])

        var edited = added
        edited.title = "CEO"
        edited.influence = 80
        let updated = try store.acting(as: "bob").updatePerson(edited)
        #expect(updated.version == 2)
        #expect(try store.person(added.id).title == "CEO")
        let event = try #require(try store.events(EventQuery(entity: "person", entityID: added.id)).first)
        #expect(event.action == "updated" && event.user == "bob")
        #expect(event.changes == ["title": FieldChange(old: "CTO", new: "CEO"), "influence": FieldChange(old: "60", new: "80")])

        #expect(try store.persons(PersonQuery(accountID: account.id)).rows.map(\.id) == [added.id])
        try store.acting(as: "carol").deletePerson(added.id)
        #expect(throws: StoreError.notFound(entity: "person", id: added.id)) { try store.person(added.id) }
        #expect(try store.events(EventQuery(entity: "person", entityID: added.id)).map(\.action) == ["deleted", "updated", "created"])
        #expect(try store.persons(PersonQuery(accountID: account.id)).total == 0)
    }

    @Test(arguments: Backend.allCases) func personWithSeveralRolesLogsOnlyRealChanges(_ backend: Backend) throws {
        let store = try StoreFixture.store(backend)
        let account = try store.acting(as: "alice").addAccount(StoreFixture.account("Acme"))
        var person = try store.acting(as: "alice").addPerson(Person(accountID: account.id, name: "李工", roles: [.user, .specifier, .evaluator, .initiator]))
        person.title = "Chief engineer"
        _ = try store.acting(as: "alice").updatePerson(person)
        let event = try #require(try store.events(EventQuery(entity: "person", entityID: person.id)).first)
        #expect(event.changes["title"] == FieldChange(old: "", new: "Chief engineer"))
        // The roles did not change; FieldDiff compares the JSON of two Sets in iteration order.
        #expect(Set(event.changes.keys) == ["title"])
    }

    @Test(arguments: Backend.allCases) func dealLifecycle(_ backend: Backend) throws {
        let store = try StoreFixture.store(backend)
        let account = try store.acting(as: "alice").addAccount(StoreFixture.account("Acme"))
        let added = try store.acting(as: "alice").addDeal(StoreFixture.deal("Pumps", account: account.id, stage: "bid", amount: 1_000_000))
        #expect(added.id > 0 && added.version == 1 && added.stageEnteredAt == StoreFixture.now)
        #expect(try store.deal(added.id) == added)
        let created = try #require(try store.events(EventQuery(entity: "deal", entityID: added.id)).first)
        #expect(created.action == "created" && created.user == "alice" && created.note == "Pumps")
        #expect(created.changes == ["stage": FieldChange(old: nil, new: "bid"), "amount": FieldChange(old: nil, new: "1000000")])

        var edited = added
        edited.title = "Pumps and valves"
        edited.amount = Money(minorUnits: 2_000_000)
        edited.stageKey = "negotiation"   // ignored: stages move through moveDeal
        let updated = try store.acting(as: "bob").updateDeal(edited)
        #expect(updated.version == 2 && updated.stageKey == "bid")
        let read = try store.deal(added.id)
        #expect(read.title == "Pumps and valves" && read.amount.minorUnits == 2_000_000 && read.stageKey == "bid")
        let event = try #require(try store.events(EventQuery(entity: "deal", entityID: added.id)).first)
        #expect(event.action == "updated" && event.user == "bob")
        #expect(Set(event.changes.keys) == ["title", "amount"])
        #expect(event.changes["title"] == FieldChange(old: "Pumps", new: "Pumps and valves"))
        // Weighted is re-derived: bid 60 % of 20 000.00.
        #expect(try store.deals(DealQuery()).rows.first?.weighted == 1_200_000)

        try store.acting(as: "carol").deleteDeal(added.id)
        #expect(throws: StoreError.notFound(entity: "deal", id: added.id)) { try store.deal(added.id) }
        #expect(try store.events(EventQuery(entity: "deal", entityID: added.id)).first?.action == "deleted")
    }

    @Test(arguments: Backend.allCases) func dealNeedsAKnownAccountAndValidFields(_ backend: Backend) throws {
        let store = try StoreFixture.store(backend)
        #expect(throws: StoreError.notFound(entity: "account", id: 99)) {
            try store.acting(as: "alice").addDeal(StoreFixture.deal("Pumps", account: 99))
        }
        let account = try store.acting(as: "alice").addAccount(StoreFixture.account("Acme"))
        let refused = #expect(throws: StoreError.self) {
            try store.acting(as: "alice").addDeal(StoreFixture.deal("Pumps", account: account.id, stage: "limbo"))
        }
        #expect(refused?.description == "stage: unknown stage 'limbo'; project has develop, entry, proposal, bid, negotiation, implementation")
        #expect(refused?.text.zh == "阶段：未知阶段「limbo」；流程 project 的阶段：开发、销售进入、提案、投标、商务谈判、工程实施")
    }

    @Test(arguments: Backend.allCases) func activityLifecycle(_ backend: Backend) throws {
        let store = try StoreFixture.store(backend)
        let account = try store.acting(as: "alice").addAccount(StoreFixture.account("Acme"))
        let deal = try store.acting(as: "alice").addDeal(StoreFixture.deal("Pumps", account: account.id))
        let person = try store.acting(as: "alice").addPerson(Person(accountID: account.id, name: "王总"))
        // The deal names the account: a wrong account id is corrected from the deal.
        let visit = try store.acting(as: "alice").addActivity(Activity(accountID: 0, dealID: deal.id, kind: .visit, day: Day(year: 2026, month: 11, day: 20)!,
                                                   personIDs: [person.id], notes: "plant tour"))
        #expect(visit.id > 0 && visit.accountID == account.id && visit.by == "alice" && visit.createdAt == StoreFixture.now)
        let earlier = try store.acting(as: "bob").addActivity(Activity(accountID: account.id, dealID: deal.id, kind: .call,
                                                     day: Day(year: 2026, month: 11, day: 2)!))
        #expect(try store.activities(accountID: account.id, dealID: nil, limit: 10) == [visit, earlier])
        #expect(try store.activities(accountID: nil, dealID: deal.id, limit: 1) == [visit])
        // The latest day wins, whatever the order of entry.
        #expect(try store.deals(DealQuery()).rows.first?.lastActivity == Day(year: 2026, month: 11, day: 20))
        #expect(try store.person(person.id).lastMet == Day(year: 2026, month: 11, day: 20))

        let event = try #require(try store.events(EventQuery(entity: "activity", entityID: visit.id)).first)
        #expect(event.action == "created" && event.user == "alice" && event.note == "deal \(deal.id)")
        #expect(event.changes == ["kind": FieldChange(old: nil, new: "visit"), "day": FieldChange(old: nil, new: "2026-11-20"),
                                  "met": FieldChange(old: nil, new: "\(person.id)")])

        try store.acting(as: "carol").deleteActivity(visit.id)
        #expect(try store.activities(accountID: account.id, dealID: nil, limit: 10) == [earlier])
        #expect(try store.events(EventQuery(entity: "activity", entityID: visit.id)).first?.action == "deleted")
    }

    @Test(arguments: Backend.allCases) func activityPersonsMustBelongToTheAccount(_ backend: Backend) throws {
        let store = try StoreFixture.store(backend)
        let acme = try store.acting(as: "alice").addAccount(StoreFixture.account("Acme"))
        let other = try store.acting(as: "alice").addAccount(StoreFixture.account("Other"))
        let stranger = try store.acting(as: "alice").addPerson(Person(accountID: other.id, name: "Stranger"))
        #expect(throws: StoreError.invalid(.notAKeyPersonOfAccount(person: stranger.id, account: acme.id))) {
            try store.acting(as: "alice").addActivity(Activity(accountID: acme.id, kind: .visit, day: StoreFixture.today, personIDs: [stranger.id]))
        }
        #expect(try store.activities(accountID: nil, dealID: nil, limit: 10).isEmpty)
    }

    @Test(arguments: Backend.allCases) func eventQueryFilters(_ backend: Backend) throws {
        let store = try StoreFixture.store(backend)
        let a = try store.acting(as: "alice").addAccount(StoreFixture.account("A"))
        _ = try store.acting(as: "alice").addAccount(StoreFixture.account("B"))
        _ = try store.acting(as: "alice").addDeal(StoreFixture.deal("D", account: a.id))
        #expect(try store.events(EventQuery()).count == 3)
        #expect(try store.events(EventQuery(entity: "account")).count == 2)
        #expect(try store.events(EventQuery(limit: 1)).map(\.entity) == ["deal"])
        #expect(try store.events(EventQuery(since: StoreFixture.now.addingTimeInterval(1))).isEmpty)
    }
}
