/// Schema version 17: the open deals each reader may see, counted ahead by visibility unit.
///
/// The deal table's first screen shows how many open deals the filter selects: for a manager an
/// index-only count of 70 000 entries, for a rep a pass over every account to add up the open
/// deals of those they see — 5 to 15 ms of each page. Whether an account is visible to someone
/// depends on its owner, visibility and share list alone, and the 20 000 accounts of the 100k
/// demo fall into 44 such units; `deal_open_count` holds each unit's open deals (the sum of its
/// accounts' `open_deals`, which every deal write keeps), so a reader's total is a sum over the
/// few units the visibility rule lets them see — the same rule, on the same columns.
///
/// Statement triggers on `account` keep it, whatever writes the accounts (a deal write's rollup,
/// an import, a COPY of a whole store, a transfer, psql): each statement adds its net change per
/// unit. They never wait on another writer. A unit's change goes in as a row of its own;
/// the writer that gets the unit's advisory lock without waiting (`pg_try_advisory_xact_lock`)
/// also folds the unit's committed rows into one, and a writer that does not get it leaves its
/// row for the next one. Nobody else deletes, so a fold never waits either, and no two writers
/// can deadlock on the counts however many units their transactions touch in whatever order.
enum DealCountsSQL {
    static let version = 17
    static let table = "deal_open_count"
    /// The first key of the units' advisory locks (two-key locks never meet the one-key locks
    /// of the log and of schema changes).
    static let lockSpace = 0x636e_7473

    static var migration: PostgresSchema.Migration {
        PostgresSchema.Migration(version: version, name: "open deals by visibility unit",
                                 statements: [create, "ALTER TABLE \(table) ENABLE ROW LEVEL SECURITY",
                                              // A rep reads the units of the accounts they may read: the account's rule, word for word.
                                              "CREATE POLICY \(table)_read ON \(table) FOR SELECT USING \(RowSecuritySQL.reads(table))",
                                              "GRANT SELECT ON \(table) TO \(RoleSQL.repGroup), \(RoleSQL.managerGroup)",
                                              fold, refill]
                                     + keepers.flatMap { [$0.function, $0.trigger] }
                                     + [emptied, emptiedTrigger, SecurityMigration.pinnedFunctions])
    }

    /// The columns that decide who sees an account, typed and collated as `account`'s.
    static let create = """
        CREATE TABLE \(table) (
            owner text COLLATE "C",
            visibility text COLLATE "C" NOT NULL,
            shared_with text COLLATE "C" NOT NULL,
            open_deals bigint NOT NULL
        )
        """

    /// Every unit counted again from the accounts (the migration; a test's check).
    static let refill = """
        INSERT INTO \(table) (owner, visibility, shared_with, open_deals)
        SELECT owner, visibility, shared_with, sum(open_deals) FROM account GROUP BY owner, visibility, shared_with
        """

    /// Adds each unit's change (rows of owner, visibility, shared_with, n).
    static let fold = """
        CREATE FUNCTION closer_deal_count_add(p_owner text, p_visibility text, p_shared text, p_change bigint)
        RETURNS void LANGUAGE plpgsql AS $$
        BEGIN
            -- A REPEATABLE READ writer may not see the last fold's rows: it only adds its own.
            IF current_setting('transaction_isolation') = 'read committed'
               AND pg_try_advisory_xact_lock(\(lockSpace), hashtext(concat_ws(chr(31), p_owner, p_visibility, p_shared))) THEN
                WITH gone AS (
                    DELETE FROM \(table) c
                    WHERE c.owner IS NOT DISTINCT FROM p_owner AND c.visibility = p_visibility AND c.shared_with = p_shared
                    RETURNING c.open_deals
                )
                INSERT INTO \(table) (owner, visibility, shared_with, open_deals)
                SELECT p_owner, p_visibility, p_shared, p_change + coalesce(sum(open_deals), 0) FROM gone;
            ELSE
                INSERT INTO \(table) (owner, visibility, shared_with, open_deals) VALUES (p_owner, p_visibility, p_shared, p_change);
            END IF;
        END
        $$
        """

    /// One trigger per kind of statement, each reading the transition tables it has.
    static var keepers: [(function: String, trigger: String)] {
        let added = "SELECT owner, visibility, shared_with, open_deals AS n FROM closer_added"
        let removed = "SELECT owner, visibility, shared_with, -open_deals AS n FROM closer_removed"
        return [("insert", "NEW TABLE AS closer_added", added),
                ("update", "OLD TABLE AS closer_removed NEW TABLE AS closer_added", "\(removed) UNION ALL \(added)"),
                ("delete", "OLD TABLE AS closer_removed", removed)].map { kind, transition, changes in
            let name = "closer_deal_count_\(kind)"
            return ("""
                CREATE FUNCTION \(name)() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM closer_deal_count_add(owner, visibility, shared_with, n::bigint)
                    FROM (SELECT owner, visibility, shared_with, sum(n) AS n FROM (\(changes)) c
                          GROUP BY owner, visibility, shared_with HAVING sum(n) <> 0
                          ORDER BY owner, visibility, shared_with) unit;
                    RETURN NULL;
                END
                $$
                """, """
                CREATE TRIGGER deal_count_\(kind) AFTER \(kind.uppercased()) ON account
                REFERENCING \(transition) FOR EACH STATEMENT EXECUTE FUNCTION \(name)()
                """)
        }
    }

    static let emptied = """
        CREATE FUNCTION closer_deal_count_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            DELETE FROM \(table);
            RETURN NULL;
        END
        $$
        """
    static let emptiedTrigger = "CREATE TRIGGER deal_count_truncate AFTER TRUNCATE ON account FOR EACH STATEMENT EXECUTE FUNCTION closer_deal_count_truncate()"
}
