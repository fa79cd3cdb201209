import CloserCore
import CloserExchange
import CloserSQLite
import Foundation
import StoreTestSupport
import Testing

/// A deal holds several planned activities; the earliest open one is its next step; doing one
/// records when it happened and whom it met.
@Suite("Planned activities")
struct PlannedActivityTests {
    static let today = StoreFixture.today

    struct World {
        var store: any TestStore
        var deal: Deal
        var engineer: Person
        var buyer: Person
    }

    static func world(_ backend: Backend) throws -> World {
        let store = try StoreFixture.store(backend).acting(as: "alice")
        let account = try store.addAccount(StoreFixture.account("中国石化"))
        let deal = try store.addDeal(StoreFixture.deal("Refinery pumps", account: account.id))
        let engineer = try store.addPerson(Person(accountID: account.id, name: "王总工", title: "总工程师"))
        let buyer = try store.addPerson(Person(accountID: account.id, name: "李采购"))
        return World(store: store, deal: deal, engineer: engineer, buyer: buyer)
    }

    private func plan(_ world: World, _ text: String, in days: Int, at time: String? = nil, kind: ActivityKind = .other) throws -> PlannedActivity {
        try world.store.planActivity(PlannedActivity(dealID: world.deal.id, kind: kind, text: text, due: Self.today.adding(days: days),
                                                     time: time.flatMap(TimeOfDay.init)))
    }

    @Test("several plans per deal: the earliest open one is the deal's next step, on the board and in the tables too", arguments: Backend.allCases)
    func earliestIsNextStep(_ backend: Backend) throws {
        let world = try Self.world(backend)
        let quote = try plan(world, "send the quote", in: 3, kind: .email)
        #expect(quote.id > 0 && quote.version == 1 && quote.accountID == world.deal.accountID && quote.owner == "alice")
        #expect(try world.store.deal(world.deal.id).nextStep == "send the quote")
        let call = try plan(world, "call the chief engineer", in: 1, at: "10:00", kind: .call)
        let early = try plan(world, "all-day on the same day comes first", in: 1)
        let deal = try world.store.deal(world.deal.id)
        #expect(deal.nextStep == "all-day on the same day comes first" && deal.nextStepDue == Self.today.adding(days: 1))
        // Each plan that changed the next step changed the deal; one that does not, leaves it.
        #expect(deal.version == world.deal.version + 3)
        _ = try plan(world, "later", in: 30)
        #expect(try world.store.deal(world.deal.id).version == deal.version)
        #expect(try world.store.plannedActivities(PlanQuery(dealID: world.deal.id)).map(\.id).prefix(3) == [early.id, call.id, quote.id])
        let card = try #require(try world.store.deals(DealQuery()).rows.first { $0.id == world.deal.id })
        #expect(card.nextStep == early.text && card.nextStepState(today: Self.today) == .upcoming(days: 1))
        #expect(try world.store.accountSummary(world.deal.accountID).nextStepDue == Self.today.adding(days: 1))
        // The deal's history says its next step changed, and the plans' own log says what was planned.
        let events = try world.store.events(EventQuery(entity: "deal", entityID: world.deal.id))
        #expect(events.first?.action == "next-step" && events.first?.changes["nextStep"]?.new == early.text)
        let logged = try #require(try world.store.events(EventQuery(entity: "plan", entityID: call.id)).first)
        #expect(logged.action == "planned" && logged.changes["time"]?.new == "10:00" && logged.note == "deal \(world.deal.id)")
    }

    @Test("overdue plans are marked; a done one says when", arguments: Backend.allCases)
    func states(_ backend: Backend) throws {
        let world = try Self.world(backend)
        let late = try plan(world, "send the samples", in: -3)
        #expect(late.state(today: Self.today) == .overdue(days: 3) && late.state(today: Self.today).isOverdue)
        #expect(late.state(today: Self.today).label == LocalizedText(en: "overdue 3 d", zh: "逾期 3 天"))
        #expect(try plan(world, "x", in: 0).state(today: Self.today) == .dueToday)
        let card = try #require(try world.store.deals(DealQuery()).rows.first)
        #expect(card.nextStepState(today: Self.today) == .overdue(days: 3))
        let done = try world.store.completePlannedActivity(late.id, PlanCompletion(on: Self.today), expectedVersion: nil)
        #expect(done.plan.state(today: Self.today) == .done(on: Self.today))
    }

    @Test("done: back-dated, with the persons met, whose last-met date moves; the next plan becomes the next step", arguments: Backend.allCases)
    func done(_ backend: Backend) throws {
        let world = try Self.world(backend)
        let call = try plan(world, "call the chief engineer", in: 1, kind: .call)
        let quote = try plan(world, "send the quote", in: 3)
        let yesterday = Self.today.adding(days: -1)
        let done = try world.store.completePlannedActivity(
            call.id, PlanCompletion(on: yesterday, met: [world.engineer.id, world.buyer.id], notes: "agreed on the spec"),
            expectedVersion: call.version)
        #expect(done.plan.doneOn == yesterday && done.plan.activityID == done.activity.id && done.plan.version == 2)
        #expect(done.activity.day == yesterday && done.activity.kind == .call && done.activity.dealID == world.deal.id)
        #expect(done.activity.personIDs == [world.engineer.id, world.buyer.id] && done.activity.notes == "agreed on the spec")
        #expect(try world.store.person(world.engineer.id).lastMet == yesterday)
        #expect(try world.store.person(world.buyer.id).lastMet == yesterday)
        #expect(try world.store.deal(world.deal.id).nextStep == quote.text)
        #expect(try world.store.deals(DealQuery()).rows.first?.lastActivity == yesterday)
        // Open plans only by default; with done ones, in order.
        #expect(try world.store.plannedActivities(PlanQuery(dealID: world.deal.id)).map(\.id) == [quote.id])
        #expect(try world.store.plannedActivities(PlanQuery(dealID: world.deal.id, includeDone: true)).map(\.id) == [call.id, quote.id])
        // Without notes, the activity says what was planned.
        let second = try world.store.completePlannedActivity(quote.id, PlanCompletion(on: Self.today), expectedVersion: nil)
        #expect(second.activity.notes == "send the quote")
        #expect(try world.store.deal(world.deal.id).nextStep == "" && world.store.deal(world.deal.id).nextStepDue == nil)
    }

    @Test("refused: done in the future, done twice, a stale version, a person of another account, a plan on a closed deal, no text or day", arguments: Backend.allCases)
    func refusals(_ backend: Backend) throws {
        let world = try Self.world(backend)
        let call = try plan(world, "call", in: 1)
        let store = world.store
        #expect(Team.refusal { try store.completePlannedActivity(call.id, PlanCompletion(on: Self.today.adding(days: 1)), expectedVersion: nil) }
            == "day: 2026-11-24 is after today (2026-11-23): an activity is recorded once it has happened; plan it instead")
        let other = try store.addAccount(StoreFixture.account("宝钢"))
        let stranger = try store.addPerson(Person(accountID: other.id, name: "外人"))
        #expect(Team.refusal { try store.completePlannedActivity(call.id, PlanCompletion(on: Self.today, met: [stranger.id]), expectedVersion: nil) }
            == "person \(stranger.id) is not a key person of account \(world.deal.accountID)")
        // Nothing of a refused completion was written.
        #expect(try store.plannedActivity(call.id).isDone == false)
        #expect(try store.activities(accountID: nil, dealID: world.deal.id, limit: 10).isEmpty)
        #expect(try store.person(stranger.id).lastMet == nil)

        _ = try store.acting(as: "bob").updatePlannedActivity(try store.plannedActivity(call.id))
        #expect(Team.refusal { try store.completePlannedActivity(call.id, PlanCompletion(on: Self.today), expectedVersion: call.version) }?
            .hasPrefix("planned_activity \(call.id) was changed by bob since you read it") == true)
        _ = try store.completePlannedActivity(call.id, PlanCompletion(on: Self.today), expectedVersion: nil)
        #expect(Team.refusal { try store.completePlannedActivity(call.id, PlanCompletion(on: Self.today), expectedVersion: nil) }
            == "P\(call.id) was done already, on 2026-11-23")
        #expect(Team.refusal { try store.cancelPlannedActivity(call.id, expectedVersion: nil) }
            == "P\(call.id) was done on 2026-11-23: delete its activity instead")

        #expect(Team.refusal { try store.planActivity(PlannedActivity(dealID: world.deal.id, text: "  ", due: nil)) }
            == "text: a planned activity says what is to be done; due: a planned activity needs a day")
        #expect(Team.refusal { try store.planActivity(PlannedActivity(dealID: 999, text: "x", due: Self.today)) } == "no deal with id 999")
        _ = try store.closeDeal(world.deal.id, as: .won, reason: "", expectedVersion: nil)
        #expect(Team.refusal { try store.planActivity(PlannedActivity(dealID: world.deal.id, text: "x", due: Self.today)) }
            == "deal \(world.deal.id) is won: plan activities on an open deal (reopen it first)")
    }

    @Test("an activity logged by hand may be back-dated but not put in the future", arguments: Backend.allCases)
    func activityDays(_ backend: Backend) throws {
        let world = try Self.world(backend)
        let store = world.store
        let back = try store.addActivity(Activity(accountID: 0, dealID: world.deal.id, kind: .visit, day: Self.today.adding(days: -30),
                                                  personIDs: [world.engineer.id]))
        #expect(back.day == Self.today.adding(days: -30))
        #expect(try store.person(world.engineer.id).lastMet == back.day)
        #expect(Team.refusal { try store.addActivity(Activity(accountID: world.deal.accountID, kind: .visit, day: Self.today.adding(days: 2))) }
            == "day: 2026-11-25 is after today (2026-11-23): an activity is recorded once it has happened; plan it instead")
    }

    @Test("reschedule and cancel: the next step follows; deleting the activity of a done plan opens it again", arguments: Backend.allCases)
    func rescheduleCancelReopen(_ backend: Backend) throws {
        let world = try Self.world(backend)
        let store = world.store
        let call = try plan(world, "call", in: 1)
        let quote = try plan(world, "quote", in: 3)
        var moved = call
        moved.due = Self.today.adding(days: 5)
        moved.time = TimeOfDay("09:30")
        moved = try store.updatePlannedActivity(moved)
        #expect(moved.version == 2)
        #expect(try store.deal(world.deal.id).nextStep == "quote")
        #expect(try store.events(EventQuery(entity: "plan", entityID: call.id)).first?.action == "rescheduled")
        try store.cancelPlannedActivity(quote.id, expectedVersion: quote.version)
        #expect(try store.deal(world.deal.id).nextStep == "call" && store.deal(world.deal.id).nextStepDue == Self.today.adding(days: 5))
        let done = try store.completePlannedActivity(call.id, PlanCompletion(on: Self.today), expectedVersion: nil)
        #expect(try store.deal(world.deal.id).nextStep == "")
        try store.deleteActivity(done.activity.id)
        let reopened = try store.plannedActivity(call.id)
        #expect(!reopened.isDone && reopened.activityID == nil)
        #expect(try store.deal(world.deal.id).nextStep == "call")
    }

    @Test("setNextStep and the deal form still work: they rewrite the earliest open plan, plan one when there is none, and empty text cancels it", arguments: Backend.allCases)
    func setNextStepIsDerived(_ backend: Backend) throws {
        let world = try Self.world(backend)
        let store = world.store
        var deal = try store.setNextStep(dealID: world.deal.id, text: " 报价 ", due: Self.today.adding(days: 2), expectedVersion: world.deal.version)
        #expect(deal.nextStep == "报价" && deal.nextStepDue == Self.today.adding(days: 2))
        let plans = try store.plannedActivities(PlanQuery(dealID: deal.id))
        #expect(plans.map(\.text) == ["报价"] && plans.first?.kind == .other)
        let later = try plan(world, "送样", in: 9)
        deal = try store.setNextStep(dealID: deal.id, text: "改报价", due: Self.today.adding(days: 4), expectedVersion: deal.version)
        #expect(try store.plannedActivities(PlanQuery(dealID: deal.id)).map(\.text) == ["改报价", "送样"])
        #expect(Team.refusal { try store.acting(as: "bob").setNextStep(dealID: deal.id, text: "x", due: nil, expectedVersion: deal.version - 1) }?
            .hasPrefix("deal \(deal.id) was changed by alice since you read it") == true)
        // Edited through the deal form (updateDeal), the same.
        var edited = deal
        edited.nextStep = "改期报价"
        edited.nextStepDue = Self.today.adding(days: 12)
        edited.amount = Money(minorUnits: 999_00)
        deal = try store.updateDeal(edited)
        #expect(deal.nextStep == "送样" && deal.nextStepDue == later.due && deal.amount.minorUnits == 999_00)
        #expect(try store.plannedActivities(PlanQuery(dealID: deal.id)).map(\.text) == ["送样", "改期报价"])
        deal = try store.setNextStep(dealID: deal.id, text: "", due: nil, expectedVersion: nil)
        #expect(deal.nextStep == "改期报价")
        #expect(try store.plannedActivities(PlanQuery(dealID: deal.id)).map(\.text) == ["改期报价"])
        // A deal added with a next step has it as its first plan.
        let added = try store.addDeal({ var d = StoreFixture.deal("Valves", account: world.deal.accountID); d.nextStep = "拜访"; d.nextStepDue = Self.today; return d }())
        #expect(try store.plannedActivities(PlanQuery(dealID: added.id)).map(\.text) == ["拜访"])
    }

    @Test("a next step set again logs what it did to the earliest open plan: planned, rescheduled for a new day, updated for new words, nothing for the same, cancelled when cleared", arguments: Backend.allCases)
    func nextStepChangesAreLoggedByKind(_ backend: Backend) throws {
        let world = try Self.world(backend)
        let store = world.store
        func planEvents() throws -> [ChangeEvent] { try store.events(EventQuery(entity: "plan")) }
        var deal = try store.setNextStep(dealID: world.deal.id, text: "报价", due: Self.today.adding(days: 2), expectedVersion: world.deal.version)
        #expect(try planEvents().first?.action == "planned")
        deal = try store.setNextStep(dealID: deal.id, text: "报价", due: Self.today.adding(days: 4), expectedVersion: deal.version)
        #expect(try planEvents().first?.action == "rescheduled")
        deal = try store.setNextStep(dealID: deal.id, text: "改报价", due: Self.today.adding(days: 4), expectedVersion: deal.version)
        #expect(try planEvents().first?.action == "updated")
        let logged = try planEvents().count
        deal = try store.setNextStep(dealID: deal.id, text: "改报价", due: Self.today.adding(days: 4), expectedVersion: deal.version)
        #expect(try planEvents().count == logged)
        _ = try store.setNextStep(dealID: deal.id, text: "", due: nil, expectedVersion: deal.version)
        #expect(try planEvents().first?.action == "cancelled")
        #expect(try store.plannedActivities(PlanQuery(dealID: deal.id)).isEmpty)
    }

    @Test("plans travel in our JSON and CSV exports; a file from before plans gets them from its next steps", arguments: Backend.allCases)
    func snapshots(_ backend: Backend) throws {
        let world = try Self.world(backend)
        _ = try plan(world, "call", in: 1, at: "09:00", kind: .call)
        let done = try plan(world, "visit", in: 0)
        _ = try world.store.completePlannedActivity(done.id, PlanCompletion(on: Self.today), expectedVersion: nil)
        let snapshot = try world.store.exportSnapshot()
        #expect(snapshot.plans.count == 2)
        let json = try StoreFixture.store(backend).acting(as: "alice")
        _ = try json.importSnapshot(try SnapshotJSON.decode(try SnapshotJSON.encode(snapshot), fileName: "s.json"))
        #expect(try json.exportSnapshot().plans == snapshot.plans)
        let csv = try StoreFixture.store(backend).acting(as: "alice")
        let files = try SnapshotCSV.encode(snapshot).map { (name: $0.key, data: $0.value) }
        _ = try csv.importSnapshot(try SnapshotCSV.decode(files: files))
        #expect(try csv.exportSnapshot().plans == snapshot.plans)
        #expect(try csv.deal(world.deal.id).nextStep == "call")

        var old = snapshot
        old.plans = []
        let fresh = try StoreFixture.store(backend).acting(as: "alice")
        _ = try fresh.importSnapshot(old)
        let made = try fresh.plannedActivities(PlanQuery(dealID: world.deal.id))
        #expect(made.map(\.text) == ["call"] && made.first?.due == Self.today.adding(days: 1))
    }

    @Test("a plan on the account alone: no deal's next step moves; listed for the account; done, it records an activity with no deal; it travels in exports", arguments: Backend.allCases)
    func onTheAccountAlone(_ backend: Backend) throws {
        let world = try Self.world(backend)
        let store = world.store
        let dealBefore = try store.deal(world.deal.id)
        let action = try store.planActivity(PlannedActivity(dealID: nil, accountID: world.deal.accountID, text: "联合计划与预测",
                                                            due: Self.today.adding(days: 1)))
        #expect(action.dealID == nil && action.accountID == world.deal.accountID && action.owner == "alice" && action.version == 1)
        // The deal is untouched: its next step is its own plans'.
        let dealAfter = try store.deal(world.deal.id)
        #expect(dealAfter.version == dealBefore.version && dealAfter.nextStep == dealBefore.nextStep)
        let onDeal = try plan(world, "call", in: 2)
        #expect(try store.plannedActivities(PlanQuery(accountID: world.deal.accountID, accountOnly: true)).map(\.id) == [action.id])
        #expect(try store.plannedActivities(PlanQuery(accountID: world.deal.accountID)).map(\.id) == [action.id, onDeal.id])
        #expect(try store.plannedActivities(PlanQuery(dealID: world.deal.id)).map(\.id) == [onDeal.id])
        // A rep's calendar holds the account plans they made.
        #expect(try store.plannedActivities(PlanQuery(owner: "alice")).map(\.id).contains(action.id))
        #expect(try store.plannedActivities(PlanQuery(owner: "bob")).map(\.id).contains(action.id) == false)
        let logged = try #require(try store.events(EventQuery(entity: "plan", entityID: action.id)).first)
        #expect(logged.action == "planned" && logged.note == "account \(world.deal.accountID)")

        let other = try store.addAccount(StoreFixture.account("宝钢"))
        #expect(Team.refusal { try store.planActivity(PlannedActivity(dealID: nil, accountID: 999, text: "x", due: Self.today)) } == "no account with id 999")
        #expect(Team.refusal { try store.planActivity(PlannedActivity(dealID: nil, accountID: other.id, text: " ", due: nil)) }
            == "text: a planned activity says what is to be done; due: a planned activity needs a day")

        let snapshot = try store.exportSnapshot()
        let copy = try StoreFixture.store(backend).acting(as: "alice")
        let files = try SnapshotCSV.encode(snapshot).map { (name: $0.key, data: $0.value) }
        _ = try copy.importSnapshot(try SnapshotCSV.decode(files: files))
        #expect(try copy.exportSnapshot().plans == snapshot.plans)

        let done = try store.completePlannedActivity(action.id, PlanCompletion(on: Self.today, met: [world.engineer.id]), expectedVersion: action.version)
        #expect(done.plan.isDone && done.activity.dealID == nil && done.activity.accountID == world.deal.accountID && done.activity.notes == "联合计划与预测")
        #expect(try store.person(world.engineer.id).lastMet == Self.today)
        #expect(try store.deal(world.deal.id).nextStep == "call")
        let cancelled = try store.planActivity(PlannedActivity(dealID: nil, accountID: other.id, text: "培训", due: Self.today))
        try store.cancelPlannedActivity(cancelled.id, expectedVersion: nil)
        #expect(try store.plannedActivities(PlanQuery(accountID: other.id, includeDone: true)).isEmpty)
    }
}
