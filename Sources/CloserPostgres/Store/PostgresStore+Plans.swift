import CloserCore
import Foundation

/// Planned activities on the server, as the file store keeps them (SQLiteStore+Plans): the deal's
/// next step is its earliest open plan, kept in the same transaction as every plan change.
extension PostgresStore {
    /// The order of `PlannedActivity.precedes` in SQL: by day (undated last), all-day first, by time, by id.
    static let planOrder = "due IS NULL, due, due_time IS NOT NULL, due_time, id"

    public func planActivity(_ plan: PlannedActivity) throws -> PlannedActivity {
        var plan = plan
        plan.text = plan.text.trimmingCharacters(in: .whitespacesAndNewlines)
        var issues = Validation.issues(plan)
        if plan.due == nil { issues.append(ValidationIssue("due", "a planned activity needs a day", zh: "计划行动需要一个日期")) }
        guard issues.isEmpty else { throw Self.invalid(issues) }
        return try write { connection in
            guard let dealID = plan.dealID else {
                // An action on the account alone: the account must exist and be the actor's to change.
                _ = try Self.fetchRow(connection, "account", id: plan.accountID)
                try requireAccess(connection, account: plan.accountID, .write, subject: .account(plan.accountID))
                try Self.lockAccount(connection, plan.accountID)
                try insertPlan(connection, &plan, accountID: plan.accountID)
                return plan
            }
            let deal = try Deal(pg: try Self.fetchRow(connection, "deal", id: dealID))
            try requireAccess(connection, account: deal.accountID, .write, subject: .deal(deal.id))
            try Self.lockAccount(connection, deal.accountID)
            guard deal.outcome == .open else {
                throw StoreError.refused(.planOnClosedDeal(deal: deal.id, deal.outcome))
            }
            try insertPlan(connection, &plan, accountID: deal.accountID)
            try syncNextStep(connection, dealID: deal.id)
            return plan
        }
    }

    public func plannedActivity(_ id: Int64) throws -> PlannedActivity {
        try read { connection in
            let plan = try PlannedActivity(pg: try Self.fetchRow(connection, "planned_activity", id: id))
            try requireAccess(connection, account: plan.accountID, .read, subject: .plannedActivity(id))
            return plan
        }
    }

    public func plannedActivities(_ query: PlanQuery) throws -> [PlannedActivity] {
        var filter = SQLConditions()
        if let dealID = query.dealID { filter.add("p.deal_id = ?", [.int(dealID)]) }
        if let accountID = query.accountID { filter.add("p.account_id = ?", [.int(accountID)]) }
        if query.accountOnly { filter.add("p.deal_id IS NULL") }
        if let owner = query.owner {
            filter.add("(p.deal_id IN (SELECT id FROM deal WHERE owner = ?) OR (p.deal_id IS NULL AND p.owner = ?))", [.text(owner), .text(owner)])
        }
        if !query.includeDone { filter.add("p.done_on IS NULL") }
        if let from = query.from { filter.add("p.due >= ?", [.text(from.description)]) }
        return try readAsActor { connection, who in
            var filter = filter
            filter.restrict(accountColumn: "p.account_id", to: who)
            return try connection.query("SELECT p.* FROM planned_activity p \(filter.whereClause) ORDER BY \(Self.planOrder) LIMIT ?",
                                        filter.values(appending: [.int(query.limit)])).map(PlannedActivity.init(pg:))
        }
    }

    public func updatePlannedActivity(_ plan: PlannedActivity) throws -> PlannedActivity {
        let plan = try PlanChanges.validated(plan)
        return try write { connection in
            let old = try writablePlan(connection, plan.id, expected: plan.version)
            var (updated, action) = try PlanChanges.edit(old, to: plan)
            try savePlan(connection, &updated, old: old, action: action)
            try syncNextStep(connection, dealID: old.dealID)
            return updated
        }
    }

    public func completePlannedActivity(_ id: Int64, _ completion: PlanCompletion, expectedVersion: Int?) throws -> CompletedPlan {
        try write { connection in
            let old = try writablePlan(connection, id, expected: expectedVersion)
            var activity = try PlanChanges.activity(doing: old, completion, by: actor)
            try insertActivity(connection, &activity)
            var done = PlanChanges.done(old, by: activity, on: completion.on)
            try savePlan(connection, &done, old: old, action: "done", note: "activity \(activity.id)")
            try syncNextStep(connection, dealID: old.dealID)
            return CompletedPlan(plan: done, activity: activity)
        }
    }

    public func cancelPlannedActivity(_ id: Int64, expectedVersion: Int?) throws {
        try write { connection in
            let old = try writablePlan(connection, id, expected: expectedVersion)
            try PlanChanges.checkCancel(old)
            try cancel(connection, old)
            try syncNextStep(connection, dealID: old.dealID)
        }
    }

    // MARK: Inside a transaction

    /// The plan as stored, once the actor may change its account; refused when not at `expected`.
    func writablePlan(_ connection: Connection, _ id: Int64, expected: Int?) throws -> PlannedActivity {
        let stored = try PlannedActivity(pg: try Self.fetchRow(connection, "planned_activity", id: id))
        // Who may touch it first: a stale version is reported only to those who may see it.
        try requireAccess(connection, account: stored.accountID, .write, subject: .plannedActivity(id))
        try Self.lockAccount(connection, stored.accountID)
        return try PlannedActivity(pg: try currentRow(connection, table: "planned_activity", id: id, expected: expected))
    }

    /// Inserts a plan on `accountID` (its deal's account, for a plan on a deal).
    func insertPlan(_ connection: Connection, _ plan: inout PlannedActivity, accountID: Int64) throws {
        let now = clock()
        plan.accountID = accountID
        if plan.owner.isEmpty { plan.owner = actor }
        plan.version = 1
        plan.createdAt = now
        plan.updatedAt = now
        plan.doneOn = nil
        plan.activityID = nil
        plan.id = try Self.insert(connection, into: "planned_activity", columns: PlannedActivity.pgColumns, values: plan.pgValues(updatedBy: actor))
        var changes = ["text": FieldChange(old: nil, new: plan.text), "kind": FieldChange(old: nil, new: plan.kind.rawValue)]
        if let due = plan.due { changes["due"] = FieldChange(old: nil, new: due.description) }
        if let time = plan.time { changes["time"] = FieldChange(old: nil, new: time.description) }
        try log(connection, event("plan", plan.id, "planned", changes, note: plan.subject, account: plan.accountID, version: plan.version))
    }

    /// Writes a changed plan over `old` (at its version), logging what changed.
    func savePlan(_ connection: Connection, _ plan: inout PlannedActivity, old: PlannedActivity, action: String, note: String? = nil) throws {
        plan.version = old.version + 1
        plan.updatedAt = clock()
        var values = plan.pgValues(updatedBy: actor)
        values.removeFirst()
        let changed = try connection.execute(StatementText.update("planned_activity", columns: PlannedActivity.pgColumns),
                                             values + [.int(old.id), .int(old.version)])
        guard changed == 1 else {
            throw StoreError.staleVersion(entity: "planned_activity", id: old.id, expected: old.version, current: old.version + 1, lastChangedBy: "another session")
        }
        var changes = FieldDiff.between(old, plan)
        changes.removeValue(forKey: "activityID")
        try log(connection, event("plan", plan.id, action, changes, note: note ?? plan.subject, account: plan.accountID, version: plan.version))
    }

    func cancel(_ connection: Connection, _ plan: PlannedActivity) throws {
        try connection.execute("DELETE FROM planned_activity WHERE id = ?", [.int(plan.id)])
        try log(connection, event("plan", plan.id, "cancelled", ["text": FieldChange(old: plan.text, new: nil)], note: plan.subject,
                                  account: plan.accountID))
    }

    /// What setting a deal's next step does to its plans: rewrites the earliest open one (its
    /// text and day), or plans one when there is none; empty text cancels it.
    func replaceNextStep(_ connection: Connection, deal: Deal, text: String, due: Day?) throws {
        let first = try connection.queryOne("""
            SELECT * FROM planned_activity WHERE deal_id = ? AND done_on IS NULL ORDER BY \(Self.planOrder) LIMIT 1
            """, [.int(deal.id)]).map(PlannedActivity.init(pg:))
        if text.isEmpty && due == nil {
            if let first { try cancel(connection, first) }
        } else if let first {
            var updated = first
            (updated.text, updated.due) = (text, due)
            if updated != first {
                try savePlan(connection, &updated, old: first, action: first.due != due ? "rescheduled" : "updated")
            }
        } else {
            var plan = PlannedActivity(dealID: deal.id, text: text, due: due, owner: actor)
            try insertPlan(connection, &plan, accountID: deal.accountID)
        }
    }

    /// The earliest open plan's text and day: what the deal's next step shows ("" and nil for none).
    static func derivedNextStep(_ connection: Connection, dealID: Int64) throws -> (text: String, due: Day?) {
        guard let row = try connection.queryOne("""
            SELECT text, due FROM planned_activity WHERE deal_id = ? AND done_on IS NULL ORDER BY \(planOrder) LIMIT 1
            """, [.int(dealID)]) else { return ("", nil) }
        return (try row.string("text"), try row.day("due"))
    }

    /// Brings the deal's next step in line with its plans, as a logged, versioned change of the
    /// deal ("next-step"); nil when it already was, or for a plan on no deal.
    /// `held`: the deal as this transaction locked it, unchanged since (its plans may have).
    @discardableResult
    func syncNextStep(_ connection: Connection, dealID: Int64?, held: HeldDeal? = nil) throws -> Deal? {
        guard let dealID else { return nil }
        let (text, due) = try Self.derivedNextStep(connection, dealID: dealID)
        let deal = try held?.deal ?? Deal(pg: try Self.fetchRow(connection, "deal", id: dealID))
        guard deal.nextStep != text || deal.nextStepDue != due else { return nil }
        return try mutateDeal(connection, dealID, expectedVersion: nil, held: held) { old, _, _ in
            var updated = old
            (updated.nextStep, updated.nextStepDue) = (text, due)
            return (updated, "next-step", "")
        }
    }

    /// A plan for each deal after `dealsAfter` (by id) that has a next step and no open plan.
    static func plansFromNextSteps(_ connection: Connection, dealsAfter: Int64) throws {
        try connection.execute("""
            INSERT INTO planned_activity (deal_id, account_id, kind, text, due, owner, version, created_at, updated_at, updated_by)
            SELECT d.id, d.account_id, 'other', d.next_step, d.next_step_due, d.owner, 1, d.updated_at, d.updated_at, d.updated_by
            FROM deal d
            WHERE d.id > ? AND (d.next_step <> '' OR d.next_step_due IS NOT NULL)
              AND NOT EXISTS (SELECT 1 FROM planned_activity p WHERE p.deal_id = d.id AND p.done_on IS NULL)
            ORDER BY d.id
            """, [.int(dealsAfter)])
    }
}
