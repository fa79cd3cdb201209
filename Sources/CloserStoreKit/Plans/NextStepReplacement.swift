import CloserCore

/// What setting a deal's next step does to its plans: the earliest open plan is rewritten (its
/// text and day), cancelled when the step is cleared, or a plan is made when there is none.
/// One rule for the one-deal edit (`replaceNextStep`) and for an import's many deals at once.
package enum NextStepReplacement {
    case unchanged
    case cancel(PlannedActivity)
    /// The earliest open plan, the same with the new text and day, and the log's word for it.
    case rewrite(PlannedActivity, to: PlannedActivity, action: String)
    case plan

    package init(first: PlannedActivity?, text: String, due: Day?) {
        if text.isEmpty && due == nil {
            self = first.map(NextStepReplacement.cancel) ?? .unchanged
        } else if let first {
            var updated = first
            (updated.text, updated.due) = (text, due)
            self = updated == first ? .unchanged : .rewrite(first, to: updated, action: first.due != due ? "rescheduled" : "updated")
        } else {
            self = .plan
        }
    }
}

/// A plan's log rows, as every path that changes plans writes them.
extension StoreBackend {
    package func plannedEvent(_ plan: PlannedActivity) -> ChangeEvent {
        event("plan", plan.id, "planned", ActivityLog.planned(plan), note: plan.subject, account: plan.accountID, version: plan.version)
    }

    /// `plan` written over `old` (at its next version).
    package func savedPlanEvent(_ plan: PlannedActivity, old: PlannedActivity, action: String, note: String? = nil) -> ChangeEvent {
        var changes = FieldDiff.between(old, plan)
        changes.removeValue(forKey: "activityID")
        return event("plan", plan.id, action, changes, note: note ?? plan.subject, account: plan.accountID, version: plan.version)
    }

    package func cancelledPlanEvent(_ plan: PlannedActivity) -> ChangeEvent {
        event("plan", plan.id, "cancelled", ["text": FieldChange(old: plan.text, new: nil)], note: plan.subject, account: plan.accountID)
    }
}
