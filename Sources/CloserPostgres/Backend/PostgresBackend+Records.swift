import CloserCore
import CloserStoreKit
import Foundation

/// The server's SQL for the shared account and person edits (CloserStoreKit/Records).
extension PostgresBackend: RecordBackend {
    func currentAccount(_ connection: Connection, _ id: Int64, expected: Int?) throws -> Account {
        try Account(pg: try store.currentRow(connection, table: "account", id: id, expected: expected))
    }

    func currentPerson(_ connection: Connection, _ id: Int64, expected: Int?) throws -> Person {
        try Person(pg: try store.currentRow(connection, table: "person", id: id, expected: expected))
    }

    func updateAccountRow(_ connection: Connection, _ account: Account, at version: Int) throws { try updateRow(connection, account, at: version) }
    func updatePersonRow(_ connection: Connection, _ person: Person, at version: Int) throws { try updateRow(connection, person, at: version) }

    private func updateRow<Record: ServerVersioned>(_ connection: Connection, _ record: Record, at version: Int) throws {
        var values = record.pgValues(updatedBy: actor)
        values.removeFirst()
        try connection.execute(StatementText.update(Record.table, columns: Record.pgColumns), values + [.int(record.id), .int(version)])
    }

    func fetchPerson(_ connection: Connection, _ id: Int64) throws -> Person {
        try Person(pg: try PostgresStore.fetchRow(connection, "person", id: id))
    }

    func personToDelete(_ connection: Connection, _ id: Int64) throws -> (accountID: Int64, name: String)? {
        guard let row = try connection.queryOne("SELECT account_id, name FROM person WHERE id = ? FOR UPDATE", [.int(id)]) else { return nil }
        return (try row.int64("account_id"), try row.string("name"))
    }

    func deletePersonRow(_ connection: Connection, _ id: Int64) throws {
        try connection.execute("DELETE FROM person WHERE id = ?", [.int(id)])
    }

    func reportingLine(_ connection: Connection, of id: Int64) throws -> (accountID: Int64, reportsTo: Int64?)? {
        guard let row = try connection.queryOne("SELECT account_id, reports_to FROM person WHERE id = ?", [.int(id)]) else { return nil }
        return (try row.int64("account_id"), try row.optionalInt64("reports_to"))
    }

    func accountExists(_ connection: Connection, _ id: Int64) throws -> Bool {
        try connection.queryOne("SELECT 1 AS x FROM account WHERE id = ?", [.int(id)]) != nil
    }

    func refreshDealSearchKeys(_ connection: Connection, accountID: Int64, accountName: String) throws {
        for row in try connection.query("SELECT id, title FROM deal WHERE account_id = ?", [.int(accountID)]) {
            let key = Deal.searchKey(title: try row.string("title"), accountName: accountName)
            try connection.execute("UPDATE deal SET search_key = ? WHERE id = ?", [.text(key), .int(try row.int64("id"))])
        }
    }

    func deals(_ connection: Connection, ofAccount accountID: Int64) throws -> [Deal] {
        try connection.query("SELECT * FROM deal WHERE account_id = ?", [.int(accountID)]).map(Deal.init(pg:))
    }

    func updateDerivedColumns(_ connection: Connection, dealID: Int64, _ derived: DealDerived) throws {
        try connection.execute("""
            UPDATE deal SET probability = ?, weighted = ?, at_risk = ?, milestones_met = ?, milestones_total = ? WHERE id = ?
            """, [.int(derived.probability), .int(derived.weighted), .bool(derived.atRisk), .int(derived.milestonesMet),
                  .int(derived.milestonesTotal), .int(dealID)])
    }
}
