import CloserCore
import Foundation

/// Planned activities as every backend keeps them (the rules are CloserCore's PlanChanges): the
/// deal's next step is its earliest open plan, kept in the same transaction as every plan change.
extension PlanBackend {
    package func planActivity(_ plan: PlannedActivity) throws -> PlannedActivity {
        var plan = plan
        plan.text = plan.text.trimmingCharacters(in: .whitespacesAndNewlines)
        var issues = Validation.issues(plan)
        if plan.due == nil { issues.append(ValidationIssue("due", "a planned activity needs a day", zh: "计划行动需要一个日期")) }
        guard issues.isEmpty else { throw StoreError.invalid(.fields(issues)) }
        return try write { transaction in
            guard let dealID = plan.dealID else {
                // An action on the account alone: the account must exist and be the actor's to change.
                _ = try fetchAccount(transaction, plan.accountID)
                try requireAccess(transaction, account: plan.accountID, .write, subject: .account(plan.accountID))
                try lockAccount(transaction, plan.accountID)
                try insertPlan(transaction, &plan, accountID: plan.accountID)
                return plan
            }
            let deal = try fetchDeal(transaction, dealID)
            try requireAccess(transaction, account: deal.accountID, .write, subject: .deal(deal.id))
            try lockAccount(transaction, deal.accountID)
            guard deal.outcome == .open else {
                throw StoreError.refused(.planOnClosedDeal(deal: deal.id, deal.outcome))
            }
            try insertPlan(transaction, &plan, accountID: deal.accountID)
            try syncNextStep(transaction, dealID: deal.id)
            return plan
        }
    }

    package func readPlannedActivity(_ id: Int64) throws -> PlannedActivity {
        try read { transaction in
            let plan = try fetchPlan(transaction, id)
            try requireAccess(transaction, account: plan.accountID, .read, subject: .plannedActivity(id))
            return plan
        }
    }

    package func updatePlannedActivity(_ plan: PlannedActivity) throws -> PlannedActivity {
        let plan = try PlanChanges.validated(plan)
        return try write { transaction in
            let old = try writablePlan(transaction, plan.id, expected: plan.version)
            var (updated, action) = try PlanChanges.edit(old, to: plan)
            try savePlan(transaction, &updated, old: old, action: action)
            try syncNextStep(transaction, dealID: old.dealID)
            return updated
        }
    }

    package func completePlannedActivity(_ id: Int64, _ completion: PlanCompletion, expectedVersion: Int?) throws -> CompletedPlan {
        try write { transaction in
            let old = try writablePlan(transaction, id, expected: expectedVersion)
            var activity = try PlanChanges.activity(doing: old, completion, by: actor)
            try insertActivity(transaction, &activity)
            var done = PlanChanges.done(old, by: activity, on: completion.on)
            try savePlan(transaction, &done, old: old, action: "done", note: "activity \(activity.id)")
            try syncNextStep(transaction, dealID: old.dealID)
            return CompletedPlan(plan: done, activity: activity)
        }
    }

    package func cancelPlannedActivity(_ id: Int64, expectedVersion: Int?) throws {
        try write { transaction in
            let old = try writablePlan(transaction, id, expected: expectedVersion)
            try PlanChanges.checkCancel(old)
            try cancel(transaction, old)
            try syncNextStep(transaction, dealID: old.dealID)
        }
    }
}
