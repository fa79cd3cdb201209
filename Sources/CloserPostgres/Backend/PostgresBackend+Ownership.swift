import CloserCore
import CloserStoreKit
import Foundation

/// The server's SQL for the shared ownership and pool flows (CloserStoreKit/Ownership).
extension PostgresBackend: OwnershipBackend {
    func team(_ connection: Connection) -> PostgresTeam { PostgresTeam(connection: connection) }

    func fetchOwnership(_ connection: Connection, _ id: Int64) throws -> (Account, AccountOwnership) {
        try PostgresStore.fetchOwnership(connection, id)
    }

    func saveHolding(_ connection: Connection, _ holding: Holding, account id: Int64) throws {
        try connection.execute("""
            UPDATE account SET owner = ?, visibility = ?, shared_with = ?, protected = ?, owned_since = ?, returned_reason = ?,
                version = version + 1, updated_at = ?, updated_by = ? WHERE id = ?
            """, [.optional(holding.owner), .text(holding.visibility.rawValue), .text(ColumnCoding.strings(holding.sharedWith)),
                  .bool(holding.isProtected), .optional(holding.ownedSince), .optional(holding.returnedReason), .time(clock()),
                  .text(actor), .int(id)])
    }

    func poolRules(_ connection: Connection) throws -> PoolRules { try PostgresStore.poolRules(connection) }

    func savePoolRule(_ connection: Connection, key: String, value: Int) throws {
        try connection.execute("INSERT INTO pool_rule (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                               [.text(key), .int(value)])
    }

    func heldCount(_ connection: Connection, of user: String) throws -> Int { try PostgresStore.heldCount(connection, user) }

    func heldAccounts(_ connection: Connection, owner: String?, visibleTo actor: Actor) throws -> [HeldAccount] {
        var filter = SQLConditions()
        filter.add("a.owner IS NOT NULL AND a.visibility NOT IN ('pool', 'protected') AND NOT a.protected")
        if let owner { filter.add("a.owner = ?", [.text(owner)]) }
        filter.restrict(to: actor)
        return try connection.query("""
            SELECT a.*, (SELECT max(d.closed_on) FROM deal d WHERE d.account_id = a.id AND d.outcome = 'won') AS last_won
            FROM account a \(filter.whereClause) ORDER BY a.id
            """, filter.values).map { row in
            HeldAccount(account: try Account(pg: row), lastActivity: try row.day("last_activity"), lastWon: try row.day("last_won"),
                        ownedSince: Day(Date(timeIntervalSince1970: try row.optionalDouble("owned_since") ?? row.double("created_at"))))
        }
    }
}
