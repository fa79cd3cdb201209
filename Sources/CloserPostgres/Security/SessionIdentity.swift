import CloserCore

/// Who a connection is on the server. A member of the team is held to the rules by the server
/// itself, so the store acts as that role and no other: the event log's author is `current_user`,
/// never a name the client claims. The store's administrator (a superuser, a role that bypasses
/// row security, or the owner of the store's tables) is held by nothing on the server and may act
/// for any user, as it could with psql; acting as itself it is the team's manager.
public struct SessionIdentity: Sendable, Equatable {
    /// `current_user`: the role every statement runs as.
    public let role: String
    public let administers: Bool

    static func read(_ connection: Connection) throws -> SessionIdentity {
        guard let row = try connection.queryOne("""
            SELECT current_user::text AS role,
                   (r.rolsuper OR r.rolbypassrls
                    OR EXISTS (SELECT 1 FROM pg_class c WHERE c.oid = to_regclass('account') AND pg_has_role(current_user, c.relowner, 'USAGE')))
                   AS administers
            FROM pg_roles r WHERE r.rolname = current_user
            """) else {
            throw PostgresFailure.programming("the server did not say who is connected")
        }
        return SessionIdentity(role: try row.string("role"), administers: try row.bool("administers"))
    }

    /// Refuses acting as anyone but the connected role, unless the connection administers the store.
    func requireActing(as actor: String, location: String) throws {
        guard !administers, actor != role else { return }
        throw StoreError.refused(.claimedOtherRole(claimed: actor, role: role, location: location))
    }

    /// One line: on a server you are the role you connect as.
    public static func claimRefusal(claimed: String, role: String, location: String) -> String {
        Refusal.claimedOtherRole(claimed: claimed, role: role, location: location).description
    }
}

extension PostgresStore {
    /// The role this handle is connected as, and whether it administers the store.
    public var sessionIdentity: SessionIdentity { session }

    /// The actor as the user table knows them in this transaction. A member's connection acts
    /// as its own role only (a handle made with `acting(as:)` for another name is refused); the
    /// administrator acting as itself is a manager whether or not the user table names it.
    func actingActor(_ connection: Connection) throws -> Actor {
        try session.requireActing(as: actor, location: location)
        return try actingActor(from: try connection.queryReusingPlan("SELECT \(Self.actorColumns)", [.text(actor)]).first)
    }

    /// The actor from a row carrying `actorColumns`.
    func actingActor(from row: SQLRow?) throws -> Actor {
        let who = try Self.actor(from: row, actor)
        if session.administers, actor == session.role, case .stranger(let name) = who {
            return .member(Viewer(name: name, role: .manager))
        }
        return who
    }
}
