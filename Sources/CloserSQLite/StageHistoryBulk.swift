import CloserCore
import Foundation
import GRDB

/// Many new deals at once (an import of 100 000 rows): their "created" rows logged, and their
/// stage history and its daily sums filled in three statements, instead of one run of the
/// log's trigger per deal (with three upserts each): 100k deals took 19 s of CPU that way.
///
/// While the write runs, a row in `meta` tells the insert triggers to stand aside; it is
/// deleted in the same transaction, so no other connection ever sees it.
enum StageHistoryBulk {
    static let flag = "bulk_stage_history"
    static let standAside = "NOT EXISTS (SELECT 1 FROM meta WHERE key = '\(flag)')"

    /// v13: the log's and the history's insert triggers, as before, but standing aside for a bulk write
    /// (v16, StageListSchema, gives the history's insert trigger the review lists' rollup).
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            DROP TRIGGER stage_event_from_log;
            CREATE TRIGGER stage_event_from_log AFTER INSERT ON event
            WHEN NEW.entity = 'deal' AND NEW.action IN \(StageHistorySchema.stageActions) AND \(standAside)
            BEGIN \(StageHistorySchema.trigger(StageHistorySchema.insertRow)); \(StageHistorySchema.trigger(StageHistorySchema.markAdvanced)); END;
            DROP TRIGGER stage_day_insert;
            CREATE TRIGGER stage_day_insert AFTER INSERT ON stage_event WHEN \(standAside)
            BEGIN \(StageHistorySchema.rollupStatements("NEW", "+")) END;
            """)
    }

    /// Logs a "created" row for each deal from `firstDealID` on (the deals this write inserted;
    /// none has any history yet) and adds their entries to the stage history and its daily sums.
    /// The log's rows are made in SQL from the deal rows: encoding each one's changes as JSON in
    /// Swift cost more than the rest of the insert.
    static func logCreated(_ db: Database, dealsFrom firstDealID: Int64, by user: String, at time: Date) throws {
        let latest = try Double.fetchOne(db, sql: "SELECT MAX(at) FROM event") ?? 0
        let at = max(latest, time.timeIntervalSince1970)
        let first = (try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(id), 0) FROM event") ?? 0) + 1
        // As for the deals themselves: many rows into a small log go in without its indexes, which
        // are then built once each.
        let rows = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM deal WHERE id >= ?", arguments: [firstDealID]) ?? 0
        let logged = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM event") ?? 0
        if BulkIndexes.worthDropping(inserts: rows, existing: logged) {
            try BulkIndexes.withoutSecondaryIndexes(on: "event", db) {
                try BulkIndexes.withoutSecondaryIndexes(on: "stage_event", db) {
                    try insertRows(db, dealsFrom: firstDealID, firstEvent: first, at: at, user: user)
                }
            }
        } else {
            try insertRows(db, dealsFrom: firstDealID, firstEvent: first, at: at, user: user)
        }
    }

    private static func insertRows(_ db: Database, dealsFrom firstDealID: Int64, firstEvent first: Int64, at: Double, user: String) throws {
        try db.execute(sql: "INSERT INTO meta (key, value) VALUES (?, 1)", arguments: [flag])
        // The same row as `DealLog.created`, its changes' JSON written out (keys sorted, as
        // the encoder writes them; json_object per row cost a sixth more).
        try db.execute(sql: """
            INSERT INTO event (at, user, entity, entity_id, action, changes, note, account_id)
            SELECT ?, ?, 'deal', d.id, 'created',
                   '{"amount":{"new":"' || d.amount || '"},"stage":{"new":' || json_quote(d.stage_key) || '}}',
                   d.title, d.account_id
            FROM deal d WHERE d.id >= ? ORDER BY d.id
            """, arguments: [at, user, firstDealID])
        try db.execute(sql: """
            INSERT INTO stage_event (event_id, deal_id, process_key, owner, amount, currency, at, kind, from_stage, to_stage, step,
                                     entry_position, prev_entry_at, stage, left_stage, entered_at, close_old, close_new)
            SELECT e.id, d.id, d.process_key, d.owner, d.amount, d.currency, e.at, 'created', NULL, d.stage_key, NULL,
                   (SELECT position FROM process_stage p WHERE p.process_key = d.process_key AND p.stage_key = d.stage_key),
                   NULL, d.stage_key, NULL, NULL, NULL, NULL
            FROM event e JOIN deal d ON d.id = e.entity_id
            WHERE e.id >= ? AND e.entity = 'deal' AND e.action = 'created';
            """, arguments: [first])
        // Both daily sums from one pass: every new row is a first entry on the same day.
        let groups = try Row.fetchAll(db, sql: """
            SELECT process_key, CAST(at / 86400 AS INTEGER) AS day, owner, entry_position, currency, COUNT(*) AS n, SUM(amount) AS amount
            FROM stage_event WHERE event_id >= ? GROUP BY 1, 2, 3, 4, 5
            """, arguments: [first])
        let entries = try db.makeStatement(sql: """
            INSERT INTO stage_day (process_key, day, owner, position, advanced, left_stage, entries, exits, seconds)
            VALUES (?, ?, ?, ?, 0, '', ?, 0, 0) ON CONFLICT DO UPDATE SET entries = entries + excluded.entries
            """)
        // Each new deal's "created" row is its last of the new-deal list (StageListSchema).
        let flows = try db.makeStatement(sql: """
            INSERT INTO stage_list_day (day, list, owner, currency, deals, amount) VALUES (?, 'created', ?, ?, ?, ?)
            ON CONFLICT DO UPDATE SET deals = deals + excluded.deals, amount = amount + excluded.amount
            """)
        for row in groups {
            if let position: Int = row["entry_position"] {
                try entries.execute(arguments: [row["process_key"], row["day"], row["owner"], position, row["n"]])
            }
            try flows.execute(arguments: [row["day"], row["owner"], row["currency"], row["n"], row["amount"]])
        }
        try db.execute(sql: "DELETE FROM meta WHERE key = ?", arguments: [flag])
    }
}
