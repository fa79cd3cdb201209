import CloserCore
import Foundation

/// The ownership actions (DOMAIN §5) as every backend carries them out: the rules are
/// CloserCore's OwnershipAction and TeamLookup; this is their order inside one transaction.
extension OwnershipBackend {
    package func readOwnership(of id: Int64) throws -> AccountOwnership {
        try read { transaction in try requireAccess(transaction, account: id, .read, subject: nil) }
    }

    package func readHeldCount(of user: String) throws -> Int {
        try read { transaction in
            _ = try knownActor(transaction)
            return try heldCount(transaction, of: user)
        }
    }

    /// One action: checks, the new holding, the row saved with its version bumped and one event.
    package func perform(_ action: OwnershipAction, on id: Int64) throws -> Account {
        let user = actor
        guard !user.isEmpty else { throw StoreError.invalid(.missingActor) }
        let action = try action.validated(accountID: id)
        let now = clock()
        return try write { transaction in
            try requireAccess(transaction, account: id, .read, subject: nil)
            try lockAccount(transaction, id)
            let (account, ownership) = try fetchOwnership(transaction, id)
            let context = OwnershipActionContext(account: account, ownership: ownership, actor: try knownActor(transaction), user: user)
            let old = Holding(ownership)
            var new = old
            try action.apply(context, to: &new, team: team(transaction), now: now)
            new = try new.settled(from: old, accountID: id)
            try saveHolding(transaction, new, account: id)
            try log(transaction, event("account", id, action.logAction, new.changes(from: old), note: action.note, account: id))
            return try fetchAccount(transaction, id)
        }
    }
}
