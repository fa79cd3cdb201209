/// The deals' stage history and its daily sums, as the file store keeps them (see CloserSQLite's
/// StageHistorySchema for what each column means to the weekly review), kept by the server.
///
/// A row trigger on the event log adds one stage event per logged stage change, worked out from
/// the deal's previous stage event exactly as the file store's trigger does. The daily sums are
/// kept by statement triggers over the rows a statement changed (transition tables): one grouped
/// upsert per statement, however many stage events it touched, so a bulk fill costs one pass.
///
/// `closer.history`, set for one transaction, changes what the triggers do:
/// - `deferred` (an import, the demo): the row trigger is silent; the writer then calls
///   `closer_stage_fill` for the deals it wrote — the same rows, worked out in one ordered pass
///   instead of one trigger call per event;
/// - `verbatim` (a copy of a whole store): every history trigger is silent, as the history
///   arrives with the rows it was made from.
enum StageHistorySQL {
    /// The daily sums follow every change of stage_event: the rows a statement removed count
    /// negatively, the rows it added positively, grouped so each sum row is written once. One
    /// function per kind of statement, as each sees only its own transition tables.
    static var rollupFunctions: [String] {
        [("closer_stage_rollup_insert", "SELECT n.*, 1 AS sign FROM new_rows n"),
         ("closer_stage_rollup_delete", "SELECT o.*, -1 AS sign FROM old_rows o"),
         ("closer_stage_rollup_update", "SELECT o.*, -1 AS sign FROM old_rows o UNION ALL SELECT n.*, 1 AS sign FROM new_rows n")]
            .map { name, delta in
                """
                CREATE FUNCTION \(name)() RETURNS trigger LANGUAGE plpgsql SET jit = off AS $$
                BEGIN
                    IF current_setting('closer.history', true) = 'verbatim' THEN RETURN NULL; END IF;
                    WITH delta AS (\(delta))
                    INSERT INTO stage_day AS t (process_key, day, owner, position, advanced, left_stage, entries, exits, seconds)
                    SELECT process_key, trunc(at / 86400)::bigint, owner, entry_position, advanced_at IS NOT NULL, '', sum(sign), 0, 0
                    FROM delta WHERE entry_position IS NOT NULL AND prev_entry_at IS NULL
                    GROUP BY 1, 2, 3, 4, 5 HAVING sum(sign) <> 0
                    ON CONFLICT (process_key, day, owner, position, advanced, left_stage)
                    DO UPDATE SET entries = t.entries + excluded.entries;
                    WITH delta AS (\(delta))
                    INSERT INTO stage_day AS t (process_key, day, owner, position, advanced, left_stage, entries, exits, seconds)
                    SELECT process_key, trunc(at / 86400)::bigint, owner, -1, false, left_stage, 0, sum(sign), sum(sign * (at - entered_at))
                    FROM delta WHERE entered_at IS NOT NULL AND left_stage IS NOT NULL
                    GROUP BY 1, 2, 3, 6 HAVING sum(sign) <> 0 OR sum(sign * (at - entered_at)) <> 0
                    ON CONFLICT (process_key, day, owner, position, advanced, left_stage)
                    DO UPDATE SET exits = t.exits + excluded.exits, seconds = t.seconds + excluded.seconds;
                    WITH delta AS (\(delta))
                    INSERT INTO stage_flow_day AS t (day, kind, direction, owner, currency, events, amount)
                    SELECT trunc(at / 86400)::bigint, kind, CASE WHEN step > 0 THEN 1 WHEN step < 0 THEN -1 ELSE 0 END,
                           owner, currency, sum(sign), sum(sign * amount)
                    FROM delta WHERE kind IN ('created','moved','forced','won','lost','withdrawn')
                    GROUP BY 1, 2, 3, 4, 5 HAVING sum(sign) <> 0 OR sum(sign * amount) <> 0
                    ON CONFLICT (day, kind, direction, owner, currency)
                    DO UPDATE SET events = t.events + excluded.events, amount = t.amount + excluded.amount;
                    RETURN NULL;
                END
                $$
                """
            }
    }

    static let tables: [String] = [
        // Each process's stages in order, so SQL tells forward from back (built-in processes live in code).
        """
        CREATE TABLE process_stage (
            process_key text NOT NULL,
            stage_key text NOT NULL,
            position integer NOT NULL,
            PRIMARY KEY (process_key, stage_key)
        )
        """,
        """
        CREATE TABLE stage_event (
            event_id bigint PRIMARY KEY,
            deal_id bigint NOT NULL,
            process_key text NOT NULL,
            owner text NOT NULL,
            amount bigint NOT NULL,
            currency text NOT NULL,
            at double precision NOT NULL,
            kind text NOT NULL,
            from_stage text,
            to_stage text,
            step integer,
            entry_position integer,
            prev_entry_at double precision,
            advanced_at double precision,
            stage text,
            left_stage text,
            entered_at double precision,
            close_old text,
            close_new text
        )
        """,
        """
        CREATE INDEX stage_event_entries ON stage_event (process_key, entry_position, at)
            INCLUDE (prev_entry_at, advanced_at, owner) WHERE entry_position IS NOT NULL
        """,
        """
        CREATE INDEX stage_event_exits ON stage_event (process_key, left_stage, at)
            INCLUDE (entered_at, owner) WHERE entered_at IS NOT NULL
        """,
        "CREATE INDEX stage_event_period ON stage_event (kind, at) INCLUDE (owner, step, currency, amount, deal_id)",
        "CREATE INDEX stage_event_deal ON stage_event (deal_id, at, event_id)",
        """
        CREATE INDEX stage_event_reentries ON stage_event (process_key, at)
            INCLUDE (entry_position, prev_entry_at, advanced_at, owner) WHERE prev_entry_at IS NOT NULL
        """,
        """
        CREATE INDEX stage_event_late_advance ON stage_event (process_key, advanced_at, at)
            INCLUDE (entry_position, owner) WHERE entry_position IS NOT NULL AND prev_entry_at IS NULL
        """,
        "CREATE INDEX stage_event_pushes ON stage_event (deal_id) WHERE kind = 'close-date' AND close_new > close_old",
        // Per UTC day, process and rep: first entries into each stage (and whether they went further) and timed exits.
        """
        CREATE TABLE stage_day (
            process_key text NOT NULL,
            day bigint NOT NULL,
            owner text NOT NULL,
            position integer NOT NULL,
            advanced boolean NOT NULL,
            left_stage text NOT NULL,
            entries bigint NOT NULL,
            exits bigint NOT NULL,
            seconds double precision NOT NULL,
            PRIMARY KEY (process_key, day, owner, position, advanced, left_stage)
        )
        """,
        // Per UTC day, kind, direction, rep and currency: the period's list counts and sums.
        """
        CREATE TABLE stage_flow_day (
            day bigint NOT NULL,
            kind text NOT NULL,
            direction integer NOT NULL,
            owner text NOT NULL,
            currency text NOT NULL,
            events bigint NOT NULL,
            amount bigint NOT NULL,
            PRIMARY KEY (day, kind, direction, owner, currency)
        )
        """,
    ]

    static let functions: [String] = [
        // One stage event from the log, worked out from the deal as it is and its previous stage
        // events (ties broken by the log's order): the file store's trigger, statement for statement.
        """
        CREATE FUNCTION closer_stage_event_add(p_event bigint, p_deal bigint, p_at double precision, p_action text, p_changes text)
        RETURNS void LANGUAGE plpgsql AS $$
        DECLARE
            d_process text; d_owner text; d_amount bigint; d_currency text;
            changes jsonb := p_changes::jsonb;
            from_s text := changes #>> '{stage,old}';
            to_s text := changes #>> '{stage,new}';
            pos_from integer; pos_to integer;
            prev_kind text; prev_stage text; prev_left text; prev_at double precision;
            is_entry boolean := p_action IN ('created','moved','forced','reopened');
            v_entry integer; v_prev_entry double precision; v_stage text; v_left text; v_entered double precision;
        BEGIN
            SELECT process_key, owner, amount, currency INTO d_process, d_owner, d_amount, d_currency FROM deal WHERE id = p_deal;
            IF NOT FOUND THEN RETURN; END IF;
            SELECT position INTO pos_from FROM process_stage WHERE process_key = d_process AND stage_key = from_s;
            SELECT position INTO pos_to FROM process_stage WHERE process_key = d_process AND stage_key = to_s;
            SELECT kind, stage, left_stage, at INTO prev_kind, prev_stage, prev_left, prev_at
            FROM stage_event
            WHERE deal_id = p_deal AND kind <> 'close-date' AND (at < p_at OR (at = p_at AND event_id < p_event))
            ORDER BY at DESC, event_id DESC LIMIT 1;
            v_entry := CASE WHEN is_entry THEN pos_to END;
            IF is_entry AND pos_to IS NOT NULL THEN
                SELECT max(x.at) INTO v_prev_entry FROM stage_event x
                WHERE x.deal_id = p_deal AND x.entry_position IS NOT NULL AND x.to_stage = to_s
                  AND (x.at < p_at OR (x.at = p_at AND x.event_id < p_event));
            END IF;
            v_stage := CASE WHEN p_action IN ('created','moved','forced') THEN to_s
                            WHEN p_action = 'reopened' THEN coalesce(to_s, CASE WHEN prev_kind IN ('won','lost','withdrawn')
                                                                              THEN prev_left ELSE prev_stage END)
                            WHEN p_action = 'close-date' THEN prev_stage END;
            v_left := CASE WHEN p_action IN ('moved','forced') THEN coalesce(from_s, prev_stage)
                           WHEN p_action IN ('won','lost','withdrawn') THEN prev_stage END;
            v_entered := CASE WHEN p_action IN ('moved','forced','won','lost','withdrawn') AND prev_stage IS NOT NULL THEN prev_at END;
            INSERT INTO stage_event (event_id, deal_id, process_key, owner, amount, currency, at, kind, from_stage, to_stage, step,
                                     entry_position, prev_entry_at, stage, left_stage, entered_at, close_old, close_new)
            VALUES (p_event, p_deal, d_process, d_owner, d_amount, d_currency, p_at, p_action, from_s, to_s,
                    CASE WHEN p_action IN ('moved','forced') THEN pos_to - pos_from END,
                    v_entry, v_prev_entry, v_stage, v_left, v_entered,
                    changes #>> '{expectedClose,old}', changes #>> '{expectedClose,new}');
            -- An entry into a later stage marks the deal's earlier entries, not yet marked, as gone further.
            IF v_entry IS NOT NULL THEN
                UPDATE stage_event SET advanced_at = p_at
                WHERE deal_id = p_deal AND advanced_at IS NULL AND entry_position IS NOT NULL AND event_id <> p_event
                  AND at <= p_at AND entry_position < v_entry;
            END IF;
        END
        $$
        """,
        """
        CREATE FUNCTION closer_stage_event_from_log() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF coalesce(current_setting('closer.history', true), '') = '' THEN
                PERFORM closer_stage_event_add(NEW.id, NEW.entity_id, NEW.at, NEW.action, NEW.changes);
            END IF;
            RETURN NULL;
        END
        $$
        """,
        // The history of the given deals (every deal when NULL), made again from the log set-based:
        // a handful of statements over all the events at once instead of one trigger call per
        // event, the rows added by one INSERT (so the daily sums by one grouped statement). The rows
        // are those the row trigger makes when the events arrive in time order; the one value that
        // depends on a chain of earlier rows (the stage a reopened deal returns to when the log does
        // not name it) is resolved by following the chain, one step per pass, over those rows alone.
        """
        CREATE FUNCTION closer_stage_fill(p_deals bigint[]) RETURNS void LANGUAGE plpgsql
        -- Compiling these statements to machine code took longer than running them (1.2 s of 3 s on 36k events).
        SET jit = off AS $$
        BEGIN
            DELETE FROM stage_event WHERE p_deals IS NULL OR deal_id = ANY (p_deals);
            -- Each stage event with its place in its deal's history and the row of the previous
            -- event that is not a close-date change (prev).
            CREATE TEMP TABLE closer_fill ON COMMIT DROP AS
            SELECT x.*, max(CASE WHEN x.kind <> 'close-date' THEN x.rn END)
                            OVER (PARTITION BY x.deal_id ORDER BY x.rn ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev,
                   NULL::text AS stage, false AS resolved, NULL::bigint AS pointer
            FROM (SELECT e.id AS event_id, e.entity_id AS deal_id, d.process_key, d.owner, d.amount, d.currency, e.at,
                         e.action AS kind, c.from_s, c.to_s, c.close_old, c.close_new, pf.position AS pos_from, pt.position AS pos_to,
                         row_number() OVER (PARTITION BY e.entity_id ORDER BY e.at, e.id) AS rn
                  FROM event e
                  CROSS JOIN LATERAL (SELECT e.changes::jsonb AS j) raw
                  CROSS JOIN LATERAL (SELECT raw.j #>> '{stage,old}' AS from_s, raw.j #>> '{stage,new}' AS to_s,
                                             raw.j #>> '{expectedClose,old}' AS close_old, raw.j #>> '{expectedClose,new}' AS close_new) c
                  JOIN deal d ON d.id = e.entity_id
                  LEFT JOIN process_stage pf ON pf.process_key = d.process_key AND pf.stage_key = c.from_s
                  LEFT JOIN process_stage pt ON pt.process_key = d.process_key AND pt.stage_key = c.to_s
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
            INSERT INTO stage_event (event_id, deal_id, process_key, owner, amount, currency, at, kind, from_stage, to_stage, step,
                                     entry_position, prev_entry_at, advanced_at, stage, left_stage, entered_at, close_old, close_new)
            SELECT f.event_id, f.deal_id, f.process_key, f.owner, f.amount, f.currency, f.at, f.kind, f.from_s, f.to_s,
                   CASE WHEN f.kind IN ('moved','forced') THEN f.pos_to - f.pos_from END,
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
                   f.close_old, f.close_new
            FROM closer_fill f LEFT JOIN closer_fill p ON p.deal_id = f.deal_id AND p.rn = f.prev;
            DROP TABLE closer_fill;
        END
        $$
        """,
        // The review counts a deal's events under the deal as it is now.
        """
        CREATE FUNCTION closer_stage_event_follow_deal() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF current_setting('closer.history', true) = 'verbatim' THEN RETURN NULL; END IF;
            IF TG_OP = 'DELETE' THEN
                DELETE FROM stage_event WHERE deal_id = OLD.id;
            ELSIF OLD.owner IS DISTINCT FROM NEW.owner OR OLD.amount IS DISTINCT FROM NEW.amount
                  OR OLD.currency IS DISTINCT FROM NEW.currency OR OLD.process_key IS DISTINCT FROM NEW.process_key THEN
                UPDATE stage_event SET owner = NEW.owner, amount = NEW.amount, currency = NEW.currency, process_key = NEW.process_key
                WHERE deal_id = NEW.id;
            END IF;
            RETURN NULL;
        END
        $$
        """,
        """
        CREATE FUNCTION closer_stage_event_follow_log() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF current_setting('closer.history', true) = 'verbatim' THEN RETURN NULL; END IF;
            DELETE FROM stage_event WHERE event_id = OLD.id;
            RETURN NULL;
        END
        $$
        """,
    ]

    static let triggers: [String] = [
        """
        CREATE TRIGGER stage_event_from_log AFTER INSERT ON event FOR EACH ROW
        WHEN (NEW.entity = 'deal' AND NEW.action IN \(PostgresSchema.stageActions))
        EXECUTE FUNCTION closer_stage_event_from_log()
        """,
        """
        CREATE TRIGGER stage_event_deal_changed AFTER UPDATE OF owner, amount, currency, process_key OR DELETE ON deal
        FOR EACH ROW EXECUTE FUNCTION closer_stage_event_follow_deal()
        """,
        "CREATE TRIGGER stage_event_log_deleted AFTER DELETE ON event FOR EACH ROW EXECUTE FUNCTION closer_stage_event_follow_log()",
        """
        CREATE TRIGGER stage_day_insert AFTER INSERT ON stage_event REFERENCING NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION closer_stage_rollup_insert()
        """,
        """
        CREATE TRIGGER stage_day_delete AFTER DELETE ON stage_event REFERENCING OLD TABLE AS old_rows
        FOR EACH STATEMENT EXECUTE FUNCTION closer_stage_rollup_delete()
        """,
        """
        CREATE TRIGGER stage_day_update AFTER UPDATE ON stage_event REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION closer_stage_rollup_update()
        """,
    ]
}
