import CloserCore
import CloserStoreKit
import Foundation

/// The server's SQL for the shared deal edits (CloserStoreKit/Deals).
extension PostgresBackend: DealBackend {
    func catalog(_ connection: Connection) throws -> ProcessCatalog { try StagePositions.catalog(connection) }
    func fetchDeal(_ connection: Connection, _ id: Int64) throws -> Deal { try Deal(pg: try PostgresStore.fetchRow(connection, "deal", id: id)) }

    /// The account locked once the actor may write it (who is acting, the account and its lock in
    /// one statement), then the deal locked and refused if it is no longer at `expected`.
    func writableDeal(_ connection: Connection, _ id: Int64, expected: Int?) throws -> HeldDeal {
        // Who may touch it first: a stale version is reported only to those who may see the deal.
        var account = try store.lockWritableAccount(connection, .accountOfDeal(id), subject: .deal(id))
        let deal = try Deal(pg: try store.currentRow(connection, table: "deal", id: id, expected: expected))
        // Moved to another account meanwhile: that one is the account to hold.
        if deal.accountID != account.id {
            account = try store.lockWritableAccount(connection, .account(deal.accountID), subject: .deal(id))
        }
        return HeldDeal(deal: deal, account: account)
    }

    func evidence(_ connection: Connection, accountID: Int64) throws -> DealEvidence {
        try PostgresStore.evidence(connection, accountID: accountID)
    }

    /// A need is stated by a key person of the deal's own account. Needs kept from `old` (same
    /// account) are not checked again: a person deleted since must not block every later edit.
    func checkNeeds(_ connection: Connection, _ deal: Deal, keeping old: Deal?) throws {
        var ids = Set(deal.needs.compactMap(\.statedBy))
        if let old, old.accountID == deal.accountID { ids.subtract(old.needs.compactMap(\.statedBy)) }
        guard !ids.isEmpty else { return }
        let sorted = ids.sorted()
        let found = Set(try connection.query("SELECT id FROM person WHERE account_id = ? AND id IN (\(sorted.map { _ in "?" }.joined(separator: ",")))",
                                             [.int(deal.accountID)] + sorted.map(SQLValue.int)).map { try $0.int64("id") })
        if let missing = sorted.first(where: { !found.contains($0) }) {
            throw StoreError.invalid(.needByStranger(person: missing, account: deal.accountID))
        }
    }

    func accountName(_ connection: Connection, _ id: Int64) throws -> String? {
        try connection.queryOne("SELECT name FROM account WHERE id = ?", [.int(id)])?.string("name")
    }

    func updateDealRow(_ connection: Connection, _ deal: Deal, derived: DealDerived, accountName: String, at version: Int) throws -> Bool {
        var values = deal.pgValues(derived: derived, accountName: accountName, updatedBy: actor)
        values.removeFirst()
        return try connection.execute(StatementText.update("deal", columns: Deal.pgColumns), values + [.int(deal.id), .int(version)]) == 1
    }

    func deleteDealRow(_ connection: Connection, _ id: Int64) throws {
        try connection.execute("DELETE FROM deal WHERE id = ?", [.int(id)])
    }

    func refreshAccountRollup(_ connection: Connection, accountID: Int64) throws {
        try PostgresStore.refreshAccountRollup(connection, accountID: accountID)
    }
}
