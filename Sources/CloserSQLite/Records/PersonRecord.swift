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
        PersonColumns(person: self, searchKey: searchKey, updatedBy: updatedBy).columnValues
    }
}

/// A person's row: the person with what the store keeps beside it. Its columns are said once,
/// for one row's arguments and for a whole store's persons bound straight into one INSERT.
struct PersonColumns: ColumnWriting {
    var person: Person
    var searchKey: String
    var updatedBy: String

    static var columns: [String] { Person.columns }

    func writeColumns(to row: inout some ColumnSink) {
        row.int(person.id)
        row.int(person.accountID)
        row.text(person.name)
        row.text(person.title)
        row.text(person.level.rawValue)
        row.text(person.function.rawValue)
        row.text(person.roles.sorted().map(\.rawValue).joined(separator: ","))
        row.text(person.stance.rawValue)
        row.int(Int64(person.influence))
        row.int(person.isInsideCoach ? 1 : 0)
        row.int(person.reportsTo)
        row.text(person.cares)
        row.text(person.notes)
        row.text(person.phone)
        row.text(person.email)
        row.text(person.lastMet?.description)
        row.text(person.externalID)
        row.text(searchKey)
        row.int(Int64(person.version))
        row.double(ColumnCoding.time(person.createdAt))
        row.double(ColumnCoding.time(person.updatedAt))
        row.text(updatedBy)
        row.text(NameCollation.key(person.name))
    }
}
