/// The one visibility rule (CloserCore's `AccountOwnership.access(for:)`) as row-level security
/// policies, so the server holds every connection to it — the dashboard's and a rep's own psql.
///
/// The rule is written once, on `account`; everything that hangs from an account asks for its
/// account row, which the account's policies filter in turn. Who is acting is `current_user`,
/// and their role is read from the store's "user" table on each statement. The schema's owner
/// (the administrator, and the triggers that keep the derived tables) is not held by policies,
/// as PostgreSQL never holds a table's owner unless told to.
enum RowSecuritySQL {
    /// What a rep may read of account `a`: their own, the pool, and what is shared with them
    /// unless exclusive.
    static func repReads(_ a: String) -> String {
        "(\(a).owner = current_user OR \(a).owner IS NULL OR \(a).visibility = 'pool' "
            + "OR (\(a).visibility <> 'exclusive' AND \(a).shared_with::jsonb ? current_user))"
    }

    /// What a rep may change: their own, and what is shared with them unless exclusive or protected.
    static func repWrites(_ a: String) -> String {
        "(\(a).owner = current_user OR (\(a).owner IS NOT NULL AND \(a).visibility NOT IN ('pool', 'exclusive', 'protected') "
            + "AND NOT \(a).protected AND \(a).shared_with::jsonb ? current_user))"
    }

    static let isManager = "closer_is_manager()"
    static let isRep = "closer_role() = 'rep'"

    static func reads(_ a: String) -> String { "(\(isManager) OR (\(isRep) AND \(repReads(a))))" }
    static func writes(_ a: String) -> String { "(\(isManager) OR (\(isRep) AND \(repWrites(a))))" }

    /// The policies' building blocks. They run as the caller (so `current_user` is who connected),
    /// except the few marked SECURITY DEFINER that must see past the caller's rows. Their bodies
    /// are SQL-standard (`RETURN …`): the tables they name are bound when they are created, so a
    /// caller's own temporary "user" table or search path cannot stand in for the store's.
    static let functions: [String] = [
        """
        CREATE FUNCTION closer_role() RETURNS text LANGUAGE sql STABLE RETURN (
            SELECT role FROM "user" WHERE name = current_user
        )
        """,
        """
        CREATE FUNCTION closer_is_manager() RETURNS boolean LANGUAGE sql STABLE RETURN (
            SELECT coalesce(closer_role() = 'manager', false)
        )
        """,
        // Seen through the caller's own policies on account.
        """
        CREATE FUNCTION closer_may_read(p_account bigint) RETURNS boolean LANGUAGE sql STABLE RETURN (
            SELECT EXISTS (SELECT 1 FROM account a WHERE a.id = p_account)
        )
        """,
        """
        CREATE FUNCTION closer_may_write(p_account bigint) RETURNS boolean LANGUAGE sql STABLE RETURN (
            SELECT EXISTS (SELECT 1 FROM account a WHERE a.id = p_account AND \(writes("a")))
        )
        """,
        // A row deleted in the same transaction is logged after it is gone.
        """
        CREATE FUNCTION closer_account_gone(p_account bigint) RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER RETURN (
            SELECT NOT EXISTS (SELECT 1 FROM account WHERE id = p_account)
        )
        """,
        // The entity a log row names hangs from the account it says (or is gone).
        """
        CREATE FUNCTION closer_event_fits(p_entity text, p_entity_id bigint, p_account bigint) RETURNS boolean
        LANGUAGE sql STABLE SECURITY DEFINER RETURN (
            SELECT CASE p_entity
                WHEN 'account' THEN p_entity_id = p_account
                WHEN 'deal' THEN coalesce((SELECT account_id = p_account FROM deal WHERE id = p_entity_id), true)
                WHEN 'person' THEN coalesce((SELECT account_id = p_account FROM person WHERE id = p_entity_id), true)
                WHEN 'activity' THEN coalesce((SELECT account_id = p_account FROM activity WHERE id = p_entity_id), true)
                WHEN 'plan' THEN coalesce((SELECT account_id = p_account FROM planned_activity WHERE id = p_entity_id), true)
                ELSE p_account IS NULL
            END
        )
        """,
        // The latest instant logged by anyone, seen past the caller's rows.
        """
        CREATE FUNCTION closer_log_latest() RETURNS double precision LANGUAGE sql STABLE SECURITY DEFINER RETURN (
            SELECT max(at) FROM event
        )
        """,
    ]

    /// What hangs from an account by an `account_id` column of its own.
    static let accountChildren = ["deal", "person", "activity", "planned_activity"]
    /// The entities of the log that hang from an account (PostgresStore.accountEntities).
    static let accountEntities = "('account', 'deal', 'person', 'activity', 'plan')"
    /// The review's daily sums, one row per rep.
    static let perRepSums = ["stage_day", "stage_list_day"]

    static let tables = ["account", "event", "stage_event", "account_health", "saved_filter"] + accountChildren + perRepSums

    static var policies: [String] {
        tables.map { "ALTER TABLE \($0) ENABLE ROW LEVEL SECURITY" } + [
            // Accounts: the rule itself. What a member reads they may lock and try to change; the
            // holding trigger (WriteRulesSQL) refuses, saying why, what the rule does not let them
            // change, and keeps the per-rep limit.
            "CREATE POLICY account_read ON account FOR SELECT USING \(reads("account"))",
            """
            CREATE POLICY account_add ON account FOR INSERT WITH CHECK (\(isManager)
                OR (\(isRep) AND (owner = current_user OR owner IS NULL OR visibility = 'pool')))
            """,
            """
            CREATE POLICY account_change ON account FOR UPDATE
                USING \(reads("account"))
                WITH CHECK (true)
            """,
            "CREATE POLICY account_delete ON account FOR DELETE USING \(writes("account"))",
        ] + accountChildren.flatMap { table in
            [
                "CREATE POLICY \(table)_read ON \(table) FOR SELECT USING (closer_may_read(account_id))",
                "CREATE POLICY \(table)_add ON \(table) FOR INSERT WITH CHECK (closer_may_write(account_id))",
                // Locked by what reads it (SELECT … FOR UPDATE); changed only by who may write its account.
                "CREATE POLICY \(table)_change ON \(table) FOR UPDATE USING (closer_may_read(account_id)) WITH CHECK (closer_may_write(account_id))",
                "CREATE POLICY \(table)_delete ON \(table) FOR DELETE USING (closer_may_write(account_id))",
            ]
        } + [
            // The log: a rep reads the lines of the accounts they see, the team's settings and their
            // own other lines; it is appended to, never changed, and a line is the writer's own.
            """
            CREATE POLICY event_read ON event FOR SELECT USING (\(isManager) OR (\(isRep) AND (
                closer_may_read(account_id)
                OR (account_id IS NULL AND entity NOT IN \(accountEntities)
                    AND (entity IN ('process', 'user', 'pool') OR "user" = current_user)))))
            """,
            """
            CREATE POLICY event_add ON event FOR INSERT WITH CHECK ("user" = current_user AND closer_role() IS NOT NULL
                AND closer_event_fits(entity, entity_id, account_id)
                AND (account_id IS NULL OR closer_may_write(account_id) OR closer_account_gone(account_id)
                     OR (entity = 'account' AND closer_may_read(account_id))))
            """,
            // The stage history follows its deal; the daily sums are per rep.
            "CREATE POLICY stage_event_read ON stage_event FOR SELECT USING (EXISTS (SELECT 1 FROM deal d WHERE d.id = deal_id))",
        ] + perRepSums.map { table in
            "CREATE POLICY \(table)_read ON \(table) FOR SELECT USING (\(isManager) OR (\(isRep) AND owner = current_user))"
        } + [
            // Health facts follow their account; a writer refreshes the ones its change left stale.
            """
            CREATE POLICY account_health_rows ON account_health
                USING (closer_may_read(account_id) OR closer_account_gone(account_id))
                WITH CHECK (closer_may_read(account_id) OR closer_account_gone(account_id))
            """,
            // Saved filters: your own and the managers'; a manager changes any.
            """
            CREATE POLICY saved_filter_read ON saved_filter FOR SELECT USING (\(isManager) OR (\(isRep) AND (owner = current_user
                OR owner IN (SELECT name FROM "user" WHERE role = 'manager'))))
            """,
            "CREATE POLICY saved_filter_add ON saved_filter FOR INSERT WITH CHECK (\(isManager) OR (\(isRep) AND owner = current_user))",
            "CREATE POLICY saved_filter_change ON saved_filter FOR UPDATE USING (\(isManager) OR (\(isRep) AND owner = current_user)) WITH CHECK (\(isManager) OR (\(isRep) AND owner = current_user))",
            "CREATE POLICY saved_filter_delete ON saved_filter FOR DELETE USING (\(isManager) OR (\(isRep) AND owner = current_user))",
        ]
    }
}
