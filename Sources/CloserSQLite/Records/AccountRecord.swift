import CloserCore
import Foundation
import GRDB

extension Account {
    init(row: Row) {
        self.init(
            id: row["id"], name: row.text("name"), grade: Grade(rawValue: row.text("grade")) ?? .c,
            assistance: row["assistance"], loyalty: row["loyalty"],
            industry: row.text("industry"), region: row.text("region"), businessNature: row.text("business_nature"),
            scale: row.text("scale"), maturity: (row["maturity"] as String?).flatMap(BuyerMaturity.init(rawValue:)), owner: row["owner"], visibility: Visibility(rawValue: row.text("visibility")) ?? .owned,
            sharedWith: ColumnCoding.strings(from: row.text("shared_with")), tags: ColumnCoding.strings(from: row.text("tags")),
            notes: row.text("notes"), externalID: row["external_id"], version: row["version"],
            createdAt: ColumnCoding.date(row["created_at"]), updatedAt: ColumnCoding.date(row["updated_at"]))
    }

    static let columns = [
        "id", "name", "grade", "assistance", "loyalty", "quadrant", "industry", "region", "business_nature", "scale", "owner",
        "visibility", "shared_with", "tags", "notes", "external_id", "search_key", "version", "created_at", "updated_at", "updated_by",
        "maturity", "name_key",
    ]

    func columnValues(searchKey: String, updatedBy: String) -> [(any DatabaseValueConvertible)?] {
        [
            id, name, grade.rawValue, assistance, loyalty, quadrant.rawValue, industry, region, businessNature, scale, owner,
            visibility.rawValue, ColumnCoding.strings(sharedWith), ColumnCoding.strings(tags), notes, externalID, searchKey,
            version, ColumnCoding.time(createdAt), ColumnCoding.time(updatedAt), updatedBy, maturity?.rawValue, NameCollation.key(name),
        ]
    }

}

extension AccountSummary {
    /// Reads an account row with its rollup columns.
    init(row: Row) {
        self.init(account: Account(row: row), openDeals: row["open_deals"], pipeline: row["pipeline"], weighted: row["weighted"],
                  won: row["won"], lastActivity: ColumnCoding.day(row["last_activity"]), nextStepDue: ColumnCoding.day(row["next_due"]))
    }
}
