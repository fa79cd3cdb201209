import CloserCore
import Foundation

/// An account's edit as every backend carries it out: the holding's rules first, then the row
/// at its version, the log row, and the deals' search keys when the name changed.
extension RecordBackend {
    package func editAccount(_ id: Int64, expectedVersion: Int?, _ change: (inout Account) throws -> Void) throws -> Account {
        try write { transaction in try editAccount(transaction, id, expectedVersion: expectedVersion, note: "", change) }
    }

    /// `editAccount` inside an open transaction, its log row noted (an undo says which change it takes back).
    package func editAccount(_ transaction: Transaction, _ id: Int64, expectedVersion: Int?, note: String,
                             _ change: (inout Account) throws -> Void) throws -> Account {
        let old = try currentAccount(transaction, id, expected: expectedVersion)
        // Visibility, protection and who-holds-it rules for the acting user.
        let updated = try old.edited(table: "account", at: clock(), change) { old, new in
            let issues = Validation.issues(new)
            guard issues.isEmpty else { throw StoreError.invalid(.fields(issues)) }
            try checkAccountEdit(transaction, old: old, new: new)
        }
        try updateAccountRow(transaction, updated, at: old.version)
        var changes = FieldDiff.between(old, updated)
        if old.quadrant != updated.quadrant {
            changes["quadrant"] = FieldChange(old: old.quadrant.rawValue, new: updated.quadrant.rawValue)
        }
        let scoresChanged = changes["assistance"] != nil || changes["loyalty"] != nil
        try log(transaction, event("account", id, scoresChanged ? "scores" : "updated", changes, note: note, account: id, version: updated.version))
        if old.name != updated.name {
            try refreshDealSearchKeys(transaction, accountID: id, accountName: updated.name)
        }
        return updated
    }

    /// The checks of a plain edit: the actor may change the account, and a rep changes neither
    /// owner, visibility nor share list by editing it — those go through the ownership actions,
    /// which know the pool rules.
    package func checkAccountEdit(_ transaction: Transaction, old: Account, new: Account) throws {
        try requireAccess(transaction, account: old.id, .write, subject: nil)
        if try knownActor(transaction).isRestricted, old.owner != new.owner || old.visibility != new.visibility || old.sharedWith != new.sharedWith {
            throw StoreError.refused(.repEditsHolding(account: old.id))
        }
    }
}
