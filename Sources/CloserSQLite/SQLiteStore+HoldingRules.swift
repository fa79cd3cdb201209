import CloserCore
import Foundation
import GRDB

/// Who may come to hold an account (the rules are CloserCore's TeamLookup checks): the pool
/// rules' per-rep limit and the team's names, for the ownership actions and a new account.
extension SQLiteStore {
    /// Refuses a name the team does not know (once there is a team), and a rep at the limit.
    static func requireCanHold(_ db: Database, _ name: String, what: Subject) throws {
        try SQLiteTeam(db: db).requireCanHold(name, what: what)
    }

    /// The checks of `addAccount` once the store has users (see `TeamLookup.checkAccountAdd`).
    func checkAccountAdd(_ db: Database, _ account: Account) throws {
        try SQLiteTeam(db: db).checkAccountAdd(account, by: try knownActor(db))
    }
}

/// The team as the rules ask about it, read in the caller's transaction.
struct SQLiteTeam: TeamLookup {
    let db: Database

    func hasTeam() throws -> Bool { try Bool.fetchOne(db, sql: "SELECT 1 FROM user LIMIT 1") == true }

    func role(of name: String) throws -> UserRole? {
        try String.fetchOne(db, sql: "SELECT role FROM user WHERE name = ?", arguments: [name]).flatMap(UserRole.init(rawValue:))
    }

    func poolRules() throws -> PoolRules { try SQLiteStore.poolRules(db) }

    func heldCount(of name: String) throws -> Int { try SQLiteStore.heldCount(db, name) }
}
