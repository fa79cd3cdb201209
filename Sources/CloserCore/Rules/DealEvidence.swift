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

    public func proves(_ proof: MilestoneProof) -> Bool { missing(for: proof).isEmpty }

    /// What the data still lacks to prove `proof`, in the words a rep acts on.
    public func missing(for proof: MilestoneProof) -> [EvidenceGap] {
        switch proof {
        case .insideCoachAndDecisionMaker:
            (hasInsideCoach ? [] : [.insideCoach]) + (hasDecisionMaker ? [] : [.decisionMaker])
        }
    }
}

/// A fact the data lacks for a milestone that is proven, not ticked.
public enum EvidenceGap: String, Sendable, Hashable, CaseIterable {
    case insideCoach = "inside coach"
    case decisionMaker = "decision-maker"

    public var label: LocalizedText {
        switch self {
        case .insideCoach: LocalizedText(en: "an inside coach", zh: "内线")
        case .decisionMaker: LocalizedText(en: "a decision-maker", zh: "决策者")
        }
    }
}
