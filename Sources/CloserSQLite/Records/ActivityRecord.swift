import CloserCore
import Foundation
import GRDB

extension Activity {
    init(row: Row) {
        self.init(
            id: row["id"], accountID: row["account_id"], dealID: row["deal_id"],
            kind: ActivityKind(rawValue: row.text("kind")) ?? .other, day: ColumnCoding.day(row["day"]) ?? Day(ordinal: 0),
            personIDs: ColumnCoding.ids(from: row.text("person_ids")), notes: row.text("notes"), outcome: row.text("outcome"),
            by: row.text("by"), createdAt: ColumnCoding.date(row["created_at"]))
    }

    static let columns = ["id", "account_id", "deal_id", "kind", "day", "person_ids", "notes", "outcome", "by", "created_at"]

    var columnValues: [(any DatabaseValueConvertible)?] {
        [id, accountID, dealID, kind.rawValue, day.description, ColumnCoding.ids(personIDs), notes, outcome, by,
         ColumnCoding.time(createdAt)]
    }
}

extension ChangeEvent {
    init(row: Row) {
        self.init(
            id: row["id"], at: ColumnCoding.date(row["at"]), user: row.text("user"), entity: row.text("entity"),
            entityID: row["entity_id"], action: row.text("action"),
            changes: ColumnCoding.decode([String: FieldChange].self, from: row.text("changes")) ?? [:], note: row.text("note"),
            accountID: row["account_id"], version: row["version"])
    }

    static let columns = ["id", "at", "user", "entity", "entity_id", "action", "changes", "note", "account_id", "version"]

    var columnValues: [(any DatabaseValueConvertible)?] {
        [id == 0 ? nil : id, ColumnCoding.time(at), user, entity, entityID, action,
         changes.isEmpty ? "{}" : ColumnCoding.codable(changes), note, accountID, version]
    }
}

/// "INSERT INTO t (a, b) VALUES (?, ?)" for a column list, with `id` left to SQLite when it is 0.
enum SQLText {
    static func insert(into table: String, columns: [String]) -> String {
        "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES (\(Array(repeating: "?", count: columns.count).joined(separator: ", ")))"
    }

    static func update(_ table: String, columns: [String]) -> String {
        let assignments = columns.filter { $0 != "id" }.map { "\($0) = ?" }.joined(separator: ", ")
        return "UPDATE \(table) SET \(assignments) WHERE id = ? AND version = ?"
    }
}
