import CloserCore
import Foundation

/// What the ownership and pool flows need of a backend, beyond `StoreBackend`.
package protocol OwnershipBackend: StoreBackend {
    associatedtype Team: TeamLookup

    /// The team as the ownership rules ask about it, read in this transaction.
    func team(_ transaction: Transaction) -> Team
    /// The account and its holding, or a not-found refusal.
    func fetchOwnership(_ transaction: Transaction, _ id: Int64) throws -> (Account, AccountOwnership)
    /// Saves the account's holding by the actor, its version bumped.
    func saveHolding(_ transaction: Transaction, _ holding: Holding, account id: Int64) throws
    /// The pool rules as stored (the defaults for keys never saved).
    func poolRules(_ transaction: Transaction) throws -> PoolRules
    /// Stores one pool rule, replacing its value.
    func savePoolRule(_ transaction: Transaction, key: String, value: Int) throws
    /// How many accounts `user` holds outside the pool.
    func heldCount(_ transaction: Transaction, of user: String) throws -> Int
    /// Every held, unprotected account `actor` may see (of `owner` alone when given), by id,
    /// with what the pool rules weigh.
    func heldAccounts(_ transaction: Transaction, owner: String?, visibleTo actor: Actor) throws -> [HeldAccount]
}

/// A held account with the days the pool rules weigh.
package struct HeldAccount {
    package var account: Account
    package var lastActivity: Day?
    package var lastWon: Day?
    /// Since when its owner holds it (its creation, for a row from before that was kept).
    package var ownedSince: Day

    package init(account: Account, lastActivity: Day?, lastWon: Day?, ownedSince: Day) {
        self.account = account
        self.lastActivity = lastActivity
        self.lastWon = lastWon
        self.ownedSince = ownedSince
    }
}
