import Foundation
import Testing
@testable import CloserCore

@Suite("Field diffs for the event log")
struct FieldDiffTests {
    static let base = Deal(id: 7, accountID: 1, title: "Boiler retrofit", processKey: "project", stageKey: "bid",
                           amount: Money(minorUnits: 100), nextStep: "Send bid", owner: "alice", version: 3)

    @Test func identicalDealsHaveNoChanges() {
        #expect(FieldDiff.between(Self.base, Self.base).isEmpty)
    }

    @Test func listsExactlyTheChangedFields() {
        var edited = Self.base
        edited.title = "Boiler retrofit, phase 2"
        edited.amount = Money(minorUnits: 150)
        edited.nextStepDue = Fixture.day("2026-11-30")
        edited.budgetKnown = true
        // Bookkeeping fields are not changes.
        edited.version = 4
        edited.updatedAt = Fixture.now
        edited.createdAt = Fixture.now
        let changes = FieldDiff.between(Self.base, edited)
        #expect(Set(changes.keys) == ["title", "amount", "nextStepDue", "budgetKnown"])
        #expect(changes["title"] == FieldChange(old: "Boiler retrofit", new: "Boiler retrofit, phase 2"))
        #expect(changes["nextStepDue"] == FieldChange(old: nil, new: "2026-11-30"))
        #expect(changes["budgetKnown"]?.old == "false" || changes["budgetKnown"]?.old == "0")
        #expect(changes["amount"]?.old?.contains("100") == true)
        #expect(changes["amount"]?.new?.contains("150") == true)
    }

    @Test func clearingAFieldHasNoNewValue() {
        var withOwner = FieldDiffTests.base
        withOwner.externalID = "ERP-1"
        let changes = FieldDiff.between(withOwner, Self.base)
        #expect(changes == ["externalID": FieldChange(old: "ERP-1", new: nil)])
    }

    @Test func equalSetsBuiltDifferentlyAreNotAChange() {
        // Set iteration order depends on the instance, so the encoded array order can differ for
        // equal sets; a diff must not report `milestonesDone` when nothing changed.
        var spurious = 0
        var keys = Set<String>()
        for round in 0..<200 {
            var a = Self.base
            a.milestonesDone = ["graded", "project-info", "coach-and-key-persons", "criteria-shaped", "bid-submitted"]
            var b = Self.base
            var rebuilt = Set<String>(minimumCapacity: 8 + round % 40)
            for key in a.milestonesDone.sorted().reversed() { rebuilt.insert(key) }
            b.milestonesDone = rebuilt
            #expect(a == b)
            let changes = FieldDiff.between(a, b)
            if !changes.isEmpty { spurious += 1 }
            keys.formUnion(changes.keys)
        }
        // Sources/CloserCore/Rules/Validation.swift, FieldDiff.flatten: a Set encodes as a JSON array in
        // iteration order and the array text is compared as is.
        #expect(spurious == 0)
        #expect(keys.isSubset(of: ["milestonesDone"]))
    }

    @Test func personDiff() {
        let person = Person(id: 1, accountID: 1, name: "王总", influence: 40)
        var edited = person
        edited.influence = 60
        edited.isInsideCoach = true
        #expect(Set(FieldDiff.between(person, edited).keys) == ["influence", "isInsideCoach"])
        #expect(FieldDiff.between(person, edited)["influence"] == FieldChange(old: "40", new: "60"))
    }
}
