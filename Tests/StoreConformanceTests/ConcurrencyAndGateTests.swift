import CloserCore
import CloserSQLite
import Foundation
import StoreTestSupport
import Testing

@Suite("Optimistic concurrency")
struct ConcurrencyTests {
    @Test(arguments: Backend.allCases) func staleDealCopyIsRefusedAndTheFirstSaveSurvives(_ backend: Backend) throws {
        let store = try StoreFixture.store(backend)
        let account = try store.acting(as: "alice").addAccount(StoreFixture.account("Acme"))
        let id = try store.acting(as: "alice").addDeal(StoreFixture.deal("Pumps", account: account.id)).id
        var first = try store.deal(id)
        var second = try store.deal(id)
        first.title = "Pumps (alice)"
        _ = try store.acting(as: "alice").updateDeal(first)
        second.title = "Pumps (bob)"
        second.amount = Money(minorUnits: 1)
        #expect(throws: StoreError.staleVersion(entity: "deal", id: id, expected: 1, current: 2, lastChangedBy: "alice")) {
            try store.acting(as: "bob").updateDeal(second)
        }
        let stored = try store.deal(id)
        #expect(stored.title == "Pumps (alice)" && stored.amount.minorUnits == 100_000 && stored.version == 2)
        #expect(try store.events(EventQuery(entity: "deal", entityID: id)).map(\.action) == ["updated", "created"])
    }

    @Test(arguments: Backend.allCases) func staleAccountAndPersonCopiesAreRefused(_ backend: Backend) throws {
        let store = try StoreFixture.store(backend)
        let account = try store.acting(as: "alice").addAccount(StoreFixture.account("Acme"))
        var a1 = account, a2 = account
        a1.notes = "first"
        _ = try store.acting(as: "alice").updateAccount(a1)
        a2.notes = "second"
        #expect(throws: StoreError.staleVersion(entity: "account", id: account.id, expected: 1, current: 2, lastChangedBy: "alice")) {
            try store.acting(as: "bob").updateAccount(a2)
        }
        #expect(try store.account(account.id).notes == "first")

        let person = try store.acting(as: "alice").addPerson(Person(accountID: account.id, name: "王总"))
        var p1 = person, p2 = person
        p1.influence = 70
        _ = try store.acting(as: "carol").updatePerson(p1)
        p2.influence = 20
        #expect(throws: StoreError.staleVersion(entity: "person", id: person.id, expected: 1, current: 2, lastChangedBy: "carol")) {
            try store.acting(as: "bob").updatePerson(p2)
        }
        #expect(try store.person(person.id).influence == 70)
    }

    @Test(arguments: Backend.allCases) func moveWithAStaleExpectedVersionIsRefused(_ backend: Backend) throws {
        let store = try StoreFixture.store(backend)
        let account = try store.acting(as: "alice").addAccount(StoreFixture.account("Acme"))
        let deal = try store.acting(as: "alice").addDeal(StoreFixture.deal("Pumps", account: account.id, stage: "entry"))
        _ = try store.acting(as: "alice").setNextStep(dealID: deal.id, text: "Call", due: StoreFixture.today, expectedVersion: 1)
        #expect(throws: StoreError.staleVersion(entity: "deal", id: deal.id, expected: 1, current: 2, lastChangedBy: "alice")) {
            try store.acting(as: "bob").moveDeal(deal.id, to: "develop", forceReason: nil, expectedVersion: 1)
        }
        #expect(try store.deal(deal.id).stageKey == "entry")
        // With the current version, or none, it goes through.
        #expect(try store.acting(as: "bob").moveDeal(deal.id, to: "develop", forceReason: nil, expectedVersion: 2).version == 3)
    }
}

@Suite("Gates through the store")
struct StoreGateTests {
    @Test(arguments: Backend.allCases) func unmetGateIsRefusedThenForcedWithAReason(_ backend: Backend) throws {
        let store = try StoreFixture.store(backend)
        let account = try store.acting(as: "alice").addAccount(StoreFixture.account("Acme"))
        let deal = try store.acting(as: "alice").addDeal(StoreFixture.deal("Pumps", account: account.id, stage: "develop", amount: 1_000_000))
        do {
            _ = try store.acting(as: "alice").moveDeal(deal.id, to: "entry", forceReason: nil, expectedVersion: 1)
            Issue.record("the store let an unmet gate through")
        } catch {
            let message = String(describing: error)
            #expect(message.contains("graded") && message.contains("project-info"))
            #expect(message.hasPrefix("gate not met"))
        }
        #expect(throws: StoreError.rule(.reasonRequired)) {
            try store.acting(as: "alice").moveDeal(deal.id, to: "entry", forceReason: "  ", expectedVersion: 1)
        }
        #expect(try store.deal(deal.id).stageKey == "develop")

        let moved = try store.acting(as: "bob").moveDeal(deal.id, to: "entry", forceReason: "tender published", expectedVersion: 1)
        #expect(moved.stageKey == "entry" && moved.overrides.count == 2 && moved.stageEnteredAt == StoreFixture.now)
        #expect(moved.overrides.allSatisfy { $0.reason == "tender published" && $0.by == "bob" && $0.at == StoreFixture.now })

        let summary = try #require(try store.deals(DealQuery()).rows.first)
        // entry 20 % halved = 10 % of 10 000.00
        #expect(summary.stageKey == "entry" && summary.atRisk && summary.probability == 10 && summary.weighted == 100_000)
        let column = try #require(try store.board(BoardQuery(processKey: "project")).columns.first { $0.stage.key == "entry" })
        #expect(column.cards.map(\.id) == [deal.id] && column.cards.first?.atRisk == true)
        #expect(column.totals == [CurrencyTotal(currency: "CNY", amount: 1_000_000, weighted: 100_000)])
        #expect(try store.deals(DealQuery(filter: DealFilter(atRiskOnly: true))).total == 1)

        let event = try #require(try store.events(EventQuery(entity: "deal", entityID: deal.id)).first)
        #expect(event.action == "forced" && event.note == "tender published" && event.user == "bob")
        #expect(event.changes["stage"] == FieldChange(old: "develop", new: "entry"))

        // Ticking both milestones clears the risk in the derived columns.
        _ = try store.acting(as: "bob").setMilestone(dealID: deal.id, key: "graded", done: true, expectedVersion: nil)
        #expect(try store.deals(DealQuery()).rows.first?.atRisk == true)
        _ = try store.acting(as: "bob").setMilestone(dealID: deal.id, key: "project-info", done: true, expectedVersion: nil)
        let cleared = try #require(try store.deals(DealQuery()).rows.first)
        #expect(!cleared.atRisk && cleared.probability == 20 && cleared.weighted == 200_000)
        #expect(try store.events(EventQuery(entity: "deal", entityID: deal.id)).first?.note == "project-info done")
    }

    @Test(arguments: Backend.allCases) func moveResolvesStageNumbersAndNames(_ backend: Backend) throws {
        let store = try StoreFixture.store(backend)
        let account = try store.acting(as: "alice").addAccount(StoreFixture.account("Acme"))
        let deal = try store.acting(as: "alice").addDeal(StoreFixture.deal("Pumps", account: account.id, stage: "bid"))
        #expect(try store.acting(as: "a").moveDeal(deal.id, to: "3", forceReason: nil, expectedVersion: nil).stageKey == "proposal")
        #expect(try store.acting(as: "a").moveDeal(deal.id, to: "开发", forceReason: nil, expectedVersion: nil).stageKey == "develop")
        #expect(throws: StoreError.rule(.unknownStage("9", process: "project"))) {
            try store.acting(as: "a").moveDeal(deal.id, to: "9", forceReason: nil, expectedVersion: nil)
        }
        #expect(try store.events(EventQuery(entity: "deal", entityID: deal.id)).first?.action == "moved")
    }

    @Test(arguments: Backend.allCases) func closeAndReopenThroughTheStore(_ backend: Backend) throws {
        let store = try StoreFixture.store(backend)
        let account = try store.acting(as: "alice").addAccount(StoreFixture.account("Acme"))
        let deal = try store.acting(as: "alice").addDeal(StoreFixture.deal("Pumps", account: account.id, stage: "bid", amount: 500_000))
        #expect(throws: StoreError.rule(.reasonRequired)) {
            try store.acting(as: "alice").closeDeal(deal.id, as: .lost, reason: "", expectedVersion: nil)
        }
        let lost = try store.acting(as: "alice").closeDeal(deal.id, as: .lost, reason: "price", expectedVersion: nil)
        #expect(lost.outcome == .lost && lost.closedOn == StoreFixture.today)
        #expect(try store.events(EventQuery(entity: "deal", entityID: deal.id)).first.map { ($0.action, $0.note) } ?? ("", "") == ("lost", "price"))
        #expect(try store.deals(DealQuery()).total == 0)
        let closedRow = try #require(try store.deals(DealQuery(filter: DealFilter(includeClosed: true))).rows.first)
        #expect(closedRow.probability == 0 && closedRow.weighted == 0)
        #expect(throws: StoreError.rule(.closed(.lost))) {
            try store.acting(as: "alice").moveDeal(deal.id, to: "negotiation", forceReason: "x", expectedVersion: nil)
        }
        let reopened = try store.acting(as: "alice").reopenDeal(deal.id)
        #expect(reopened.outcome == .open && reopened.closedOn == nil && reopened.outcomeReason.isEmpty)
        #expect(try store.deals(DealQuery()).rows.first?.weighted == 300_000)
        #expect(throws: StoreError.refused(.dealAlreadyOpen(deal.id))) { try store.acting(as: "alice").reopenDeal(deal.id) }
    }

    @Test(arguments: Backend.allCases) func coachAndDecisionMakerProveEntryThroughPersonWrites(_ backend: Backend) throws {
        let store = try StoreFixture.store(backend)
        let account = try store.acting(as: "alice").addAccount(StoreFixture.account("Acme"))
        let waiting = try store.acting(as: "alice").addDeal(StoreFixture.deal("Pumps", account: account.id, stage: "entry", amount: 1_000_000))
        let forcedAhead = try store.acting(as: "alice").addDeal(StoreFixture.deal("Valves", account: account.id, stage: "entry", amount: 2_000_000))
        _ = try store.acting(as: "alice").moveDeal(forcedAhead.id, to: "proposal", forceReason: "rush", expectedVersion: nil)
        #expect(throws: StoreError.self) {
            try store.acting(as: "alice").moveDeal(waiting.id, to: "proposal", forceReason: nil, expectedVersion: nil)
        }

        _ = try store.acting(as: "alice").addPerson(Person(accountID: account.id, name: "内线 Li", isInsideCoach: true))
        #expect(try store.evidence(accountID: account.id) == DealEvidence(hasInsideCoach: true, hasDecisionMaker: false))
        #expect(throws: StoreError.self) {
            try store.acting(as: "alice").moveDeal(waiting.id, to: "proposal", forceReason: nil, expectedVersion: nil)
        }
        func summary(_ id: Int64) throws -> DealSummary {
            try #require(try store.deals(DealQuery()).rows.first { $0.id == id })
        }
        #expect(try summary(forcedAhead.id).atRisk)

        // A manager who holds the decision-maker role (not the level) is enough.
        let boss = try store.acting(as: "alice").addPerson(Person(accountID: account.id, name: "Wang", level: .manager, roles: [.decisionMaker]))
        #expect(try store.evidence(accountID: account.id) == DealEvidence(hasInsideCoach: true, hasDecisionMaker: true))
        // The already-forced deal is no longer at risk: derived columns were refreshed by the person write.
        let refreshed = try summary(forcedAhead.id)
        #expect(!refreshed.atRisk && refreshed.probability == 40 && refreshed.weighted == 800_000)
        #expect(try summary(waiting.id).milestonesMet == 1)

        let moved = try store.acting(as: "alice").moveDeal(waiting.id, to: "proposal", forceReason: nil, expectedVersion: nil)
        #expect(moved.stageKey == "proposal" && moved.overrides.isEmpty)
        #expect(try store.events(EventQuery(entity: "deal", entityID: waiting.id)).first?.action == "moved")

        // Deleting the decision-maker puts the forced deal back at risk.
        try store.acting(as: "alice").deletePerson(boss.id)
        let again = try summary(forcedAhead.id)
        #expect(again.atRisk && again.probability == 20)
        // The move already made is history; the unforced deal carries no override, so no risk.
        #expect(try summary(waiting.id).atRisk == false)
    }

    @Test(arguments: Backend.allCases) func decisionMakerByLevelUpdatedIntoPlace(_ backend: Backend) throws {
        let store = try StoreFixture.store(backend)
        let account = try store.acting(as: "alice").addAccount(StoreFixture.account("Acme"))
        _ = try store.acting(as: "alice").addPerson(Person(accountID: account.id, name: "Coach", isInsideCoach: true))
        var person = try store.acting(as: "alice").addPerson(Person(accountID: account.id, name: "Zhang", level: .manager))
        #expect(try store.evidence(accountID: account.id).hasDecisionMaker == false)
        person.level = .decisionMaker
        _ = try store.acting(as: "alice").updatePerson(person)
        #expect(try store.evidence(accountID: account.id) == DealEvidence(hasInsideCoach: true, hasDecisionMaker: true))
    }
}

@Suite("Reports-to")
struct ReportsToTests {
    @Test(arguments: Backend.allCases) func cycleIsRefused(_ backend: Backend) throws {
        let store = try StoreFixture.store(backend)
        let account = try store.acting(as: "alice").addAccount(StoreFixture.account("Acme"))
        var a = try store.acting(as: "alice").addPerson(Person(accountID: account.id, name: "A"))
        var b = try store.acting(as: "alice").addPerson(Person(accountID: account.id, name: "B"))
        var c = try store.acting(as: "alice").addPerson(Person(accountID: account.id, name: "C"))
        a.reportsTo = b.id
        a = try store.acting(as: "alice").updatePerson(a)
        b.reportsTo = a.id
        #expect(throws: StoreError.invalid(.reportsLoop(manager: a.id, person: "B"))) {
            try store.acting(as: "alice").updatePerson(b)
        }
        #expect(try store.person(b.id).reportsTo == nil)
        // A longer loop: B → C is fine, then C → A would close A → B → C → A.
        b.reportsTo = c.id
        _ = try store.acting(as: "alice").updatePerson(b)
        c.reportsTo = a.id
        #expect(throws: StoreError.self) { try store.acting(as: "alice").updatePerson(c) }
        #expect(try store.person(c.id).reportsTo == nil)
        // Reporting to oneself is a validation error.
        c.reportsTo = c.id
        let refused = #expect(throws: StoreError.self) { try store.acting(as: "alice").updatePerson(c) }
        #expect(refused?.description == "reports-to: a person cannot report to themselves")
        #expect(refused?.text.zh == "上级：人员不能向自己汇报")
    }

    @Test(arguments: Backend.allCases) func managerFromAnotherAccountIsRefused(_ backend: Backend) throws {
        let store = try StoreFixture.store(backend)
        let acme = try store.acting(as: "alice").addAccount(StoreFixture.account("Acme"))
        let other = try store.acting(as: "alice").addAccount(StoreFixture.account("Other"))
        let outsider = try store.acting(as: "alice").addPerson(Person(accountID: other.id, name: "Outsider"))
        #expect(throws: StoreError.invalid(.reportsAcrossAccounts(manager: outsider.id))) {
            try store.acting(as: "alice").addPerson(Person(accountID: acme.id, name: "Insider", reportsTo: outsider.id))
        }
        #expect(try store.persons(PersonQuery(accountID: acme.id)).total == 0)
        #expect(throws: StoreError.notFound(entity: "person", id: 999)) {
            try store.acting(as: "alice").addPerson(Person(accountID: acme.id, name: "Insider", reportsTo: 999))
        }
    }
}

/// Two writers whose clocks disagree: the log (and the stage history read from it) keeps the
/// order the changes were committed in.
@Suite struct ClockSkewTests {
    @Test(arguments: Backend.allCases) func aWriterWhoseClockIsBehindStillLogsAfterTheLatestChange(_ backend: Backend) throws {
        let shared = try backend.sharedStore()
        defer { shared.remove() }
        let onTime = try shared.open(actor: "alice", clock: { StoreFixture.now })
        let behind = try shared.open(actor: "bob", clock: { StoreFixture.now.addingTimeInterval(-7_200) })
        let account = try onTime.addAccount(StoreFixture.account("宝钢", owner: "alice"))
        let deal = try onTime.addDeal(StoreFixture.deal("热轧", account: account.id, stage: "proposal"))
        _ = try onTime.closeDeal(deal.id, as: .lost, reason: "价格", expectedVersion: nil)
        _ = try behind.reopenDeal(deal.id)
        let log = try onTime.events(EventQuery(entity: "deal", entityID: deal.id, limit: 10))
        #expect(log.first?.action == "reopened", "the reopen is the latest change: \(log.map(\.action))")
        #expect(log[0].at >= log[1].at)
        // The review sees the deal open in proposal again, not lost.
        let review = try onTime.weeklyReview(ReviewQuery(today: StoreFixture.today))
        #expect(review.funnel.first { $0.stage == "proposal" }?.count == 1)
    }
}
