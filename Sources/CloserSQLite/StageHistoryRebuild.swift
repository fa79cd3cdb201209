import CloserStoreKit
import GRDB

/// The stage history of many deals made again from the log, for a write that logs many stage
/// events at once (a whole store's file, the demo) or a process whose stages changed. Row by
/// row, each event's trigger looks up the deal's previous events and upserts five daily sums: on
/// the 100k demo (362k stage events) that was 90 s of CPU, nearly the whole load.
///
/// The rows are those the triggers make when the events arrive in the log's time order (the
/// order `StageHistorySchema.fill` replays). The log is read once, deal by deal, and each deal's
/// events are replayed in Swift (`StageHistoryReplay`): window functions over the whole log
/// sorted its wide rows once per window, which cost more than the rest of the rebuild.
///
/// While the log is written, the insert triggers stand aside (StageHistoryBulk's flag); the
/// deals' old rows are deleted with their triggers listening, so every sum stays the sum of the
/// rows it counts, and what the new rows add is counted in memory and upserted (StageHistorySums, shared with the server).
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
        defer { try? db.execute(sql: "DROP TABLE IF EXISTS temp.bulk_history_deal") }
        try db.execute(sql: "INSERT OR IGNORE INTO bulk_history_deal (id) \(deals)", arguments: arguments)
        let chosen = "(SELECT id FROM temp.bulk_history_deal)"
        // Their old rows go through the delete triggers: the sums lose exactly what they counted.
        try db.execute(sql: "DELETE FROM stage_event WHERE deal_id IN \(chosen)")
        let rows = try replayedRows(db, chosen).sorted { $0.event.eventID < $1.event.eventID }
        let existing = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM stage_event") ?? 0
        try db.execute(sql: "INSERT INTO meta (key, value) VALUES (?, 1)", arguments: [StageHistoryBulk.flag])
        try BulkIndexes.inserting(rows.count, into: "stage_event", db, existing: existing) {
            var insert = try BulkInsert<StageHistoryRecord>(db, into: "stage_event", what: "a stage history row")
            for row in rows { try insert.insert(row) }
        }
        try db.execute(sql: "DELETE FROM meta WHERE key = ?", arguments: [StageHistoryBulk.flag])
        try StageHistorySums(rows).add(to: db)
    }

    /// The chosen deals' stage events from the log, deal by deal in the log's order, each deal's
    /// replayed into its history rows.
    private static func replayedRows(_ db: Database, _ chosen: String) throws -> [StageHistoryRecord] {
        var positions = [String: [String: Int64]]()
        for row in try Row.fetchAll(db, sql: "SELECT process_key, stage_key, position FROM process_stage") {
            positions[row[0], default: [:]][row[1]] = row[2]
        }
        let events = try Row.fetchCursor(db, sql: """
            SELECT e.entity_id, e.id, e.at, e.action,
                   CAST(json_extract(e.changes, '$.stage.old') AS TEXT), CAST(json_extract(e.changes, '$.stage.new') AS TEXT),
                   CAST(json_extract(e.changes, '$.expectedClose.old') AS TEXT), CAST(json_extract(e.changes, '$.expectedClose.new') AS TEXT),
                   d.process_key, d.owner, d.amount, d.currency
            FROM event e JOIN deal d ON d.id = e.entity_id
            WHERE e.entity = 'deal' AND e.action IN \(StageHistorySchema.stageActions) AND e.entity_id IN \(chosen)
            ORDER BY e.entity_id, e.at, e.id
            """)
        var records = [StageHistoryRecord]()
        var replay = StageHistoryLogReplay(positions: positions)
        while let row = try events.next() {
            let entry = StageHistoryLogReplay.Entry(dealID: row[0], eventID: row[1], at: row[2], kind: row[3], fromStage: row[4], toStage: row[5],
                                                    closeOld: row[6], closeNew: row[7])
            replay.add(entry, deal: { StageHistoryRecord.Deal(id: row[0], process: row[8], owner: row[9], amount: row[10], currency: row[11]) },
                       to: &records)
        }
        replay.finish(to: &records)
        return records
    }
}
