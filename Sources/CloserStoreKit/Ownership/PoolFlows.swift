import CloserCore
import Foundation

/// The public pool (DOMAIN §5): its rules, the accounts due back, the sweep that returns them and
/// the warnings before it, the same on every backend.
extension OwnershipBackend {
    package func readPoolRules() throws -> PoolRules {
        try read { transaction in
            _ = try knownActor(transaction)
            return try poolRules(transaction)
        }
    }

    package func replacePoolRules(_ rules: PoolRules) throws {
        let issues = rules.issues
        guard issues.isEmpty else { throw StoreError.invalid(.fields(issues)) }
        try write { transaction in
            try requireTeamAdmin(transaction, to: .changePoolRules)
            let old = try poolRules(transaction)
            var changes = [String: FieldChange]()
            for entry in PoolRules.storedKeys {
                try savePoolRule(transaction, key: entry.key, value: rules[keyPath: entry.path])
                if old[keyPath: entry.path] != rules[keyPath: entry.path] {
                    changes[entry.key] = FieldChange(old: String(old[keyPath: entry.path]), new: String(rules[keyPath: entry.path]))
                }
            }
            try log(transaction, event("pool", 0, "rules", changes, account: nil))
        }
    }

    package func readPoolDue(today: Day) throws -> [PoolDue] {
        try readAsActor { transaction, who in try due(transaction, today: today, as: who) }
    }

    package func sweep(today: Day) throws -> PoolSweepReport {
        let user = actor
        guard !user.isEmpty else { throw StoreError.invalid(.missingSweeper) }
        return try write { transaction in
            // The sweep takes accounts from every rep: a manager's act, like the rules themselves.
            // A store without users has no roles, so there anyone (a cron job) sweeps.
            let who = try knownActor(transaction)
            guard who.isTeamAdmin else {
                throw StoreError.refused(.sweepManagerOnly(you: who))
            }
            let due = try due(transaction, today: today, as: who)
            for item in due {
                try lockAccount(transaction, item.accountID)
                let (_, ownership) = try fetchOwnership(transaction, item.accountID)
                let old = Holding(ownership)
                var new = old
                new.release(reason: item.reason.description)
                try saveHolding(transaction, new, account: item.accountID)
                try log(transaction, event("account", item.accountID, "returned", new.changes(from: old),
                                           note: "\(item.reason.description) (pool rule, \(today))", account: item.accountID))
            }
            return PoolSweepReport(today: today, returned: due)
        }
    }

    package func readPoolWarnings(for user: String?, today: Day) throws -> [PoolWarning] {
        try readAsActor { transaction, who in
            try standings(transaction, owner: user, today: today, as: who).compactMap { account, standing -> PoolWarning? in
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

    /// Every held, unprotected account with where it stands; protected accounts never return
    /// by themselves (a manager or the owner protected them for a reason).
    private func standings(_ transaction: Transaction, owner: String?, today: Day, as actor: Actor) throws -> [(Account, PoolStanding)] {
        let rules = try poolRules(transaction)
        return try heldAccounts(transaction, owner: owner, visibleTo: actor).map { held in
            (held.account, rules.standing(lastActivity: held.lastActivity, lastWon: held.lastWon, ownedSince: held.ownedSince, today: today))
        }
    }

    private func due(_ transaction: Transaction, today: Day, as actor: Actor) throws -> [PoolDue] {
        try standings(transaction, owner: nil, today: today, as: actor).compactMap { account, standing in
            guard case .due(let reason, let overdue) = standing, let owner = account.owner else { return nil }
            return PoolDue(accountID: account.id, accountName: account.name, owner: owner, reason: reason, overdueDays: overdue)
        }
    }
}
