import Foundation

public enum DealRuleError: Error, Equatable, CustomStringConvertible {
    case unknownStage(String, process: String)
    case unknownProcess(String)
    case unknownMilestone(String, process: String)
    /// The gate: these milestones are not met; pass them only with `force` and a reason.
    case unmetMilestones([UnmetMilestone])
    case reasonRequired
    case closed(Outcome)
    case alreadyThere(String)
    /// The milestone is proven from the account's data, never ticked by hand.
    case provenFromData(MilestoneTemplate, missing: [EvidenceGap])

    public var description: String { text.en }

    public var text: LocalizedText {
        switch self {
        case .unknownStage(let stage, let process):
            LocalizedText(en: "unknown stage '\(stage)' in process '\(process)'", zh: "流程「\(process)」中没有阶段「\(stage)」")
        case .unknownProcess(let process): LocalizedText(en: "unknown process '\(process)'", zh: "未知流程「\(process)」")
        case .unknownMilestone(let key, let process):
            LocalizedText(en: "unknown milestone '\(key)' in process '\(process)'", zh: "流程「\(process)」中没有关键节点「\(key)」")
        case .unmetMilestones(let unmet):
            LocalizedText(
                en: "gate not met: " + unmet.map { "\($0.milestone.key) (\($0.milestone.name.both)) in \($0.stage.name.en)" }
                    .joined(separator: "; ") + " — tick it, or force with a reason",
                zh: "关键节点未达成：" + unmet.map { "\($0.stage.name.zh)的「\($0.milestone.name[.zh])」" }.joined(separator: "；")
                    + "——请勾选，或写明原因强制推进")
        case .reasonRequired: LocalizedText(en: "a forced move needs a reason", zh: "强制推进需要写明原因")
        case .closed(let outcome):
            LocalizedText(en: "the deal is already \(outcome.rawValue); reopen it first", zh: "商机已\(outcome.label.zh)；请先重新打开")
        case .alreadyThere(let stage): LocalizedText(en: "the deal is already in stage '\(stage)'", zh: "商机已在阶段「\(stage)」")
        case .provenFromData(let milestone, let missing):
            missing.isEmpty
                ? LocalizedText(en: "'\(milestone.key)' (\(milestone.name.both)) is proven by the account's data and already holds; it is not ticked by hand",
                                zh: "「\(milestone.name[.zh])」由客户数据证明且已达成；不需手动勾选")
                : LocalizedText(en: "'\(milestone.key)' (\(milestone.name.both)) is proven by the account's data, not ticked by hand: the account has no "
                                    + missing.map(\.rawValue).joined(separator: " and no ")
                                    + " — mark them on its org chart (`closer person edit ID --coach yes`, `--level decision`), or force the move with a reason",
                                zh: "「\(milestone.name[.zh])」由客户数据证明，不能手动勾选：该客户还没有"
                                    + missing.map(\.label.zh).joined(separator: "和") + "——请在组织架构图上标出，或写明原因强制推进")
        }
    }
}

/// The deal rules of DOMAIN.md §1: gates, overrides and the odds that follow from them.
public enum DealRules {
    /// A forced gate that is still unmet halves the stage's odds (002: "chance drops sharply").
    public static let riskPenaltyPercent = 50

    /// Milestones between the deal's stage and `target` (exclusive) that are not met.
    public static func unmetMilestones(_ deal: Deal, movingTo target: String, process: ProcessTemplate, evidence: DealEvidence)
        throws(DealRuleError) -> [UnmetMilestone] {
        guard let from = process.stageIndex(deal.stageKey) else { throw .unknownStage(deal.stageKey, process: process.key) }
        guard let to = process.stageIndex(target) else { throw .unknownStage(target, process: process.key) }
        guard to > from else { return [] }
        return process.stages[from..<to].flatMap { stage in
            stage.milestones
                .filter { !deal.status(of: $0, in: stage, evidence: evidence).isMet }
                .map { UnmetMilestone(stage: stage, milestone: $0) }
        }
    }

    /// Moves a deal. Forward past an unmet milestone only with a reason, which is recorded and
    /// keeps the deal at risk; moving back is always allowed and drops overrides it walks back over.
    public static func move(
        _ deal: Deal, to target: String, process: ProcessTemplate, evidence: DealEvidence,
        forceReason: String? = nil, by user: String, at time: Date
    ) throws(DealRuleError) -> Deal {
        guard deal.outcome == .open else { throw .closed(deal.outcome) }
        guard target != deal.stageKey else { throw .alreadyThere(target) }
        let unmet = try unmetMilestones(deal, movingTo: target, process: process, evidence: evidence)
        var moved = deal
        if !unmet.isEmpty {
            guard let reason = forceReason else { throw .unmetMilestones(unmet) }
            let trimmed = reason.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !trimmed.isEmpty else { throw .reasonRequired }
            moved.overrides += unmet.map {
                GateOverride(stageKey: $0.stage.key, milestoneKey: $0.milestone.key, reason: trimmed, by: user, at: time)
            }
        }
        if let targetIndex = process.stageIndex(target) {
            let laterStages = Set(process.stages[targetIndex...].map(\.key))
            moved.overrides.removeAll { laterStages.contains($0.stageKey) }
        }
        moved.stageKey = target
        moved.stageEnteredAt = time
        return moved
    }

    /// Ticks or unticks a milestone of any stage of the deal's process. One the data proves is
    /// refused, saying what the data lacks: a tick would pass a gate the org chart contradicts.
    public static func setMilestone(_ deal: Deal, key: String, done: Bool, process: ProcessTemplate,
                                    evidence: DealEvidence) throws(DealRuleError) -> Deal {
        guard let milestone = process.stages.lazy.flatMap(\.milestones).first(where: { $0.key == key }) else {
            throw .unknownMilestone(key, process: process.key)
        }
        if let proof = milestone.proof, done {
            throw .provenFromData(milestone, missing: evidence.missing(for: proof))
        }
        var updated = deal
        if done { updated.milestonesDone.insert(key) } else { updated.milestonesDone.remove(key) }
        return updated
    }

    /// At risk while any forced milestone is still unmet.
    public static func isAtRisk(_ deal: Deal, process: ProcessTemplate, evidence: DealEvidence) -> Bool {
        deal.overrides.contains { override in
            guard let stage = process.stage(override.stageKey),
                  let milestone = stage.milestones.first(where: { $0.key == override.milestoneKey }) else { return false }
            return !deal.status(of: milestone, in: stage, evidence: evidence).isMet
        }
    }

    /// Chance of winning in percent: the stage default, cut while a forced gate is unmet.
    public static func probability(_ deal: Deal, process: ProcessTemplate, evidence: DealEvidence) -> Int {
        switch deal.outcome {
        case .won: return 100
        case .lost, .withdrawn: return 0
        case .open: break
        }
        let base = process.stage(deal.stageKey)?.probability ?? 0
        return isAtRisk(deal, process: process, evidence: evidence) ? base * (100 - riskPenaltyPercent) / 100 : base
    }

    /// Amount × probability, in minor units, rounded half up.
    public static func weighted(_ amount: Int64, probability: Int) -> Int64 {
        let product = amount.multipliedReportingOverflow(by: Int64(probability))
        if product.overflow { return amount / 100 * Int64(probability) }
        return (product.partialValue + 50) / 100
    }

    /// Closes a deal as won, lost or withdrawn; lost and withdrawn need a reason.
    public static func close(_ deal: Deal, as outcome: Outcome, reason: String, on day: Day) throws(DealRuleError) -> Deal {
        guard deal.outcome == .open else { throw .closed(deal.outcome) }
        let trimmed = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        if outcome == .lost || outcome == .withdrawn, trimmed.isEmpty { throw .reasonRequired }
        var closed = deal
        closed.outcome = outcome
        closed.outcomeReason = trimmed
        closed.closedOn = outcome == .open ? nil : day
        return closed
    }

    /// Closes a deal as lost with a reason from the team's list and the competitor who won.
    public static func lose(_ deal: Deal, _ loss: DealLoss, on day: Day) throws(DealRuleError) -> Deal {
        var lost = try close(deal, as: .lost, reason: loss.outcomeText.isEmpty ? loss.reason : loss.outcomeText, on: day)
        lost.lossReason = loss.reason
        lost.lostTo = loss.competitor.isEmpty ? nil : loss.competitor
        return lost
    }
}
