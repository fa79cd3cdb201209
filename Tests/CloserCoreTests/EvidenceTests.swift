import Testing
@testable import CloserCore

@Suite("Milestones proven from data")
struct EvidenceTests {
    let entry = Fixture.project.stage("entry")!
    var coachMilestone: MilestoneTemplate { entry.milestones[0] }

    @Test(arguments: [
        (true, true, MilestoneStatus.proven), (true, false, .open), (false, true, .open), (false, false, .open),
    ])
    func coachAndDecisionMakerProveEntry(coach: Bool, decider: Bool, status: MilestoneStatus) {
        let evidence = DealEvidence(hasInsideCoach: coach, hasDecisionMaker: decider)
        #expect(Fixture.deal(stage: "entry").status(of: coachMilestone, in: entry, evidence: evidence) == status)
        #expect(evidence.proves(.insideCoachAndDecisionMaker) == (status == .proven))
    }

    @Test func provenEntryLetsTheDealMoveWithoutForce() throws {
        let moved = try DealRules.move(Fixture.deal(stage: "entry"), to: "proposal", process: Fixture.project,
                                       evidence: Fixture.fullEvidence, by: "alice", at: Fixture.now)
        #expect(moved.stageKey == "proposal" && moved.overrides.isEmpty)
        #expect(throws: DealRuleError.self) {
            try DealRules.move(Fixture.deal(stage: "entry"), to: "proposal", process: Fixture.project,
                               evidence: DealEvidence(hasInsideCoach: true), by: "alice", at: Fixture.now)
        }
    }

    /// A milestone the data proves is proven or not by the data alone: a tick (which an older
    /// version allowed) neither passes it without the data nor shows as "done" beside it.
    @Test func provenNotTickedAndProofOnlyAppliesToMarkedMilestones() {
        let ticked = Fixture.deal(stage: "entry", done: ["coach-and-key-persons"])
        #expect(ticked.status(of: coachMilestone, in: entry, evidence: Fixture.fullEvidence) == .proven)
        #expect(ticked.status(of: coachMilestone, in: entry, evidence: Fixture.noEvidence) == .open)
        let develop = Fixture.project.stages[0]
        #expect(Fixture.deal(stage: "develop").status(of: develop.milestones[0], in: develop, evidence: Fixture.fullEvidence) == .open)
        #expect(MilestoneStatus.done.isMet && MilestoneStatus.proven.isMet)
        #expect(!MilestoneStatus.forced.isMet && !MilestoneStatus.open.isMet)
    }

    @Test func milestoneProgressCountsTheCurrentStage() {
        #expect(Fixture.deal(stage: "develop", done: ["graded"]).milestoneProgress(process: Fixture.project, evidence: Fixture.fullEvidence) == (1, 2))
        #expect(Fixture.deal(stage: "entry").milestoneProgress(process: Fixture.project, evidence: Fixture.fullEvidence) == (1, 1))
        #expect(Fixture.deal(stage: "entry").milestoneProgress(process: Fixture.project, evidence: Fixture.noEvidence) == (0, 1))
        #expect(Fixture.deal(stage: "limbo").milestoneProgress(process: Fixture.project, evidence: Fixture.noEvidence) == (0, 0))
    }

    private static func person(level: PersonLevel = .operator_, roles: Set<PersonRole> = [], coach: Bool = false) -> Person {
        Person(accountID: 1, name: "P", level: level, roles: roles, isInsideCoach: coach)
    }

    @Test func evidenceFromPersons() {
        let coach = Self.person(coach: true)
        let bossByLevel = Self.person(level: .decisionMaker)
        let bossByRole = Self.person(level: .manager, roles: [.decisionMaker, .approver])
        let approver = Self.person(level: .manager, roles: [.approver])
        #expect(DealEvidence(persons: [Person]()) == DealEvidence(hasInsideCoach: false, hasDecisionMaker: false))
        #expect(DealEvidence(persons: [coach]) == DealEvidence(hasInsideCoach: true, hasDecisionMaker: false))
        #expect(DealEvidence(persons: [bossByLevel]) == DealEvidence(hasInsideCoach: false, hasDecisionMaker: true))
        #expect(DealEvidence(persons: [coach, bossByLevel]) == Fixture.fullEvidence)
        #expect(DealEvidence(persons: [coach, bossByRole]) == Fixture.fullEvidence)
        #expect(DealEvidence(persons: [coach, approver]) == DealEvidence(hasInsideCoach: true, hasDecisionMaker: false))
        // One person can be both.
        #expect(DealEvidence(persons: [Self.person(level: .decisionMaker, coach: true)]) == Fixture.fullEvidence)
        #expect(bossByRole.isDecisionMaker && bossByLevel.isDecisionMaker && !approver.isDecisionMaker)
    }
}
