import CloserCore
import Foundation
import GRDB

extension SQLiteStore: SavedFilterStore {
    public func savedFilters() throws -> [SavedFilter] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT name, query, owner FROM saved_filter ORDER BY name").map(Self.savedFilter(row:))
        }
    }

    public func savedFilter(named name: String) throws -> SavedFilter {
        let name = name.trimmingCharacters(in: .whitespaces)
        return try read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT name, query, owner FROM saved_filter WHERE name = ?", arguments: [name]) else {
                throw Self.noSavedFilter(name)
            }
            return Self.savedFilter(row: row)
        }
    }

    public func saveFilter(_ filter: SavedFilter, by user: String) throws {
        let name = filter.name.trimmingCharacters(in: .whitespaces)
        let query = filter.query.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty else { throw StoreError.invalid("a saved filter needs a name") }
        guard name.count <= 80, !name.contains(where: { $0.unicodeScalars.contains { $0.properties.generalCategory == .control } }) else {
            throw StoreError.invalid("a filter name is up to 80 characters, without control characters")
        }
        guard !query.isEmpty else { throw StoreError.invalid("filter '\(name)' needs a query, e.g. \"grade:A,B pipeline>500k\"") }
        do {
            _ = try AccountQueryLanguage.parse(query)
        } catch {
            throw StoreError.invalid("filter '\(name)' not saved: the query is wrong \(error)")
        }
        try write { db in
            let old = try Row.fetchOne(db, sql: "SELECT query, owner FROM saved_filter WHERE name = ?", arguments: [name])
            let owner: String = old?["owner"] ?? user
            if old != nil { try Self.checkMayChange(db, filter: name, owner: owner, user: user) }
            try db.execute(sql: "INSERT OR REPLACE INTO saved_filter (name, query, owner, updated_at) VALUES (?, ?, ?, ?)",
                           arguments: [name, query, owner, clock().timeIntervalSince1970])
            let oldQuery: String? = old?["query"]
            try log(db, event(user, "saved_filter", 0, old == nil ? "created" : "updated",
                              ["query": FieldChange(old: oldQuery, new: query)], note: name))
        }
    }

    public func deleteFilter(named name: String, by user: String) throws {
        let name = name.trimmingCharacters(in: .whitespaces)
        try write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT query, owner FROM saved_filter WHERE name = ?", arguments: [name]) else {
                throw Self.noSavedFilter(name)
            }
            try Self.checkMayChange(db, filter: name, owner: row["owner"], user: user)
            try db.execute(sql: "DELETE FROM saved_filter WHERE name = ?", arguments: [name])
            let query: String = row["query"]
            try log(db, event(user, "saved_filter", 0, "deleted", ["query": FieldChange(old: query, new: nil)], note: name))
        }
    }

    private static func savedFilter(row: Row) -> SavedFilter {
        SavedFilter(name: row["name"], query: row["query"], owner: row["owner"])
    }

    private static func noSavedFilter(_ name: String) -> StoreError {
        .invalid("no saved filter named '\(name)'; `closer filter list` shows them")
    }

    /// A filter is its owner's to change, or a manager's.
    private static func checkMayChange(_ db: Database, filter: String, owner: String, user: String) throws {
        guard owner != user else { return }
        let role = try String.fetchOne(db, sql: "SELECT role FROM user WHERE name = ?", arguments: [user])
        guard role == UserRole.manager.rawValue else {
            throw StoreError.refused("filter '\(filter)' belongs to \(owner): only they or a manager may change or delete it (nothing was changed)")
        }
    }
}
