import CloserCore
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

    public func ownership(of id: Int64) throws -> AccountOwnership {
        try read { db in try requireAccess(db, account: id, .read) }
    }

    public func heldCount(of user: String) throws -> Int {
        try read { db in
            _ = try knownActor(db)
            return try Self.heldCount(db, user)
        }
    }

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

    /// The checks of a plain edit (`updateAccount`): the actor may change the account, and a
    /// rep changes neither owner, visibility nor share list by editing it — those go through the
    /// ownership actions, which know the pool rules.
    func checkAccountEdit(_ db: Database, old: Account, new: Account) throws {
        try requireAccess(db, account: old.id, .write)
        if try knownActor(db).isRestricted, old.owner != new.owner || old.visibility != new.visibility || old.sharedWith != new.sharedWith {
            throw StoreError.refused(.repEditsHolding(account: old.id))
        }
    }

    /// The checks of `deleteAccount`: the actor may change it, and once the store has users only
    /// the owner or a manager deletes.
    func checkAccountDelete(_ db: Database, id: Int64) throws {
        let ownership = try requireAccess(db, account: id, .write)
        if try knownActor(db).isRestricted, ownership.owner != actor {
            throw StoreError.refused(.deleteOwnerOnly(account: id, owner: ownership.owner))
        }
    }

    // MARK: Actions (the rules are CloserCore's OwnershipAction)

    /// One action: checks, the new holding, the row saved with its version bumped and one event.
    private func act(_ id: Int64, _ action: OwnershipAction) throws -> Account {
        let user = actor
        guard !user.isEmpty else { throw StoreError.invalid(.missingActor) }
        let action = try action.validated(accountID: id)
        let now = clock()
        return try write { db in
            try requireAccess(db, account: id, .read)
            let (account, ownership) = try Self.fetchOwnership(db, id)
            let context = OwnershipActionContext(account: account, ownership: ownership, actor: try knownActor(db), user: user)
            let old = Holding(ownership)
            var new = old
            try action.apply(context, to: &new, team: SQLiteTeam(db: db), now: now)
            new = try new.settled(from: old, accountID: id)
            try db.execute(sql: """
                UPDATE account SET owner = ?, visibility = ?, shared_with = ?, protected = ?, owned_since = ?, returned_reason = ?,
                    version = version + 1, updated_at = ?, updated_by = ? WHERE id = ?
                """, arguments: [new.owner, new.visibility.rawValue, ColumnCoding.strings(new.sharedWith), new.isProtected,
                                 new.ownedSince.map(ColumnCoding.time), new.returnedReason, ColumnCoding.time(clock()), user, id])
            try log(db, event("account", id, action.logAction, new.changes(from: old), note: action.note, account: id))
            let row = try Self.fetchRow(db, "account", id: id)
            return Account(row: row)
        }
    }

    public func assign(_ id: Int64, to rep: String) throws -> Account { try act(id, .assign(to: rep)) }
    public func share(_ id: Int64, with reps: [String]) throws -> Account { try act(id, .share(with: reps)) }
    public func unshare(_ id: Int64, from reps: [String]) throws -> Account { try act(id, .unshare(from: reps)) }
    public func makeExclusive(_ id: Int64) throws -> Account { try act(id, .makeExclusive) }
    public func makeOwned(_ id: Int64) throws -> Account { try act(id, .makeOwned) }
    public func returnToPool(_ id: Int64, reason: String) throws -> Account { try act(id, .returnToPool(reason: reason)) }
    public func claim(_ id: Int64) throws -> Account { try act(id, .claim) }
    public func protect(_ id: Int64) throws -> Account { try act(id, .protect) }
    public func unprotect(_ id: Int64) throws -> Account { try act(id, .unprotect) }

    // MARK: Pool rules

    public func poolRules() throws -> PoolRules {
        try read { db in
            _ = try knownActor(db)
            return try Self.poolRules(db)
        }
    }

    static func poolRules(_ db: Database) throws -> PoolRules {
        var rules = PoolRules.defaults
        let stored = try Row.fetchAll(db, sql: "SELECT key, value FROM pool_rule")
        for row in stored {
            let key: String = row["key"]
            if let entry = PoolRules.storedKeys.first(where: { $0.key == key }) { rules[keyPath: entry.path] = row["value"] }
        }
        return rules
    }

    public func savePoolRules(_ rules: PoolRules) throws {
        let issues = rules.issues
        guard issues.isEmpty else { throw Self.invalid(issues) }
        try write { db in
            try requireTeamAdmin(db, to: .changePoolRules)
            let old = try Self.poolRules(db)
            var changes = [String: FieldChange]()
            for entry in PoolRules.storedKeys {
                try db.execute(sql: "INSERT OR REPLACE INTO pool_rule (key, value) VALUES (?, ?)",
                               arguments: [entry.key, rules[keyPath: entry.path]])
                if old[keyPath: entry.path] != rules[keyPath: entry.path] {
                    changes[entry.key] = FieldChange(old: String(old[keyPath: entry.path]), new: String(rules[keyPath: entry.path]))
                }
            }
            try log(db, event("pool", 0, "rules", changes, account: nil))
        }
    }

    // MARK: Sweep and warnings

    /// Every held, unprotected account with what the rules need; protected accounts never
    /// return by themselves (a manager or the owner protected them for a reason).
    private static func standings(_ db: Database, owner: String?, today: Day, as actor: Actor) throws -> [(Account, PoolStanding)] {
        let rules = try poolRules(db)
        var filter = SQLFilter()
        filter.add("a.owner IS NOT NULL AND a.visibility NOT IN ('pool', 'protected') AND a.protected = 0")
        if let owner { filter.add("a.owner = ?", [owner]) }
        filter.restrict(to: actor)
        let sql = """
            SELECT a.*, (SELECT MAX(d.closed_on) FROM deal d WHERE d.account_id = a.id AND d.outcome = 'won') AS last_won
            FROM account a \(filter.whereClause) ORDER BY a.id
            """
        return try Row.fetchAll(db, sql: sql, arguments: filter.arguments).map { row in
            let since = Day(ColumnCoding.date((row["owned_since"] as Double?) ?? row["created_at"]))
            let standing = rules.standing(lastActivity: ColumnCoding.day(row["last_activity"]),
                                          lastWon: ColumnCoding.day(row["last_won"]), ownedSince: since, today: today)
            return (Account(row: row), standing)
        }
    }

    public func poolDue(today: Day) throws -> [PoolDue] {
        try readAsActor { db, who in try Self.due(db, today: today, as: who) }
    }

    private static func due(_ db: Database, today: Day, as actor: Actor) throws -> [PoolDue] {
        try standings(db, owner: nil, today: today, as: actor).compactMap { account, standing in
            guard case .due(let reason, let overdue) = standing, let owner = account.owner else { return nil }
            return PoolDue(accountID: account.id, accountName: account.name, owner: owner, reason: reason, overdueDays: overdue)
        }
    }

    public func sweepPool(today: Day) throws -> PoolSweepReport {
        let user = actor
        guard !user.isEmpty else { throw StoreError.invalid(.missingSweeper) }
        return try write { db in
            // The sweep takes accounts from every rep: a manager's act, like the rules themselves.
            // A store without users has no roles, so there anyone (a cron job) sweeps.
            let who = try knownActor(db)
            guard who.isTeamAdmin else {
                throw StoreError.refused(.sweepManagerOnly(you: who))
            }
            let due = try Self.due(db, today: today, as: who)
            for item in due {
                let (_, ownership) = try Self.fetchOwnership(db, item.accountID)
                let old = Holding(ownership)
                var new = old
                new.release(reason: item.reason.description)
                try db.execute(sql: """
                    UPDATE account SET owner = NULL, visibility = 'pool', shared_with = '[]', protected = 0, owned_since = NULL,
                        returned_reason = ?, version = version + 1, updated_at = ?, updated_by = ? WHERE id = ?
                    """, arguments: [item.reason.description, ColumnCoding.time(clock()), user, item.accountID])
                try log(db, event("account", item.accountID, "returned", new.changes(from: old),
                                  note: "\(item.reason.description) (pool rule, \(today))", account: item.accountID))
            }
            return PoolSweepReport(today: today, returned: due)
        }
    }

    public func poolWarnings(for user: String?, today: Day) throws -> [PoolWarning] {
        try readAsActor { db, who in
            try Self.standings(db, owner: user, today: today, as: who).compactMap { account, standing -> PoolWarning? in
                guard let owner = account.owner else { return nil }
                switch standing {
                case .safe: return nil
                case .warning(let reason, let daysLeft):
                    return PoolWarning(accountID: account.id, accountName: account.name, owner: owner, daysLeft: daysLeft, reason: reason)
                case .due(let reason, _):
                    // Overdue but not yet swept: it goes at the next sweep.
                    return PoolWarning(accountID: account.id, accountName: account.name, owner: owner, daysLeft: 0, reason: reason)
                }
            }.sorted { ($0.daysLeft, $0.accountID) < ($1.daysLeft, $1.accountID) }
        }
    }
}
