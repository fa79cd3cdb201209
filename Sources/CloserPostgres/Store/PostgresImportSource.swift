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
        for row in try connection.query("SELECT id, account_id, title, external_id FROM deal") {
            try body(ImportRowKey(id: try row.int64("id"), accountID: try row.int64("account_id"), name: try row.string("title"),
                                  externalID: try row.optionalText("external_id")))
        }
    }

    func eachActivityKey(_ body: (Int64, String, String, String) throws -> Void) throws {
        for row in try connection.query("SELECT account_id, kind, day, notes FROM activity") {
            try body(try row.int64("account_id"), try row.string("kind"), try row.string("day"), try row.string("notes"))
        }
    }

    func storedAccount(_ id: Int64) throws -> Account { try Account(pg: try PostgresStore.fetchRow(connection, "account", id: id)) }
    func storedPerson(_ id: Int64) throws -> Person { try Person(pg: try PostgresStore.fetchRow(connection, "person", id: id)) }
    func storedDeal(_ id: Int64) throws -> Deal { try Deal(pg: try PostgresStore.fetchRow(connection, "deal", id: id)) }

    func checkAccountEdit(old: Account, new: Account) throws {
        try store.checkAccountEdit(connection, old: old, new: new)
    }

    func hiddenAccountRefusal(named name: String) throws -> String? {
        let hidden = try PostgresStore.hiddenAccounts(connection, .name(name), who: importer)
        return hidden.exist ? hidden.text.en + ": ask them or a manager to share or assign it to you" : nil
    }
}
