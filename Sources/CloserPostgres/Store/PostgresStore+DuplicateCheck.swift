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
        var name: SQLValue = .null, pattern: SQLValue = .null
        switch query {
        case .name(let text):
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !trimmed.isEmpty else { return HiddenAccounts(query: query, holders: []) }
            name = .text(trimmed)
        case .search(let text):
            let folded = SearchText.pattern(for: text.trimmingCharacters(in: .whitespacesAndNewlines))
            guard !folded.isEmpty else { return HiddenAccounts(query: query, holders: []) }
            pattern = .text("%" + folded + "%")
        }
        // Past row-level security: a rep's own connection cannot read the accounts it asks about.
        let rows = try connection.query("SELECT owner, display_name FROM closer_hidden_holders(?, ?, ?)", [.text(viewer.name), name, pattern])
        let holders = try rows.compactMap { row -> String? in
            guard let owner = try row.optionalText("owner") else { return nil }
            let display = try row.optionalText("display_name") ?? ""
            return display.isEmpty || display == owner ? owner : "\(display) (\(owner))"
        }
        return HiddenAccounts(query: query, holders: holders)
    }
}
