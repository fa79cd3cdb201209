import CloserCore
import CloserStoreKit
import Foundation
import GRDB

/// The file store's SQL for the shared ownership and pool flows (CloserStoreKit/Ownership).
extension SQLiteBackend: OwnershipBackend {
    func team(_ db: Database) -> SQLiteTeam { SQLiteTeam(db: db) }

    func fetchOwnership(_ db: Database, _ id: Int64) throws -> (Account, AccountOwnership) {
        try SQLiteStore.fetchOwnership(db, id)
    }

    func saveHolding(_ db: Database, _ holding: Holding, account id: Int64) throws {
        try db.execute(sql: """
            UPDATE account SET owner = ?, visibility = ?, shared_with = ?, protected = ?, owned_since = ?, returned_reason = ?,
                version = version + 1, updated_at = ?, updated_by = ? WHERE id = ?
            """, arguments: [holding.owner, holding.visibility.rawValue, ColumnCoding.strings(holding.sharedWith), holding.isProtected,
                             holding.ownedSince.map(ColumnCoding.time), holding.returnedReason, ColumnCoding.time(clock()), actor, id])
    }

    func poolRules(_ db: Database) throws -> PoolRules { try SQLiteStore.poolRules(db) }

    func savePoolRule(_ db: Database, key: String, value: Int) throws {
        try db.execute(sql: "INSERT OR REPLACE INTO pool_rule (key, value) VALUES (?, ?)", arguments: [key, value])
    }

    func heldCount(_ db: Database, of user: String) throws -> Int { try SQLiteStore.heldCount(db, user) }

    func heldAccounts(_ db: Database, owner: String?, visibleTo actor: Actor) throws -> [HeldAccount] {
        var filter = SQLFilter()
        filter.add("a.owner IS NOT NULL AND a.visibility NOT IN ('pool', 'protected') AND a.protected = 0")
        if let owner { filter.add("a.owner = ?", [owner]) }
        filter.restrict(to: actor)
        let sql = """
            SELECT a.*, (SELECT MAX(d.closed_on) FROM deal d WHERE d.account_id = a.id AND d.outcome = 'won') AS last_won
            FROM account a \(filter.whereClause) ORDER BY a.id
            """
        return try Row.fetchAll(db, sql: sql, arguments: filter.arguments).map { row in
            HeldAccount(account: Account(row: row), lastActivity: ColumnCoding.day(row["last_activity"]),
                        lastWon: ColumnCoding.day(row["last_won"]),
                        ownedSince: Day(ColumnCoding.date((row["owned_since"] as Double?) ?? row["created_at"])))
        }
    }
}
