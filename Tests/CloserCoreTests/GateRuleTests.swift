import Foundation
import Testing
@testable import CloserCore

@Suite("Gate rules")
struct GateRuleTests {
    let project = Fixture.project

    private func unmetKeys(_ error: DealRuleError) -> [String] {
        guard case .unmetMilestones(let unmet) = error else { return [] }
        return unmet.map { "\($0.stage.key)/\($0.milestone.key)" }
    }

    @Test func forwardPastAnUnmetMilestoneThrowsNamingIt() {
        let deal = Fixture.deal(stage: "entry")
        do {
            _ = try DealRules.move(deal, to: "proposal", process: project, evidence: Fixture.noEvidence, by: "alice", at: Fixture.now)
            Issue.record("the gate let an unmet milestone through")
        } catch {
            #expect(unmetKeys(error) == ["entry/coach-and-key-persons"])
            #expect(error.description.contains("coach-and-key-persons"))
        }
    }

    @Test func skippingStagesNamesExactlyTheUnmetOnes() {
        // develop has two milestones (one ticked), entry one, proposal one (ticked): bid needs the other two.
        let deal = Fixture.deal(stage: "develop", done: ["graded", "criteria-shaped"])
        #expect(throws: DealRuleError.self) {
            try DealRules.move(deal, to: "bid", process: project, evidence: Fixture.noEvidence, by: "alice", at: Fixture.now)
        }
        do {
            _ = try DealRules.move(deal, to: "bid", process: project, evidence: Fixture.noEvidence, by: "alice", at: Fixture.now)
        } catch {
            #expect(unmetKeys(error) == ["develop/project-info", "entry/coach-and-key-persons"])
        }
        // The target stage's own milestone does not gate entering it.
        #expect((try? DealRules.unmetMilestones(deal, movingTo: "bid", process: project, evidence: Fixture.fullEvidence))?
            .map(\.milestone.key) == ["project-info"])
    }

    @Test func forwardWithMetMilestonesMoves() throws {
        let deal = Fixture.deal(stage: "develop", done: ["graded", "project-info"])
        let moved = try DealRules.move(deal, to: "entry", process: project, evidence: Fixture.noEvidence, by: "alice", at: Fixture.now)
        #expect(moved.stageKey == "entry")
        #expect(moved.stageEnteredAt == Fixture.now)
        #expect(moved.overrides.isEmpty)
        #expect(DealRules.isAtRisk(moved, process: project, evidence: Fixture.noEvidence) == false)
        #expect(DealRules.probability(moved, process: project, evidence: Fixture.noEvidence) == 20)
    }

    @Test func forceWithAReasonRecordsOverridesAndHalvesTheOdds() throws {
        let deal = Fixture.deal(stage: "develop", done: ["graded"])
        let moved = try DealRules.move(deal, to: "proposal", process: project, evidence: Fixture.noEvidence,
                                       forceReason: "  tender announced early \n", by: "bob", at: Fixture.now)
        #expect(moved.stageKey == "proposal")
        #expect(moved.overrides == [
            GateOverride(stageKey: "develop", milestoneKey: "project-info", reason: "tender announced early", by: "bob", at: Fixture.now),
            GateOverride(stageKey: "entry", milestoneKey: "coach-and-key-persons", reason: "tender announced early", by: "bob", at: Fixture.now),
        ])
        #expect(DealRules.isAtRisk(moved, process: project, evidence: Fixture.noEvidence))
        // proposal's default 40 % × (100 − 50) %
        #expect(DealRules.probability(moved, process: project, evidence: Fixture.noEvidence) == 20)
        let entry = try #require(project.stage("entry"))
        #expect(moved.status(of: entry.milestones[0], in: entry, evidence: Fixture.noEvidence) == .forced)
    }

    @Test(arguments: ["", "   ", "\n\t "])
    func forceNeedsANonBlankReason(reason: String) {
        let deal = Fixture.deal(stage: "entry")
        #expect(throws: DealRuleError.reasonRequired) {
            try DealRules.move(deal, to: "proposal", process: project, evidence: Fixture.noEvidence, forceReason: reason, by: "alice", at: Fixture.now)
        }
    }

    @Test func reasonIsNotNeededWhenNothingIsUnmet() throws {
        let deal = Fixture.deal(stage: "entry")
        let moved = try DealRules.move(deal, to: "proposal", process: project, evidence: Fixture.fullEvidence,
                                       forceReason: "", by: "alice", at: Fixture.now)
        #expect(moved.stageKey == "proposal" && moved.overrides.isEmpty)
    }

    @Test func tickingTheForcedMilestoneClearsTheRisk() throws {
        let forced = try DealRules.move(Fixture.deal(stage: "proposal"), to: "bid", process: project, evidence: Fixture.noEvidence,
                                        forceReason: "tender came early", by: "alice", at: Fixture.now)
        #expect(DealRules.probability(forced, process: project, evidence: Fixture.noEvidence) == 30)
        let ticked = try DealRules.setMilestone(forced, key: "criteria-shaped", done: true, process: project, evidence: Fixture.noEvidence)
        #expect(DealRules.isAtRisk(ticked, process: project, evidence: Fixture.noEvidence) == false)
        #expect(DealRules.probability(ticked, process: project, evidence: Fixture.noEvidence) == 60)
        // Unticking brings the risk back: the override is kept as history.
        let unticked = try DealRules.setMilestone(ticked, key: "criteria-shaped", done: false, process: project, evidence: Fixture.noEvidence)
        #expect(unticked.milestonesDone.isEmpty)
        #expect(DealRules.isAtRisk(unticked, process: project, evidence: Fixture.noEvidence))
    }

    /// "Inside coach and key persons identified" is proven by the org chart, never ticked: a tick
    /// would pass the Entry gate while the chart says there is no coach (001: verifiable outcomes).
    @Test(arguments: [
        (DealEvidence(), "the account has no inside coach and no decision-maker"),
        (DealEvidence(hasInsideCoach: true), "the account has no decision-maker"),
        (DealEvidence(hasDecisionMaker: true), "the account has no inside coach"),
    ])
    func aMilestoneTheDataProvesCannotBeTicked(evidence: DealEvidence, says: String) throws {
        let deal = Fixture.deal(stage: "entry")
        #expect(throws: DealRuleError.provenFromData(project.stages[1].milestones[0], missing: evidence.missing(for: .insideCoachAndDecisionMaker))) {
            try DealRules.setMilestone(deal, key: "coach-and-key-persons", done: true, process: project, evidence: evidence)
        }
        let message = (try? DealRules.setMilestone(deal, key: "coach-and-key-persons", done: true, process: project, evidence: evidence))
            .map { _ in "" } ?? DealRuleError.provenFromData(project.stages[1].milestones[0], missing: evidence.missing(for: .insideCoachAndDecisionMaker)).description
        #expect(message.contains(says), "\(message)")
        // The gate stays shut without the data, and a tick from an older store does not open it.
        var ticked = deal
        ticked.milestonesDone = ["coach-and-key-persons"]
        #expect(throws: DealRuleError.self) {
            try DealRules.move(ticked, to: "proposal", process: project, evidence: evidence, by: "alice", at: Fixture.now)
        }
        // Forcing stays possible, with a reason, and marks the deal at risk.
        let forced = try DealRules.move(deal, to: "proposal", process: project, evidence: evidence, forceReason: "CEO knows their CEO", by: "alice", at: Fixture.now)
        #expect(DealRules.isAtRisk(forced, process: project, evidence: evidence))
    }

    @Test func aProvenMilestoneHoldsOnlyWhileTheDataShowsIt() throws {
        let deal = Fixture.deal(stage: "entry")
        let moved = try DealRules.move(deal, to: "proposal", process: project, evidence: Fixture.fullEvidence, by: "alice", at: Fixture.now)
        #expect(moved.stageKey == "proposal" && moved.overrides.isEmpty)
        #expect(deal.status(of: project.stages[1].milestones[0], in: project.stages[1], evidence: Fixture.fullEvidence) == .proven)
        #expect(deal.status(of: project.stages[1].milestones[0], in: project.stages[1], evidence: Fixture.noEvidence) == .open)
    }

    @Test func evidenceAlsoClearsAForcedRisk() throws {
        let forced = try DealRules.move(Fixture.deal(stage: "entry"), to: "proposal", process: project, evidence: Fixture.noEvidence,
                                        forceReason: "exec sponsor", by: "alice", at: Fixture.now)
        #expect(DealRules.isAtRisk(forced, process: project, evidence: Fixture.fullEvidence) == false)
        #expect(DealRules.probability(forced, process: project, evidence: Fixture.fullEvidence) == 40)
    }

    @Test func riskStaysWhileAnyForcedMilestoneIsUnmet() throws {
        let forced = try DealRules.move(Fixture.deal(stage: "develop"), to: "entry", process: project, evidence: Fixture.noEvidence,
                                        forceReason: "why not", by: "alice", at: Fixture.now)
        let oneTicked = try DealRules.setMilestone(forced, key: "graded", done: true, process: project, evidence: Fixture.noEvidence)
        #expect(DealRules.isAtRisk(oneTicked, process: project, evidence: Fixture.noEvidence))
        #expect(DealRules.probability(oneTicked, process: project, evidence: Fixture.noEvidence) == 10)
        let both = try DealRules.setMilestone(oneTicked, key: "project-info", done: true, process: project, evidence: Fixture.noEvidence)
        #expect(DealRules.probability(both, process: project, evidence: Fixture.noEvidence) == 20)
    }

    @Test func setMilestoneRejectsUnknownKeys() {
        #expect(throws: DealRuleError.unknownMilestone("signed-in-blood", process: "project")) {
            try DealRules.setMilestone(Fixture.deal(stage: "entry"), key: "signed-in-blood", done: true, process: project, evidence: Fixture.noEvidence)
        }
    }

    @Test func movingBackIsAllowedAndDropsOverridesAtOrAfterTheTarget() throws {
        let atBid = try DealRules.move(Fixture.deal(stage: "develop", done: ["project-info"]), to: "bid", process: project,
                                       evidence: Fixture.noEvidence, forceReason: "rush", by: "alice", at: Fixture.now)
        #expect(atBid.overrides.map(\.stageKey) == ["develop", "entry", "proposal"])
        let later = Fixture.now.addingTimeInterval(3_600)
        let back = try DealRules.move(atBid, to: "entry", process: project, evidence: Fixture.noEvidence, by: "carol", at: later)
        #expect(back.stageKey == "entry")
        #expect(back.stageEnteredAt == later)
        #expect(back.overrides.map(\.milestoneKey) == ["graded"])
        #expect(DealRules.probability(back, process: project, evidence: Fixture.noEvidence) == 10)
        let toStart = try DealRules.move(back, to: "develop", process: project, evidence: Fixture.noEvidence, by: "carol", at: later)
        #expect(toStart.overrides.isEmpty)
        #expect(DealRules.isAtRisk(toStart, process: project, evidence: Fixture.noEvidence) == false)
    }

    @Test(arguments: [Outcome.won, .lost, .withdrawn])
    func closedDealsDoNotMove(outcome: Outcome) {
        let deal = Fixture.deal(stage: "entry", outcome: outcome)
        #expect(throws: DealRuleError.closed(outcome)) {
            try DealRules.move(deal, to: "develop", process: project, evidence: Fixture.fullEvidence, by: "alice", at: Fixture.now)
        }
    }

    @Test func sameStageIsAlreadyThere() {
        #expect(throws: DealRuleError.alreadyThere("entry")) {
            try DealRules.move(Fixture.deal(stage: "entry"), to: "entry", process: project, evidence: Fixture.fullEvidence, by: "a", at: Fixture.now)
        }
    }

    @Test func unknownStages() {
        #expect(throws: DealRuleError.unknownStage("nowhere", process: "project")) {
            try DealRules.move(Fixture.deal(stage: "entry"), to: "nowhere", process: project, evidence: Fixture.fullEvidence, by: "a", at: Fixture.now)
        }
        #expect(throws: DealRuleError.unknownStage("limbo", process: "project")) {
            try DealRules.move(Fixture.deal(stage: "limbo"), to: "bid", process: project, evidence: Fixture.fullEvidence, by: "a", at: Fixture.now)
        }
    }

    @Test func errorMessages() {
        #expect(DealRuleError.reasonRequired.description == "a forced move needs a reason")
        #expect(DealRuleError.closed(.lost).description == "the deal is already lost; reopen it first")
        let entry = project.stages[1]
        let message = DealRuleError.unmetMilestones([UnmetMilestone(stage: entry, milestone: entry.milestones[0])]).description
        #expect(message == "gate not met: coach-and-key-persons (Inside coach and key persons identified 内线和关键人) in Entry — tick it, or force with a reason")
    }
}
