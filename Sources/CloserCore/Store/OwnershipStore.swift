import Foundation

/// Who holds an account, who may see it, and the public pool (公海): assign 分配, share 共享,
/// exclusive 独占, return 退回, claim 领取, protect 保护.
///
/// Every call acts as the store's actor; the store looks their role up in its user table (a
/// store with no users at all has no roles and restricts nobody). Every action is one
/// transaction with an event-log row, bumps the account's version, and a refusal is
/// `StoreError.refused` saying why.
public protocol OwnershipStore: Sendable {
    /// Protection and pool bookkeeping of one account the actor may see.
    func ownership(of id: Int64) throws -> AccountOwnership
    /// How many accounts a user holds outside the pool (what the per-rep limit counts).
    func heldCount(of user: String) throws -> Int

    /// Gives the account to `rep`: a manager, or the owner handing it over.
    func assign(_ id: Int64, to rep: String) throws -> Account
    func share(_ id: Int64, with reps: [String]) throws -> Account
    func unshare(_ id: Int64, from reps: [String]) throws -> Account
    /// Only the owner (and managers) see it; the share list is cleared.
    func makeExclusive(_ id: Int64) throws -> Account
    /// Back from exclusive (or shared) to plain owned, seen by the owner and managers.
    func makeOwned(_ id: Int64) throws -> Account
    /// 退回: the owner or a manager releases it to the pool; a reason is required.
    func returnToPool(_ id: Int64, reason: String) throws -> Account
    /// 领取: any user takes a pool account, within the per-rep limit.
    func claim(_ id: Int64) throws -> Account
    func protect(_ id: Int64) throws -> Account
    func unprotect(_ id: Int64) throws -> Account

    func poolRules() throws -> PoolRules
    /// Managers only.
    func savePoolRules(_ rules: PoolRules) throws
    /// Accounts the rules would return today, without changing anything.
    func poolDue(today: Day) throws -> [PoolDue]
    /// Returns every overdue account to the pool, one logged event each. Managers only, once
    /// the store has users (refused for a rep, saying so).
    func sweepPool(today: Day) throws -> PoolSweepReport
    /// Accounts of `user` that return within the warning window; nil = everybody's the actor may see.
    func poolWarnings(for user: String?, today: Day) throws -> [PoolWarning]
}

/// What the account row keeps besides `Account.owner`/`visibility`/`sharedWith`.
public struct AccountOwnership: Sendable, Hashable {
    public var accountID: Int64
    public var owner: String?
    public var visibility: Visibility
    public var sharedWith: [String]
    /// Locked against edits, deletes and ownership changes by anyone but the owner or a manager.
    /// Also true for legacy rows whose visibility is `protected`.
    public var isProtected: Bool
    public var ownedSince: Date?
    /// Why it was last returned to the pool, while it sits there.
    public var returnedReason: String?

    public init(accountID: Int64, owner: String?, visibility: Visibility, sharedWith: [String], isProtected: Bool,
                ownedSince: Date?, returnedReason: String?) {
        self.accountID = accountID
        self.owner = owner
        self.visibility = visibility
        self.sharedWith = sharedWith
        self.isProtected = isProtected
        self.ownedSince = ownedSince
        self.returnedReason = returnedReason
    }
}

/// One account the pool rules send back.
public struct PoolDue: Sendable, Hashable {
    public var accountID: Int64
    public var accountName: String
    public var owner: String
    public var reason: PoolReason
    public var overdueDays: Int

    public init(accountID: Int64, accountName: String, owner: String, reason: PoolReason, overdueDays: Int) {
        self.accountID = accountID
        self.accountName = accountName
        self.owner = owner
        self.reason = reason
        self.overdueDays = overdueDays
    }
}

public struct PoolSweepReport: Sendable, Hashable {
    public var today: Day
    public var returned: [PoolDue]

    public init(today: Day, returned: [PoolDue]) {
        self.today = today
        self.returned = returned
    }
}

/// An account that will return to the pool in `daysLeft` days unless its owner acts.
public struct PoolWarning: Sendable, Hashable {
    public var accountID: Int64
    public var accountName: String
    public var owner: String
    public var daysLeft: Int
    public var reason: PoolReason

    public init(accountID: Int64, accountName: String, owner: String, daysLeft: Int, reason: PoolReason) {
        self.accountID = accountID
        self.accountName = accountName
        self.owner = owner
        self.daysLeft = daysLeft
        self.reason = reason
    }

    public func dueOn(today: Day) -> Day { today.adding(days: daysLeft) }
}

extension Account {
    /// What a rep may see: the pool, their own accounts, and accounts shared with them unless
    /// exclusive — not other reps' private ones. Managers and a nil viewer see everything.
    /// The store's SQL filter says the same thing; tests hold the two together.
    public func isVisible(to viewer: Viewer?) -> Bool {
        guard let viewer, viewer.role == .rep else { return true }
        return visibility == .pool || owner == nil || owner == viewer.name
            || (visibility != .exclusive && sharedWith.contains(viewer.name))
    }
}
