import CloserCore
import CloserStoreKit
import Foundation
import GRDB

/// The file store's SQL for the shared activity read and delete (CloserStoreKit/Activities).
extension SQLiteBackend: ActivityBackend {
    func fetchActivity(_ db: Database, _ id: Int64) throws -> Activity { Activity(row: try SQLiteStore.fetchRow(db, "activity", id: id)) }

    func accountOfActivityToDelete(_ db: Database, _ id: Int64) throws -> Int64? {
        try Int64.fetchOne(db, sql: "SELECT account_id FROM activity WHERE id = ?", arguments: [id])
    }

    func plansDone(_ db: Database, byActivity id: Int64) throws -> [(planID: Int64, dealID: Int64?)] {
        try Row.fetchAll(db, sql: "SELECT id, deal_id FROM planned_activity WHERE activity_id = ?", arguments: [id]).map { ($0["id"], $0["deal_id"]) }
    }

    func deleteActivityRow(_ db: Database, _ id: Int64) throws {
        try db.execute(sql: "DELETE FROM activity WHERE id = ?", arguments: [id])
    }

    func reopenPlanRow(_ db: Database, _ planID: Int64) throws {
        try db.execute(sql: """
            UPDATE planned_activity SET done_on = NULL, activity_id = NULL, version = version + 1, updated_at = ?, updated_by = ?
            WHERE id = ?
            """, arguments: [ColumnCoding.time(clock()), actor, planID])
    }
}
