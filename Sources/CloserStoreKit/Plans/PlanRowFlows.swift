import CloserCore
import Foundation

/// A plan's changes inside an open write (each logged), and the deal's next step kept in line
/// with its plans.
extension PlanBackend {
    /// The plan as stored, once the actor may change its account; refused when not at `expected`.
    package func writablePlan(_ transaction: Transaction, _ id: Int64, expected: Int?) throws -> PlannedActivity {
        let stored = try fetchPlan(transaction, id)
        // Who may touch it first: a stale version is reported only to those who may see it.
        try requireAccess(transaction, account: stored.accountID, .write, subject: .plannedActivity(id))
        try lockAccount(transaction, stored.accountID)
        return try currentPlan(transaction, id, expected: expected)
    }

    /// Inserts a plan on `accountID` (its deal's account, for a plan on a deal).
    package func insertPlan(_ transaction: Transaction, _ plan: inout PlannedActivity, accountID: Int64) throws {
        let now = clock()
        plan.accountID = accountID
        if plan.owner.isEmpty { plan.owner = actor }
        plan.version = 1
        plan.createdAt = now
        plan.updatedAt = now
        plan.doneOn = nil
        plan.activityID = nil
        plan.id = try insertPlanRow(transaction, plan)
        try log(transaction, plannedEvent(plan))
    }

    /// Writes a changed plan over `old` (at its version), logging what changed.
    package func savePlan(_ transaction: Transaction, _ plan: inout PlannedActivity, old: PlannedActivity, action: String,
                          note: String? = nil) throws {
        plan.version = old.version + 1
        plan.updatedAt = clock()
        guard try updatePlanRow(transaction, plan, at: old.version) else {
            throw StoreError.staleVersion(entity: "planned_activity", id: old.id, expected: old.version, current: old.version + 1,
                                          lastChangedBy: "another session")
        }
        try log(transaction, savedPlanEvent(plan, old: old, action: action, note: note))
    }

    package func cancel(_ transaction: Transaction, _ plan: PlannedActivity) throws {
        try deletePlanRow(transaction, plan.id)
        try log(transaction, cancelledPlanEvent(plan))
    }

    /// What setting a deal's next step does to its plans: rewrites the earliest open one (its
    /// text and day), or plans one when there is none; empty text cancels it.
    package func replaceNextStep(_ transaction: Transaction, deal: Deal, text: String, due: Day?) throws {
        let first = try firstOpenPlan(transaction, dealID: deal.id)
        switch NextStepReplacement(first: first, text: text, due: due) {
        case .unchanged:
            break
        case .cancel(let plan):
            try cancel(transaction, plan)
        case .rewrite(let plan, var updated, let action):
            try savePlan(transaction, &updated, old: plan, action: action)
        case .plan:
            var plan = PlannedActivity(dealID: deal.id, text: text, due: due, owner: actor)
            try insertPlan(transaction, &plan, accountID: deal.accountID)
        }
    }

    /// The earliest open plan's text and day: what the deal's next step shows ("" and nil for none).
    package func derivedNextStep(_ transaction: Transaction, dealID: Int64) throws -> (text: String, due: Day?) {
        guard let first = try firstOpenPlan(transaction, dealID: dealID) else { return ("", nil) }
        return (first.text, first.due)
    }

    /// Brings the deal's next step in line with its plans, as a logged, versioned change of the
    /// deal ("next-step"); nil when it already was, or for a plan on no deal.
    /// `held`: the deal as this transaction holds it, unchanged since (its plans may have changed).
    @discardableResult
    package func syncNextStep(_ transaction: Transaction, dealID: Int64?, held: HeldDeal? = nil) throws -> Deal? {
        guard let dealID else { return nil }
        let (text, due) = try derivedNextStep(transaction, dealID: dealID)
        let deal = try held?.deal ?? fetchDeal(transaction, dealID)
        guard deal.nextStep != text || deal.nextStepDue != due else { return nil }
        return try mutateDeal(transaction, dealID, expectedVersion: nil, held: held) { old, _, _ in
            var updated = old
            (updated.nextStep, updated.nextStepDue) = (text, due)
            return (updated, "next-step", "")
        }
    }
}
