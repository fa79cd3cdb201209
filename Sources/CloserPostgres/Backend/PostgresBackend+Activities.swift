import CloserCore
import CloserStoreKit
import Foundation

/// The server's SQL for the shared activity read and delete (CloserStoreKit/Activities).
extension PostgresBackend: ActivityBackend {
    func fetchActivity(_ connection: Connection, _ id: Int64) throws -> Activity {
        try Activity(pg: try PostgresStore.fetchRow(connection, "activity", id: id))
    }

    func accountOfActivityToDelete(_ connection: Connection, _ id: Int64) throws -> Int64? {
        try connection.queryOne("SELECT account_id FROM activity WHERE id = ? FOR UPDATE", [.int(id)])?.int64("account_id")
    }

    func plansDone(_ connection: Connection, byActivity id: Int64) throws -> [(planID: Int64, dealID: Int64?)] {
        try connection.query("SELECT id, deal_id FROM planned_activity WHERE activity_id = ?", [.int(id)]).map {
            (try $0.int64("id"), try $0.optionalInt64("deal_id"))
        }
    }

    func deleteActivityRow(_ connection: Connection, _ id: Int64) throws {
        try connection.execute("DELETE FROM activity WHERE id = ?", [.int(id)])
    }

    func reopenPlanRow(_ connection: Connection, _ planID: Int64) throws {
        try connection.execute("""
            UPDATE planned_activity SET done_on = NULL, activity_id = NULL, version = version + 1, updated_at = ?, updated_by = ?
            WHERE id = ?
            """, [.time(clock()), .text(actor), .int(planID)])
    }
}
