import CloserCore
import Foundation

/// A deal's reads and edits as every backend carries them out; the rules are CloserCore's
/// (DealChanges, DealRules), the next step is its earliest open plan (PlanFlows).
extension PlanBackend {
    package func readDeal(_ id: Int64) throws -> Deal {
        try read { transaction in
            let deal = try fetchDeal(transaction, id)
            try requireAccess(transaction, account: deal.accountID, .read, subject: .deal(id))
            return deal
        }
    }

    /// An edited next step reschedules or rewrites the earliest planned activity (as `setNextStep`);
    /// the deal then shows whichever plan is earliest.
    package func editDeal(_ id: Int64, expectedVersion: Int?, _ change: (inout Deal) throws -> Void) throws -> Deal {
        try write { transaction in try editDeal(transaction, id, expectedVersion: expectedVersion, note: "", change) }
    }

    /// `editDeal` inside an open transaction, its log row noted (an undo says which change it takes back).
    package func editDeal(_ transaction: Transaction, _ id: Int64, expectedVersion: Int?, note: String,
                          _ change: (inout Deal) throws -> Void) throws -> Deal {
        let held = try writableDeal(transaction, id, expected: expectedVersion)
        let old = held.deal
        var edited = old
        try change(&edited)
        try settleNextStep(transaction, old: old, &edited)
        let change = edited
        return try mutateDeal(transaction, id, expectedVersion: old.version, held: held) { old, _, _ in
            DealChanges.edit(old, to: change, note: note)
        }
    }

    /// A changed next step rewrites the deal's earliest planned activity, and the deal shows the
    /// step its plans now derive.
    package func settleNextStep(_ transaction: Transaction, old: Deal, _ edited: inout Deal) throws {
        let text = edited.nextStep.trimmingCharacters(in: .whitespacesAndNewlines)
        guard text != old.nextStep || edited.nextStepDue != old.nextStepDue else { return }
        try replaceNextStep(transaction, deal: old, text: text, due: edited.nextStepDue)
        (edited.nextStep, edited.nextStepDue) = try derivedNextStep(transaction, dealID: old.id)
    }

    package func moveDeal(_ id: Int64, to stageKey: String, forceReason: String?, expectedVersion: Int?) throws -> Deal {
        let user = actor
        return try mutateDeal(id, expectedVersion: expectedVersion) { old, process, evidence in
            try DealChanges.move(old, to: stageKey, process: process, evidence: evidence, forceReason: forceReason, by: user, at: clock())
        }
    }

    package func setMilestone(dealID: Int64, key: String, done: Bool, expectedVersion: Int?) throws -> Deal {
        try mutateDeal(dealID, expectedVersion: expectedVersion) { old, process, evidence in
            try DealChanges.milestone(old, key: key, done: done, process: process, evidence: evidence)
        }
    }

    /// The next step is the earliest open planned activity: this reschedules or rewrites it (a
    /// new plan when there is none; empty text cancels it), and the deal shows whichever open
    /// plan is then earliest.
    package func setNextStep(dealID: Int64, text: String, due: Day?, expectedVersion: Int?) throws -> Deal {
        try write { transaction in
            let held = try writableDeal(transaction, dealID, expected: expectedVersion)
            try replaceNextStep(transaction, deal: held.deal, text: text.trimmingCharacters(in: .whitespacesAndNewlines), due: due)
            return try syncNextStep(transaction, dealID: dealID, held: held) ?? held.deal
        }
    }

    package func closeDeal(_ id: Int64, as outcome: Outcome, reason: String, expectedVersion: Int?) throws -> Deal {
        try mutateDeal(id, expectedVersion: expectedVersion) { old, _, _ in
            let closed = try ruled { try DealRules.close(old, as: outcome, reason: reason, on: Day(clock())) }
            return (closed, outcome.rawValue, closed.outcomeReason)
        }
    }

    package func reopenDeal(_ id: Int64) throws -> Deal {
        try mutateDeal(id, expectedVersion: nil) { old, _, _ in
            guard old.outcome != .open else { throw StoreError.refused(.dealAlreadyOpen(id)) }
            var reopened = old
            reopened.outcome = .open
            reopened.outcomeReason = ""
            reopened.lossReason = nil
            reopened.lostTo = nil
            reopened.closedOn = nil
            return (reopened, "reopened", "")
        }
    }

    package func deleteDeal(_ id: Int64) throws {
        try write { transaction in
            let deal = try fetchDeal(transaction, id)
            try requireAccess(transaction, account: deal.accountID, .write, subject: .deal(id))
            try lockAccount(transaction, deal.accountID)
            try deleteDealRow(transaction, id)
            try refreshAccountRollup(transaction, accountID: deal.accountID)
            try log(transaction, event("deal", id, "deleted", note: deal.title, account: deal.accountID))
        }
    }
}
