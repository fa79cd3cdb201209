import CloserCore
import CloserStoreKit
import Foundation
import GRDB

/// The file store's SQL for the shared deal edits (CloserStoreKit/Deals).
extension SQLiteBackend: DealBackend {
    func catalog(_ db: Database) throws -> ProcessCatalog { try SQLiteStore.catalog(db) }
    func fetchDeal(_ db: Database, _ id: Int64) throws -> Deal { try SQLiteStore.fetchDeal(db, id) }

    /// No lock to take (one writer at a time), and the account is read when the deal is saved.
    func writableDeal(_ db: Database, _ id: Int64, expected: Int?) throws -> HeldDeal {
        let stored = try SQLiteStore.fetchDeal(db, id)
        // Who may touch it first: a stale version is reported only to those who may see the deal.
        try requireAccess(db, account: stored.accountID, .write, subject: .deal(id))
        return HeldDeal(deal: Deal(row: try store.currentRow(db, table: "deal", id: id, expected: expected)), account: nil)
    }

    func evidence(_ db: Database, accountID: Int64) throws -> DealEvidence { try SQLiteStore.evidence(db, accountID: accountID) }

    func checkNeeds(_ db: Database, _ deal: Deal, keeping old: Deal?) throws { try SQLiteStore.checkNeeds(db, deal, keeping: old) }

    func accountName(_ db: Database, _ id: Int64) throws -> String? {
        try String.fetchOne(db, sql: "SELECT name FROM account WHERE id = ?", arguments: [id])
    }

    func updateDealRow(_ db: Database, _ deal: Deal, derived: DealDerived, accountName: String, at version: Int) throws -> Bool {
        var values = deal.columnValues(derived: derived, searchKey: Deal.searchKey(title: deal.title, accountName: accountName), updatedBy: actor)
        values.removeFirst()
        try db.execute(sql: SQLText.update("deal", columns: Deal.columns), arguments: StatementArguments(values + [deal.id, version]))
        return db.changesCount == 1
    }

    func deleteDealRow(_ db: Database, _ id: Int64) throws {
        try db.execute(sql: "DELETE FROM deal WHERE id = ?", arguments: [id])
    }

    func refreshAccountRollup(_ db: Database, accountID: Int64) throws { try SQLiteStore.refreshAccountRollup(db, accountID: accountID) }
}
