import CloserCore
import Foundation
import GRDB

extension SQLiteStore {
    public func savedFilters() throws -> [SavedFilter] {
        try readAsActor { db, who in
            let mine = Self.filterVisibility(who)
            return try Row.fetchAll(db, sql: "SELECT name, query, owner FROM saved_filter \(mine.whereClause) ORDER BY name",
                                    arguments: mine.arguments).map(Self.savedFilter(row:))
        }
    }

    public func savedFilter(named name: String) throws -> SavedFilter {
        let name = name.trimmingCharacters(in: .whitespaces)
        return try readAsActor { db, who in
            var filter = Self.filterVisibility(who)
            filter.add("name = ?", [name])
            guard let row = try Row.fetchOne(db, sql: "SELECT name, query, owner FROM saved_filter \(filter.whereClause)",
                                             arguments: filter.arguments) else {
                throw Self.noSavedFilter(name)
            }
            return Self.savedFilter(row: row)
        }
    }

    /// A rep reads their own filters and the managers' (the team's); another rep's query may
    /// name customers only they may see.
    private static func filterVisibility(_ who: Actor) -> SQLFilter {
        var filter = SQLFilter()
        if let viewer = who.viewer, who.isRestricted {
            filter.add("(owner = ? OR owner IN (SELECT name FROM user WHERE role = 'manager'))", [viewer.name])
        }
        return filter
    }

    public func saveFilter(_ filter: SavedFilter) throws {
        let user = actor
        let (name, query) = try filter.checked()
        try write { db in
            _ = try knownActor(db)
            let old = try Row.fetchOne(db, sql: "SELECT query, owner FROM saved_filter WHERE name = ?", arguments: [name])
            let owner: String = old?["owner"] ?? user
            if old != nil { try Self.checkMayChange(db, filter: name, owner: owner, user: user) }
            try db.execute(sql: "INSERT OR REPLACE INTO saved_filter (name, query, owner, updated_at) VALUES (?, ?, ?, ?)",
                           arguments: [name, query, owner, clock().timeIntervalSince1970])
            let oldQuery: String? = old?["query"]
            try log(db, event("saved_filter", 0, old == nil ? "created" : "updated",
                              ["query": FieldChange(old: oldQuery, new: query)], note: name, account: nil))
        }
    }

    public func deleteFilter(named name: String) throws {
        let name = name.trimmingCharacters(in: .whitespaces)
        let user = actor
        try write { db in
            _ = try knownActor(db)
            guard let row = try Row.fetchOne(db, sql: "SELECT query, owner FROM saved_filter WHERE name = ?", arguments: [name]) else {
                throw Self.noSavedFilter(name)
            }
            try Self.checkMayChange(db, filter: name, owner: row["owner"], user: user)
            try db.execute(sql: "DELETE FROM saved_filter WHERE name = ?", arguments: [name])
            let query: String = row["query"]
            try log(db, event("saved_filter", 0, "deleted", ["query": FieldChange(old: query, new: nil)], note: name, account: nil))
        }
    }

    private static func savedFilter(row: Row) -> SavedFilter {
        SavedFilter(name: row["name"], query: row["query"], owner: row["owner"])
    }

    private static func noSavedFilter(_ name: String) -> StoreError { SavedFilter.missing(name) }

    /// A filter is its owner's to change, or a manager's.
    private static func checkMayChange(_ db: Database, filter: String, owner: String, user: String) throws {
        guard owner != user else { return }
        let role = try String.fetchOne(db, sql: "SELECT role FROM user WHERE name = ?", arguments: [user])
        guard role == UserRole.manager.rawValue else {
            throw StoreError.refused(.filterNotYours(filter: filter, owner: owner))
        }
    }
}
