import CloserCore
import Foundation
import GRDB

extension Activity: ColumnWriting {
    init(row: Row) {
        self.init(
            id: row["id"], accountID: row["account_id"], dealID: row["deal_id"],
            kind: ActivityKind(rawValue: row.text("kind")) ?? .other, day: ColumnCoding.day(row["day"]) ?? Day(ordinal: 0),
            personIDs: ColumnCoding.ids(from: row.text("person_ids")), notes: row.text("notes"), outcome: row.text("outcome"),
            by: row.text("by"), createdAt: ColumnCoding.date(row["created_at"]))
    }

    static let columns = ["id", "account_id", "deal_id", "kind", "day", "person_ids", "notes", "outcome", "by", "created_at"]

    func writeColumns(to row: inout some ColumnSink) {
        row.int(id)
        row.int(accountID)
        row.int(dealID)
        row.text(kind.rawValue)
        row.text(day.description)
        row.text(ColumnCoding.ids(personIDs))
        row.text(notes)
        row.text(outcome)
        row.text(by)
        row.double(ColumnCoding.time(createdAt))
    }
}

extension ChangeEvent: ColumnWriting {
    init(row: Row) {
        self.init(
            id: row["id"], at: ColumnCoding.date(row["at"]), user: row.text("user"), entity: row.text("entity"),
            entityID: row["entity_id"], action: row.text("action"),
            changes: ColumnCoding.decode([String: FieldChange].self, from: row.text("changes")) ?? [:], note: row.text("note"),
            accountID: row["account_id"], version: row["version"])
    }

    static let columns = ["id", "at", "user", "entity", "entity_id", "action", "changes", "note", "account_id", "version"]

    func writeColumns(to row: inout some ColumnSink) {
        EncodedEvent(event: self, changes: Self.encoded(changes)).writeColumns(to: &row)
    }

    static func encoded(_ changes: [String: FieldChange]) -> String {
        changes.isEmpty ? "{}" : ColumnCoding.codable(changes)
    }
}

/// A log row whose changes are already JSON: a whole store's log repeats the same few changes
/// (a move from one stage to the next, a milestone met) thousands of times, and encoding each
/// with JSONEncoder cost seconds of a 100k-deal load.
struct EncodedEvent: ColumnWriting {
    var event: ChangeEvent
    var changes: String

    static var columns: [String] { ChangeEvent.columns }

    func writeColumns(to row: inout some ColumnSink) {
        row.int(event.id == 0 ? nil : event.id)
        row.double(ColumnCoding.time(event.at))
        row.text(event.user)
        row.text(event.entity)
        row.int(event.entityID)
        row.text(event.action)
        row.text(changes)
        row.text(event.note)
        row.int(event.accountID)
        row.int(event.version.map(Int64.init))
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
