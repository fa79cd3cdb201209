import CloserCore
import Foundation
import GRDB

extension SQLiteStore {
    public func planActivity(_ plan: PlannedActivity) throws -> PlannedActivity {
        var plan = plan
        plan.text = plan.text.trimmingCharacters(in: .whitespacesAndNewlines)
        var issues = Validation.issues(plan)
        if plan.due == nil { issues.append(ValidationIssue("due", "a planned activity needs a day", zh: "计划行动需要一个日期")) }
        guard issues.isEmpty else { throw Self.invalid(issues) }
        return try write { db in
            guard let dealID = plan.dealID else {
                // An action on the account alone: the account must exist and be the actor's to change.
                _ = try Self.fetchRow(db, "account", id: plan.accountID)
                try requireAccess(db, account: plan.accountID, .write, subject: .account(plan.accountID))
                try insertPlan(db, &plan, accountID: plan.accountID)
                return plan
            }
            let deal = try Self.fetchDeal(db, dealID)
            try requireAccess(db, account: deal.accountID, .write, subject: .deal(deal.id))
            guard deal.outcome == .open else {
                throw StoreError.refused(.planOnClosedDeal(deal: deal.id, deal.outcome))
            }
            try insertPlan(db, &plan, accountID: deal.accountID)
            try syncNextStep(db, dealID: deal.id)
            return plan
        }
    }

    public func plannedActivity(_ id: Int64) throws -> PlannedActivity {
        try read { db in
            let plan = PlannedActivity(row: try Self.fetchRow(db, "planned_activity", id: id))
            try requireAccess(db, account: plan.accountID, .read, subject: .plannedActivity(id))
            return plan
        }
    }

    public func plannedActivities(_ query: PlanQuery) throws -> [PlannedActivity] {
        var filter = SQLFilter()
        if let dealID = query.dealID { filter.add("p.deal_id = ?", [dealID]) }
        if let accountID = query.accountID { filter.add("p.account_id = ?", [accountID]) }
        if query.accountOnly { filter.add("p.deal_id IS NULL", []) }
        if let owner = query.owner {
            filter.add("(p.deal_id IN (SELECT id FROM deal WHERE owner = ?) OR (p.deal_id IS NULL AND p.owner = ?))", [owner, owner])
        }
        if !query.includeDone { filter.add("p.done_on IS NULL", []) }
        if let from = query.from { filter.add("p.due >= ?", [from.description]) }
        return try readAsActor { db, who in
            var filter = filter
            filter.restrict(accountColumn: "p.account_id", to: who, checking: query.dealID == nil ? .asSet : .perRow)
            return try Row.fetchAll(db, sql: "SELECT p.* FROM planned_activity p \(filter.whereClause) ORDER BY \(PlanSchema.order) LIMIT ?",
                                    arguments: filter.arguments(appending: [query.limit]))
                .map(PlannedActivity.init(row:))
        }
    }

    public func updatePlannedActivity(_ plan: PlannedActivity) throws -> PlannedActivity {
        let plan = try PlanChanges.validated(plan)
        return try write { db in
            let old = try writablePlan(db, plan.id, expected: plan.version)
            var (updated, action) = try PlanChanges.edit(old, to: plan)
            try savePlan(db, &updated, old: old, action: action)
            try syncNextStep(db, dealID: old.dealID)
            return updated
        }
    }

    public func completePlannedActivity(_ id: Int64, _ completion: PlanCompletion, expectedVersion: Int?) throws -> CompletedPlan {
        try write { db in
            let old = try writablePlan(db, id, expected: expectedVersion)
            var activity = try PlanChanges.activity(doing: old, completion, by: actor)
            try insertActivity(db, &activity)
            var done = PlanChanges.done(old, by: activity, on: completion.on)
            try savePlan(db, &done, old: old, action: "done", note: "activity \(activity.id)")
            try syncNextStep(db, dealID: old.dealID)
            return CompletedPlan(plan: done, activity: activity)
        }
    }

    public func cancelPlannedActivity(_ id: Int64, expectedVersion: Int?) throws {
        try write { db in
            let old = try writablePlan(db, id, expected: expectedVersion)
            try PlanChanges.checkCancel(old)
            try cancel(db, old)
            try syncNextStep(db, dealID: old.dealID)
        }
    }

    // MARK: Inside a transaction

    /// The plan as stored, once the actor may change its account; refused when not at `expected`.
    func writablePlan(_ db: Database, _ id: Int64, expected: Int?) throws -> PlannedActivity {
        let stored = PlannedActivity(row: try Self.fetchRow(db, "planned_activity", id: id))
        // Who may touch it first: a stale version is reported only to those who may see it.
        try requireAccess(db, account: stored.accountID, .write, subject: .plannedActivity(id))
        return PlannedActivity(row: try currentRow(db, table: "planned_activity", id: id, expected: expected))
    }

    /// Inserts a plan on `accountID` (its deal's account, for a plan on a deal).
    func insertPlan(_ db: Database, _ plan: inout PlannedActivity, accountID: Int64) throws {
        let now = clock()
        plan.accountID = accountID
        if plan.owner.isEmpty { plan.owner = actor }
        plan.version = 1
        plan.createdAt = now
        plan.updatedAt = now
        plan.doneOn = nil
        plan.activityID = nil
        try db.execute(sql: SQLText.insert(into: "planned_activity", columns: PlannedActivity.columns),
                       arguments: StatementArguments(plan.columnValues(updatedBy: actor)))
        plan.id = db.lastInsertedRowID
        var changes = ["text": FieldChange(old: nil, new: plan.text), "kind": FieldChange(old: nil, new: plan.kind.rawValue)]
        if let due = plan.due { changes["due"] = FieldChange(old: nil, new: due.description) }
        if let time = plan.time { changes["time"] = FieldChange(old: nil, new: time.description) }
        try log(db, event("plan", plan.id, "planned", changes, note: plan.subject, account: plan.accountID, version: plan.version))
    }

    /// Writes a changed plan over `old` (at its version), logging what changed.
    func savePlan(_ db: Database, _ plan: inout PlannedActivity, old: PlannedActivity, action: String, note: String? = nil) throws {
        plan.version = old.version + 1
        plan.updatedAt = clock()
        var values = plan.columnValues(updatedBy: actor)
        values.removeFirst()
        try db.execute(sql: SQLText.update("planned_activity", columns: PlannedActivity.columns), arguments: StatementArguments(values + [old.id, old.version]))
        guard db.changesCount == 1 else {
            throw StoreError.staleVersion(entity: "planned_activity", id: old.id, expected: old.version, current: old.version + 1, lastChangedBy: "another session")
        }
        var changes = FieldDiff.between(old, plan)
        changes.removeValue(forKey: "activityID")
        try log(db, event("plan", plan.id, action, changes, note: note ?? plan.subject, account: plan.accountID, version: plan.version))
    }

    func cancel(_ db: Database, _ plan: PlannedActivity) throws {
        try db.execute(sql: "DELETE FROM planned_activity WHERE id = ?", arguments: [plan.id])
        try log(db, event("plan", plan.id, "cancelled", ["text": FieldChange(old: plan.text, new: nil)], note: plan.subject,
                          account: plan.accountID))
    }

    /// What setting a deal's next step does to its plans: rewrites the earliest open one (its
    /// text and day), or plans one when there is none; empty text cancels it.
    func replaceNextStep(_ db: Database, deal: Deal, text: String, due: Day?) throws {
        let first = try Row.fetchOne(db, sql: """
            SELECT * FROM planned_activity WHERE deal_id = ? AND done_on IS NULL ORDER BY \(PlanSchema.order) LIMIT 1
            """, arguments: [deal.id]).map(PlannedActivity.init(row:))
        if text.isEmpty && due == nil {
            if let first { try cancel(db, first) }
        } else if let first {
            var updated = first
            (updated.text, updated.due) = (text, due)
            if updated != first {
                try savePlan(db, &updated, old: first, action: first.due != due ? "rescheduled" : "updated")
            }
        } else {
            var plan = PlannedActivity(dealID: deal.id, text: text, due: due, owner: actor)
            try insertPlan(db, &plan, accountID: deal.accountID)
        }
    }

    /// The earliest open plan's text and day: what the deal's next step shows ("" and nil for none).
    static func derivedNextStep(_ db: Database, dealID: Int64) throws -> (text: String, due: Day?) {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT text, due FROM planned_activity WHERE deal_id = ? AND done_on IS NULL ORDER BY \(PlanSchema.order) LIMIT 1
            """, arguments: [dealID]) else { return ("", nil) }
        return (row.text("text"), ColumnCoding.day(row["due"]))
    }

    /// Brings the deal's next step in line with its plans, as a logged, versioned change of the
    /// deal ("next-step"); nil when it already was, or for a plan on no deal.
    @discardableResult
    func syncNextStep(_ db: Database, dealID: Int64?) throws -> Deal? {
        guard let dealID else { return nil }
        let (text, due) = try Self.derivedNextStep(db, dealID: dealID)
        let deal = try Self.fetchDeal(db, dealID)
        guard deal.nextStep != text || deal.nextStepDue != due else { return nil }
        return try mutateDeal(db, dealID, expectedVersion: nil) { old, _, _ in
            var updated = old
            (updated.nextStep, updated.nextStepDue) = (text, due)
            return (updated, "next-step", "")
        }
    }

    /// The deals' next steps from their plans in one statement, without a version or a log row:
    /// for an import, whose own rows are the change (and which logs it once).
    static func deriveNextSteps(_ db: Database, dealIDs: [Int64]) throws {
        for chunk in stride(from: 0, to: dealIDs.count, by: 500).map({ Array(dealIDs[$0..<min($0 + 500, dealIDs.count)]) }) {
            let marks = chunk.map { _ in "?" }.joined(separator: ",")
            try db.execute(sql: """
                UPDATE deal SET
                    next_step = COALESCE((SELECT text FROM planned_activity p WHERE p.deal_id = deal.id AND p.done_on IS NULL
                                          ORDER BY \(PlanSchema.order) LIMIT 1), ''),
                    next_step_due = (SELECT due FROM planned_activity p WHERE p.deal_id = deal.id AND p.done_on IS NULL
                                     ORDER BY \(PlanSchema.order) LIMIT 1)
                WHERE id IN (\(marks))
                """, arguments: StatementArguments(chunk))
        }
    }
}
