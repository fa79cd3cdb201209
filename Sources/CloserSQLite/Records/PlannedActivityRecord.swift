import CloserCore
import Foundation
import GRDB

extension PlannedActivity {
    init(row: Row) {
        self.init(
            id: row["id"], dealID: row["deal_id"], accountID: row["account_id"],
            kind: ActivityKind(rawValue: row.text("kind")) ?? .other, text: row.text("text"), due: ColumnCoding.day(row["due"]),
            time: (row["due_time"] as String?).flatMap(TimeOfDay.init), owner: row.text("owner"), doneOn: ColumnCoding.day(row["done_on"]),
            activityID: row["activity_id"], version: row["version"],
            createdAt: ColumnCoding.date(row["created_at"]), updatedAt: ColumnCoding.date(row["updated_at"]))
    }

    static let columns = [
        "id", "deal_id", "account_id", "kind", "text", "due", "due_time", "owner", "done_on", "activity_id", "version",
        "created_at", "updated_at", "updated_by",
    ]

    func columnValues(updatedBy: String) -> [(any DatabaseValueConvertible)?] {
        [id == 0 ? nil : id, dealID, accountID, kind.rawValue, text, due?.description, time?.description, owner, doneOn?.description,
         activityID, version, ColumnCoding.time(createdAt), ColumnCoding.time(updatedAt), updatedBy]
    }
}
