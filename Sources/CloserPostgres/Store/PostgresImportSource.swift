import CloserCore
import CloserExchange
import Foundation

/// The server store as the import planner reads it, inside the import's transaction. Under
/// row-level security a rep's connection reads only the accounts they may see; a name that
/// matches one they may not is refused by the duplicate check (`hiddenAccountRefusal`).
struct PostgresImportSource: ForeignPlanSource {
    let store: PostgresStore
    let connection: Connection
    let importer: Actor
    /// The stored rows a long file matches, read a table at a time (`StoredRows`).
    let stored: StoredRows

    init(store: PostgresStore, connection: Connection, importer: Actor, fileRows: Int) {
        self.store = store
        self.connection = connection
        self.importer = importer
        stored = StoredRows(connection: connection, wholeTables: fileRows >= StoredRows.wholeTableRows)
    }

    func processCatalog() throws -> ProcessCatalog { try StagePositions.catalog(connection) }
    func poolRules() throws -> PoolRules { try PostgresStore.poolRules(connection) }
    func heldCount(_ rep: String) throws -> Int { try PostgresStore.heldCount(connection, rep) }

    func eachAccountKey(_ body: (ImportAccountKey) throws -> Void) throws {
        for row in try connection.query("""
            SELECT id, name, external_id, owner, visibility, shared_with, (protected OR visibility = 'protected') AS protected FROM account
            """) {
            let id = try row.int64("id")
            let ownership = AccountOwnership(accountID: id, owner: try row.optionalText("owner"),
                                             visibility: Visibility(rawValue: try row.string("visibility")) ?? .owned,
                                             sharedWith: ColumnCoding.strings(from: try row.string("shared_with")),
                                             isProtected: try row.bool("protected"), ownedSince: nil, returnedReason: nil)
            try body(ImportAccountKey(id: id, name: try row.string("name"), externalID: try row.optionalText("external_id"), ownership: ownership))
        }
    }

    func eachPersonKey(_ body: (ImportRowKey) throws -> Void) throws {
        for row in try connection.query("SELECT id, account_id, name, external_id FROM person") {
            try body(ImportRowKey(id: try row.int64("id"), accountID: try row.int64("account_id"), name: try row.string("name"),
                                  externalID: try row.optionalText("external_id")))
        }
    }

    func eachDealKey(_ body: (ImportRowKey) throws -> Void) throws {
        for row in try connection.query("SELECT id, account_id, title, external_id, outcome = 'open' AS open FROM deal") {
            try body(ImportRowKey(id: try row.int64("id"), accountID: try row.int64("account_id"), name: try row.string("title"),
                                  externalID: try row.optionalText("external_id"), isOpen: try row.bool("open")))
        }
    }

    func eachActivityKey(_ body: (Int64, String, String, String) throws -> Void) throws {
        for row in try connection.query("SELECT account_id, kind, day, notes FROM activity") {
            try body(try row.int64("account_id"), try row.string("kind"), try row.string("day"), try row.string("notes"))
        }
    }

    func storedAccount(_ id: Int64) throws -> Account { try stored.row("account", id, Account.init(pg:)) }
    func storedPerson(_ id: Int64) throws -> Person { try stored.row("person", id, Person.init(pg:)) }
    func storedDeal(_ id: Int64) throws -> Deal { try stored.row("deal", id, Deal.init(pg:)) }

    func checkAccountEdit(old: Account, new: Account) throws {
        try store.checkAccountEdit(connection, old: old, new: new)
    }

    func hiddenAccountRefusal(named name: String) throws -> LocalizedText? {
        let hidden = try PostgresStore.hiddenAccounts(connection, .name(name), who: importer)
        return hidden.exist ? Refusal.hiddenDuplicate(hidden).text : nil
    }
}

/// The rows a file matches in the store, as the planner asks for them one at a time. For a long
/// file each table is read whole at its first question (one statement instead of one per row: a
/// re-import of 100 000 deals asked 100 000 times, 45 s of round trips); a short file, or a row
/// the table read did not hold, is read by its id.
final class StoredRows {
    /// From this many rows in a file, a table it matches is read whole.
    @TaskLocal static var wholeTableRows = 2_000

    private let connection: Connection
    private let wholeTables: Bool
    private var tables = [String: [Int64: SQLRow]]()

    init(connection: Connection, wholeTables: Bool) {
        self.connection = connection
        self.wholeTables = wholeTables
    }

    func row<Record>(_ table: String, _ id: Int64, _ decode: (SQLRow) throws -> Record) throws -> Record {
        if wholeTables {
            if tables[table] == nil {
                var rows = [Int64: SQLRow]()
                for row in try connection.query("SELECT * FROM \(table)") { rows[try row.int64("id")] = row }
                tables[table] = rows
            }
            if let row = tables[table]?[id] { return try decode(row) }
        }
        return try decode(try PostgresStore.fetchRow(connection, table, id: id))
    }
}
