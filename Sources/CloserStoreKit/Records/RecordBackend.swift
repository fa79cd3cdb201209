import CloserCore
import Foundation

/// What the account and person edits need of a backend, beyond `DealBackend` (persons prove
/// milestones, so a change to them re-derives the account's deals).
package protocol RecordBackend: DealBackend {
    /// The row a write starts from, held until the transaction ends; refused if no longer at `expected`.
    func currentAccount(_ transaction: Transaction, _ id: Int64, expected: Int?) throws -> Account
    func currentPerson(_ transaction: Transaction, _ id: Int64, expected: Int?) throws -> Person
    /// Writes the row over the one at `version`, with its search key and the actor as its writer.
    func updateAccountRow(_ transaction: Transaction, _ account: Account, at version: Int) throws
    func updatePersonRow(_ transaction: Transaction, _ person: Person, at version: Int) throws
    /// The person as stored, or a not-found refusal.
    func fetchPerson(_ transaction: Transaction, _ id: Int64) throws -> Person
    /// The account's and the name of a person about to be deleted (held), nil for no such person.
    func personToDelete(_ transaction: Transaction, _ id: Int64) throws -> (accountID: Int64, name: String)?
    func deletePersonRow(_ transaction: Transaction, _ id: Int64) throws
    /// The account a person's manager belongs to and whom the manager reports to, nil for no such person.
    func reportingLine(_ transaction: Transaction, of id: Int64) throws -> (accountID: Int64, reportsTo: Int64?)?
    func accountExists(_ transaction: Transaction, _ id: Int64) throws -> Bool
    /// A renamed account's deals are found by the new name: their search keys again.
    func refreshDealSearchKeys(_ transaction: Transaction, accountID: Int64, accountName: String) throws
    /// Every deal of the account, as stored.
    func deals(_ transaction: Transaction, ofAccount accountID: Int64) throws -> [Deal]
    /// Writes the deal's derived columns (probability, weighted amount, risk, milestones met).
    func updateDerivedColumns(_ transaction: Transaction, dealID: Int64, _ derived: DealDerived) throws
}

/// A row kept under optimistic concurrency (accounts, persons).
package protocol EditableRecord {
    var id: Int64 { get }
    var version: Int { get set }
    var createdAt: Date { get set }
    var updatedAt: Date { get set }
}

extension Account: EditableRecord {}
extension Person: EditableRecord {}

extension EditableRecord {
    /// `change` applied to the row as read: the fields it left alone keep what is stored, so two
    /// people editing different fields both keep their edit. `check` sees the row before and after,
    /// and may refuse; the result is at the next version, stamped now.
    package func edited(table: String, at now: Date, _ change: (inout Self) throws -> Void,
                        check: (Self, Self) throws -> Void) throws -> Self {
        var updated = self
        try change(&updated)
        guard updated.id == id else { throw StoreError.invalid(.idCannotChange(.row(table: table, id: id))) }
        try check(self, updated)
        updated.version = version + 1
        updated.createdAt = createdAt
        updated.updatedAt = now
        return updated
    }
}
