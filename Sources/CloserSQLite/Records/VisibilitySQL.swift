import CloserCore
import GRDB

/// The store's side of the one visibility rule (`AccountOwnership.access(for:)`): who is acting,
/// the SQL that limits a read to what they may see, and the check before a write.
extension SQLiteStore {
    /// The actor as the user table knows them in this transaction.
    static func actor(_ db: Database, _ name: String) throws -> Actor {
        guard try Bool.fetchOne(db, sql: "SELECT 1 FROM user LIMIT 1") == true else { return .anyone(name) }
        guard let role = try String.fetchOne(db, sql: "SELECT role FROM user WHERE name = ?", arguments: [name]) else {
            return .stranger(name)
        }
        return .member(Viewer(name: name, role: UserRole(rawValue: role) ?? .rep))
    }

    public func whoIsActing() throws -> Actor {
        try read { db in try Self.actor(db, actor) }
    }

    /// The actor, refused when the user table does not know them: a stranger is told how to be
    /// added instead of being shown an empty store.
    func knownActor(_ db: Database) throws -> Actor {
        let who = try Self.actor(db, actor)
        if case .stranger(let name) = who { throw StoreError.refused(Actor.notAUserMessage(name)) }
        return who
    }

    /// A read transaction that knows who is reading.
    func readAsActor<T>(_ body: (Database, Actor) throws -> T) throws -> T {
        try read { db in try body(db, try knownActor(db)) }
    }

    /// The account's holding when the actor has at least `wanted` access to it; else the
    /// refusal naming `subject` ("deal 12") and the account's owner, nothing more.
    @discardableResult
    func requireAccess(_ db: Database, account accountID: Int64, _ wanted: AccountAccess, subject: String? = nil) throws -> AccountOwnership {
        let who = try knownActor(db)
        let (_, ownership) = try Self.fetchOwnership(db, accountID)
        guard ownership.access(for: who) >= wanted else {
            throw StoreError.refused(ownership.refusal(for: who, subject: subject ?? "account \(accountID)"))
        }
        return ownership
    }

    /// Team-wide settings (processes, users, pool rules, whole-store imports): a manager's, or
    /// anyone's while the store has no users.
    func requireTeamAdmin(_ db: Database, to verb: String) throws {
        let who = try knownActor(db)
        guard who.isTeamAdmin else { throw StoreError.refused("only a manager can \(verb); you are \(who.described)") }
    }
}

extension SQLFilter {
    /// Limits `account <alias>` to what the actor may see. A manager and anyone in a store
    /// without users see everything; a stranger never gets this far (`knownActor`).
    mutating func restrict(_ alias: String = "a", to actor: Actor) {
        guard let viewer = actor.viewer, viewer.role == .rep else { return }
        add(VisibilitySQL.visibleToRep(alias), VisibilitySQL.arguments(for: viewer.name))
    }

    /// Limits rows with an account id column to the accounts the actor may see.
    mutating func restrict(accountColumn column: String, to actor: Actor, checking: VisibleAccountCheck = .asSet) {
        guard let viewer = actor.viewer, viewer.role == .rep else { return }
        add(VisibilitySQL.visibleAccount(column, checking), VisibilitySQL.arguments(for: viewer.name))
    }
}

/// How a rep's read meets the accounts they may see. The two give the same rows; they differ in
/// cost by how many rows the read touches (measured on the 100k store: the five newest
/// activities of one deal took 16 ms as a set and under 1 ms row by row; counting 160k
/// activities took 0.1 s as a set and 1.2 s row by row).
enum VisibleAccountCheck {
    /// The visible accounts made once per statement (a scan of the account table): for reads
    /// that aggregate or scan many rows.
    case asSet
    /// Each row's account looked up by its key: for reads of one account's or one deal's rows,
    /// and for short pages taken in index order.
    case perRow
}

enum VisibilitySQL {
    /// `column` names an account the rep may see; takes the arguments of `arguments(for:)`.
    static func visibleAccount(_ column: String, _ checking: VisibleAccountCheck) -> String {
        switch checking {
        case .asSet: "\(column) IN (SELECT v.id FROM account v WHERE \(visibleToRep("v")))"
        case .perRow: "EXISTS (SELECT 1 FROM account v WHERE v.id = \(column) AND \(visibleToRep("v")))"
        }
    }

    /// A condition on an account alias, taking the arguments of `arguments(for:)`.
    static func visibleToRep(_ alias: String) -> String {
        "(\(alias).visibility = 'pool' OR \(alias).owner IS NULL OR \(alias).owner = ? "
            + "OR (\(alias).visibility != 'exclusive' AND instr(\(alias).shared_with, ?) > 0))"
    }

    static func arguments(for name: String) -> [(any DatabaseValueConvertible)?] {
        [name, sharedNeedle(name)]
    }

    /// The name as it appears inside the JSON list column (`["a","b"]` → `"a"`), quoted and
    /// escaped by the same encoder, so `li` never matches `li.na`.
    static func sharedNeedle(_ name: String) -> String {
        let list = ColumnCoding.strings([name])
        return String(list.dropFirst().dropLast())
    }
}
