import Foundation

/// The ownership actions (assign 分配, share 共享, exclusive 独占, return 退回, claim 领取,
/// protect 保护) as rules over an account's holding, the same for every store: a store reads the
/// account, asks the action what the holding becomes (or why not), saves it and logs it.

/// What a store tells the rules about the team, read in the action's transaction.
public protocol TeamLookup {
    /// Whether the store has users at all (a store without users has no roles).
    func hasTeam() throws -> Bool
    /// The user's role, nil for a name the user table does not know.
    func role(of name: String) throws -> UserRole?
    func poolRules() throws -> PoolRules
    /// How many accounts the user holds outside the pool.
    func heldCount(of name: String) throws -> Int
}

extension TeamLookup {
    /// Refuses a name the team does not know (once there is a team), and a rep at the per-rep
    /// limit. `what` names the account in the message ("account 12", "new account 'Acme'").
    public func requireCanHold(_ name: String, what: Subject) throws {
        let role = try role(of: name)
        if try hasTeam(), role == nil {
            throw StoreError.refused(.notATeamMember(name))
        }
        guard role != .manager else { return }
        let rules = try poolRules()
        let held = try heldCount(of: name)
        guard rules.mayTakeAnother(held: held) else {
            throw StoreError.refused(.holdLimit(rep: name, held: held, limit: rules.maxAccountsPerRep, what: what))
        }
    }

    /// The checks of adding an account once the store has users: a new account that someone
    /// holds is a taking like a claim or an assignment, so the same rules apply — a rep adds
    /// accounts for themselves or the pool only, the owner must be on the team and within the
    /// per-rep limit, and the share list names team members.
    public func checkAccountAdd(_ account: Account, by who: Actor) throws {
        guard case .member(let viewer) = who else { return }
        let what = Subject.newAccount(account.name)
        guard let owner = account.owner, !owner.isEmpty, account.visibility != .pool else { return }
        if viewer.role == .rep, owner != viewer.name {
            throw StoreError.refused(.addForSomeoneElse(what: what, owner: owner, you: who))
        }
        try requireCanHold(owner, what: what)
        for name in account.sharedWith where name != owner {
            if try role(of: name) == nil {
                throw StoreError.refused(.notATeamMember(name))
            }
        }
    }
}

/// What an ownership action may change, and the row as it was.
public struct Holding: Sendable, Equatable {
    public var owner: String?
    public var visibility: Visibility
    public var sharedWith: [String]
    public var isProtected: Bool
    public var ownedSince: Date?
    public var returnedReason: String?

    public init(_ o: AccountOwnership) {
        owner = o.owner
        visibility = o.visibility
        sharedWith = o.sharedWith
        isProtected = o.isProtected
        ownedSince = o.ownedSince
        returnedReason = o.returnedReason
    }

    public func changes(from old: Holding) -> [String: FieldChange] {
        var changes = [String: FieldChange]()
        if owner != old.owner { changes["owner"] = FieldChange(old: old.owner, new: owner) }
        if visibility != old.visibility { changes["visibility"] = FieldChange(old: old.visibility.rawValue, new: visibility.rawValue) }
        if sharedWith != old.sharedWith {
            changes["sharedWith"] = FieldChange(old: old.sharedWith.joined(separator: ", "), new: sharedWith.joined(separator: ", "))
        }
        if isProtected != old.isProtected { changes["protected"] = FieldChange(old: String(old.isProtected), new: String(isProtected)) }
        return changes
    }

    /// Back to the pool: nobody holds it, nobody is shared, nothing protects it; the reason stays.
    public mutating func release(reason: String) {
        owner = nil
        visibility = .pool
        sharedWith = []
        isProtected = false
        ownedSince = nil
        returnedReason = reason
    }

    /// The holding an action leaves, as the store saves it: refused when nothing changes; an
    /// account nobody holds is in the pool; the older `protected` visibility becomes owned.
    public func settled(from old: Holding, accountID: Int64) throws -> Holding {
        guard !changes(from: old).isEmpty || returnedReason != old.returnedReason else {
            throw StoreError.refused(.nothingToChange(account: accountID))
        }
        var new = self
        if new.owner == nil { new.visibility = .pool }
        if new.visibility == .protected && !new.isProtected { new.visibility = .owned }
        return new
    }
}

/// Who is acting on which account, for the action's checks.
public struct OwnershipActionContext {
    public var account: Account
    public var ownership: AccountOwnership
    public var actor: Actor
    public var user: String

    public init(account: Account, ownership: AccountOwnership, actor: Actor, user: String) {
        self.account = account
        self.ownership = ownership
        self.actor = actor
        self.user = user
    }

    var isManager: Bool { actor.isTeamAdmin }
    var isOwner: Bool { ownership.owner == user }

    /// The owner or a manager (anybody in a store with no users), with protection's message for others.
    func requireOwnerOrManager(to verb: OwnershipVerb) throws {
        if isOwner || actor.isManager { return }
        // Protection binds even in a store with no users (no roles, but an owner).
        if ownership.isProtected { throw StoreError.refused(ownership.refusal(for: actor, subject: .account(account.id))) }
        if case .anyone = actor { return }
        if ownership.owner == nil {
            throw StoreError.refused(.poolManagerOnly(account: account.id, verb))
        }
        throw StoreError.refused(.ownerOrManagerOnly(account: account.id, owner: ownership.owner, verb, you: actor))
    }

    func requireHeld(to verb: OwnershipVerb) throws {
        if ownership.owner == nil || ownership.visibility == .pool {
            throw StoreError.refused(.notHeld(account: account.id, verb))
        }
    }
}

public enum OwnershipAction: Sendable, Equatable {
    case assign(to: String)
    case share(with: [String])
    case unshare(from: [String])
    case makeExclusive
    case makeOwned
    case returnToPool(reason: String)
    case claim
    case protect
    case unprotect

    /// The action with its names and reason cleaned, refused before any store is read when
    /// something it needs is missing.
    public func validated(accountID id: Int64) throws -> OwnershipAction {
        switch self {
        case .assign(let rep):
            let rep = rep.trimmingCharacters(in: .whitespaces)
            guard !rep.isEmpty else { throw StoreError.invalid(.missingAssignee) }
            return .assign(to: rep)
        case .share(let reps):
            let reps = Self.cleanNames(reps)
            guard !reps.isEmpty else { throw StoreError.invalid(.missingShareNames) }
            return .share(with: reps)
        case .unshare(let reps):
            let reps = Self.cleanNames(reps)
            guard !reps.isEmpty else { throw StoreError.invalid(.missingUnshareNames) }
            return .unshare(from: reps)
        case .returnToPool(let reason):
            let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !reason.isEmpty else {
                throw StoreError.invalid(.returnNeedsReason(account: id))
            }
            return .returnToPool(reason: reason)
        case .makeExclusive, .makeOwned, .claim, .protect, .unprotect:
            return self
        }
    }

    private static func cleanNames(_ names: [String]) -> [String] {
        var seen = Set<String>()
        return names.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty && seen.insert($0).inserted }
    }

    /// The event log's action.
    public var logAction: String {
        switch self {
        case .assign: "assigned"
        case .share: "shared"
        case .unshare: "unshared"
        case .makeExclusive: "exclusive"
        case .makeOwned: "owned"
        case .returnToPool: "returned"
        case .claim: "claimed"
        case .protect: "protected"
        case .unprotect: "unprotected"
        }
    }

    /// The event log's note.
    public var note: String {
        switch self {
        case .assign(let rep): "to \(rep)"
        case .share(let reps): "with \(reps.joined(separator: ", "))"
        case .unshare(let reps): "from \(reps.joined(separator: ", "))"
        case .returnToPool(let reason): reason
        case .makeExclusive, .makeOwned, .claim, .protect, .unprotect: ""
        }
    }

    /// What the holding becomes, or why the action is refused.
    public func apply(_ context: OwnershipActionContext, to holding: inout Holding, team: some TeamLookup, now: Date) throws {
        let id = context.account.id
        switch self {
        case .assign(let rep):
            if context.ownership.owner == nil {
                guard context.isManager else {
                    throw StoreError.refused(.assignFromPool(account: id))
                }
            } else {
                try context.requireOwnerOrManager(to: .assign)
            }
            if context.ownership.owner == rep { throw StoreError.refused(.alreadyHeldBy(account: id, rep: rep)) }
            try team.requireCanHold(rep, what: .account(id))
            holding.owner = rep
            if holding.visibility == .pool { holding.visibility = .owned }
            holding.sharedWith.removeAll { $0 == rep }
            if holding.sharedWith.isEmpty, holding.visibility == .shared { holding.visibility = .owned }
            holding.ownedSince = now
            holding.returnedReason = nil
        case .share(let reps):
            try context.requireHeld(to: .share)
            try context.requireOwnerOrManager(to: .share)
            let hasTeam = try team.hasTeam()
            for rep in reps {
                if rep == context.ownership.owner { throw StoreError.refused(.ownerNeedsNoShare(account: id, rep: rep)) }
                if hasTeam, try team.role(of: rep) == nil {
                    throw StoreError.refused(.notATeamMember(rep))
                }
            }
            let added = reps.filter { !holding.sharedWith.contains($0) }
            guard !added.isEmpty || holding.visibility != .shared else {
                throw StoreError.refused(.alreadySharedWith(account: id, reps: reps))
            }
            holding.sharedWith += added
            // Sharing ends exclusivity: an exclusive account is seen by its owner alone.
            holding.visibility = .shared
        case .unshare(let reps):
            try context.requireHeld(to: .unshare)
            try context.requireOwnerOrManager(to: .unshare)
            let missing = reps.filter { !holding.sharedWith.contains($0) }
            guard missing.isEmpty else {
                throw StoreError.refused(.notSharedWith(account: id, reps: missing))
            }
            holding.sharedWith.removeAll { reps.contains($0) }
            if holding.sharedWith.isEmpty, holding.visibility == .shared { holding.visibility = .owned }
        case .makeExclusive:
            try context.requireHeld(to: .makeExclusive)
            try context.requireOwnerOrManager(to: .makeExclusive)
            if holding.visibility == .exclusive { throw StoreError.refused(.alreadyExclusive(account: id, owner: holding.owner)) }
            holding.visibility = .exclusive
            holding.sharedWith = []
        case .makeOwned:
            try context.requireHeld(to: .change)
            try context.requireOwnerOrManager(to: .change)
            if holding.visibility == .owned, holding.sharedWith.isEmpty { throw StoreError.refused(.alreadyPlainlyOwned(account: id)) }
            holding.visibility = .owned
            holding.sharedWith = []
        case .returnToPool(let reason):
            try context.requireHeld(to: .return)
            try context.requireOwnerOrManager(to: .return)
            holding.release(reason: reason)
        case .claim:
            guard context.ownership.owner == nil || context.ownership.visibility == .pool else {
                throw StoreError.refused(.notInPool(account: id, holder: context.ownership.owner))
            }
            try team.requireCanHold(context.user, what: .account(id))
            holding.owner = context.user
            holding.visibility = .owned
            holding.sharedWith = []
            holding.ownedSince = now
            holding.returnedReason = nil
        case .protect:
            try context.requireHeld(to: .protect)
            try context.requireOwnerOrManager(to: .protect)
            if holding.isProtected { throw StoreError.refused(.alreadyProtected(account: id)) }
            holding.isProtected = true
        case .unprotect:
            guard holding.isProtected else { throw StoreError.refused(.notProtected(account: id)) }
            try context.requireOwnerOrManager(to: .unprotect)
            holding.isProtected = false
            if holding.visibility == .protected { holding.visibility = .owned }
        }
    }
}

extension PoolRules {
    /// The rules as the stores keep them: one row per rule in `pool_rule`.
    public static var storedKeys: [(key: String, path: WritableKeyPath<PoolRules, Int>)] { [
        ("no_follow_up_days", \.noFollowUpDays), ("no_win_days", \.noWinDays), ("warn_days", \.warnDays),
        ("max_accounts_per_rep", \.maxAccountsPerRep),
    ] }
}
