@testable import CloserApp
import CloserCore
import Testing

/// The filter commands are a function from one filter to the next: no store, no App.
@Suite struct DealFilterCommandTests {
    @Test func mineTogglesTheUserAndBack() {
        let mine = DealFilter().applying(.toggleMine, user: "wang.lei", reps: [])
        #expect(mine?.owner == "wang.lei")
        #expect(mine?.applying(.toggleMine, user: "wang.lei", reps: [])?.owner == nil)
    }

    @Test func repStepsThroughTheRepsThenAll() {
        let reps = ["li.na", "wang.lei"]
        var filter = DealFilter()
        var owners: [String?] = []
        for _ in 0..<3 {
            filter = filter.applying(.cycleRep, user: "wang.lei", reps: reps) ?? filter
            owners.append(filter.owner)
        }
        #expect(owners == ["li.na", "wang.lei", nil])
        #expect(DealFilter().applying(.cycleRep, user: "wang.lei", reps: []) == nil, "no reps: nothing to step through")
    }

    @Test func gradeCyclesAndClearStartsAgain() {
        var filter = DealFilter()
        var seen: [Set<Grade>] = []
        for _ in 0..<6 {
            filter = filter.applying(.cycleGrade, user: "u", reps: []) ?? filter
            seen.append(filter.grades)
        }
        #expect(seen == [[.a], [.b], [.c], [.d], [.a, .b], []])
        filter.text = "zgsh"
        #expect(filter.applying(.clearFilters, user: "u", reps: []) == DealFilter())
        #expect(filter.applying(.quit, user: "u", reps: []) == nil, "not a filter command")
    }
}
