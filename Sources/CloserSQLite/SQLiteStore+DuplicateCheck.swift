import CloserCore
import Foundation
import GRDB

extension SQLiteStore {
    public func hiddenAccounts(_ query: HiddenAccountQuery) throws -> HiddenAccounts {
        try readAsActor { db, who in try Self.hiddenAccounts(db, query, who: who) }
    }

    /// The holders of the accounts `query` finds that `who` may not see: only the owner's name
    /// (and display name) leaves the store. A manager, and anyone in a store without users, sees
    /// every account: nothing is hidden from them.
    static func hiddenAccounts(_ db: Database, _ query: HiddenAccountQuery, who: Actor) throws -> HiddenAccounts {
        guard let viewer = who.viewer, who.isRestricted else { return HiddenAccounts(query: query, holders: []) }
        var filter = SQLFilter()
        switch query {
        case .name(let name):
            let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !trimmed.isEmpty else { return HiddenAccounts(query: query, holders: []) }
            filter.add("lower(a.name) = lower(?)", [trimmed])
        case .search(let text):
            let pattern = SearchText.pattern(for: text.trimmingCharacters(in: .whitespacesAndNewlines))
            guard !pattern.isEmpty else { return HiddenAccounts(query: query, holders: []) }
            filter.add("a.search_key LIKE ? ESCAPE '\\'", ["%" + pattern + "%"])
        }
        filter.add("NOT " + VisibilitySQL.visibleToRep("a"), VisibilitySQL.arguments(for: viewer.name))
        let rows = try Row.fetchAll(db, sql: """
            SELECT DISTINCT a.owner, u.display_name FROM account a LEFT JOIN user u ON u.name = a.owner
            \(filter.whereClause) ORDER BY a.owner LIMIT 20
            """, arguments: filter.arguments)
        let holders = rows.compactMap { row -> String? in
            guard let owner = row["owner"] as String? else { return nil }
            let display = row["display_name"] as String? ?? ""
            return display.isEmpty || display == owner ? owner : "\(display) (\(owner))"
        }
        return HiddenAccounts(query: query, holders: holders)
    }
}
