import CloserCore
import Foundation

/// The server's side of the one visibility rule (`AccountOwnership.access(for:)`): who is
/// acting, the SQL that limits a read to what they may see, and the check before a write.
extension PostgresStore {
    /// The actor as the user table knows them in this transaction.
    static func actor(_ connection: Connection, _ name: String) throws -> Actor {
        try actor(from: try connection.queryOne("SELECT \(actorColumns)", [.text(name)]), name)
    }

    /// What the user table says of the actor (named by the one value these columns take), as
    /// columns any statement can carry along.
    static let actorColumns = #"EXISTS (SELECT 1 FROM "user") AS closer_team, (SELECT role FROM "user" WHERE name = ?) AS closer_role"#

    static func actor(from row: SQLRow?, _ name: String) throws -> Actor {
        guard try row?.bool("closer_team") == true else { return .anyone(name) }
        guard let role = try row?.optionalText("closer_role") else { return .stranger(name) }
        return .member(Viewer(name: name, role: UserRole(rawValue: role) ?? .rep))
    }

    public func whoIsActing() throws -> Actor {
        try read { connection in try actingActor(connection) }
    }

    /// The actor, refused when the user table does not know them: a stranger is told how to be
    /// added instead of being shown an empty store.
    func knownActor(_ connection: Connection) throws -> Actor {
        let who = try actingActor(connection)
        if case .stranger(let name) = who { throw StoreError.refused(.notAUser(name)) }
        return who
    }

    /// The account's holding when the actor has at least `wanted` access to it; else the
    /// refusal naming `subject` ("deal 12") and the account's owner, nothing more.
    @discardableResult
    func requireAccess(_ connection: Connection, account accountID: Int64, _ wanted: AccountAccess, subject: Subject? = nil) throws -> AccountOwnership {
        let who = try knownActor(connection)
        let (_, ownership) = try Self.fetchOwnership(connection, accountID)
        guard ownership.access(for: who) >= wanted else {
            throw StoreError.refused(ownership.refusal(for: who, subject: subject ?? .account(accountID)))
        }
        return ownership
    }

    /// Team-wide settings (processes, users, pool rules, whole-store imports): a manager's, or
    /// anyone's while the store has no users.
    func requireTeamAdmin(_ connection: Connection, to verb: ManagerAct) throws {
        let who = try knownActor(connection)
        guard who.isTeamAdmin else { throw StoreError.refused(.managerOnly(verb, you: who)) }
    }

    static func fetchOwnership(_ connection: Connection, _ id: Int64) throws -> (Account, AccountOwnership) {
        try ownership(of: try fetchRow(connection, "account", id: id), id)
    }

    static func ownership(of row: SQLRow, _ id: Int64) throws -> (Account, AccountOwnership) {
        let account = try Account(pg: row)
        let ownership = AccountOwnership(
            accountID: id, owner: account.owner, visibility: account.visibility, sharedWith: account.sharedWith,
            isProtected: try row.bool("protected") || account.visibility == .protected,
            ownedSince: try row.optionalDouble("owned_since").map { Date(timeIntervalSince1970: $0) },
            returnedReason: try row.optionalText("returned_reason"))
        return (account, ownership)
    }

    /// What a write starts from: an account, or the account of a deal.
    enum WriteTarget {
        case account(Int64)
        case accountOfDeal(Int64)
    }

    /// The account a write changes, locked until the transaction ends, once the actor may write
    /// it: who is acting, the account and its lock in one statement (they were four: a write's
    /// round trips are what fifty reps at once wait on). When the statement finds no row (no such
    /// deal or account, or one the actor may not read) the checks run one by one, to refuse
    /// with the very words they always used.
    @discardableResult
    func lockWritableAccount(_ connection: Connection, _ target: WriteTarget, subject: Subject) throws -> Account {
        try session.requireActing(as: actor, location: location)
        let (condition, id): (String, Int64) = switch target {
        case .account(let id): ("a.id = ?", id)
        case .accountOfDeal(let id): ("a.id = (SELECT d.account_id FROM deal d WHERE d.id = ?)", id)
        }
        if let row = try connection.queryOne("SELECT \(Self.actorColumns), a.* FROM account a WHERE \(condition) FOR UPDATE OF a",
                                             [.text(actor), .int(id)]) {
            let who = try actingActor(from: row)
            if case .stranger(let name) = who { throw StoreError.refused(.notAUser(name)) }
            let (account, ownership) = try Self.ownership(of: row, try row.int64("id"))
            guard ownership.access(for: who) >= .write else { throw StoreError.refused(ownership.refusal(for: who, subject: subject)) }
            return account
        }
        let accountID: Int64 = switch target {
        case .account(let id): id
        case .accountOfDeal(let id): try Deal(pg: try Self.fetchRow(connection, "deal", id: id)).accountID
        }
        try requireAccess(connection, account: accountID, .write, subject: subject)
        try Self.lockAccount(connection, accountID)
        return try Account(pg: try Self.fetchRow(connection, "account", id: accountID))
    }
}

/// The rule's SQL: what a rep may see of `account <alias>`.
enum VisibilitySQL {
    /// A condition on an account alias, taking the values of `values(for:)`.
    static func visibleToRep(_ alias: String) -> String {
        "(\(alias).visibility = 'pool' OR \(alias).owner IS NULL OR \(alias).owner = ? "
            + "OR (\(alias).visibility <> 'exclusive' AND strpos(\(alias).shared_with, ?) > 0))"
    }

    static func values(for name: String) -> [SQLValue] {
        [.text(name), .text(sharedNeedle(name))]
    }

    /// The condition for the rep `name` on an account alias, the name written into it. A page the
    /// server keeps (Connection+Reuse) with values is planned anew for them each time when the
    /// plan it would keep for every value looks dearer (a rep's deal page: 0.8 ms of planning
    /// for 0.1 ms of work); with the name in its text, a rep's page has no values and is planned
    /// once. A handle reads for one person, so this adds one kept statement, not one per read.
    static func visibleTo(_ name: String, alias: String) -> String {
        "(\(alias).visibility = 'pool' OR \(alias).owner IS NULL OR \(alias).owner = \(literal(name)) "
            + "OR (\(alias).visibility <> 'exclusive' AND strpos(\(alias).shared_with, \(literal(sharedNeedle(name)))) > 0))"
    }

    /// `text` as a string constant: an escape string (E'…'), whose backslashes mean the same
    /// whatever the server's `standard_conforming_strings`, its quotes doubled (which
    /// `Placeholders` reads as the constant going on, so a `?` in a name is never a parameter).
    static func literal(_ text: String) -> String {
        "E'" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "''") + "'"
    }

    /// The name as it appears inside the JSON list column (`["a","b"]` → `"a"`), quoted and
    /// escaped by the same encoder, so `li` never matches `li.na`.
    static func sharedNeedle(_ name: String) -> String {
        String(ColumnCoding.strings([name]).dropFirst().dropLast())
    }
}

extension SQLConditions {
    /// Limits `account <alias>` to what the actor may see. A manager and anyone in a store
    /// without users see everything; a stranger never gets this far (`knownActor`).
    mutating func restrict(_ alias: String = "a", to actor: Actor) {
        guard let viewer = actor.viewer, viewer.role == .rep else { return }
        add(VisibilitySQL.visibleTo(viewer.name, alias: alias))
    }

    /// Limits rows with an account id column to the accounts the actor may see.
    mutating func restrict(accountColumn column: String, to actor: Actor) {
        guard let viewer = actor.viewer, viewer.role == .rep else { return }
        add("\(column) IN (SELECT v.id FROM account v WHERE \(VisibilitySQL.visibleTo(viewer.name, alias: "v")))")
    }
}

/// The team as the ownership rules ask about it, read in the caller's transaction.
struct PostgresTeam: TeamLookup {
    let connection: Connection

    func hasTeam() throws -> Bool { try connection.queryOne(#"SELECT 1 AS x FROM "user" LIMIT 1"#) != nil }

    func role(of name: String) throws -> UserRole? {
        try connection.queryOne(#"SELECT role FROM "user" WHERE name = ?"#, [.text(name)]).flatMap { UserRole(rawValue: try $0.string("role")) }
    }

    func poolRules() throws -> PoolRules { try PostgresStore.poolRules(connection) }

    func heldCount(of name: String) throws -> Int { try PostgresStore.heldCount(connection, name) }
}
