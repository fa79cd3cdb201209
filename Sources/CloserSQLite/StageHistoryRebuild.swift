import GRDB

/// The stage history of many deals made again from the log in a handful of statements, for a
/// write that logs many stage events at once (a whole store's file, the demo) or a process whose
/// stages changed. Row by row, each event's trigger looks up the deal's previous events and
/// upserts five daily sums: on the 100k demo (362k stage events) that was 90 s of CPU, nearly
/// the whole load.
///
/// The rows are those the triggers make when the events arrive in the log's time order (the
/// order `StageHistorySchema.fill` replays): each event sees its deal's earlier events through
/// window functions over the deal's events in order. The one value that depends on a chain of
/// earlier rows — the stage a reopened deal returns to when the log does not name it — is found
/// by following the chain, one step per pass, over those rows alone.
///
/// While the log is written, the insert triggers stand aside (StageHistoryBulk's flag); the
/// deals' old rows are deleted with their triggers listening, so every sum stays the sum of the
/// rows it counts, and the new rows are added to the sums by one grouped upsert each.
enum StageHistoryRebuild {
    /// Runs `body` (which writes to the log) with the log's stage triggers standing aside, then
    /// makes the history of every deal with a stage event among the rows it logged.
    static func loggingInBulk(_ db: Database, expectedEvents: Int, _ body: () throws -> Void) throws {
        let lastBefore = try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(id), 0) FROM event") ?? 0
        let logged = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM event") ?? 0
        try db.execute(sql: "INSERT INTO meta (key, value) VALUES (?, 1)", arguments: [StageHistoryBulk.flag])
        // Many rows into a small log go in without its indexes, which are then built once each.
        try BulkIndexes.inserting(expectedEvents, into: "event", db, existing: logged, body)
        try db.execute(sql: "DELETE FROM meta WHERE key = ?", arguments: [StageHistoryBulk.flag])
        try rebuild(db, deals: """
            SELECT DISTINCT entity_id FROM event WHERE id > ? AND entity = 'deal' AND action IN \(StageHistorySchema.stageActions)
            """, arguments: [lastBefore])
    }

    /// Makes the history of the deals `deals` selects (one column of ids) again from the log.
    static func rebuild(_ db: Database, deals: String, arguments: StatementArguments = []) throws {
        try db.execute(sql: "CREATE TEMP TABLE bulk_history_deal (id INTEGER PRIMARY KEY)")
        defer { try? db.execute(sql: "DROP TABLE IF EXISTS temp.bulk_history_deal; DROP TABLE IF EXISTS temp.bulk_history") }
        try db.execute(sql: "INSERT OR IGNORE INTO bulk_history_deal (id) \(deals)", arguments: arguments)
        let chosen = "(SELECT id FROM temp.bulk_history_deal)"
        // Their old rows go through the delete triggers: the sums lose exactly what they counted.
        try db.execute(sql: "DELETE FROM stage_event WHERE deal_id IN \(chosen)")
        try db.execute(sql: placedEvents(chosen))
        try db.execute(sql: "CREATE INDEX temp.bulk_history_place ON bulk_history (deal_id, rn)")
        try resolveReopenedStages(db)
        let rows = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM temp.bulk_history") ?? 0
        let existing = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM stage_event") ?? 0
        try db.execute(sql: "INSERT INTO meta (key, value) VALUES (?, 1)", arguments: [StageHistoryBulk.flag])
        try BulkIndexes.inserting(rows, into: "stage_event", db, existing: existing) { try db.execute(sql: insertRows) }
        try db.execute(sql: "DELETE FROM meta WHERE key = ?", arguments: [StageHistoryBulk.flag])
        try db.execute(sql: addToSums("s.deal_id IN \(chosen)"))
    }

    static let entry = "('created','moved','forced','reopened')"
    static let close = "('won','lost','withdrawn')"

    /// Each stage event of the chosen deals with its place in its deal's history (`rn`), the
    /// place of the previous event that is not a close-date change (`prev`), and what the
    /// triggers read from the earlier and later rows: the last entry into the same stage, the
    /// deal's next event of the same list and its next forced gate.
    static func placedEvents(_ chosen: String) -> String {
        """
        CREATE TEMP TABLE bulk_history AS
        WITH raw AS MATERIALIZED (
            SELECT e.id AS event_id, e.entity_id AS deal_id, e.at, e.action AS kind,
                   json_extract(e.changes, '$.stage.old') AS from_s, json_extract(e.changes, '$.stage.new') AS to_s,
                   json_extract(e.changes, '$.expectedClose.old') AS close_old, json_extract(e.changes, '$.expectedClose.new') AS close_new
            FROM event e
            WHERE e.entity = 'deal' AND e.action IN \(StageHistorySchema.stageActions) AND e.entity_id IN \(chosen)),
        placed AS (
            SELECT r.*, d.process_key, d.owner, d.amount, d.currency, pf.position AS pos_from, pt.position AS pos_to,
                   CASE WHEN r.kind IN ('moved','forced') THEN pt.position - pf.position END AS step,
                   ROW_NUMBER() OVER (PARTITION BY r.deal_id ORDER BY r.at, r.event_id) AS rn
            FROM raw r JOIN deal d ON d.id = r.deal_id
            LEFT JOIN process_stage pf ON pf.process_key = d.process_key AND pf.stage_key = r.from_s
            LEFT JOIN process_stage pt ON pt.process_key = d.process_key AND pt.stage_key = r.to_s),
        listed AS (
            SELECT p.*, \(StageListSchema.list("p")) AS list
            FROM placed p)
        SELECT l.*,
               MAX(CASE WHEN l.kind <> 'close-date' THEN l.rn END)
                   OVER (PARTITION BY l.deal_id ORDER BY l.rn ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev,
               CASE WHEN l.kind IN \(entry) AND l.pos_to IS NOT NULL THEN
                    MAX(CASE WHEN l.kind IN \(entry) AND l.pos_to IS NOT NULL THEN l.at END)
                        OVER (PARTITION BY l.deal_id, l.to_s ORDER BY l.rn ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) END AS prev_entry_at,
               CASE WHEN l.list IS NOT NULL THEN LEAD(l.at) OVER (PARTITION BY l.deal_id, l.list ORDER BY l.rn) END AS next_same_at,
               CASE WHEN l.kind = 'forced' THEN LEAD(l.at) OVER (PARTITION BY l.deal_id, l.kind = 'forced' ORDER BY l.rn) END AS next_forced_at,
               CASE WHEN l.kind IN \(entry) THEN l.to_s END AS stage,
               NOT (l.kind = 'reopened' AND l.to_s IS NULL) AS resolved,
               NULL AS pointer
        FROM listed l
        """
    }

    /// A reopening that names no stage returns to the stage before the close it undoes (or before
    /// itself): point it at that row, then follow the pointers until each lands on a known stage.
    static func resolveReopenedStages(_ db: Database) throws {
        try db.execute(sql: """
            UPDATE bulk_history SET pointer = (
                SELECT CASE WHEN p.kind IN \(close) THEN p.prev ELSE p.rn END FROM bulk_history p
                WHERE p.deal_id = bulk_history.deal_id AND p.rn = bulk_history.prev)
            WHERE NOT resolved;
            UPDATE bulk_history SET resolved = 1 WHERE NOT resolved AND pointer IS NULL;
            """)
        // Each pass resolves at least the first unresolved row of every chain (pointers go back).
        while true {
            try db.execute(sql: """
                UPDATE bulk_history SET
                    stage = (SELECT t.stage FROM bulk_history t WHERE t.deal_id = bulk_history.deal_id AND t.rn = bulk_history.pointer),
                    resolved = 1
                WHERE NOT resolved
                  AND (SELECT t.resolved FROM bulk_history t WHERE t.deal_id = bulk_history.deal_id AND t.rn = bulk_history.pointer)
                """)
            if db.changesCount == 0 { break }
        }
    }

    /// The rows, as the log's trigger (`StageHistorySchema.insertRow`) and the later rows'
    /// updates (`markAdvanced`, StageListSchema's successors) leave them.
    static let insertRows = """
        INSERT INTO stage_event (event_id, deal_id, process_key, owner, amount, currency, at, kind, from_stage, to_stage, step,
                                 entry_position, prev_entry_at, advanced_at, stage, left_stage, entered_at, close_old, close_new,
                                 next_same_at, next_forced_at)
        SELECT f.event_id, f.deal_id, f.process_key, f.owner, f.amount, f.currency, f.at, f.kind, f.from_s, f.to_s,
               f.step, CASE WHEN f.kind IN \(entry) THEN f.pos_to END,
               f.prev_entry_at,
               CASE WHEN f.kind IN \(entry) AND f.pos_to IS NOT NULL THEN
                    (SELECT MIN(later.at) FROM bulk_history later
                     WHERE later.deal_id = f.deal_id AND later.rn > f.rn AND later.kind IN \(entry) AND later.pos_to > f.pos_to) END,
               CASE WHEN f.kind = 'close-date' THEN p.stage ELSE f.stage END,
               CASE WHEN f.kind IN ('moved','forced') THEN COALESCE(f.from_s, p.stage) WHEN f.kind IN \(close) THEN p.stage END,
               CASE WHEN f.kind IN ('moved','forced','won','lost','withdrawn') AND p.stage IS NOT NULL THEN p.at END,
               f.close_old, f.close_new, f.next_same_at, f.next_forced_at
        FROM bulk_history f LEFT JOIN bulk_history p ON p.deal_id = f.deal_id AND p.rn = f.prev
        ORDER BY f.event_id
        """

    /// What the rows `condition` picks (on alias `s`) add to the daily sums, one grouped upsert per sum.
    static func addToSums(_ condition: String) -> String {
        let day = "CAST(s.at / 86400 AS INTEGER)"
        return """
            INSERT INTO stage_day (process_key, day, owner, position, advanced, left_stage, entries, exits, seconds)
            SELECT s.process_key, \(day), s.owner, s.entry_position, s.advanced_at IS NOT NULL, '', COUNT(*), 0, 0
            FROM stage_event s WHERE \(condition) AND s.entry_position IS NOT NULL AND s.prev_entry_at IS NULL
            GROUP BY 1, 2, 3, 4, 5
            ON CONFLICT DO UPDATE SET entries = entries + excluded.entries;
            INSERT INTO stage_day (process_key, day, owner, position, advanced, left_stage, entries, exits, seconds)
            SELECT s.process_key, \(day), s.owner, -1, 0, s.left_stage, 0, COUNT(*), SUM(s.at - s.entered_at)
            FROM stage_event s WHERE \(condition) AND s.entered_at IS NOT NULL AND s.left_stage IS NOT NULL
            GROUP BY 1, 2, 3, 6
            ON CONFLICT DO UPDATE SET exits = exits + excluded.exits, seconds = seconds + excluded.seconds;
            INSERT INTO stage_list_day (day, list, owner, currency, deals, amount)
            SELECT \(day), \(StageListSchema.list("s")), s.owner, s.currency, COUNT(*), SUM(s.amount)
            FROM stage_event s WHERE \(condition) AND \(StageListSchema.list("s")) IS NOT NULL AND s.next_same_at IS NULL
            GROUP BY 1, 2, 3, 4
            ON CONFLICT DO UPDATE SET deals = deals + excluded.deals, amount = amount + excluded.amount;
            INSERT INTO stage_list_day (day, list, owner, currency, deals, amount)
            SELECT \(day), 'forced', s.owner, s.currency, COUNT(*), SUM(s.amount)
            FROM stage_event s WHERE \(condition) AND s.kind = 'forced' AND s.next_forced_at IS NULL
            GROUP BY 1, 2, 3, 4
            ON CONFLICT DO UPDATE SET deals = deals + excluded.deals, amount = amount + excluded.amount;
            """
    }
}
