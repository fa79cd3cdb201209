/// Schema version 13: a whole store's load (an import, the demo, a copy) made cheaper on the server.
///
/// - The set-based history fill (`closer_stage_fill`) also writes each event's successors of its
///   list and gate, which `closer_stage_next` used to add by updating every row it had just
///   written (3.3 of 15 s of the fill's time on the 20k demo); it reads each log row's JSON once
///   (the planner had folded the parse into each of the four values read from it); and a fill
///   at least as large as what the history already holds writes the rows without the history's
///   nine secondary indexes, then builds each once (the insert was 6 of 15 s).
/// - A manager's whole-store load writes the accounts as the file holds them: the per-rep
///   holding limit refused the demo company (and any store whose reps hold more than the limit)
///   on the server, while the file store takes the same file. Only a whole-store import or copy
///   says `closer.history = 'verbatim'`, and only a manager may make one.
enum BulkHistorySQL {
    static let version = 13

    static var migration: PostgresSchema.Migration {
        PostgresSchema.Migration(version: version, name: "bulk stage history, whole-store loads by a manager",
                                 statements: [fill, holding, SecurityMigration.pinnedFunctions])
    }

    /// Secondary indexes are dropped only for a fill of this many rows or more, and at least as
    /// many as the history keeps: below that, keeping them row by row costs less than a rebuild.
    static let rebuildFrom = 5_000

    static var fill: String {
        """
        CREATE OR REPLACE FUNCTION closer_stage_fill(p_deals bigint[]) RETURNS void LANGUAGE plpgsql
        SET jit = off AS $$
        DECLARE
            v_rows bigint;
            v_kept bigint;
            v_indexes text[];
            v_index text;
        BEGIN
            DELETE FROM stage_event WHERE p_deals IS NULL OR deal_id = ANY (p_deals);
            -- Each stage event with its place in its deal's history and the row of the previous
            -- event that is not a close-date change (prev); each log row's JSON parsed once.
            CREATE TEMP TABLE closer_fill ON COMMIT DROP AS
            SELECT x.*, max(CASE WHEN x.kind <> 'close-date' THEN x.rn END)
                            OVER (PARTITION BY x.deal_id ORDER BY x.rn ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev,
                   NULL::text AS stage, false AS resolved, NULL::bigint AS pointer
            FROM (SELECT e.id AS event_id, e.entity_id AS deal_id, d.process_key, d.owner, d.amount, d.currency, e.at,
                         e.action AS kind, raw.j #>> '{stage,old}' AS from_s, raw.j #>> '{stage,new}' AS to_s,
                         raw.j #>> '{expectedClose,old}' AS close_old, raw.j #>> '{expectedClose,new}' AS close_new,
                         pf.position AS pos_from, pt.position AS pos_to,
                         CASE WHEN e.action IN ('moved','forced') THEN pt.position - pf.position END AS step,
                         row_number() OVER (PARTITION BY e.entity_id ORDER BY e.at, e.id) AS rn
                  FROM event e
                  CROSS JOIN LATERAL (SELECT e.changes::jsonb AS j OFFSET 0) raw
                  JOIN deal d ON d.id = e.entity_id
                  LEFT JOIN process_stage pf ON pf.process_key = d.process_key AND pf.stage_key = raw.j #>> '{stage,old}'
                  LEFT JOIN process_stage pt ON pt.process_key = d.process_key AND pt.stage_key = raw.j #>> '{stage,new}'
                  WHERE e.entity = 'deal' AND e.action IN \(PostgresSchema.stageActions)
                    AND (p_deals IS NULL OR e.entity_id = ANY (p_deals))) x;
            CREATE INDEX ON closer_fill (deal_id, rn);
            ANALYZE closer_fill;
            -- The stage after each event that names it, or that closes the deal.
            UPDATE closer_fill SET stage = CASE WHEN kind IN ('created','moved','forced','reopened') THEN to_s END, resolved = true
            WHERE kind IN ('created','moved','forced','won','lost','withdrawn') OR (kind = 'reopened' AND to_s IS NOT NULL);
            -- A reopening that names no stage returns to the stage before the close it undoes (or
            -- before itself): point it at that row, then follow the pointers until each lands on a
            -- resolved row.
            UPDATE closer_fill f SET pointer = CASE WHEN p.kind IN ('won','lost','withdrawn') THEN p.prev ELSE p.rn END
            FROM closer_fill p
            WHERE f.kind = 'reopened' AND f.to_s IS NULL AND p.deal_id = f.deal_id AND p.rn = f.prev;
            UPDATE closer_fill SET resolved = true WHERE kind = 'reopened' AND to_s IS NULL AND pointer IS NULL;
            LOOP
                UPDATE closer_fill f SET stage = t.stage, resolved = true
                FROM closer_fill t
                WHERE NOT f.resolved AND f.kind = 'reopened' AND t.deal_id = f.deal_id AND t.rn = f.pointer AND t.resolved;
                EXIT WHEN NOT FOUND;
            END LOOP;
            SELECT count(*) INTO v_rows FROM closer_fill;
            SELECT count(*) INTO v_kept FROM stage_event;
            IF v_rows >= \(rebuildFrom) AND v_rows >= v_kept THEN
                SELECT array_agg(pg_get_indexdef(i.indexrelid)) INTO v_indexes
                FROM pg_index i WHERE i.indrelid = 'stage_event'::regclass AND NOT i.indisprimary AND NOT i.indisunique;
                FOR v_index IN SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
                               WHERE i.indrelid = 'stage_event'::regclass AND NOT i.indisprimary AND NOT i.indisunique LOOP
                    EXECUTE format('DROP INDEX %I', v_index);
                END LOOP;
            END IF;
            INSERT INTO stage_event (event_id, deal_id, process_key, owner, amount, currency, at, kind, from_stage, to_stage, step,
                                     entry_position, prev_entry_at, advanced_at, stage, left_stage, entered_at, close_old, close_new,
                                     next_same_at, next_forced_at)
            SELECT f.event_id, f.deal_id, f.process_key, f.owner, f.amount, f.currency, f.at, f.kind, f.from_s, f.to_s, f.step,
                   CASE WHEN f.kind IN ('created','moved','forced','reopened') THEN f.pos_to END,
                   CASE WHEN f.kind IN ('created','moved','forced','reopened') AND f.pos_to IS NOT NULL THEN
                        max(f.at) FILTER (WHERE f.kind IN ('created','moved','forced','reopened') AND f.pos_to IS NOT NULL)
                        OVER (PARTITION BY f.deal_id, f.to_s ORDER BY f.rn ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) END,
                   CASE WHEN f.kind IN ('created','moved','forced','reopened') AND f.pos_to IS NOT NULL THEN
                        (SELECT min(later.at) FROM closer_fill later
                         WHERE later.deal_id = f.deal_id AND later.rn > f.rn AND later.pos_to > f.pos_to
                           AND later.kind IN ('created','moved','forced','reopened')) END,
                   CASE WHEN f.kind = 'close-date' THEN p.stage ELSE f.stage END,
                   CASE WHEN f.kind IN ('moved','forced') THEN coalesce(f.from_s, p.stage)
                        WHEN f.kind IN ('won','lost','withdrawn') THEN p.stage END,
                   CASE WHEN f.kind IN ('moved','forced','won','lost','withdrawn') AND p.stage IS NOT NULL THEN p.at END,
                   f.close_old, f.close_new,
                   CASE WHEN \(TeamWorkSQL.list("f")) IS NOT NULL THEN
                        lead(f.at) OVER (PARTITION BY f.deal_id, \(TeamWorkSQL.list("f")) ORDER BY f.rn) END,
                   CASE WHEN f.kind = 'forced' THEN lead(f.at) OVER (PARTITION BY f.deal_id, f.kind = 'forced' ORDER BY f.rn) END
            FROM closer_fill f LEFT JOIN closer_fill p ON p.deal_id = f.deal_id AND p.rn = f.prev
            ORDER BY f.event_id;
            IF v_indexes IS NOT NULL THEN
                FOREACH v_index IN ARRAY v_indexes LOOP
                    EXECUTE v_index;
                END LOOP;
            END IF;
            DROP TABLE closer_fill;
        END
        $$
        """
    }

    /// Version 10's holding rule, letting a manager's whole-store load through.
    static var holding: String {
        let anchor = "        RETURN NEW; -- the administrator, or the server's own triggers (a stranger reaches no row)\n    END IF;\n"
        let wholeStore = "    IF my_role = 'manager' AND current_setting('closer.history', true) = 'verbatim' THEN\n"
            + "        RETURN NEW; -- a whole store's rows, as the file or the other store held them\n    END IF;\n"
        precondition(WriteRulesSQL.holdingFunction.contains(anchor), "version 10's holding rule changed")
        return WriteRulesSQL.holdingFunction
            .replacingOccurrences(of: "CREATE FUNCTION closer_account_holding", with: "CREATE OR REPLACE FUNCTION closer_account_holding")
            .replacingOccurrences(of: anchor, with: anchor + wholeStore)
    }
}
