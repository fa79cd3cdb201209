/// The team's login roles on the server: two group roles carry the table privileges, and each
/// user of the store is a login role in one of them. Who is a rep and who a manager is read from
/// the store's "user" table by every policy on every statement (RowSecuritySQL), so a demotion or
/// a removal binds on the user's next statement; the group decides what tables they may touch.
///
/// Group roles belong to the whole cluster (PostgreSQL has no per-database roles): two Closer
/// databases on one server share closer_rep and closer_manager, while each database's grants and
/// "user" table stay its own.
enum RoleSQL {
    static let repGroup = "closer_rep"
    static let managerGroup = "closer_manager"

    /// The tables a member reads and writes, row by row under the policies.
    static let accountTables = ["account", "deal", "person", "activity", "planned_activity"]
    /// Kept by the server's own triggers (running as the schema's owner): members read them, never write them.
    static let derivedTables = ["stage_event", "stage_day", "stage_list_day", "process_stage"]
    /// The team's settings: everyone reads them, managers change them.
    static let teamTables = ["process", "pool_rule", "setting", "forecast_call", "exchange_rate", "sales_target", "lost_reason"]

    static var statements: [String] {
        [createGroups] + grants + [managesUsersFunction, userFunctions, removeUserFunction]
    }

    /// The groups, made once per cluster; a second database (or two at once) finds them there.
    static let createGroups = """
        DO $$
        DECLARE
            group_name text;
        BEGIN
            FOREACH group_name IN ARRAY ARRAY['\(repGroup)', '\(managerGroup)'] LOOP
                IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = group_name) THEN
                    BEGIN
                        EXECUTE format('CREATE ROLE %I NOLOGIN', group_name);
                    EXCEPTION WHEN duplicate_object OR unique_violation THEN
                        NULL; -- made meanwhile by another database's init
                    END;
                END IF;
            END LOOP;
        END
        $$
        """

    /// What each group may touch; the rows within are the policies' business.
    static var grants: [String] {
        let both = "\(repGroup), \(managerGroup)"
        return [
            """
            DO $$ BEGIN
                EXECUTE format('GRANT USAGE ON SCHEMA %I TO \(both)', current_schema());
                EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %I TO \(both)', current_schema());
            END $$
            """,
            #"GRANT SELECT ON "user", closer_schema TO \#(both)"#,
            "GRANT SELECT, INSERT, UPDATE, DELETE ON \(accountTables.joined(separator: ", ")) TO \(both)",
            "GRANT SELECT, INSERT ON event TO \(both)",
            "GRANT SELECT, INSERT, UPDATE, DELETE ON account_health, saved_filter TO \(both)",
            "GRANT SELECT ON \(derivedTables.joined(separator: ", ")) TO \(both)",
            "GRANT SELECT ON \(teamTables.joined(separator: ", ")) TO \(repGroup)",
            "GRANT SELECT, INSERT, UPDATE, DELETE ON \(teamTables.joined(separator: ", ")), process_stage TO \(managerGroup)",
        ]
    }

    /// Who may add, change and remove users: the store's administrator (a superuser, a role that
    /// bypasses row security, or the schema's owner) and its managers.
    static let managesUsersFunction = """
        CREATE FUNCTION closer_manages_users(p_role name) RETURNS boolean LANGUAGE sql STABLE RETURN (
            SELECT EXISTS (SELECT 1 FROM pg_roles r WHERE r.rolname = p_role AND (r.rolsuper OR r.rolbypassrls))
                OR EXISTS (SELECT 1 FROM pg_class c WHERE c.oid = 'account'::regclass AND pg_has_role(p_role, c.relowner, 'USAGE'))
                OR EXISTS (SELECT 1 FROM "user" u WHERE u.name = p_role AND u.role = 'manager')
        )
        """

    /// `closer user add`: the login role (made when missing; an existing one, such as a role
    /// the site's own authentication knows, is used as it is), its group, its password when one
    /// is given, and the user's row — in the caller's transaction. Runs as the schema's owner,
    /// who may create roles; only a manager of the store or its administrator may call it
    /// (`session_user`: the role that logged in, which a member cannot change).
    static let userFunctions = """
        CREATE FUNCTION closer_save_user(p_name text, p_role text, p_display text, p_set_password boolean, p_password text)
        RETURNS void LANGUAGE plpgsql SECURITY DEFINER AS $$
        DECLARE
            other_group text;
        BEGIN
            IF NOT closer_manages_users(session_user) THEN
                RAISE EXCEPTION 'only a manager can add or change users; you are %', session_user USING ERRCODE = 'insufficient_privilege';
            END IF;
            IF p_role NOT IN ('rep', 'manager') THEN
                RAISE EXCEPTION 'a user is a rep or a manager, not %', p_role USING ERRCODE = 'invalid_parameter_value';
            END IF;
            IF octet_length(p_name) > 63 OR p_name LIKE 'pg\\_%' OR p_name = '' THEN
                RAISE EXCEPTION '% cannot be a login role on PostgreSQL (at most 63 bytes, not starting with pg_)', p_name
                    USING ERRCODE = 'invalid_name';
            END IF;
            IF p_name IN ('\(repGroup)', '\(managerGroup)') THEN
                RAISE EXCEPTION '% is the name of a Closer group, not of a person', p_name USING ERRCODE = 'invalid_name';
            END IF;
            IF EXISTS (SELECT 1 FROM pg_roles r WHERE r.rolname = p_name AND (r.rolsuper OR r.rolbypassrls)) AND p_role = 'rep' THEN
                RAISE EXCEPTION '% is a superuser or bypasses row security: the server would not hold them to a rep''s rows', p_name
                    USING ERRCODE = 'invalid_parameter_value';
            END IF;
            IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = p_name) THEN
                BEGIN
                    EXECUTE format('CREATE ROLE %I LOGIN', p_name);
                EXCEPTION WHEN duplicate_object OR unique_violation THEN
                    NULL;
                END;
            ELSE
                EXECUTE format('ALTER ROLE %I LOGIN', p_name);
            END IF;
            IF p_set_password THEN
                EXECUTE format('ALTER ROLE %I PASSWORD %L', p_name, p_password);
            END IF;
            other_group := CASE p_role WHEN 'rep' THEN '\(managerGroup)' ELSE '\(repGroup)' END;
            BEGIN
                EXECUTE format('GRANT %I TO %I', 'closer_' || p_role, p_name);
            EXCEPTION WHEN unique_violation THEN
                NULL; -- granted meanwhile by another database's closer user add
            END;
            IF pg_has_role(p_name, other_group, 'MEMBER') THEN
                EXECUTE format('REVOKE %I FROM %I', other_group, p_name);
            END IF;
            INSERT INTO "user" (name, role, display_name) VALUES (p_name, p_role, p_display)
            ON CONFLICT (name) DO UPDATE SET role = excluded.role, display_name = excluded.display_name;
        END
        $$
        """

    /// Removes a user: their row goes (the policies give them nothing from their next statement)
    /// and so does their group (no table is theirs to touch). The login role stays, with
    /// NOLOGIN when Closer's groups were all it had — the site may use it elsewhere.
    static let removeUserFunction = """
        CREATE FUNCTION closer_remove_user(p_name text) RETURNS boolean LANGUAGE plpgsql SECURITY DEFINER AS $$
        DECLARE
            removed boolean;
        BEGIN
            IF NOT closer_manages_users(session_user) THEN
                RAISE EXCEPTION 'only a manager can remove users; you are %', session_user USING ERRCODE = 'insufficient_privilege';
            END IF;
            DELETE FROM "user" WHERE name = p_name;
            removed := FOUND;
            IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = p_name) THEN
                IF pg_has_role(p_name, '\(repGroup)', 'MEMBER') THEN EXECUTE format('REVOKE %I FROM %I', '\(repGroup)', p_name); END IF;
                IF pg_has_role(p_name, '\(managerGroup)', 'MEMBER') THEN EXECUTE format('REVOKE %I FROM %I', '\(managerGroup)', p_name); END IF;
                IF NOT EXISTS (SELECT 1 FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.member WHERE r.rolname = p_name)
                   AND NOT EXISTS (SELECT 1 FROM pg_roles r WHERE r.rolname = p_name AND (r.rolsuper OR r.rolcreaterole OR r.rolbypassrls)) THEN
                    EXECUTE format('ALTER ROLE %I NOLOGIN', p_name);
                END IF;
            END IF;
            RETURN removed;
        END
        $$
        """
}
