import CloserCore
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
    /// Applies `change` to the row as it is now — refused first if `expectedVersion` is given and
    /// someone saved the row since — and saves it: the fields `change` left alone keep what is
    /// stored, so two people editing different fields both keep their edit. `check` sees the row
    /// before and after, and may refuse. Returns both.
    func saveEdited<Record: ServerVersioned>(_ connection: Connection, _ type: Record.Type, id: Int64, expectedVersion: Int?,
                                             change: (inout Record) throws -> Void,
                                             check: (Record, Record) throws -> Void) throws -> (old: Record, new: Record) {
        let old = try Record(pg: try currentRow(connection, table: Record.table, id: id, expected: expectedVersion))
        var updated = old
        try change(&updated)
        guard updated.id == id else { throw StoreError.invalid("\(Record.table) \(id): the id of a row cannot change") }
        try check(old, updated)
        updated.version = old.version + 1
        updated.createdAt = old.createdAt
        updated.updatedAt = clock()
        var values = updated.pgValues(updatedBy: actor)
        values.removeFirst()
        try connection.execute(StatementText.update(Record.table, columns: Record.pgColumns), values + [.int(id), .int(old.version)])
        return (old, updated)
    }

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
            throw StoreError.duplicate("an account with id \(account.id) exists already")
        }
        // Roles, the team and the per-rep limit.
        try PostgresTeam(connection: connection).checkAccountAdd(account, by: try knownActor(connection))
        // The duplicate check (查重): a rep does not add a second copy of an account another holds.
        let hidden = try Self.hiddenAccounts(connection, .name(account.name), who: try knownActor(connection))
        if hidden.exist {
            throw StoreError.duplicate(hidden.text.en + ": ask them or a manager to share or assign it to you (nothing was added)")
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
        try write { connection in try editAccount(connection, id, expectedVersion: expectedVersion, note: "", change) }
    }

    /// `editAccount` inside an open transaction, its log row noted (an undo says which change it takes back).
    func editAccount(_ connection: Connection, _ id: Int64, expectedVersion: Int?, note: String, _ change: (inout Account) throws -> Void) throws -> Account {
        do {
            let (old, updated) = try saveEdited(connection, Account.self, id: id, expectedVersion: expectedVersion, change: change) { old, new in
                let issues = Validation.issues(new)
                guard issues.isEmpty else { throw Self.invalid(issues) }
                try checkAccountEdit(connection, old: old, new: new)
            }
            var changes = FieldDiff.between(old, updated)
            if old.quadrant != updated.quadrant {
                changes["quadrant"] = FieldChange(old: old.quadrant.rawValue, new: updated.quadrant.rawValue)
            }
            let scoresChanged = changes["assistance"] != nil || changes["loyalty"] != nil
            try log(connection, event("account", id, scoresChanged ? "scores" : "updated", changes, note: note, account: id, version: updated.version))
            if old.name != updated.name {
                try refreshDealSearchKeys(connection, accountID: id, accountName: updated.name)
            }
            return updated
        }
    }

    /// The checks of a plain edit: the actor may change the account, and a rep changes neither
    /// owner, visibility nor share list by editing it — those go through the ownership actions.
    func checkAccountEdit(_ connection: Connection, old: Account, new: Account) throws {
        try requireAccess(connection, account: old.id, .write)
        if try knownActor(connection).isRestricted, old.owner != new.owner || old.visibility != new.visibility || old.sharedWith != new.sharedWith {
            throw StoreError.refused("a rep cannot change who holds account \(old.id) by editing it: use `closer account "
                + "assign/share/unshare/exclusive/return/claim` (nothing was saved)")
        }
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
                throw StoreError.refused("only \(ownership.owner.map { "\($0) (its owner)" } ?? "a manager, since it is in the pool,")"
                    + "\(ownership.owner == nil ? "" : " or a manager") can delete account \(id)")
            }
            guard deals == 0 else {
                throw StoreError.refused("account \(id) has \(deals) deal(s); delete or move them first (nothing was deleted)")
            }
            try connection.execute("DELETE FROM account WHERE id = ?", [.int(id)])
            try log(connection, event("account", id, "deleted", note: try row.string("name"), account: id))
        }
    }

    /// The accounts a query selects, over `account a`: text, grades, owner, the query-language
    /// conditions and what the actor may see. Shared by the table and the quadrant summary.
    static func accountFilter(_ query: AccountQuery, as who: Actor) -> SQLConditions {
        var filter = SQLConditions()
        if !query.text.isEmpty { filter.add("a.search_key LIKE ? ESCAPE '\\'", [.text("%" + SearchText.pattern(for: query.text) + "%")]) }
        if !query.grades.isEmpty { filter.add("a.grade", in: query.grades.map(\.rawValue).sorted()) }
        if let owner = query.owner { filter.add("a.owner = ?", [.text(owner)]) }
        filter.add(conditions: query.conditions, me: who.name)
        filter.restrict(to: who)
        return filter
    }

    /// A deal is found by its account's name too: a renamed account's deals get new keys.
    func refreshDealSearchKeys(_ connection: Connection, accountID: Int64, accountName: String) throws {
        for row in try connection.query("SELECT id, title FROM deal WHERE account_id = ?", [.int(accountID)]) {
            let key = Deal.searchKey(title: try row.string("title"), accountName: accountName)
            try connection.execute("UPDATE deal SET search_key = ? WHERE id = ?", [.text(key), .int(try row.int64("id"))])
        }
    }
}
