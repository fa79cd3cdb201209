import CloserCore
import Foundation

/// What the deal edits need of a backend, beyond `StoreBackend`.
package protocol DealBackend: StoreBackend {
    /// The processes (built-in and the team's own) as stored.
    func catalog(_ transaction: Transaction) throws -> ProcessCatalog
    /// The deal as stored, or a not-found refusal.
    func fetchDeal(_ transaction: Transaction, _ id: Int64) throws -> Deal
    /// The deal a write starts from, once the actor may write its account: refused if it is no
    /// longer at `expected`, and held (with its account, where the backend read it) until the
    /// transaction ends.
    func writableDeal(_ transaction: Transaction, _ id: Int64, expected: Int?) throws -> HeldDeal
    /// What the account's people say, for the deal's gates and health.
    func evidence(_ transaction: Transaction, accountID: Int64) throws -> DealEvidence
    /// Refuses a need stated by someone who is not a person of the deal's account (needs kept
    /// from `old`, on the same account, are not checked again).
    func checkNeeds(_ transaction: Transaction, _ deal: Deal, keeping old: Deal?) throws
    /// The account's name, nil for no such account.
    func accountName(_ transaction: Transaction, _ id: Int64) throws -> String?
    /// Writes `deal` over the row at `version` with its derived columns; false when the row was
    /// no longer at that version.
    func updateDealRow(_ transaction: Transaction, _ deal: Deal, derived: DealDerived, accountName: String, at version: Int) throws -> Bool
    func deleteDealRow(_ transaction: Transaction, _ id: Int64) throws
    /// Works the account's rollup (counts and sums of its deals) out again.
    func refreshAccountRollup(_ transaction: Transaction, accountID: Int64) throws
}

/// A deal a write starts from, as `writableDeal` found it; `account` is its account when the
/// backend read it in the same breath (nil when it did not), so the save need not read it again.
package struct HeldDeal {
    package let deal: Deal
    package let account: Account?

    package init(deal: Deal, account: Account?) {
        self.deal = deal
        self.account = account
    }
}
