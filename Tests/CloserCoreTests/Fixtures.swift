import Foundation
@testable import CloserCore

/// Fixed moments and days, so nothing depends on the real date.
enum Fixture {
    /// 2026-11-23 12:00:00 UTC (a Monday): ordinal 20780 × 86 400 + 12 h.
    static let now = Date(timeIntervalSince1970: 20_780 * 86_400 + 12 * 3_600)
    static let today = day("2026-11-23")

    static func day(_ text: String) -> Day {
        guard let day = Day(text) else { fatalError("bad fixture day \(text)") }
        return day
    }

    static let project = BuiltInProcesses.project

    static func deal(stage: String, done: Set<String> = [], amount: Int64 = 100_000, outcome: Outcome = .open) -> Deal {
        Deal(id: 1, accountID: 1, title: "Boiler retrofit", processKey: "project", stageKey: stage, milestonesDone: done,
             amount: Money(minorUnits: amount), owner: "alice", outcome: outcome)
    }

    static let noEvidence = DealEvidence()
    static let fullEvidence = DealEvidence(hasInsideCoach: true, hasDecisionMaker: true)
}
