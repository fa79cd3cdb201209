import Foundation
import Testing
@testable import CloserCore

@Suite("Next step and staleness")
struct FollowUpTests {
    @Test(arguments: [
        ("", "2026-11-24", NextStepState.missing),
        ("   ", "2026-11-24", .missing),
        ("Call the CTO", nil, .missing),
        ("Call the CTO", "2026-11-20", .overdue(days: 3)),
        ("Call the CTO", "2026-10-31", .overdue(days: 23)),
        ("Call the CTO", "2026-11-23", .dueToday),
        ("Call the CTO", "2026-11-24", .upcoming(days: 1)),
        ("Call the CTO", "2026-12-01", .upcoming(days: 8)),
    ] as [(String, String?, NextStepState)])
    func state(text: String, due: String?, expected: NextStepState) {
        let state = NextStepState(nextStep: text, due: due.map(Fixture.day), today: Fixture.today)
        #expect(state == expected)
    }

    @Test func acrossTheYearEnd() {
        #expect(NextStepState(nextStep: "x", due: Fixture.day("2026-12-30"), today: Fixture.day("2027-01-02")) == .overdue(days: 3))
    }

    @Test(arguments: [(NextStepState.missing, true), (.overdue(days: 1), true), (.dueToday, false), (.upcoming(days: 2), false)])
    func needsAttention(state: NextStepState, attention: Bool) {
        #expect(state.needsAttention == attention)
    }

    @Test func staleness() {
        let never = Staleness(lastActivity: nil, today: Fixture.today)
        #expect(never.daysSinceActivity == nil && never.isStalled())
        let twenty = Staleness(lastActivity: Fixture.day("2026-11-03"), today: Fixture.today)
        #expect(twenty.daysSinceActivity == 20 && !twenty.isStalled())
        let twentyOne = Staleness(lastActivity: Fixture.day("2026-11-02"), today: Fixture.today)
        #expect(twentyOne.daysSinceActivity == 21 && twentyOne.isStalled())
        #expect(twenty.isStalled(threshold: 7))
        #expect(Staleness(lastActivity: Fixture.today, today: Fixture.today).daysSinceActivity == 0)
        #expect(Staleness.stalledAfterDays == 21)
    }

    @Test func summaryDaysInStageNeverNegative() {
        func summary(entered: Day) -> DealSummary {
            DealSummary(id: 1, title: "t", accountID: 1, accountName: "a", accountGrade: .a, processKey: "project", stageKey: "bid",
                        amount: Money(minorUnits: 0), probability: 60, weighted: 0, atRisk: false, milestonesMet: 0, milestonesTotal: 1,
                        stageEnteredAt: Date(timeIntervalSince1970: Double(entered.ordinal) * 86_400 + 43_200), expectedClose: nil,
                        nextStep: "Send bid", nextStepDue: Fixture.day("2026-11-25"), lastActivity: nil, owner: "alice", outcome: .open, version: 1)
        }
        #expect(summary(entered: Fixture.day("2026-11-13")).daysInStage(today: Fixture.today) == 10)
        #expect(summary(entered: Fixture.day("2026-11-30")).daysInStage(today: Fixture.today) == 0)
        #expect(summary(entered: Fixture.today).nextStepState(today: Fixture.today) == .upcoming(days: 2))
    }
}
