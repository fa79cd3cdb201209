import Foundation

/// Values derived from a deal and its account's persons, kept in the row so that either store's
/// SQL can aggregate and sort on them.
public struct DealDerived: Sendable, Equatable {
    public var probability: Int
    public var weighted: Int64
    public var atRisk: Bool
    public var milestonesMet: Int
    public var milestonesTotal: Int

    public init(deal: Deal, process: ProcessTemplate?, evidence: DealEvidence) {
        guard let process else {
            self.init(probability: 0, weighted: 0, atRisk: false, milestonesMet: 0, milestonesTotal: 0)
            return
        }
        let probability = DealRules.probability(deal, process: process, evidence: evidence)
        let progress = deal.milestoneProgress(process: process, evidence: evidence)
        self.init(
            probability: probability, weighted: DealRules.weighted(deal.amount.minorUnits, probability: probability),
            atRisk: deal.outcome == .open && DealRules.isAtRisk(deal, process: process, evidence: evidence),
            milestonesMet: progress.met, milestonesTotal: progress.total)
    }

    public init(probability: Int, weighted: Int64, atRisk: Bool, milestonesMet: Int, milestonesTotal: Int) {
        self.probability = probability
        self.weighted = weighted
        self.atRisk = atRisk
        self.milestonesMet = milestonesMet
        self.milestonesTotal = milestonesTotal
    }
}
