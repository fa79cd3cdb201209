import CloserCore
import CloserStoreKit
import Foundation
import GRDB

extension SQLiteStore {
    // MARK: Plans (the flows are CloserStoreKit's Plans, the SQL SQLiteBackend+Plans')

    public func planActivity(_ plan: PlannedActivity) throws -> PlannedActivity { try backend.planActivity(plan) }
    public func plannedActivity(_ id: Int64) throws -> PlannedActivity { try backend.readPlannedActivity(id) }

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

    public func updatePlannedActivity(_ plan: PlannedActivity) throws -> PlannedActivity { try backend.updatePlannedActivity(plan) }

    public func completePlannedActivity(_ id: Int64, _ completion: PlanCompletion, expectedVersion: Int?) throws -> CompletedPlan {
        try backend.completePlannedActivity(id, completion, expectedVersion: expectedVersion)
    }

    public func cancelPlannedActivity(_ id: Int64, expectedVersion: Int?) throws {
        try backend.cancelPlannedActivity(id, expectedVersion: expectedVersion)
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
