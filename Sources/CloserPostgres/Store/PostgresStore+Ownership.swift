import CloserCore
import Foundation

/// Ownership, the public pool and visibility (DOMAIN §5): the rules are CloserCore's
/// OwnershipAction and TeamLookup, as in the file store.
extension PostgresStore {
    public func ownership(of id: Int64) throws -> AccountOwnership {
        try read { connection in try requireAccess(connection, account: id, .read) }
    }

    public func heldCount(of user: String) throws -> Int {
        try read { connection in
            _ = try knownActor(connection)
            return try Self.heldCount(connection, user)
        }
    }

    static func heldCount(_ connection: Connection, _ user: String) throws -> Int {
        try connection.queryOne("SELECT count(*) AS n FROM account WHERE owner = ? AND visibility <> 'pool'", [.text(user)])?.int("n") ?? 0
    }

    /// One action: checks, the new holding, the row saved with its version bumped and one event.
    private func act(_ id: Int64, _ action: OwnershipAction) throws -> Account {
        let user = actor
        guard !user.isEmpty else { throw StoreError.invalid(.missingActor) }
        let action = try action.validated(accountID: id)
        let now = clock()
        return try write { connection in
            try requireAccess(connection, account: id, .read)
            try Self.lockAccount(connection, id)
            let (account, ownership) = try Self.fetchOwnership(connection, id)
            let context = OwnershipActionContext(account: account, ownership: ownership, actor: try knownActor(connection), user: user)
            let old = Holding(ownership)
            var new = old
            try action.apply(context, to: &new, team: PostgresTeam(connection: connection), now: now)
            new = try new.settled(from: old, accountID: id)
            try connection.execute("""
                UPDATE account SET owner = ?, visibility = ?, shared_with = ?, protected = ?, owned_since = ?, returned_reason = ?,
                    version = version + 1, updated_at = ?, updated_by = ? WHERE id = ?
                """, [.optional(new.owner), .text(new.visibility.rawValue), .text(ColumnCoding.strings(new.sharedWith)), .bool(new.isProtected),
                      .optional(new.ownedSince), .optional(new.returnedReason), .time(clock()), .text(user), .int(id)])
            try log(connection, event("account", id, action.logAction, new.changes(from: old), note: action.note, account: id))
            return try Account(pg: try Self.fetchRow(connection, "account", id: id))
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
        try read { connection in
            _ = try knownActor(connection)
            return try Self.poolRules(connection)
        }
    }

    static func poolRules(_ connection: Connection) throws -> PoolRules {
        var rules = PoolRules.defaults
        for row in try connection.query("SELECT key, value FROM pool_rule") {
            let key = try row.string("key")
            if let entry = PoolRules.storedKeys.first(where: { $0.key == key }) { rules[keyPath: entry.path] = try row.int("value") }
        }
        return rules
    }

    public func savePoolRules(_ rules: PoolRules) throws {
        let issues = rules.issues
        guard issues.isEmpty else { throw Self.invalid(issues) }
        try write { connection in
            try requireTeamAdmin(connection, to: .changePoolRules)
            let old = try Self.poolRules(connection)
            var changes = [String: FieldChange]()
            for entry in PoolRules.storedKeys {
                try connection.execute("INSERT INTO pool_rule (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                                       [.text(entry.key), .int(rules[keyPath: entry.path])])
                if old[keyPath: entry.path] != rules[keyPath: entry.path] {
                    changes[entry.key] = FieldChange(old: String(old[keyPath: entry.path]), new: String(rules[keyPath: entry.path]))
                }
            }
            try log(connection, event("pool", 0, "rules", changes, account: nil))
        }
    }

    // MARK: Sweep and warnings

    /// Every held, unprotected account with what the rules need; protected accounts never
    /// return by themselves (a manager or the owner protected them for a reason).
    private static func standings(_ connection: Connection, owner: String?, today: Day, as actor: Actor) throws -> [(Account, PoolStanding)] {
        let rules = try poolRules(connection)
        var filter = SQLConditions()
        filter.add("a.owner IS NOT NULL AND a.visibility NOT IN ('pool', 'protected') AND NOT a.protected")
        if let owner { filter.add("a.owner = ?", [.text(owner)]) }
        filter.restrict(to: actor)
        return try connection.query("""
            SELECT a.*, (SELECT max(d.closed_on) FROM deal d WHERE d.account_id = a.id AND d.outcome = 'won') AS last_won
            FROM account a \(filter.whereClause) ORDER BY a.id
            """, filter.values).map { row in
            let since = Day(Date(timeIntervalSince1970: try row.optionalDouble("owned_since") ?? row.double("created_at")))
            let standing = rules.standing(lastActivity: try row.day("last_activity"), lastWon: try row.day("last_won"),
                                          ownedSince: since, today: today)
            return (try Account(pg: row), standing)
        }
    }

    public func poolDue(today: Day) throws -> [PoolDue] {
        try readAsActor { connection, who in try Self.due(connection, today: today, as: who) }
    }

    private static func due(_ connection: Connection, today: Day, as actor: Actor) throws -> [PoolDue] {
        try standings(connection, owner: nil, today: today, as: actor).compactMap { account, standing in
            guard case .due(let reason, let overdue) = standing, let owner = account.owner else { return nil }
            return PoolDue(accountID: account.id, accountName: account.name, owner: owner, reason: reason, overdueDays: overdue)
        }
    }

    public func sweepPool(today: Day) throws -> PoolSweepReport {
        let user = actor
        guard !user.isEmpty else { throw StoreError.invalid(.missingSweeper) }
        return try write { connection in
            // The sweep takes accounts from every rep: a manager's act, like the rules themselves.
            let who = try knownActor(connection)
            guard who.isTeamAdmin else {
                throw StoreError.refused(.sweepManagerOnly(you: who))
            }
            let due = try Self.due(connection, today: today, as: who)
            for item in due {
                try Self.lockAccount(connection, item.accountID)
                let (_, ownership) = try Self.fetchOwnership(connection, item.accountID)
                let old = Holding(ownership)
                var new = old
                new.release(reason: item.reason.description)
                try connection.execute("""
                    UPDATE account SET owner = NULL, visibility = 'pool', shared_with = '[]', protected = false, owned_since = NULL,
                        returned_reason = ?, version = version + 1, updated_at = ?, updated_by = ? WHERE id = ?
                    """, [.text(item.reason.description), .time(clock()), .text(user), .int(item.accountID)])
                try log(connection, event("account", item.accountID, "returned", new.changes(from: old),
                                          note: "\(item.reason.description) (pool rule, \(today))", account: item.accountID))
            }
            return PoolSweepReport(today: today, returned: due)
        }
    }

    public func poolWarnings(for user: String?, today: Day) throws -> [PoolWarning] {
        try readAsActor { connection, who in
            try Self.standings(connection, owner: user, today: today, as: who).compactMap { account, standing -> PoolWarning? in
                guard let owner = account.owner else { return nil }
                switch standing {
                case .safe: return nil
                case .warning(let reason, let daysLeft):
                    return PoolWarning(accountID: account.id, accountName: account.name, owner: owner, daysLeft: daysLeft, reason: reason)
                case .due(let reason, _):
                    return PoolWarning(accountID: account.id, accountName: account.name, owner: owner, daysLeft: 0, reason: reason)
                }
            }.sorted { ($0.daysLeft, $0.accountID) < ($1.daysLeft, $1.accountID) }
        }
    }
}
