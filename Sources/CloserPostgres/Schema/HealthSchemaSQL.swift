/// Deal health's tables, columns and triggers, as the file store keeps them (see CloserSQLite's
/// HealthSchema for what each means to the rules):
/// - a deal's demos, discoveries and quotes sit in the deal row, kept by statement triggers on
///   the activity table (one grouped update per statement, so a bulk load costs one pass);
/// - an account's decision-makers, route and coldest key person sit in `account_health`:
///   triggers on the person table mark the account stale, and every write transaction works the
///   stale accounts out with the rules' own Swift (`OrgHealthFacts`) before it commits.
/// A whole-store copy (`closer.history = 'verbatim'`) brings these as they are: the triggers stand aside.
enum HealthSchemaSQL {
    static let kinds = "('demo','discovery','quote')"

    static let tables: [String] = [
        // The team's settings, as text by key ('health.route-days' = '90').
        """
        CREATE TABLE setting (
            key text PRIMARY KEY,
            value text NOT NULL,
            updated_by text NOT NULL DEFAULT '',
            updated_at double precision NOT NULL DEFAULT 0
        )
        """,
        """
        CREATE TABLE account_health (
            account_id bigint PRIMARY KEY,
            decision_makers integer NOT NULL DEFAULT 0,
            dm_last_met text,
            dm_route boolean NOT NULL DEFAULT false,
            coldest_id bigint,
            coldest_met text,
            route_key text NOT NULL DEFAULT '',
            cold_key text NOT NULL DEFAULT '9999-12-31',
            stale boolean NOT NULL DEFAULT false
        )
        """,
        "CREATE INDEX account_health_stale ON account_health (account_id) WHERE stale",
        """
        CREATE INDEX deal_health ON deal (outcome, owner, currency, process_key, stage_key, budget_known, has_needs, quoted, pitched)
            INCLUDE (amount, next_key, account_id)
        """,
        "CREATE INDEX activity_health ON activity (deal_id, kind, day) WHERE kind IN \(kinds)",
    ]

    /// The deals' activity facts, recomputed from their own activities of the three kinds, then
    /// the flags the report groups by (a second statement: SET reads the old values).
    static func refreshDeals(_ ids: String) -> String {
        """
        UPDATE deal SET
            last_demo = (SELECT max(day) FROM activity WHERE deal_id = deal.id AND kind IN \(kinds) AND kind = 'demo'),
            first_discovery = (SELECT min(day) FROM activity WHERE deal_id = deal.id AND kind IN \(kinds) AND kind = 'discovery'),
            first_quote = (SELECT min(day) FROM activity WHERE deal_id = deal.id AND kind IN \(kinds) AND kind = 'quote')
        WHERE id IN (\(ids));
        UPDATE deal SET pitched = (last_demo IS NOT NULL AND (first_discovery IS NULL OR first_discovery > last_demo)),
                        quoted = (first_quote IS NOT NULL)
        WHERE id IN (\(ids));
        """
    }

    static var functions: [String] {
        [("closer_health_activity_insert", "SELECT deal_id FROM new_rows WHERE deal_id IS NOT NULL AND kind IN \(kinds)"),
         ("closer_health_activity_delete", "SELECT deal_id FROM old_rows WHERE deal_id IS NOT NULL AND kind IN \(kinds)"),
         ("closer_health_activity_update", """
            SELECT deal_id FROM old_rows WHERE deal_id IS NOT NULL AND kind IN \(kinds)
            UNION SELECT deal_id FROM new_rows WHERE deal_id IS NOT NULL AND kind IN \(kinds)
            """)].map { name, deals in
            """
            CREATE FUNCTION \(name)() RETURNS trigger LANGUAGE plpgsql SET jit = off AS $$
            BEGIN
                IF current_setting('closer.history', true) = 'verbatim' THEN RETURN NULL; END IF;
                \(refreshDeals(deals))
                RETURN NULL;
            END
            $$
            """
        } + [("closer_health_person_insert", "SELECT account_id FROM new_rows"),
             ("closer_health_person_delete", "SELECT account_id FROM old_rows"),
             // Only changes the rules read mark the account (both accounts when a person moves).
             ("closer_health_person_update", """
                SELECT o.account_id FROM old_rows o JOIN new_rows n ON n.id = o.id
                WHERE (o.account_id, o.name, o.level, o.roles, o.stance, o.inside_coach, o.reports_to, o.last_met)
                      IS DISTINCT FROM (n.account_id, n.name, n.level, n.roles, n.stance, n.inside_coach, n.reports_to, n.last_met)
                UNION
                SELECT n.account_id FROM old_rows o JOIN new_rows n ON n.id = o.id
                WHERE (o.account_id, o.name, o.level, o.roles, o.stance, o.inside_coach, o.reports_to, o.last_met)
                      IS DISTINCT FROM (n.account_id, n.name, n.level, n.roles, n.stance, n.inside_coach, n.reports_to, n.last_met)
                """)].map { name, accounts in
            """
            CREATE FUNCTION \(name)() RETURNS trigger LANGUAGE plpgsql SET jit = off AS $$
            BEGIN
                IF current_setting('closer.history', true) = 'verbatim' THEN RETURN NULL; END IF;
                INSERT INTO account_health (account_id, stale) SELECT DISTINCT account_id, true FROM (\(accounts)) marked
                ON CONFLICT (account_id) DO UPDATE SET stale = true;
                RETURN NULL;
            END
            $$
            """
        }
    }

    static var triggers: [String] {
        [("activity", "closer_health_activity"), ("person", "closer_health_person")].flatMap { table, function in
            [
                "CREATE TRIGGER \(table)_health_insert AFTER INSERT ON \(table) REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION \(function)_insert()",
                "CREATE TRIGGER \(table)_health_delete AFTER DELETE ON \(table) REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION \(function)_delete()",
                """
                CREATE TRIGGER \(table)_health_update AFTER UPDATE ON \(table) REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
                FOR EACH STATEMENT EXECUTE FUNCTION \(function)_update()
                """,
            ]
        }
    }
}
