import CloserCore
import CloserStoreKit
import Foundation

/// The server's SQL for the shared planned-activity flows (CloserStoreKit/Plans).
extension PostgresBackend: PlanBackend {
    func fetchPlan(_ connection: Connection, _ id: Int64) throws -> PlannedActivity {
        try PlannedActivity(pg: try PostgresStore.fetchRow(connection, "planned_activity", id: id))
    }

    func currentPlan(_ connection: Connection, _ id: Int64, expected: Int?) throws -> PlannedActivity {
        try PlannedActivity(pg: try store.currentRow(connection, table: "planned_activity", id: id, expected: expected))
    }

    func firstOpenPlan(_ connection: Connection, dealID: Int64) throws -> PlannedActivity? {
        try connection.queryOne("""
            SELECT * FROM planned_activity WHERE deal_id = ? AND done_on IS NULL ORDER BY \(PostgresStore.planOrder) LIMIT 1
            """, [.int(dealID)]).map(PlannedActivity.init(pg:))
    }

    func insertPlanRow(_ connection: Connection, _ plan: PlannedActivity) throws -> Int64 {
        try PostgresStore.insert(connection, into: "planned_activity", columns: PlannedActivity.pgColumns, values: plan.pgValues(updatedBy: actor))
    }

    func updatePlanRow(_ connection: Connection, _ plan: PlannedActivity, at version: Int) throws -> Bool {
        var values = plan.pgValues(updatedBy: actor)
        values.removeFirst()
        return try connection.execute(StatementText.update("planned_activity", columns: PlannedActivity.pgColumns),
                                      values + [.int(plan.id), .int(version)]) == 1
    }

    func deletePlanRow(_ connection: Connection, _ id: Int64) throws {
        try connection.execute("DELETE FROM planned_activity WHERE id = ?", [.int(id)])
    }

    func insertActivity(_ connection: Connection, _ activity: inout Activity) throws { try store.insertActivity(connection, &activity) }
}
