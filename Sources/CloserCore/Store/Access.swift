import Foundation

/// Who a store handle acts for, as the store's user table knows them at the moment of a call
/// (a demotion or removal takes effect on the next call).
public enum Actor: Sendable, Hashable {
    /// The store has no users yet — one person's CRM: nobody is restricted, though protection
    /// still leaves an account to its owner.
    case anyone(String)
    case member(Viewer)
    /// A name the user table does not know, on a store that has users: sees nothing and is told
    /// how to be added.
    case stranger(String)

    public var name: String {
        switch self {
        case .anyone(let name), .stranger(let name): name
        case .member(let viewer): viewer.name
        }
    }

    /// The viewer account queries restrict to: nil when nobody is restricted.
    public var viewer: Viewer? {
        if case .member(let viewer) = self { return viewer }
        return nil
    }

    public var isManager: Bool { viewer?.role == .manager }

    /// True when reads must be limited by account (a rep).
    public var isRestricted: Bool { viewer?.role == .rep }

    /// May act for the team: change processes, users, pool rules; import whole snapshots; sweep
    /// the pool. A manager, or anyone while the store has no users.
    public var isTeamAdmin: Bool {
        switch self {
        case .anyone: true
        case .member(let viewer): viewer.role == .manager
        case .stranger: false
        }
    }

    /// "wang.lei (rep)", for refusals.
    public var described: String {
        switch self {
        case .anyone(let name): name
        case .member(let viewer): "\(viewer.name) (\(viewer.role.rawValue))"
        case .stranger(let name): "\(name) (not a user of this store)"
        }
    }
}

/// What an actor may do with an account and with everything that hangs from it: its deals,
/// persons, activities, events and history.
public enum AccountAccess: Int, Sendable, Comparable {
    /// Not even told what is in it (its owner is named in a refusal, nothing more).
    case none
    /// Seen, but not changed: the pool before it is claimed, a protected account shared with you.
    case read
    case write

    public static func < (lhs: AccountAccess, rhs: AccountAccess) -> Bool { lhs.rawValue < rhs.rawValue }
}

extension AccountOwnership {
    /// The one visibility rule (DOMAIN §5), for every store and every door.
    ///
    /// - A manager reads and writes every account.
    /// - A rep reads the pool, their own accounts, and accounts shared with them unless
    ///   exclusive; not other reps' private (owned, exclusive) accounts. They write their own
    ///   accounts and the ones shared with them; a pool account is claimed before it is worked.
    /// - Protection leaves an account to its owner and managers: others may at most read it.
    /// - A store with no users restricts nobody, except by protection (no managers there).
    /// - A name that is not a user sees nothing.
    public func access(for actor: Actor) -> AccountAccess {
        let isOwner = owner != nil && owner == actor.name
        let inPool = owner == nil || visibility == .pool
        switch actor {
        case .stranger:
            return .none
        case .anyone:
            return isProtected && !isOwner && owner != nil ? .read : .write
        case .member(let viewer) where viewer.role == .manager:
            return .write
        case .member(let viewer):
            if isOwner { return .write }
            if inPool { return .read }
            guard visibility != .exclusive, sharedWith.contains(viewer.name) else { return .none }
            return isProtected ? .read : .write
        }
    }

    /// Why `actor` may not do what they asked with `subject` ("account 7", "deal 12"), in one
    /// line they can act on. The owner is named — the team knows who holds what — nothing more.
    public func refusal(for actor: Actor, subject: String) -> String {
        if case .stranger(let name) = actor { return Actor.notAUserMessage(name) }
        let it = subject.hasPrefix("account \(accountID)") ? subject : "\(subject) is on account \(accountID), which"
        if access(for: actor) == .none {
            return "\(it) is private to \(owner ?? "its owner")" + (visibility == .exclusive ? " (exclusive)" : "")
        }
        if owner == nil || visibility == .pool {
            return "\(it) is in the pool: claim it first (`closer account claim \(accountID)`); nothing was changed"
        }
        return "\(it) is protected: only \(owner.map { "\($0) (its owner)" } ?? "its owner") or a manager can change it, "
            + "and unprotect it with `closer account unprotect \(accountID)`"
    }
}

extension Actor {
    /// What a name the user table does not know is told, on every call.
    public static func notAUserMessage(_ name: String) -> String {
        "\(name) is not a user of this store: a manager adds you with `closer user add \(name) --role rep` (nothing was read or changed)"
    }
}
