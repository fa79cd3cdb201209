/// Facts outside the deal row that can prove a milestone (001: verifiable outcomes).
public struct DealEvidence: Sendable, Hashable {
    public var hasInsideCoach: Bool
    public var hasDecisionMaker: Bool

    public init(hasInsideCoach: Bool = false, hasDecisionMaker: Bool = false) {
        self.hasInsideCoach = hasInsideCoach
        self.hasDecisionMaker = hasDecisionMaker
    }

    /// Derives the evidence from an account's mapped persons.
    public init(persons: some Sequence<Person>) {
        var coach = false
        var decider = false
        for person in persons {
            coach = coach || person.isInsideCoach
            decider = decider || person.isDecisionMaker
        }
        self.init(hasInsideCoach: coach, hasDecisionMaker: decider)
    }

    public func proves(_ proof: MilestoneProof) -> Bool {
        switch proof {
        case .insideCoachAndDecisionMaker: hasInsideCoach && hasDecisionMaker
        }
    }
}
