import CloserCore
import Foundation

/// A deal's change: checked, its derived columns worked out again, written only if nobody saved
/// it in between, logged, and its account's rollup kept — the one path every deal edit takes.
extension DealBackend {
    /// The change in a write of its own.
    package func mutateDeal(
        _ id: Int64, expectedVersion: Int?,
        _ change: (Deal, ProcessTemplate, DealEvidence) throws -> (deal: Deal, action: String, note: String)
    ) throws -> Deal {
        try write { transaction in try mutateDeal(transaction, id, expectedVersion: expectedVersion, change) }
    }

    /// The change inside a transaction already open: for writes that change other rows too.
    /// `held` is the deal as this transaction already holds it (nothing has changed it since).
    package func mutateDeal(
        _ transaction: Transaction, _ id: Int64, expectedVersion: Int?, held: HeldDeal? = nil,
        _ change: (Deal, ProcessTemplate, DealEvidence) throws -> (deal: Deal, action: String, note: String)
    ) throws -> Deal {
        let held = try held ?? writableDeal(transaction, id, expected: expectedVersion)
        let old = held.deal
        let currentVersion = old.version
        let catalog = try catalog(transaction)
        guard let process = catalog.process(old.processKey) else {
            throw StoreError.rule(.unknownProcess(old.processKey))
        }
        let evidence = try evidence(transaction, accountID: old.accountID)
        var (updated, action, note) = try change(old, process, evidence)
        let issues = Validation.issues(updated, catalog: catalog)
        guard issues.isEmpty else { throw StoreError.invalid(.fields(issues)) }
        try checkNeeds(transaction, updated, keeping: old)
        updated.id = id
        updated.version = currentVersion + 1
        updated.createdAt = old.createdAt
        updated.updatedAt = clock()
        let accountName: String
        if let account = held.account, account.id == updated.accountID {
            accountName = account.name
        } else if let name = try self.accountName(transaction, updated.accountID) {
            accountName = name
        } else {
            throw StoreError.notFound(entity: "account", id: updated.accountID)
        }
        if updated.accountID != old.accountID {
            try requireAccess(transaction, account: updated.accountID, .write, subject: nil)
            try lockAccount(transaction, updated.accountID)
        }
        let derived = DealDerived(deal: updated, process: process, evidence: updated.accountID == old.accountID
                                  ? evidence : try self.evidence(transaction, accountID: updated.accountID))
        guard try updateDealRow(transaction, updated, derived: derived, accountName: accountName, at: currentVersion) else {
            throw StoreError.staleVersion(entity: "deal", id: id, expected: currentVersion, current: currentVersion + 1, lastChangedBy: "another session")
        }
        try log(transaction, event("deal", id, action, DealLog.changes(old, updated), note: note, account: updated.accountID,
                                   version: updated.version))
        try refreshAccountRollup(transaction, accountID: updated.accountID)
        if old.accountID != updated.accountID { try refreshAccountRollup(transaction, accountID: old.accountID) }
        return updated
    }

    /// Lifts a model rule's refusal into the store's error type.
    package func ruled<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as DealRuleError { throw StoreError.rule(error) }
    }
}
