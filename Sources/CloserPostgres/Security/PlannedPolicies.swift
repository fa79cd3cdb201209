/// Schema version 12: the same row-level security rule (version 10), written so PostgreSQL plans
/// it once per statement instead of calling functions for every row.
///
/// Version 10's policies called `closer_is_manager()`, `closer_role()` and
/// `closer_may_read(account_id)` on every row a statement touched. Functions whose body holds a
/// subquery are never inlined, so each call ran a little query of its own: a manager's count of
/// 630 deals cost 80 ms, a stand-up read over a second. Here the role is asked once per statement
/// (an uncorrelated `(SELECT …)` is an init plan), and "the account of this row is one you may
/// read" is an `EXISTS` on `account`, whose own policy PostgreSQL applies and probes by its key.
///
/// The rule does not change: who may see and change what is the same row for row (the
/// visibility matrix and the raw-SQL tests run against these policies). A manager reads every
/// account, so a manager passes before the probe; the rows hanging from an account cannot
/// outlive it (`account_id` is NOT NULL and a foreign key), so nothing more is visible to them.
enum PlannedPolicies {
    static let version = 12

    /// With the log's append at commit (EventLog), what a team of fifty writing at once needs.
    static var migration: PostgresSchema.Migration {
        PostgresSchema.Migration(version: version, name: "row security planned once per statement, the log appended at commit",
                                 statements: statements + EventLog.statements)
    }

    /// Asked once per statement, not per row.
    static let isManager = "(SELECT closer_is_manager())"
    static let isRep = "(SELECT closer_role()) = 'rep'"

    static func reads(_ a: String) -> String { "(\(isManager) OR (\(isRep) AND \(RowSecuritySQL.repReads(a))))" }
    static func writes(_ a: String) -> String { "(\(isManager) OR (\(isRep) AND \(RowSecuritySQL.repWrites(a))))" }

    /// The account `table.account_id` is one the caller may read (the account's policy decides).
    static func readsAccountOf(_ table: String) -> String {
        "(\(isManager) OR EXISTS (SELECT 1 FROM account a WHERE a.id = \(table).account_id))"
    }

    static var statements: [String] {
        [
            "ALTER POLICY account_read ON account USING \(reads("account"))",
            """
            ALTER POLICY account_add ON account WITH CHECK (\(isManager)
                OR (\(isRep) AND (owner = current_user OR owner IS NULL OR visibility = 'pool')))
            """,
            "ALTER POLICY account_change ON account USING \(reads("account")) WITH CHECK (true)",
            "ALTER POLICY account_delete ON account USING \(writes("account"))",
        ] + RowSecuritySQL.accountChildren.flatMap { table in
            [
                "ALTER POLICY \(table)_read ON \(table) USING \(readsAccountOf(table))",
                "ALTER POLICY \(table)_change ON \(table) USING \(readsAccountOf(table)) WITH CHECK (closer_may_write(account_id))",
            ]
        } + [
            """
            ALTER POLICY event_read ON event USING (\(isManager) OR (\(isRep) AND (
                EXISTS (SELECT 1 FROM account a WHERE a.id = event.account_id)
                OR (account_id IS NULL AND entity NOT IN \(RowSecuritySQL.accountEntities)
                    AND (entity IN ('process', 'user', 'pool') OR "user" = current_user)))))
            """,
        ] + RowSecuritySQL.perRepSums.map { table in
            "ALTER POLICY \(table)_read ON \(table) USING (\(isManager) OR (\(isRep) AND owner = current_user))"
        } + [
            """
            ALTER POLICY account_health_rows ON account_health
                USING (\(readsAccountOf("account_health")) OR closer_account_gone(account_id))
                WITH CHECK (\(readsAccountOf("account_health")) OR closer_account_gone(account_id))
            """,
            """
            ALTER POLICY saved_filter_read ON saved_filter USING (\(isManager) OR (\(isRep) AND (owner = current_user
                OR owner IN (SELECT name FROM "user" WHERE role = 'manager'))))
            """,
            "ALTER POLICY saved_filter_add ON saved_filter WITH CHECK (\(isManager) OR (\(isRep) AND owner = current_user))",
            """
            ALTER POLICY saved_filter_change ON saved_filter USING (\(isManager) OR (\(isRep) AND owner = current_user))
                WITH CHECK (\(isManager) OR (\(isRep) AND owner = current_user))
            """,
            "ALTER POLICY saved_filter_delete ON saved_filter USING (\(isManager) OR (\(isRep) AND owner = current_user))",
        ]
    }
}
