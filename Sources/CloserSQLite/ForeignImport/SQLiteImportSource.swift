import CloserCore
import CloserExchange
import Foundation
import GRDB

/// The file store as the import planner reads it, inside the import's transaction: one query
/// per table for the keys, statements compiled once per import for the rows a file changes.
struct SQLiteImportSource: ForeignPlanSource {
    let store: SQLiteStore
    let db: Database
    let importer: Actor

    func processCatalog() throws -> ProcessCatalog { try SQLiteStore.catalog(db) }
    func poolRules() throws -> PoolRules { try SQLiteStore.poolRules(db) }
    func heldCount(_ rep: String) throws -> Int { try SQLiteStore.heldCount(db, rep) }

    func eachAccountKey(_ body: (ImportAccountKey) throws -> Void) throws {
        let rows = try Row.fetchCursor(db, sql: """
            SELECT id, name, external_id, owner, visibility, shared_with, (protected = 1 OR visibility = 'protected') AS protected FROM account
            """)
        while let row = try rows.next() {
            let id: Int64 = row["id"]
            let ownership = AccountOwnership(accountID: id, owner: row["owner"], visibility: Visibility(rawValue: row["visibility"]) ?? .owned,
                                             sharedWith: ColumnCoding.strings(from: row["shared_with"]), isProtected: row["protected"],
                                             ownedSince: nil, returnedReason: nil)
            try body(ImportAccountKey(id: id, name: row["name"], externalID: row["external_id"], ownership: ownership))
        }
    }

    func eachPersonKey(_ body: (ImportRowKey) throws -> Void) throws {
        try eachKey("SELECT id, account_id, name, external_id, 1 FROM person", body)
    }

    func eachDealKey(_ body: (ImportRowKey) throws -> Void) throws {
        try eachKey("SELECT id, account_id, title, external_id, outcome = 'open' FROM deal", body)
    }

    private func eachKey(_ sql: String, _ body: (ImportRowKey) throws -> Void) throws {
        let rows = try Row.fetchCursor(db, sql: sql)
        while let row = try rows.next() {
            try body(ImportRowKey(id: row[0], accountID: row[1], name: row[2], externalID: row[3], isOpen: row[4]))
        }
    }

    func eachActivityKey(_ body: (Int64, String, String, String) throws -> Void) throws {
        let rows = try Row.fetchCursor(db, sql: "SELECT account_id, kind, day, notes FROM activity")
        while let row = try rows.next() {
            try body(row[0], row[1], row[2], row[3])
        }
    }

    func storedAccount(_ id: Int64) throws -> Account { Account(row: try row("account", id: id)) }
    func storedPerson(_ id: Int64) throws -> Person { Person(row: try row("person", id: id)) }
    func storedDeal(_ id: Int64) throws -> Deal { Deal(row: try row("deal", id: id)) }

    /// Read by position: this runs per row of a re-import.
    func importableDeal(_ id: Int64) throws -> Deal {
        let statement = try db.cachedStatement(sql: """
            SELECT account_id, title, process_key, stage_key, amount, currency, expected_close, next_step, next_step_due,
                   competitors, owner, outcome, outcome_reason, closed_on, external_id, loss_reason, lost_to FROM deal WHERE id = ?
            """)
        guard let row = try Row.fetchOne(statement, arguments: [id]) else { throw StoreError.notFound(entity: "deal", id: id) }
        let competitors: String = row[9]
        return Deal(id: id, accountID: row[0], title: row[1], processKey: row[2], stageKey: row[3],
                    amount: Money(minorUnits: row[4], currency: row[5]), expectedClose: ColumnCoding.day(row[6]), nextStep: row[7],
                    nextStepDue: ColumnCoding.day(row[8]), competitors: competitors == "[]" ? [] : ColumnCoding.strings(from: competitors),
                    owner: row[10], outcome: Outcome(rawValue: row[11]) ?? .open, outcomeReason: row[12], lossReason: row[15], lostTo: row[16],
                    closedOn: ColumnCoding.day(row[13]), externalID: row[14])
    }

    func checkAccountEdit(old: Account, new: Account) throws {
        try store.backend.checkAccountEdit(db, old: old, new: new)
    }

    /// A stored row by id, through a statement compiled once per import (not once per row).
    private func row(_ table: String, id: Int64) throws -> Row {
        guard let row = try Row.fetchOne(try db.cachedStatement(sql: "SELECT * FROM \(table) WHERE id = ?"), arguments: [id]) else {
            throw StoreError.notFound(entity: table, id: id)
        }
        return row
    }
}
