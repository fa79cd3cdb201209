import CloserCore
import CloserStoreKit
import Foundation

/// A row kept under optimistic concurrency: read, edit, and saved only if still at the version read.
protocol ServerVersioned: Sendable {
    static var table: String { get }
    static var pgColumns: [String] { get }
    init(pg row: SQLRow) throws
    var id: Int64 { get }
    var version: Int { get set }
    var createdAt: Date { get set }
    var updatedAt: Date { get set }
    func pgValues(updatedBy: String) -> [SQLValue]
}

extension Account: ServerVersioned {
    static var table: String { "account" }
}

extension Person: ServerVersioned {
    static var table: String { "person" }
}

extension PostgresStore {
    public func addAccount(_ account: Account) throws -> Account {
        var account = account
        let now = clock()
        account.id = max(0, account.id)
        account.version = 1
        account.createdAt = now
        account.updatedAt = now
        let issues = Validation.issues(account)
        guard issues.isEmpty else { throw Self.invalid(issues) }
        return try write { connection in
            try insertAccount(connection, &account)
            return account
        }
    }

    /// `addAccount` inside an open transaction: the account checked, written at version 1 and logged.
    func insertAccount(_ connection: Connection, _ account: inout Account) throws {
        if account.id > 0, try connection.queryOne("SELECT 1 AS x FROM account WHERE id = ?", [.int(account.id)]) != nil {
            throw StoreError.duplicate(.accountIDTaken(account.id))
        }
        // Roles, the team and the per-rep limit.
        try PostgresTeam(connection: connection).checkAccountAdd(account, by: try knownActor(connection))
        // The duplicate check (查重): a rep does not add a second copy of an account another holds.
        let hidden = try Self.hiddenAccounts(connection, .name(account.name), who: try knownActor(connection))
        if hidden.exist {
            throw StoreError.duplicate(.hiddenDuplicate(hidden))
        }
        account.id = try Self.insert(connection, into: "account", columns: Account.pgColumns, values: account.pgValues(updatedBy: actor))
        try log(connection, event("account", account.id, "created", note: account.name, account: account.id))
    }

    public func account(_ id: Int64) throws -> Account {
        try read { connection in
            try requireAccess(connection, account: id, .read)
            return try Account(pg: try Self.fetchRow(connection, "account", id: id))
        }
    }

    public func updateAccount(_ account: Account) throws -> Account {
        try editAccount(account.id, expectedVersion: account.version) { $0 = account }
    }

    public func editAccount(_ id: Int64, expectedVersion: Int?, _ change: (inout Account) throws -> Void) throws -> Account {
        try backend.editAccount(id, expectedVersion: expectedVersion, change)
    }

    /// `editAccount` inside an open transaction (see `RecordBackend.editAccount`), for an import's update of an account.
    func editAccount(_ connection: Connection, _ id: Int64, expectedVersion: Int?, note: String,
                     _ change: (inout Account) throws -> Void) throws -> Account {
        try backend.editAccount(connection, id, expectedVersion: expectedVersion, note: note, change)
    }

    /// The checks of a plain edit (see `RecordBackend.checkAccountEdit`), for an import's update of an account.
    func checkAccountEdit(_ connection: Connection, old: Account, new: Account) throws {
        try backend.checkAccountEdit(connection, old: old, new: new)
    }

    public func deleteAccount(_ id: Int64) throws {
        try write { connection in
            guard let row = try connection.queryOne("SELECT name FROM account WHERE id = ? FOR UPDATE", [.int(id)]) else {
                throw StoreError.notFound(entity: "account", id: id)
            }
            let deals = try connection.queryOne("SELECT count(*) AS n FROM deal WHERE account_id = ?", [.int(id)])?.int("n") ?? 0
            let ownership = try requireAccess(connection, account: id, .write)
            // Once the store has users, only the owner or a manager deletes.
            if try knownActor(connection).isRestricted, ownership.owner != actor {
                throw StoreError.refused(.deleteOwnerOnly(account: id, owner: ownership.owner))
            }
            guard deals == 0 else {
                throw StoreError.refused(.accountHasDeals(account: id, deals: deals))
            }
            try connection.execute("DELETE FROM account WHERE id = ?", [.int(id)])
            try log(connection, event("account", id, "deleted", note: try row.string("name"), account: id))
        }
    }

    /// The accounts a query selects, over `account a`: text, grades, owner, the query-language
    /// conditions and what the actor may see. Shared by the table and the quadrant summary.
    static func accountFilter(_ query: AccountQuery, as who: Actor) -> SQLConditions {
        var filter = SQLConditions()
        if !query.text.isEmpty { filter.addSearch(query.text, alias: "a") }
        if !query.grades.isEmpty { filter.add("a.grade", in: query.grades.map(\.rawValue).sorted()) }
        if let owner = query.owner { filter.add("a.owner = ?", [.text(owner)]) }
        filter.add(conditions: query.conditions, me: who.name)
        filter.restrict(to: who)
        return filter
    }


}
