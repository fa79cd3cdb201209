/// Schema version 11: the duplicate check (查重) sees past row-level security. A rep connected
/// as themselves cannot read another rep's exclusive account, so a plain query finds nothing and a
/// second copy of the customer would be made; this function, run as the schema's owner, answers
/// only who holds the matching accounts the caller may not see — what the check promises, nothing more.
enum HiddenHoldersSQL {
    static let version = 11

    static var migration: PostgresSchema.Migration {
        PostgresSchema.Migration(version: version, name: "duplicate check past row security", statements: [function, pinned])
    }

    /// The viewer is the connected rep; only a connection that is no rep (the administrator's,
    /// acting for a user) may name whom it asks for.
    static let function = #"""
        CREATE FUNCTION closer_hidden_holders(p_viewer text, p_name text, p_pattern text)
        RETURNS TABLE (owner text, display_name text) LANGUAGE sql STABLE SECURITY DEFINER
        BEGIN ATOMIC
            WITH viewer AS (
                SELECT CASE WHEN (SELECT role FROM "user" WHERE name = session_user) = 'rep' THEN session_user::text ELSE p_viewer END AS name
            )
            SELECT DISTINCT a.owner, u.display_name
            FROM account a CROSS JOIN viewer v LEFT JOIN "user" u ON u.name = a.owner
            WHERE (SELECT role FROM "user" WHERE name = v.name) = 'rep'
              AND (p_name IS NULL OR lower(a.name) = lower(p_name COLLATE "C"))
              AND (p_pattern IS NULL OR a.search_key LIKE p_pattern ESCAPE '\')
              AND NOT (a.owner = v.name OR a.owner IS NULL OR a.visibility = 'pool'
                       OR (a.visibility <> 'exclusive' AND a.shared_with::jsonb ? v.name))
            ORDER BY a.owner
            LIMIT 20;
        END
        """#

    static let pinned = """
        DO $$ BEGIN
            EXECUTE format('ALTER FUNCTION closer_hidden_holders(text, text, text) SET search_path = %I, pg_temp', current_schema());
        END $$
        """
}
