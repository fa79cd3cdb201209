/// What a change to a planned activity does to it, decided once for every store: the store only
/// reads the plan, checks who may write it, and saves what these return in its transaction.
public enum PlanChanges {
    /// The text trimmed and checked before any store is touched.
    public static func validated(_ plan: PlannedActivity) throws -> PlannedActivity {
        var plan = plan
        plan.text = plan.text.trimmingCharacters(in: .whitespacesAndNewlines)
        let issues = Validation.issues(plan)
        guard issues.isEmpty else { throw StoreError.invalid(.fields(issues)) }
        return plan
    }

    /// An open plan's text, kind, day and time as `plan` has them (a missing day keeps the old
    /// one); the log's action says whether it moved in time.
    public static func edit(_ old: PlannedActivity, to plan: PlannedActivity) throws -> (plan: PlannedActivity, action: String) {
        guard !old.isDone else { throw StoreError.refused(.planDoneCannotChange(plan: old.id, on: old.doneOn)) }
        var updated = old
        (updated.text, updated.kind, updated.due, updated.time) = (plan.text, plan.kind, plan.due ?? old.due, plan.time)
        let moved = updated.due != old.due || updated.time != old.time
        return (updated, moved ? "rescheduled" : "updated")
    }

    /// The activity that doing an open plan records (its own notes, or the plan's text).
    public static func activity(doing old: PlannedActivity, _ completion: PlanCompletion, by user: String) throws -> Activity {
        guard !old.isDone else { throw StoreError.refused(.planDoneAlready(plan: old.id, on: old.doneOn)) }
        return Activity(accountID: old.accountID, dealID: old.dealID, kind: old.kind, day: completion.on, personIDs: completion.met,
                        notes: completion.notes.isEmpty ? old.text : completion.notes, outcome: completion.outcome, by: user)
    }

    /// The plan once `activity` (saved, with its id) recorded it done.
    public static func done(_ old: PlannedActivity, by activity: Activity, on day: Day) -> PlannedActivity {
        var done = old
        done.doneOn = day
        done.activityID = activity.id
        return done
    }

    /// Only an open plan is cancelled; a done one is taken back by deleting its activity.
    public static func checkCancel(_ old: PlannedActivity) throws {
        guard !old.isDone else { throw StoreError.refused(.planDoneDeleteActivity(plan: old.id, on: old.doneOn)) }
    }
}
