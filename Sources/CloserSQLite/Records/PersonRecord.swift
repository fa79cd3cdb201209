import CloserCore
import Foundation
import GRDB

extension Person {
    init(row: Row) {
        self.init(
            id: row["id"], accountID: row["account_id"], name: row.text("name"), title: row.text("title"),
            level: PersonLevel(rawValue: row.text("level")) ?? .operator_,
            function: PersonFunction(rawValue: row.text("function")) ?? .using,
            roles: Set(row.text("roles").split(separator: ",").compactMap { PersonRole(rawValue: String($0)) }),
            stance: Stance(rawValue: row.text("stance")) ?? .neutral, influence: row["influence"],
            isInsideCoach: row["inside_coach"], reportsTo: row["reports_to"], cares: row.text("cares"), notes: row.text("notes"),
            phone: row.text("phone"), email: row.text("email"), lastMet: ColumnCoding.day(row["last_met"]),
            externalID: row["external_id"], version: row["version"],
            createdAt: ColumnCoding.date(row["created_at"]), updatedAt: ColumnCoding.date(row["updated_at"]))
    }

    static let columns = [
        "id", "account_id", "name", "title", "level", "function", "roles", "stance", "influence", "inside_coach", "reports_to",
        "cares", "notes", "phone", "email", "last_met", "external_id", "search_key", "version", "created_at", "updated_at", "updated_by",
        "name_key",
    ]

    func columnValues(searchKey: String, updatedBy: String) -> [(any DatabaseValueConvertible)?] {
        [
            id, accountID, name, title, level.rawValue, function.rawValue, roles.sorted().map(\.rawValue).joined(separator: ","),
            stance.rawValue, influence, isInsideCoach, reportsTo, cares, notes, phone, email, lastMet?.description, externalID,
            searchKey, version, ColumnCoding.time(createdAt), ColumnCoding.time(updatedAt), updatedBy, NameCollation.key(name),
        ]
    }

}
