import CloserCore
import Foundation

extension PostgresStore {
    public func hiddenAccounts(_ query: HiddenAccountQuery) throws -> HiddenAccounts {
        try readAsActor { connection, who in try Self.hiddenAccounts(connection, query, who: who) }
    }

    /// The holders of the accounts `query` finds that `who` may not see: only the owner's name
    /// (and display name) leaves the store. A manager, and anyone in a store without users, sees
    /// every account: nothing is hidden from them.
    static func hiddenAccounts(_ connection: Connection, _ query: HiddenAccountQuery, who: Actor) throws -> HiddenAccounts {
        guard let viewer = who.viewer, who.isRestricted else { return HiddenAccounts(query: query, holders: []) }
        var filter = SQLConditions()
        switch query {
        case .name(let name):
            let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !trimmed.isEmpty else { return HiddenAccounts(query: query, holders: []) }
            // Folded as the file store folds (ASCII letters only), whatever the database's locale.
            filter.add(#"lower(a.name) = lower(? COLLATE "C")"#, [.text(trimmed)])
        case .search(let text):
            let pattern = SearchText.pattern(for: text.trimmingCharacters(in: .whitespacesAndNewlines))
            guard !pattern.isEmpty else { return HiddenAccounts(query: query, holders: []) }
            filter.add("a.search_key LIKE ? ESCAPE '\\'", [.text("%" + pattern + "%")])
        }
        filter.add("NOT " + VisibilitySQL.visibleToRep("a"), VisibilitySQL.values(for: viewer.name))
        let rows = try connection.query(#"""
            SELECT DISTINCT a.owner, u.display_name FROM account a LEFT JOIN "user" u ON u.name = a.owner
            \#(filter.whereClause) ORDER BY a.owner LIMIT 20
            """#, filter.values)
        let holders = try rows.compactMap { row -> String? in
            guard let owner = try row.optionalText("owner") else { return nil }
            let display = try row.optionalText("display_name") ?? ""
            return display.isEmpty || display == owner ? owner : "\(display) (\(owner))"
        }
        return HiddenAccounts(query: query, holders: holders)
    }
}
