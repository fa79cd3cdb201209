import CloserCore
import TerminalUI

/// Reads one account with what its 360° view shows, sized to the screen, and who holds it.
struct ReadAccount360: Work, Equatable {
    var accountID: Int64
    var height: Int
    var user: String
    var today: Day
    /// Read after an ownership action: an account handed to someone this user may no longer see closes the view.
    var afterOwnership = false

    func run(in world: World) throws -> Account360State {
        let store = world.store
        let account = try store.account(accountID)
        // The account's figures (pipeline, won, last activity) live in its summary row.
        var summary = try store.accountSummary(accountID)
        summary.account = account
        let limits = Account360Layout.limits(height: height)
        let deals = try store.deals(DealQuery(filter: DealFilter(accountID: accountID, includeClosed: true), sort: .updated, ascending: false, limit: limits.deals))
        let persons = try store.persons(PersonQuery(accountID: accountID, limit: limits.persons))
        let activities = try store.activities(accountID: accountID, dealID: nil, limit: limits.activities)
        var detail = Account360State(summary: summary, deals: deals.rows, dealsTotal: deals.total, persons: persons.rows,
                                     personsTotal: persons.total, activities: activities)
        detail.ownership = try ownership(of: account, in: store)
        return detail
    }

    /// Protection, why it was returned (while in the pool) and the user's own pool warning.
    func ownership(of account: Account, in store: any Store) throws -> Account360Ownership {
        var info = Account360Ownership()
        let holding = try store.ownership(of: account.id)
        info.isProtected = holding.isProtected
        info.returnedReason = account.owner == nil ? holding.returnedReason : nil
        if account.owner == nil, holding.returnedReason != nil {
            // Who returned it: the log's latest return (swept ones say the pool rule's name).
            let events = try store.events(EventQuery(entity: "account", entityID: account.id, limit: 20))
            info.returnedBy = events.first { $0.action == "returned" }?.user
        }
        if account.owner == user {
            info.warning = try store.poolWarnings(for: user, today: today).first { $0.accountID == account.id }
        }
        return info
    }
}

/// One ownership action on the open account, as the current user (DOMAIN §5).
struct ChangeOwnership: Work, Equatable {
    var action: OwnershipAction
    var accountID: Int64
    /// The rep to assign to or share with.
    var user: String?
    /// Why it goes back to the pool.
    var reason: String?
    /// Protect (true) or unprotect (false).
    var protect = true

    struct Reply: Sendable {
        var account: Account
        var work: ChangeOwnership
    }

    func run(in world: World) throws -> Reply { Reply(account: try act(world.store), work: self) }

    private func act(_ store: any Store) throws -> Account {
        switch action {
        case .claim: return try store.claim(accountID)
        case .exclusive: return try store.makeExclusive(accountID)
        case .owned: return try store.makeOwned(accountID)
        case .protect: return try protect ? store.protect(accountID) : store.unprotect(accountID)
        case .returnToPool: return try store.returnToPool(accountID, reason: reason ?? "")
        case .assign: return try store.assign(accountID, to: user ?? "")
        case .share: return try store.share(accountID, with: [user ?? ""])
        }
    }
}

/// The store's users one may assign the account to or share it with.
struct ReadOwnershipCandidates: Work, Equatable {
    var action: OwnershipAction
    var owner: String?
    var sharedWith: [String]

    func run(in world: World) throws -> OwnershipPick {
        var users = try world.store.users()
        users.removeAll { $0.name == owner || (action == .share && sharedWith.contains($0.name)) }
        return OwnershipPick(action: action, users: users)
    }
}
