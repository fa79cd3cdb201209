import CloserCore
import CloserStoreKit
import Foundation

/// Planned activities on the server, as the file store keeps them (SQLiteStore+Plans): the deal's
/// next step is its earliest open plan, kept in the same transaction as every plan change.
extension PostgresStore {
    /// The order of `PlannedActivity.precedes` in SQL: by day (undated last), all-day first, by time, by id.
    static let planOrder = "due IS NULL, due, due_time IS NOT NULL, due_time, id"

    // MARK: Plans (the flows are CloserStoreKit's Plans, the SQL PostgresBackend+Plans')

    public func planActivity(_ plan: PlannedActivity) throws -> PlannedActivity { try backend.planActivity(plan) }
    public func plannedActivity(_ id: Int64) throws -> PlannedActivity { try backend.readPlannedActivity(id) }

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

    public func updatePlannedActivity(_ plan: PlannedActivity) throws -> PlannedActivity { try backend.updatePlannedActivity(plan) }

    public func completePlannedActivity(_ id: Int64, _ completion: PlanCompletion, expectedVersion: Int?) throws -> CompletedPlan {
        try backend.completePlannedActivity(id, completion, expectedVersion: expectedVersion)
    }

    public func cancelPlannedActivity(_ id: Int64, expectedVersion: Int?) throws {
        try backend.cancelPlannedActivity(id, expectedVersion: expectedVersion)
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
