import CloserCore

extension PostgresStore {
    /// A statement the server refused, explained. Removing a user takes their login out of
    /// Closer's groups, and from then on every table is forbidden to it: the user is told they
    /// are no longer on the team, as a file store tells them, not the server's words about a table.
    func explained(_ error: StoreError) -> StoreError {
        switch error {
        // A pipelined read may report the statement after the forbidden one, in the words of
        // the transaction it aborted.
        case .refused(.serverForbids), .refused(.storeFailure): break
        default: return error
        }
        guard loginLeftTheTeam() else { return error }
        return .refused(.notAUser(actor))
    }

    /// Whether this handle's login is in none of Closer's groups (and no superuser). Asked on a
    /// connection the pool already holds: a removed login may not open a new one. Unsure is no.
    private func loginLeftTheTeam() -> Bool {
        let member = try? pool.withConnection { connection in
            try connection.queryOne("""
                SELECT pg_has_role(session_user, ?, 'MEMBER') OR pg_has_role(session_user, ?, 'MEMBER')
                       OR coalesce((SELECT rolsuper FROM pg_roles WHERE rolname = session_user), false) AS member
                """, [.text(RoleSQL.repGroup), .text(RoleSQL.managerGroup)])?.bool("member")
        }
        return member == false
    }
}
