import CloserCore
import CloserStoreKit
import Foundation

/// Ownership, the public pool and visibility (DOMAIN §5): the flows are CloserStoreKit's, the
/// rules CloserCore's OwnershipAction and TeamLookup, as in the file store; the SQL is
/// PostgresBackend+Ownership's.
extension PostgresStore {
    public func ownership(of id: Int64) throws -> AccountOwnership { try backend.readOwnership(of: id) }
    public func heldCount(of user: String) throws -> Int { try backend.readHeldCount(of: user) }

    static func heldCount(_ connection: Connection, _ user: String) throws -> Int {
        try connection.queryOne("SELECT count(*) AS n FROM account WHERE owner = ? AND visibility <> 'pool'", [.text(user)])?.int("n") ?? 0
    }

    // MARK: Actions

    public func assign(_ id: Int64, to rep: String) throws -> Account { try backend.perform(.assign(to: rep), on: id) }
    public func share(_ id: Int64, with reps: [String]) throws -> Account { try backend.perform(.share(with: reps), on: id) }
    public func unshare(_ id: Int64, from reps: [String]) throws -> Account { try backend.perform(.unshare(from: reps), on: id) }
    public func makeExclusive(_ id: Int64) throws -> Account { try backend.perform(.makeExclusive, on: id) }
    public func makeOwned(_ id: Int64) throws -> Account { try backend.perform(.makeOwned, on: id) }
    public func returnToPool(_ id: Int64, reason: String) throws -> Account { try backend.perform(.returnToPool(reason: reason), on: id) }
    public func claim(_ id: Int64) throws -> Account { try backend.perform(.claim, on: id) }
    public func protect(_ id: Int64) throws -> Account { try backend.perform(.protect, on: id) }
    public func unprotect(_ id: Int64) throws -> Account { try backend.perform(.unprotect, on: id) }

    // MARK: The pool

    public func poolRules() throws -> PoolRules { try backend.readPoolRules() }
    public func savePoolRules(_ rules: PoolRules) throws { try backend.replacePoolRules(rules) }
    public func poolDue(today: Day) throws -> [PoolDue] { try backend.readPoolDue(today: today) }
    public func sweepPool(today: Day) throws -> PoolSweepReport { try backend.sweep(today: today) }
    public func poolWarnings(for user: String?, today: Day) throws -> [PoolWarning] { try backend.readPoolWarnings(for: user, today: today) }

    static func poolRules(_ connection: Connection) throws -> PoolRules {
        var rules = PoolRules.defaults
        for row in try connection.query("SELECT key, value FROM pool_rule") {
            let key = try row.string("key")
            if let entry = PoolRules.storedKeys.first(where: { $0.key == key }) { rules[keyPath: entry.path] = try row.int("value") }
        }
        return rules
    }
}
