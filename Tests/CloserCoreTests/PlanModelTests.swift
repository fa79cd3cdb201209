import CloserCore
import Foundation
import Testing

/// The planned-activity model: order, state, times of day, weekdays typed as dates; reverting a logged change.
@Suite("Planned activities and undo: the model")
struct PlanModelTests {
    static let today = Day(year: 2026, month: 11, day: 23)!   // a Monday

    private func plan(_ id: Int64, _ days: Int?, _ time: String? = nil, done: Bool = false) -> PlannedActivity {
        PlannedActivity(id: id, dealID: 1, text: "p\(id)", due: days.map { Self.today.adding(days: $0) }, time: time.flatMap(TimeOfDay.init),
                        doneOn: done ? Self.today : nil)
    }

    @Test("plans are done by day, all-day before timed, by time, then as made; undated last; the next step is the first open one")
    func order() {
        let plans = [plan(1, nil), plan(2, 2, "14:00"), plan(3, 2), plan(4, 2, "09:30"), plan(5, 1, done: true), plan(6, 3), plan(7, 2)]
        #expect(plans.sorted(by: PlannedActivity.precedes).map(\.id) == [5, 3, 7, 4, 2, 6, 1])
        #expect(PlannedActivity.nextStep(among: plans)?.id == 3)
        #expect(PlannedActivity.nextStep(among: [plan(1, 1, done: true)]) == nil)
    }

    @Test("a plan's state: overdue, today, upcoming, undated, done")
    func states() {
        #expect(plan(1, -2).state(today: Self.today) == .overdue(days: 2))
        #expect(plan(1, 0).state(today: Self.today) == .dueToday)
        #expect(plan(1, 4).state(today: Self.today) == .upcoming(days: 4))
        #expect(plan(1, nil).state(today: Self.today) == .undated)
        #expect(plan(1, -9, done: true).state(today: Self.today) == .done(on: Self.today))
        #expect(PlanState.upcoming(days: 4).label == LocalizedText(en: "in 4 d", zh: "4 天后"))
        #expect(plan(12, 1).reference == "P12")
    }

    @Test("times of day as people type them", arguments: [("9:30", "09:30"), ("09:05", "09:05"), ("14：00", "14:00"), ("9点", "09:00"), ("9点30", "09:30"), ("23:59", "23:59")])
    func times(text: String, canonical: String) {
        #expect(TimeOfDay(text)?.description == canonical)
    }

    @Test("not times", arguments: ["24:00", "9:60", "930", "9:3", "nine", "", "-1:00", "9:30pm"])
    func notTimes(text: String) {
        #expect(TimeOfDay(text) == nil)
    }

    @Test("a weekday typed as a date is the next one after today, in English or Chinese")
    func weekdays() {
        #expect(Day(typed: "tue", today: Self.today) == Self.today.adding(days: 1))
        #expect(Day(typed: "Thursday", today: Self.today) == Self.today.adding(days: 3))
        #expect(Day(typed: "周二", today: Self.today) == Self.today.adding(days: 1))
        #expect(Day(typed: "星期日", today: Self.today) == Self.today.adding(days: 6))
        #expect(Day(typed: "周天", today: Self.today) == Self.today.adding(days: 6))
        // Said on a Monday, "Monday" is next week's.
        #expect(Day(typed: "mon", today: Self.today) == Self.today.adding(days: 7))
        #expect(Day(typed: "周八", today: Self.today) == nil)
    }

    @Test("a logged edit is reverted field by field, and checked to diff back exactly")
    func revert() throws {
        var before = Deal(id: 5, accountID: 1, title: "扩建", processKey: "project", stageKey: "bid", owner: "alice")
        before.competitors = ["ABB", "西门子"]
        var after = before
        after.title = "扩建二期"
        after.amount = Money(minorUnits: 250_000_00)
        after.expectedClose = Day(year: 2026, month: 12, day: 31)
        after.competitors = ["ABB"]
        after.budgetKnown = true
        let changes = FieldDiff.between(before, after)
        let reverted = try #require(FieldRevert.revert(after, changes))
        #expect(reverted == before)
        // Only some fields: the others stay.
        let partly = try #require(FieldRevert.revert(after, changes, skipping: ["title"]))
        #expect(partly.title == "扩建二期" && partly.amount == before.amount && partly.expectedClose == nil)
    }

    @Test("an optional logged without its type comes back as a number or a text, whichever it is")
    func untypedOptionals() throws {
        let before = Person(id: 3, accountID: 1, name: "王伟", reportsTo: 7, externalID: "0042")
        var after = before
        after.reportsTo = nil
        after.externalID = nil
        let reverted = try #require(FieldRevert.revert(after, FieldDiff.between(before, after)))
        #expect(reverted.reportsTo == 7 && reverted.externalID == "0042")
    }

    @Test("a logged value that does not read back is refused, not half restored")
    func unreadable() {
        let deal = Deal(id: 5, accountID: 1, title: "t", processKey: "project", stageKey: "bid", owner: "alice")
        #expect(FieldRevert.revert(deal, ["amount": FieldChange(old: "lots", new: #"{"currency":"CNY","minorUnits":0}"#)]) == nil)
        #expect(FieldRevert.revert(deal, ["title": FieldChange(old: "old", new: "not what it is now")]) == nil)
        #expect(FieldRevert.revert(deal, [:]) == nil)
    }
}
