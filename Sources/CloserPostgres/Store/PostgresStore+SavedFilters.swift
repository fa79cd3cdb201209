import CloserCore
import Foundation

extension PostgresStore {
    public func savedFilters() throws -> [SavedFilter] {
        try readAsActor { connection, who in
            let mine = Self.filterVisibility(who)
            return try connection.query("SELECT name, query, owner FROM saved_filter \(mine.whereClause) ORDER BY name", mine.values)
                .map(Self.savedFilter(row:))
        }
    }

    public func savedFilter(named name: String) throws -> SavedFilter {
        let name = name.trimmingCharacters(in: .whitespaces)
        return try readAsActor { connection, who in
            var filter = Self.filterVisibility(who)
            filter.add("name = ?", [.text(name)])
            guard let row = try connection.queryOne("SELECT name, query, owner FROM saved_filter \(filter.whereClause)", filter.values) else {
                throw SavedFilter.missing(name)
            }
            return try Self.savedFilter(row: row)
        }
    }

    /// A rep reads their own filters and the managers' (the team's); another rep's query may
    /// name customers only they may see.
    private static func filterVisibility(_ who: Actor) -> SQLConditions {
        var filter = SQLConditions()
        if let viewer = who.viewer, who.isRestricted {
            filter.add(#"(owner = ? OR owner IN (SELECT name FROM "user" WHERE role = 'manager'))"#, [.text(viewer.name)])
        }
        return filter
    }

    public func saveFilter(_ filter: SavedFilter) throws {
        let user = actor
        let (name, query) = try filter.checked()
        try write { connection in
            _ = try knownActor(connection)
            let old = try connection.queryOne("SELECT query, owner FROM saved_filter WHERE name = ? FOR UPDATE", [.text(name)])
            let owner = try old?.string("owner") ?? user
            if old != nil { try Self.checkMayChange(connection, filter: name, owner: owner, user: user) }
            try connection.execute("""
                INSERT INTO saved_filter (name, query, owner, updated_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (name) DO UPDATE SET query = excluded.query, owner = excluded.owner, updated_at = excluded.updated_at
                """, [.text(name), .text(query), .text(owner), .time(clock())])
            try log(connection, event("saved_filter", 0, old == nil ? "created" : "updated",
                                      ["query": FieldChange(old: try old?.string("query"), new: query)], note: name, account: nil))
        }
    }

    public func deleteFilter(named name: String) throws {
        let name = name.trimmingCharacters(in: .whitespaces)
        let user = actor
        try write { connection in
            _ = try knownActor(connection)
            guard let row = try connection.queryOne("SELECT query, owner FROM saved_filter WHERE name = ? FOR UPDATE", [.text(name)]) else {
                throw SavedFilter.missing(name)
            }
            try Self.checkMayChange(connection, filter: name, owner: try row.string("owner"), user: user)
            try connection.execute("DELETE FROM saved_filter WHERE name = ?", [.text(name)])
            try log(connection, event("saved_filter", 0, "deleted", ["query": FieldChange(old: try row.string("query"), new: nil)],
                                      note: name, account: nil))
        }
    }

    private static func savedFilter(row: SQLRow) throws -> SavedFilter {
        SavedFilter(name: try row.string("name"), query: try row.string("query"), owner: try row.string("owner"))
    }

    /// A filter is its owner's to change, or a manager's.
    private static func checkMayChange(_ connection: Connection, filter: String, owner: String, user: String) throws {
        guard owner != user else { return }
        guard try PostgresTeam(connection: connection).role(of: user) == .manager else {
            throw StoreError.refused(.filterNotYours(filter: filter, owner: owner))
        }
    }
}
