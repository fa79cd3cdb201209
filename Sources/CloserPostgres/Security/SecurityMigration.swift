/// Schema version 10: the server holds every member to the team's rules (login roles and their
/// groups, row-level security, the write rules, the log's author). The versions below 10 are the
/// store's tables; this one only adds to them.
enum SecurityMigration {
    static let version = 10

    static var migration: PostgresSchema.Migration {
        PostgresSchema.Migration(version: version, name: "row-security",
                                 statements: RoleSQL.statements + RowSecuritySQL.functions + RowSecuritySQL.policies
                                     + WriteRulesSQL.statements + [pinnedFunctions])
    }

    /// Functions that run as the schema's owner: the triggers that keep the derived tables (the
    /// stage history, the rollups, the health facts, the notifications) — a member's write must
    /// keep the team's sums, which no member may write by hand — and the few helpers marked so.
    /// Every procedural function gets the schema's search path, with pg_temp last, so nobody's
    /// temporary tables stand in for the store's.
    static let invokerTriggers = ["closer_account_holding", "closer_log_author"]

    static var pinnedFunctions: String {
        let invokers = invokerTriggers.map { "'\($0)'" }.joined(separator: ", ")
        return """
            DO $$
            DECLARE
                f record;
            BEGIN
                FOR f IN
                    SELECT p.oid::regprocedure AS signature, p.prosecdef AS definer, p.proname,
                           p.prorettype = 'trigger'::regtype AS is_trigger, l.lanname
                    FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang
                    WHERE p.pronamespace = current_schema()::regnamespace AND p.proname LIKE 'closer\\_%'
                LOOP
                    IF (f.is_trigger AND f.proname NOT IN (\(invokers))) OR f.proname IN ('closer_stage_fill', 'closer_stage_event_add', 'closer_stage_next') THEN
                        EXECUTE format('ALTER FUNCTION %s SECURITY DEFINER', f.signature);
                    END IF;
                    IF f.lanname = 'plpgsql' OR f.definer THEN
                        EXECUTE format('ALTER FUNCTION %s SET search_path = %I, pg_temp', f.signature, current_schema());
                    END IF;
                END LOOP;
                EXECUTE format('ALTER FUNCTION closer_manages_users(name) SET search_path = %I, pg_temp', current_schema());
            END
            $$
            """
    }
}
