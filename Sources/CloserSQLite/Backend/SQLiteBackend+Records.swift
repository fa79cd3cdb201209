import CloserCore
import CloserStoreKit
import Foundation
import GRDB

/// The file store's SQL for the shared account and person edits (CloserStoreKit/Records).
extension SQLiteBackend: RecordBackend {
    func currentAccount(_ db: Database, _ id: Int64, expected: Int?) throws -> Account {
        Account(row: try store.currentRow(db, table: "account", id: id, expected: expected))
    }

    func currentPerson(_ db: Database, _ id: Int64, expected: Int?) throws -> Person {
        Person(row: try store.currentRow(db, table: "person", id: id, expected: expected))
    }

    func updateAccountRow(_ db: Database, _ account: Account, at version: Int) throws { try updateRow(db, account, at: version) }
    func updatePersonRow(_ db: Database, _ person: Person, at version: Int) throws { try updateRow(db, person, at: version) }

    private func updateRow<Record: VersionedRecord>(_ db: Database, _ record: Record, at version: Int) throws {
        var values = record.columnValues(searchKey: record.searchKey, updatedBy: actor)
        values.removeFirst()
        try db.execute(sql: SQLText.update(Record.table, columns: Record.columns), arguments: StatementArguments(values + [record.id, version]))
    }

    func fetchPerson(_ db: Database, _ id: Int64) throws -> Person { Person(row: try SQLiteStore.fetchRow(db, "person", id: id)) }

    func personToDelete(_ db: Database, _ id: Int64) throws -> (accountID: Int64, name: String)? {
        try Row.fetchOne(db, sql: "SELECT account_id, name FROM person WHERE id = ?", arguments: [id]).map { ($0["account_id"], $0.text("name")) }
    }

    func deletePersonRow(_ db: Database, _ id: Int64) throws {
        try db.execute(sql: "DELETE FROM person WHERE id = ?", arguments: [id])
    }

    func reportingLine(_ db: Database, of id: Int64) throws -> (accountID: Int64, reportsTo: Int64?)? {
        try Row.fetchOne(db, sql: "SELECT account_id, reports_to FROM person WHERE id = ?", arguments: [id]).map { ($0["account_id"], $0["reports_to"]) }
    }

    func accountExists(_ db: Database, _ id: Int64) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT 1 FROM account WHERE id = ?", arguments: [id]) == true
    }

    func refreshDealSearchKeys(_ db: Database, accountID: Int64, accountName: String) throws {
        let rows = try Row.fetchAll(db, sql: "SELECT id, title FROM deal WHERE account_id = ?", arguments: [accountID])
        for row in rows {
            let key = Deal.searchKey(title: row.text("title"), accountName: accountName)
            try db.execute(sql: "UPDATE deal SET search_key = ? WHERE id = ?", arguments: [key, row["id"] as Int64])
        }
    }

    func deals(_ db: Database, ofAccount accountID: Int64) throws -> [Deal] {
        try Row.fetchAll(db, sql: "SELECT * FROM deal WHERE account_id = ?", arguments: [accountID]).map(Deal.init(row:))
    }

    func updateDerivedColumns(_ db: Database, dealID: Int64, _ derived: DealDerived) throws {
        try db.execute(sql: """
            UPDATE deal SET probability = ?, weighted = ?, at_risk = ?, milestones_met = ?, milestones_total = ? WHERE id = ?
            """, arguments: [derived.probability, derived.weighted, derived.atRisk, derived.milestonesMet, derived.milestonesTotal, dealID])
    }
}
