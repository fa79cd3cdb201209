import CloserCore
import CloserStoreKit
import Foundation
import GRDB

/// The file store's SQL for the shared planned-activity flows (CloserStoreKit/Plans).
extension SQLiteBackend: PlanBackend {
    func fetchPlan(_ db: Database, _ id: Int64) throws -> PlannedActivity {
        PlannedActivity(row: try SQLiteStore.fetchRow(db, "planned_activity", id: id))
    }

    func currentPlan(_ db: Database, _ id: Int64, expected: Int?) throws -> PlannedActivity {
        PlannedActivity(row: try store.currentRow(db, table: "planned_activity", id: id, expected: expected))
    }

    func firstOpenPlan(_ db: Database, dealID: Int64) throws -> PlannedActivity? {
        try Row.fetchOne(db, sql: """
            SELECT * FROM planned_activity WHERE deal_id = ? AND done_on IS NULL ORDER BY \(PlanSchema.order) LIMIT 1
            """, arguments: [dealID]).map(PlannedActivity.init(row:))
    }

    func insertPlanRow(_ db: Database, _ plan: PlannedActivity) throws -> Int64 {
        try db.execute(sql: SQLText.insert(into: "planned_activity", columns: PlannedActivity.columns),
                       arguments: StatementArguments(plan.columnValues(updatedBy: actor)))
        return db.lastInsertedRowID
    }

    func updatePlanRow(_ db: Database, _ plan: PlannedActivity, at version: Int) throws -> Bool {
        var values = plan.columnValues(updatedBy: actor)
        values.removeFirst()
        try db.execute(sql: SQLText.update("planned_activity", columns: PlannedActivity.columns),
                       arguments: StatementArguments(values + [plan.id, version]))
        return db.changesCount == 1
    }

    func deletePlanRow(_ db: Database, _ id: Int64) throws {
        try db.execute(sql: "DELETE FROM planned_activity WHERE id = ?", arguments: [id])
    }

    func insertActivity(_ db: Database, _ activity: inout Activity) throws { try store.insertActivity(db, &activity) }
}
