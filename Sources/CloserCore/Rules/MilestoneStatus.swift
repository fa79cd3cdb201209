/// Where one milestone of a deal stands.
public enum MilestoneStatus: String, Sendable, Hashable {
    /// Ticked by hand.
    case done
    /// Holds because the data shows it (e.g. coach and decision-maker mapped).
    case proven
    /// Passed with an override and still unmet: the deal is at risk.
    case forced
    /// Not met, not passed.
    case open

    public var isMet: Bool { self == .done || self == .proven }
}

/// A milestone a move would pass without it being met.
public struct UnmetMilestone: Sendable, Hashable {
    public var stage: StageTemplate
    public var milestone: MilestoneTemplate

    public init(stage: StageTemplate, milestone: MilestoneTemplate) {
        self.stage = stage
        self.milestone = milestone
    }
}

extension Deal {
    /// A milestone the data proves holds only while the data shows it: a tick (from a store of an
    /// older version, which allowed one) does not count for it.
    public func status(of milestone: MilestoneTemplate, in stage: StageTemplate, evidence: DealEvidence) -> MilestoneStatus {
        if let proof = milestone.proof {
            if evidence.proves(proof) { return .proven }
        } else if milestonesDone.contains(milestone.key) {
            return .done
        }
        if overrides.contains(where: { $0.stageKey == stage.key && $0.milestoneKey == milestone.key }) { return .forced }
        return .open
    }

    /// Milestones of the current stage that are met, and how many it has.
    public func milestoneProgress(process: ProcessTemplate, evidence: DealEvidence) -> (met: Int, total: Int) {
        guard let stage = process.stage(stageKey) else { return (0, 0) }
        let met = stage.milestones.filter { status(of: $0, in: stage, evidence: evidence).isMet }.count
        return (met, stage.milestones.count)
    }
}
