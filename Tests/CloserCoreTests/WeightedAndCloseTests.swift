import Testing
@testable import CloserCore

@Suite("Weighted amounts, outcomes and closing")
struct WeightedAndCloseTests {
    @Test(arguments: [
        (Int64(150), 50, Int64(75)),
        (1, 50, 1),             // 0.5 rounds up
        (1, 49, 0),             // 0.49 rounds down
        (3, 50, 2),             // 1.5 rounds up
        (5, 10, 1),             // 0.5
        (4, 10, 0),             // 0.4
        (33_335, 10, 3_334),    // 3 333.5
        (33_334, 10, 3_333),    // 3 333.4
        (120_000_000, 40, 48_000_000),
        (999, 0, 0),
        (999, 100, 999),
    ])
    func weightedRoundsHalfUp(amount: Int64, probability: Int, weighted: Int64) {
        #expect(DealRules.weighted(amount, probability: probability) == weighted)
    }

    @Test func weightedDoesNotOverflow() {
        // Int64.max × 50 overflows; the fallback divides first: 92 233 720 368 547 758 × 50.
        #expect(DealRules.weighted(Int64.max, probability: 50) == 4_611_686_018_427_387_900)
    }

    @Test(arguments: [(Outcome.won, 100), (.lost, 0), (.withdrawn, 0), (.open, 40)])
    func probabilityFollowsTheOutcome(outcome: Outcome, probability: Int) {
        let deal = Fixture.deal(stage: "proposal", outcome: outcome)
        #expect(DealRules.probability(deal, process: Fixture.project, evidence: Fixture.noEvidence) == probability)
    }

    @Test func wonBeatsRisk() throws {
        var forced = try DealRules.move(Fixture.deal(stage: "entry"), to: "proposal", process: Fixture.project,
                                        evidence: Fixture.noEvidence, forceReason: "x", by: "a", at: Fixture.now)
        forced.outcome = .won
        #expect(DealRules.probability(forced, process: Fixture.project, evidence: Fixture.noEvidence) == 100)
    }

    @Test func unknownStageHasNoOdds() {
        #expect(DealRules.probability(Fixture.deal(stage: "limbo"), process: Fixture.project, evidence: Fixture.noEvidence) == 0)
    }

    @Test(arguments: [(Outcome.lost, ""), (.lost, "  \n"), (.withdrawn, ""), (.withdrawn, "\t")])
    func lostAndWithdrawnNeedAReason(outcome: Outcome, reason: String) {
        #expect(throws: DealRuleError.reasonRequired) {
            try DealRules.close(Fixture.deal(stage: "bid"), as: outcome, reason: reason, on: Fixture.today)
        }
    }

    @Test func closing() throws {
        let won = try DealRules.close(Fixture.deal(stage: "negotiation"), as: .won, reason: "", on: Fixture.today)
        #expect(won.outcome == .won && won.closedOn == Fixture.today && won.outcomeReason.isEmpty)
        let lost = try DealRules.close(Fixture.deal(stage: "bid"), as: .lost, reason: "  price too high ", on: Fixture.today)
        #expect(lost.outcome == .lost && lost.outcomeReason == "price too high" && lost.closedOn == Fixture.today)
        #expect(throws: DealRuleError.closed(.won)) {
            try DealRules.close(won, as: .lost, reason: "changed mind", on: Fixture.today)
        }
    }
}
