import CloserCore
import GRDB

/// The deals' stage history, one row per stage event of the log, kept by triggers.
///
/// The weekly review used to replay the 13-week window from the log's JSON in Swift: on the
/// 100k-deal store that was a second of decoding alone. Each row here already knows what the
/// review asks of it — the stage the deal stands in after the event; for an exit, the stage it
/// left and when it had entered it; for an entry, the stage's position, when the deal last
/// entered that stage before and when it first went further; for a move, how many stages
/// forward or back — and carries the deal's owner, amount and currency as they are now. So
/// every figure of the review is an aggregate over an index.
///
/// Triggers rather than the Swift write path: every writer of the log (each store write, a
/// snapshot import, the demo, a restore of an old file) keeps the table, and an old store is
/// filled once by the trigger's own statements.
enum StageHistorySchema {
    static let stageActions = "('created','moved','forced','won','lost','withdrawn','reopened','close-date')"

    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            -- Each process's stages in order, so SQL tells forward from back (built-in processes live in code).
            CREATE TABLE process_stage (
                process_key TEXT NOT NULL,
                stage_key TEXT NOT NULL,
                position INTEGER NOT NULL,
                PRIMARY KEY (process_key, stage_key)
            ) WITHOUT ROWID;
            CREATE TABLE stage_event (
                event_id INTEGER PRIMARY KEY,
                deal_id INTEGER NOT NULL,
                process_key TEXT NOT NULL,
                owner TEXT NOT NULL,
                amount INTEGER NOT NULL,
                currency TEXT NOT NULL,
                at REAL NOT NULL,
                kind TEXT NOT NULL,
                from_stage TEXT,
                to_stage TEXT,
                -- A move: stages forward (+) or back (−); NULL when either stage is not in the process.
                step INTEGER,
                -- An entry into a stage of the process (created, moved or forced in, reopened into a named stage).
                entry_position INTEGER,
                prev_entry_at REAL,
                advanced_at REAL,
                -- The stage the deal stands in after this event; NULL once it is closed.
                stage TEXT,
                -- An exit (a move out or a close): the stage left, and when the deal had entered it.
                left_stage TEXT,
                entered_at REAL,
                close_old TEXT,
                close_new TEXT
            );
            -- The 13-week window of one process, one range per stage and no sort: the entries
            -- (conversions) and the exits (days in stage), each in an index of its own rows.
            CREATE INDEX stage_event_entries ON stage_event(process_key, entry_position, at, prev_entry_at, advanced_at, owner)
                WHERE entry_position IS NOT NULL;
            CREATE INDEX stage_event_exits ON stage_event(process_key, left_stage, at, entered_at, owner) WHERE entered_at IS NOT NULL;
            -- The period's lists over every process: counts, sums and each list's largest deals from the
            -- index (kind first: a list's largest 200 are a top-N over its own rows, not the period's).
            CREATE INDEX stage_event_period ON stage_event(kind, at, owner, step, currency, amount, deal_id);
            -- One deal's history in order (the rowid breaks ties): the trigger's previous event from the index alone.
            CREATE INDEX stage_event_deal ON stage_event(deal_id, at, kind, stage, left_stage, entry_position, to_stage);
            -- Re-entries into a stage, and first entries that went further only later: the few rows
            -- the daily rollup cannot answer for every window (see stage_day).
            CREATE INDEX stage_event_reentries ON stage_event(process_key, at, entry_position, prev_entry_at, advanced_at, owner)
                WHERE prev_entry_at IS NOT NULL;
            CREATE INDEX stage_event_late_advance ON stage_event(process_key, advanced_at, at, entry_position, owner)
                WHERE entry_position IS NOT NULL AND prev_entry_at IS NULL;
            -- How often a deal's close date was ever pushed out, counted in the index.
            CREATE INDEX stage_event_pushes ON stage_event(deal_id) WHERE kind = 'close-date' AND close_new > close_old;
            """)
        try db.execute(sql: rollupSchema)
        try syncPositions(db)
        try db.execute(sql: """
            CREATE TRIGGER stage_event_from_log AFTER INSERT ON event
            WHEN NEW.entity = 'deal' AND NEW.action IN \(stageActions)
            BEGIN \(trigger(insertRow)); \(trigger(markAdvanced)); END;
            -- The review counts a deal's events under the deal as it is now.
            CREATE TRIGGER stage_event_deal_changed AFTER UPDATE OF owner, amount, currency ON deal
            WHEN OLD.owner IS NOT NEW.owner OR OLD.amount IS NOT NEW.amount OR OLD.currency IS NOT NEW.currency
            BEGIN UPDATE stage_event SET owner = NEW.owner, amount = NEW.amount, currency = NEW.currency WHERE deal_id = NEW.id; END;
            CREATE TRIGGER stage_event_deal_process AFTER UPDATE OF process_key ON deal WHEN OLD.process_key IS NOT NEW.process_key
            BEGIN UPDATE stage_event SET process_key = NEW.process_key WHERE deal_id = NEW.id; END;
            CREATE TRIGGER stage_event_deal_deleted AFTER DELETE ON deal
            BEGIN DELETE FROM stage_event WHERE deal_id = OLD.id; END;
            CREATE TRIGGER stage_event_log_deleted AFTER DELETE ON event
            BEGIN DELETE FROM stage_event WHERE event_id = OLD.id; END;
            """)
        try fill(db)
    }

    /// Per UTC day, process and rep: the first entries into each stage (and how many went further)
    /// and the timed exits from each stage. A 13-week window sums ~90 rows per stage instead of
    /// reading 300k events; its partial days at the edges (a user's midnight is not UTC's) and the
    /// rows no rollup can answer for every window (re-entries, advances after the window) are read
    /// row by row. Kept from stage_event by triggers, so any change of a row there moves its sums.
    static var rollupSchema: String {
        func add(_ row: String, _ sign: String) -> String { rollupStatements(row, sign) }
        return """
            CREATE TABLE stage_day (
                process_key TEXT NOT NULL,
                day INTEGER NOT NULL,
                owner TEXT NOT NULL,
                -- A first entry's stage position and whether the deal has gone further; -1 and 0 for exits.
                position INTEGER NOT NULL,
                advanced INTEGER NOT NULL,
                -- An exit's stage; '' for entries.
                left_stage TEXT NOT NULL,
                entries INTEGER NOT NULL,
                exits INTEGER NOT NULL,
                seconds REAL NOT NULL,
                PRIMARY KEY (process_key, day, owner, position, advanced, left_stage)
            ) WITHOUT ROWID;
            -- Per UTC day, kind, direction, rep and currency: the period's list counts and sums, and each
            -- rep's moves and wins, with the deals' amounts as they are now.
            CREATE TABLE stage_flow_day (
                day INTEGER NOT NULL,
                kind TEXT NOT NULL,
                direction INTEGER NOT NULL,
                owner TEXT NOT NULL,
                currency TEXT NOT NULL,
                events INTEGER NOT NULL,
                amount INTEGER NOT NULL,
                PRIMARY KEY (day, kind, direction, owner, currency)
            ) WITHOUT ROWID;
            CREATE TRIGGER stage_day_insert AFTER INSERT ON stage_event BEGIN \(add("NEW", "+")) END;
            CREATE TRIGGER stage_day_delete AFTER DELETE ON stage_event BEGIN \(add("OLD", "-")) END;
            CREATE TRIGGER stage_day_update
            AFTER UPDATE OF process_key, owner, amount, currency, at, step, entry_position, prev_entry_at, advanced_at, left_stage, entered_at
            ON stage_event
            BEGIN \(add("OLD", "-")) \(add("NEW", "+")) END;
            """
    }

    /// What one row of `stage_event` adds to (sign +) or takes from (sign −) the daily sums;
    /// `row` is NEW or OLD, as the triggers name it.
    static func rollupStatements(_ row: String, _ sign: String) -> String {
        """
            INSERT INTO stage_day (process_key, day, owner, position, advanced, left_stage, entries, exits, seconds)
            SELECT \(row).process_key, CAST(\(row).at / 86400 AS INTEGER), \(row).owner, \(row).entry_position,
                   \(row).advanced_at IS NOT NULL, '', \(sign)1, 0, 0
            WHERE \(row).entry_position IS NOT NULL AND \(row).prev_entry_at IS NULL
            ON CONFLICT DO UPDATE SET entries = entries + excluded.entries;
            INSERT INTO stage_day (process_key, day, owner, position, advanced, left_stage, entries, exits, seconds)
            SELECT \(row).process_key, CAST(\(row).at / 86400 AS INTEGER), \(row).owner, -1, 0, \(row).left_stage,
                   0, \(sign)1, \(sign)(\(row).at - \(row).entered_at)
            WHERE \(row).entered_at IS NOT NULL AND \(row).left_stage IS NOT NULL
            ON CONFLICT DO UPDATE SET exits = exits + excluded.exits, seconds = seconds + excluded.seconds;
            INSERT INTO stage_flow_day (day, kind, direction, owner, currency, events, amount)
            SELECT CAST(\(row).at / 86400 AS INTEGER), \(row).kind, CASE WHEN \(row).step > 0 THEN 1 WHEN \(row).step < 0 THEN -1 ELSE 0 END,
                   \(row).owner, \(row).currency, \(sign)1, \(sign)\(row).amount
            WHERE \(row).kind IN ('created','moved','forced','won','lost','withdrawn')
            ON CONFLICT DO UPDATE SET events = events + excluded.events, amount = amount + excluded.amount;
            """
    }

    /// Fills the table from the log, event by event in time order, with the trigger's own statements
    /// (v10, on the table as it was then; later fills are StageHistoryRebuild's, set-based).
    static func fill(_ db: Database) throws {
        let insert = try db.makeStatement(sql: insertRow)
        let advance = try db.makeStatement(sql: markAdvanced)
        let events = try Row.fetchCursor(db, sql: """
            SELECT e.id, e.entity_id, e.at, e.action, e.changes FROM event e
            WHERE e.entity = 'deal' AND e.action IN \(stageActions) ORDER BY e.at, e.id
            """)
        while let event = try events.next() {
            let values: StatementArguments = ["event_id": event["id"] as Int64, "deal_id": event["entity_id"] as Int64,
                                              "event_at": event["at"] as Double, "event_action": event["action"] as String,
                                              "event_changes": event["changes"] as String]
            try insert.execute(arguments: values)
            try advance.execute(arguments: ["event_id": event["id"] as Int64, "deal_id": event["entity_id"] as Int64, "event_at": event["at"] as Double])
        }
    }

    /// Makes `process_stage` match the processes the store knows (the built-in ones come with the
    /// program and may change with it); a process whose stages changed has its history refilled.
    static func syncPositions(_ db: Database) throws {
        let stored = try storedPositions(db)
        for (process, positions) in try knownPositions(db) where stored[process] != positions {
            try db.execute(sql: "DELETE FROM process_stage WHERE process_key = ?", arguments: [process])
            for (stage, position) in positions {
                try db.execute(sql: "INSERT INTO process_stage (process_key, stage_key, position) VALUES (?, ?, ?)",
                               arguments: [process, stage, position])
            }
            if stored[process] != nil {
                try StageHistoryRebuild.rebuild(db, deals: "SELECT id FROM deal WHERE process_key = ?", arguments: [process])
            }
        }
    }

    /// Whether `syncPositions` would change anything: read first, so opening a store writes only when it must.
    static func positionsAreStale(_ db: Database) throws -> Bool {
        let stored = try storedPositions(db)
        return try knownPositions(db).contains { stored[$0.key] != $0.value }
    }

    private static func storedPositions(_ db: Database) throws -> [String: [String: Int]] {
        var stored: [String: [String: Int]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT process_key, stage_key, position FROM process_stage") {
            stored[row["process_key"], default: [:]][row["stage_key"]] = row["position"]
        }
        return stored
    }

    private static func knownPositions(_ db: Database) throws -> [String: [String: Int]] {
        try Dictionary(SQLiteStore.catalog(db).processes.map { process in
            (process.key, Dictionary(process.stages.enumerated().map { ($1.key, $0) }, uniquingKeysWith: { first, _ in first }))
        }, uniquingKeysWith: { first, _ in first })
    }

    /// The row of one stage event, from the deal as it is and its previous stage event (ties broken
    /// by the log's order). Named parameters, so the fill runs it as is; `trigger` turns them into NEW.
    /// Scalar subqueries and repeated expressions rather than subqueries in FROM: SQLite would build a
    /// temporary table for each of those on every event (measured: 95 → 30 µs an event).
    static var insertRow: String {
        let from = "json_extract(:event_changes, '$.stage.old')", to = "json_extract(:event_changes, '$.stage.new')"
        func previous(_ column: String) -> String {
            """
            (SELECT \(column) FROM stage_event WHERE deal_id = :deal_id AND kind <> 'close-date'
                AND (at < :event_at OR (at = :event_at AND event_id < :event_id)) ORDER BY at DESC, event_id DESC LIMIT 1)
            """
        }
        func position(_ stage: String) -> String {
            "(SELECT position FROM process_stage WHERE process_key = d.process_key AND stage_key = \(stage))"
        }
        let isEntry = ":event_action IN ('created','moved','forced','reopened')"
        return """
            INSERT INTO stage_event (event_id, deal_id, process_key, owner, amount, currency, at, kind, from_stage, to_stage, step,
                                     entry_position, prev_entry_at, stage, left_stage, entered_at, close_old, close_new)
            SELECT :event_id, :deal_id, d.process_key, d.owner, d.amount, d.currency, :event_at, :event_action, \(from), \(to),
                   CASE WHEN :event_action IN ('moved','forced') THEN \(position(to)) - \(position(from)) END,
                   CASE WHEN \(isEntry) THEN \(position(to)) END,
                   CASE WHEN \(isEntry) AND \(position(to)) IS NOT NULL THEN
                        (SELECT MAX(x.at) FROM stage_event x WHERE x.deal_id = :deal_id AND x.entry_position IS NOT NULL
                           AND x.to_stage = \(to) AND (x.at < :event_at OR (x.at = :event_at AND x.event_id < :event_id))) END,
                   CASE WHEN :event_action IN ('created','moved','forced') THEN \(to)
                        WHEN :event_action = 'reopened' THEN COALESCE(\(to), CASE WHEN \(previous("kind")) IN ('won','lost','withdrawn')
                                                                         THEN \(previous("left_stage")) ELSE \(previous("stage")) END)
                        WHEN :event_action = 'close-date' THEN \(previous("stage")) END,
                   CASE WHEN :event_action IN ('moved','forced') THEN COALESCE(\(from), \(previous("stage")))
                        WHEN :event_action IN ('won','lost','withdrawn') THEN \(previous("stage")) END,
                   CASE WHEN :event_action IN ('moved','forced','won','lost','withdrawn') AND \(previous("stage")) IS NOT NULL
                        THEN \(previous("at")) END,
                   json_extract(:event_changes, '$.expectedClose.old'), json_extract(:event_changes, '$.expectedClose.new')
            FROM deal d WHERE d.id = :deal_id
            """
    }

    /// An entry into a later stage marks the deal's earlier entries, not yet marked, as gone further.
    static let markAdvanced = """
        UPDATE stage_event SET advanced_at = :event_at
        WHERE deal_id = :deal_id AND advanced_at IS NULL AND entry_position IS NOT NULL AND event_id <> :event_id AND at <= :event_at
          AND entry_position < (SELECT entry_position FROM stage_event WHERE event_id = :event_id)
        """

    static func trigger(_ statement: String) -> String {
        [("event_changes", "changes"), ("event_action", "action"), ("event_at", "at"), ("event_id", "id"), ("deal_id", "entity_id")]
            .reduce(statement) { sql, name in sql.replacingOccurrences(of: ":" + name.0, with: "NEW." + name.1) }
    }
}
