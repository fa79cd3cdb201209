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
    mutating func restrict(accountColumn column: String, to actor: Actor) {
        guard let viewer = actor.viewer, viewer.role == .rep else { return }
        add("\(column) IN (SELECT v.id FROM account v WHERE \(VisibilitySQL.visibleToRep("v")))", VisibilitySQL.arguments(for: viewer.name))
    }
}

extension Actor {
    /// True when reads must be limited by account (a rep).
    var isRestricted: Bool { viewer?.role == .rep }
}

enum VisibilitySQL {
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
