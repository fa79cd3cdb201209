import GRDB

/// The deals' stage history, one row per stage event of the log, kept by a trigger on the log.
///
/// The weekly review used to replay the 13-week window from the log's JSON in Swift: on the
/// 100k-deal store that was a second of decoding alone. Each row here already knows the stage the
/// deal stands in after the event and, for an exit (a move out or a close), the stage it left and
/// when it had entered it, so the days in each stage and the conversions are SQL aggregates over
/// an index. A trigger rather than the Swift write path: every writer of the log (each store
/// write, a snapshot import, the demo, a restore of an old file) keeps the table, and an old
/// store is filled once by the same statement.
enum StageHistorySchema {
    static let stageActions = "('created','moved','forced','won','lost','withdrawn','reopened','close-date')"

    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE stage_event (
                event_id INTEGER PRIMARY KEY,
                deal_id INTEGER NOT NULL,
                process_key TEXT NOT NULL,
                at REAL NOT NULL,
                kind TEXT NOT NULL,
                from_stage TEXT,
                to_stage TEXT,
                -- The stage the deal stands in after this event; NULL once it is closed.
                stage TEXT,
                -- For an exit: the stage the deal left, and when it had entered it.
                left_stage TEXT,
                entered_at REAL,
                close_old TEXT,
                close_new TEXT
            );
            -- The window of one process: conversions and days in stage read this index alone.
            CREATE INDEX stage_event_window ON stage_event(process_key, at, kind, to_stage, deal_id, left_stage, entered_at);
            -- The period's lists, over every process.
            CREATE INDEX stage_event_at ON stage_event(at, kind, deal_id);
            -- One deal's history: the trigger's previous event, and how often a close date was pushed.
            CREATE INDEX stage_event_deal ON stage_event(deal_id, kind, at);
            """)
        try db.execute(sql: """
            CREATE TRIGGER stage_event_from_log AFTER INSERT ON event
            WHEN NEW.entity = 'deal' AND NEW.action IN \(stageActions)
            BEGIN \(trigger(insertRow)); END;
            -- The review counts a deal's events under the deal as it is now: deleted deals drop out,
            -- a deal moved to another process takes its history along.
            CREATE TRIGGER stage_event_deal_deleted AFTER DELETE ON deal
            BEGIN DELETE FROM stage_event WHERE deal_id = OLD.id; END;
            CREATE TRIGGER stage_event_deal_process AFTER UPDATE OF process_key ON deal
            BEGIN UPDATE stage_event SET process_key = NEW.process_key WHERE deal_id = NEW.id; END;
            CREATE TRIGGER stage_event_log_deleted AFTER DELETE ON event
            BEGIN DELETE FROM stage_event WHERE event_id = OLD.id; END;
            """)
        try fill(db)
    }

    /// Fills the table from an existing log, event by event in time order, with the trigger's own statement.
    static func fill(_ db: Database) throws {
        let insert = try db.makeStatement(sql: insertRow)
        let events = try Row.fetchCursor(db, sql: """
            SELECT id, entity_id, at, action, changes FROM event
            WHERE entity = 'deal' AND action IN \(stageActions) ORDER BY at, id
            """)
        while let event = try events.next() {
            try insert.execute(arguments: ["event_id": event["id"] as Int64, "deal_id": event["entity_id"] as Int64,
                                           "event_at": event["at"] as Double, "event_action": event["action"] as String,
                                           "event_changes": event["changes"] as String])
        }
    }

    /// The row of one stage event, from the deal's previous stage event (ties broken by the log's order).
    /// Written with named parameters so the backfill runs it as is; `trigger` turns them into NEW.
    static let insertRow = """
        INSERT INTO stage_event (event_id, deal_id, process_key, at, kind, from_stage, to_stage, stage, left_stage, entered_at, close_old, close_new)
        SELECT :event_id, :deal_id, d.process_key, :event_at, :event_action, j.from_stage, j.to_stage,
               CASE WHEN :event_action IN ('created','moved','forced') THEN j.to_stage
                    WHEN :event_action = 'reopened' THEN COALESCE(j.to_stage, CASE WHEN p.kind IN ('won','lost','withdrawn') THEN p.left_stage ELSE p.stage END)
                    WHEN :event_action = 'close-date' THEN p.stage END,
               CASE WHEN :event_action IN ('moved','forced') THEN COALESCE(j.from_stage, p.stage)
                    WHEN :event_action IN ('won','lost','withdrawn') THEN p.stage END,
               CASE WHEN :event_action IN ('moved','forced','won','lost','withdrawn') AND p.stage IS NOT NULL THEN p.at END,
               j.close_old, j.close_new
        FROM deal d
        JOIN (SELECT json_extract(:event_changes, '$.stage.old') AS from_stage, json_extract(:event_changes, '$.stage.new') AS to_stage,
                     json_extract(:event_changes, '$.expectedClose.old') AS close_old,
                     json_extract(:event_changes, '$.expectedClose.new') AS close_new) j
        LEFT JOIN (SELECT kind, stage, left_stage, at FROM stage_event
                   WHERE deal_id = :deal_id AND kind <> 'close-date' AND (at < :event_at OR (at = :event_at AND event_id < :event_id))
                   ORDER BY at DESC, event_id DESC LIMIT 1) p
        WHERE d.id = :deal_id
        """

    static func trigger(_ statement: String) -> String {
        [("event_changes", "changes"), ("event_action", "action"), ("event_at", "at"), ("event_id", "id"), ("deal_id", "entity_id")]
            .reduce(statement) { sql, name in sql.replacingOccurrences(of: ":" + name.0, with: "NEW." + name.1) }
    }
}
