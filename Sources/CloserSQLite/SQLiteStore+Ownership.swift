import CloserCore
import CloserStoreKit
import Foundation
import GRDB

/// Ownership, the public pool and visibility (DOMAIN §5).
///
/// Roles come from the `user` table. A name it does not know is refused everything; a store with
/// no users at all (a one-person CRM) has no roles, so nobody is restricted there — except by
/// protection, which always leaves an account to its owner (and managers, once there are any).
extension SQLiteStore {
    /// Legacy rows with visibility `protected` count as protected whatever the flag says.
    static let protectedSQL = "(protected = 1 OR visibility = 'protected')"

    // MARK: Reads

    public func ownership(of id: Int64) throws -> AccountOwnership { try backend.readOwnership(of: id) }
    public func heldCount(of user: String) throws -> Int { try backend.readHeldCount(of: user) }

    static func heldCount(_ db: Database, _ user: String) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM account WHERE owner = ? AND visibility != 'pool'", arguments: [user]) ?? 0
    }

    static func fetchOwnership(_ db: Database, _ id: Int64) throws -> (Account, AccountOwnership) {
        let row = try Self.fetchRow(db, "account", id: id)
        let account = Account(row: row)
        let isProtected = (row["protected"] as Int? ?? 0) != 0 || account.visibility == .protected
        let ownedSince = (row["owned_since"] as Double?).map(ColumnCoding.date)
        let ownership = AccountOwnership(
            accountID: id, owner: account.owner, visibility: account.visibility, sharedWith: account.sharedWith,
            isProtected: isProtected, ownedSince: ownedSince, returnedReason: row["returned_reason"])
        return (account, ownership)
    }

    // MARK: Checks shared with account edits and deletes

    /// The checks of `deleteAccount`: the actor may change it, and once the store has users only
    /// the owner or a manager deletes.
    func checkAccountDelete(_ db: Database, id: Int64) throws {
        let ownership = try requireAccess(db, account: id, .write)
        if try knownActor(db).isRestricted, ownership.owner != actor {
            throw StoreError.refused(.deleteOwnerOnly(account: id, owner: ownership.owner))
        }
    }

    // MARK: Actions (the flows are CloserStoreKit's, the rules CloserCore's OwnershipAction)

    public func assign(_ id: Int64, to rep: String) throws -> Account { try backend.perform(.assign(to: rep), on: id) }
    public func share(_ id: Int64, with reps: [String]) throws -> Account { try backend.perform(.share(with: reps), on: id) }
    public func unshare(_ id: Int64, from reps: [String]) throws -> Account { try backend.perform(.unshare(from: reps), on: id) }
    public func makeExclusive(_ id: Int64) throws -> Account { try backend.perform(.makeExclusive, on: id) }
    public func makeOwned(_ id: Int64) throws -> Account { try backend.perform(.makeOwned, on: id) }
    public func returnToPool(_ id: Int64, reason: String) throws -> Account { try backend.perform(.returnToPool(reason: reason), on: id) }
    public func claim(_ id: Int64) throws -> Account { try backend.perform(.claim, on: id) }
    public func protect(_ id: Int64) throws -> Account { try backend.perform(.protect, on: id) }
    public func unprotect(_ id: Int64) throws -> Account { try backend.perform(.unprotect, on: id) }

    // MARK: Pool rules

    public func poolRules() throws -> PoolRules { try backend.readPoolRules() }
    public func savePoolRules(_ rules: PoolRules) throws { try backend.replacePoolRules(rules) }
    public func poolDue(today: Day) throws -> [PoolDue] { try backend.readPoolDue(today: today) }
    public func sweepPool(today: Day) throws -> PoolSweepReport { try backend.sweep(today: today) }
    public func poolWarnings(for user: String?, today: Day) throws -> [PoolWarning] { try backend.readPoolWarnings(for: user, today: today) }

    static func poolRules(_ db: Database) throws -> PoolRules {
        var rules = PoolRules.defaults
        let stored = try Row.fetchAll(db, sql: "SELECT key, value FROM pool_rule")
        for row in stored {
            let key: String = row["key"]
            if let entry = PoolRules.storedKeys.first(where: { $0.key == key }) { rules[keyPath: entry.path] = row["value"] }
        }
        return rules
    }
}
