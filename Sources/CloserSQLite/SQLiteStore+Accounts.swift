import CloserCore
import CloserStoreKit
import Foundation
import GRDB

extension SQLiteStore {
    static func invalid(_ issues: [ValidationIssue]) -> StoreError {
        .invalid(.fields(issues))
    }

    public func addAccount(_ account: Account) throws -> Account {
        var account = account
        let now = clock()
        account.id = account.id > 0 ? account.id : 0
        account.version = 1
        account.createdAt = now
        account.updatedAt = now
        let issues = Validation.issues(account)
        guard issues.isEmpty else { throw Self.invalid(issues) }
        return try write { db in
            if account.id > 0, try Bool.fetchOne(db, sql: "SELECT 1 FROM account WHERE id = ?", arguments: [account.id]) == true {
                throw StoreError.duplicate(.accountIDTaken(account.id))
            }
            // Roles, the team and the per-rep limit (SQLiteStore+HoldingRules).
            try checkAccountAdd(db, account)
            // The duplicate check (查重): a rep does not add a second copy of an account another holds.
            let hidden = try Self.hiddenAccounts(db, .name(account.name), who: try knownActor(db))
            if hidden.exist {
                throw StoreError.duplicate(.hiddenDuplicate(hidden))
            }
            var values = account.columnValues(searchKey: account.searchKey, updatedBy: actor)
            if account.id == 0 { values[0] = nil }
            try db.execute(sql: SQLText.insert(into: "account", columns: Account.columns), arguments: StatementArguments(values))
            account.id = db.lastInsertedRowID
            try log(db, event("account", account.id, "created", note: account.name, account: account.id))
            return account
        }
    }

    public func account(_ id: Int64) throws -> Account {
        try read { db in
            try requireAccess(db, account: id, .read)
            return Account(row: try Self.fetchRow(db, "account", id: id))
        }
    }

    public func updateAccount(_ account: Account) throws -> Account {
        try editAccount(account.id, expectedVersion: account.version) { $0 = account }
    }

    public func editAccount(_ id: Int64, expectedVersion: Int?, _ change: (inout Account) throws -> Void) throws -> Account {
        try backend.editAccount(id, expectedVersion: expectedVersion, change)
    }

    public func deleteAccount(_ id: Int64) throws {
        try write { db in
            let deals = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM deal WHERE account_id = ?", arguments: [id]) ?? 0
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM account WHERE id = ?", arguments: [id]) == true else {
                throw StoreError.notFound(entity: "account", id: id)
            }
            try checkAccountDelete(db, id: id)
            guard deals == 0 else {
                throw StoreError.refused(.accountHasDeals(account: id, deals: deals))
            }
            let name = try String.fetchOne(db, sql: "SELECT name FROM account WHERE id = ?", arguments: [id]) ?? ""
            try db.execute(sql: "DELETE FROM account WHERE id = ?", arguments: [id])
            try log(db, event("account", id, "deleted", note: name, account: id))
        }
    }

    /// The accounts a query selects, over `account a`: text, grades, owner, the query-language
    /// conditions and what the actor may see. Shared by the table and the quadrant summary.
    static func accountFilter(_ query: AccountQuery, as who: Actor) -> SQLFilter {
        var filter = SQLFilter()
        if !query.text.isEmpty { filter.add("a.search_key LIKE ? ESCAPE '\\'", ["%" + SearchText.pattern(for: query.text) + "%"]) }
        if !query.grades.isEmpty { filter.add("a.grade", in: query.grades.map(\.rawValue).sorted()) }
        if let owner = query.owner { filter.add("a.owner = ?", [owner]) }
        filter.add(conditions: query.conditions, me: who.name)
        filter.restrict(to: who)
        return filter
    }
}
