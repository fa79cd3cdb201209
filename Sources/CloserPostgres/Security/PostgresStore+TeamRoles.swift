import CloserCore

/// `closer user add|remove` on a server: each user is a login role of the cluster in the group of
/// their role (RoleSQL). The server's own function does the work as the schema's owner, who may
/// create roles, and checks that the caller is a manager or the administrator.
extension PostgresStore {
    /// What becomes of the login role's password.
    public enum LoginPassword: Sendable, Equatable {
        /// Left as it is: a new role has none, so the site's own authentication (peer, LDAP,
        /// Kerberos, as pg_hba.conf says) is what lets the user in.
        case unchanged
        case set(String)
    }

    /// Adds or changes a user: their login role (made when missing), their group, a password
    /// when given, and their row. A demotion binds on the user's next statement: the policies
    /// read the row on each statement.
    public func saveTeamMember(_ user: User, password: LoginPassword) throws {
        let name = user.name.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { throw StoreError.invalid(.userNeedsName) }
        try Validation.requirePlainText(name, field: "user name")
        try Validation.requirePlainText(user.displayName, field: "display name")
        var secret: SQLValue = .null
        var setsPassword = false
        if case .set(let text) = password {
            guard !text.isEmpty else { throw StoreError.invalid(.emptyPassword) }
            secret = .text(text)
            setsPassword = true
        }
        try write { connection in
            try connection.execute("SELECT closer_save_user(?, ?, ?, ?, ?)",
                                   [.text(name), .text(user.role.rawValue), .text(user.displayName), .bool(setsPassword), secret])
            try log(connection, event("user", 0, "saved", ["role": FieldChange(old: nil, new: user.role.rawValue)], note: name, account: nil))
        }
    }

    /// Removes a user: their row and their group go, so their next statement reads and changes
    /// nothing. Their login role stays (the site may use it elsewhere), with NOLOGIN when Closer's
    /// group was all it had. False when the store had no such user.
    @discardableResult
    public func removeTeamMember(_ name: String) throws -> Bool {
        try write { connection in
            let removed = try connection.queryOne("SELECT closer_remove_user(?) AS removed", [.text(name)])?.bool("removed") ?? false
            if removed { try log(connection, event("user", 0, "removed", note: name, account: nil)) }
            return removed
        }
    }
}
