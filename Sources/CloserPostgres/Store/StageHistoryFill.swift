import CloserCore
import CloserStoreKit
import Foundation

/// The stage history of many deals made again from the log, after a load that logged their
/// stage events with the row trigger silent (`closer.history = 'deferred'`: an import, the demo)
/// or when a process's stages changed. The rows are those the row trigger makes when the events
/// arrive in the log's time order.
///
/// The store's administrator (who owns the history) replays the log in the program, as the file
/// store does (`StageHistoryLogReplay`): one read of the deals' events ordered by deal, through a
/// cursor, each deal's events replayed in one walk, the rows sent back by COPY and the daily sums
/// counted in memory (`StageHistorySums`) and added by one upsert per table. The set-based fill
/// in SQL (`closer_stage_fill`) sorted the wide rows once per window function and resolved
/// reopenings pass by pass: 13.6 s of the 100k demo's load. A member of the team may not write
/// the history (the server's own functions keep it), so their loads still call that function.
enum StageHistoryFill {
    /// Log rows fetched from the cursor at a time: a few megabytes, not the whole log in memory.
    static let batch = 50_000

    /// A load's own stage events and deals, in hand, replayed on another thread while the load
    /// writes its rows (the server is busy then, and the program idle). When no stage event of its
    /// deals was logged before it (at or below `loggedAfter`), the history is made from these and
    /// the log is not read back; the rows go in in the log's order, as the primary key keeps them.
    struct Held {
        var history: HeldHistory
        var loggedAfter: Int64
    }

    static func fill(_ connection: Connection, deals: [Int64], held: Held? = nil) throws {
        guard !deals.isEmpty else { return }
        let ids = ImportedRows.idArray(deals.sorted())
        guard try writesHistory(connection) else {
            try connection.execute("SELECT closer_stage_fill(?::bigint[])", [ids])
            return
        }
        let chosen = "(SELECT unnest(?::bigint[]))"
        let mode = try connection.queryOne("SELECT coalesce(current_setting('closer.history', true), '') AS mode")?.text("mode") ?? ""
        // The deals' old rows go through the delete triggers: the sums lose exactly what they counted.
        try connection.execute("DELETE FROM stage_event WHERE deal_id IN \(chosen)", [ids])
        let positions = try positions(connection)
        let inHand = try held.flatMap { try rows(of: $0, ids, chosen, positions, connection) }
        // The rows just replayed go in in the log's order (they are sorted already).
        let incoming = try inHand?.count ?? connection.queryOne("""
            SELECT count(*) AS n FROM event WHERE entity = 'deal' AND action IN \(PostgresSchema.stageActions) AND entity_id IN \(chosen)
            """, [ids])?.int("n") ?? 0
        let setAside = try BulkLoadSetAside.begin(connection, rows: ["stage_event": incoming])
        // The new rows' sums are added from memory below: the insert triggers stand aside meanwhile.
        try connection.execute("SET LOCAL closer.history = 'verbatim'")
        var sums = StageHistorySums()
        func write(_ records: [StageHistoryRecord]) throws {
            guard !records.isEmpty else { return }
            try connection.copyIn(table: "stage_event", columns: StageHistoryRecord.columns) { copy in
                for record in records {
                    try copy.append(record.cells)
                    sums.add(record)
                }
            }
        }
        if let inHand {
            try write(inHand)
        } else {
            try replayLog(connection, ids, chosen, positions, write: write)
        }
        try add(sums, connection)
        try connection.execute("SELECT set_config('closer.history', ?, true)", [.text(mode)])
        try setAside.end(connection)
    }

    /// Each process's stages and their positions.
    static func positions(_ connection: Connection) throws -> [String: [String: Int64]] {
        var positions = [String: [String: Int64]]()
        for row in try connection.query("SELECT process_key, stage_key, position FROM process_stage") {
            positions[try row.text("process_key"), default: [:]][try row.text("stage_key")] = try row.int64("position")
        }
        return positions
    }

    /// The history rows of a load's events in hand; nil when the log holds earlier stage events of its deals.
    private static func rows(of held: Held, _ ids: SQLValue, _ chosen: String, _ positions: [String: [String: Int64]],
                             _ connection: Connection) throws -> [StageHistoryRecord]? {
        let earlier = try connection.queryOne("""
            SELECT EXISTS (SELECT 1 FROM event WHERE id <= ? AND entity = 'deal' AND action IN \(PostgresSchema.stageActions)
                                                 AND entity_id IN \(chosen)) AS earlier
            """, [.int(held.loggedAfter), ids])?.bool("earlier") ?? true
        guard !earlier else { return nil }
        return held.history.rows(positions: positions)
    }

    /// Whether this connection's user writes the history itself: the administrator, whom no
    /// row-level security binds on the log or the history.
    static func writesHistory(_ connection: Connection) throws -> Bool {
        try connection.queryOne("""
            SELECT NOT row_security_active('event') AND NOT row_security_active('stage_event')
               AND has_table_privilege('stage_event', 'INSERT') AND has_table_privilege('stage_event', 'DELETE')
               AND has_table_privilege('stage_day', 'INSERT') AND has_table_privilege('stage_day', 'UPDATE')
               AND has_table_privilege('stage_list_day', 'INSERT') AND has_table_privilege('stage_list_day', 'UPDATE') AS writes
            """)?.bool("writes") == true
    }

    /// The deals' stage events in the log's order, deal by deal, replayed into history rows that
    /// are handed to `write` a batch at a time.
    private static func replayLog(_ connection: Connection, _ ids: SQLValue, _ chosen: String, _ positions: [String: [String: Int64]],
                                  write: ([StageHistoryRecord]) throws -> Void) throws {
        // The cursor's sort happens once, at the first fetch: in memory rather than on disk.
        let memory = try connection.queryOne("SELECT current_setting('work_mem') AS memory")?.text("memory") ?? "4MB"
        try connection.execute("SET LOCAL work_mem = '256MB'")
        // Every row is fetched: a plan for the first rows (a cursor's default) walked the log's
        // index with a lookup per event, 5 minutes for a 100k-deal import instead of one sort.
        let fraction = try connection.queryOne("SELECT current_setting('cursor_tuple_fraction') AS fraction")?.text("fraction") ?? "0.1"
        try connection.execute("SET LOCAL cursor_tuple_fraction = 1.0")
        try connection.execute("""
            DECLARE closer_history NO SCROLL CURSOR FOR
            SELECT e.entity_id, e.id, e.at, e.action, raw.j #>> '{stage,old}' AS from_s, raw.j #>> '{stage,new}' AS to_s,
                   raw.j #>> '{expectedClose,old}' AS close_old, raw.j #>> '{expectedClose,new}' AS close_new,
                   d.process_key, d.owner, d.amount, d.currency
            FROM event e
            CROSS JOIN LATERAL (SELECT e.changes::jsonb AS j OFFSET 0) raw
            JOIN deal d ON d.id = e.entity_id
            WHERE e.entity = 'deal' AND e.action IN \(PostgresSchema.stageActions) AND e.entity_id IN \(chosen)
            ORDER BY e.entity_id, e.at, e.id
            """, [ids])
        var log = StageHistoryLogReplay(positions: positions)
        var records = [StageHistoryRecord]()
        while true {
            let rows = try connection.query("FETCH FORWARD \(batch) FROM closer_history")
            for row in rows {
                let entry = StageHistoryLogReplay.Entry(
                    dealID: try row.int64("entity_id"), eventID: try row.int64("id"), at: try row.double("at"), kind: try row.text("action"),
                    fromStage: try row.optionalText("from_s"), toStage: try row.optionalText("to_s"),
                    closeOld: try row.optionalText("close_old"), closeNew: try row.optionalText("close_new"))
                try log.add(entry, deal: {
                    StageHistoryRecord.Deal(id: entry.dealID, process: try row.text("process_key"), owner: try row.text("owner"),
                                            amount: try row.int64("amount"), currency: try row.text("currency"))
                }, to: &records)
            }
            if rows.count < batch { break }
            try write(records)
            records.removeAll(keepingCapacity: true)
        }
        try connection.execute("CLOSE closer_history")
        try connection.execute("SELECT set_config('work_mem', ?, true)", [.text(memory)])
        try connection.execute("SELECT set_config('cursor_tuple_fraction', ?, true)", [.text(fraction)])
        log.finish(to: &records)
        try write(records)
    }

    /// Adds what the new rows count to the daily sums the store holds, one upsert per table.
    private static func add(_ sums: StageHistorySums, _ connection: Connection) throws {
        try connection.execute("CREATE TEMP TABLE closer_stage_day_add ON COMMIT DROP AS SELECT * FROM stage_day WITH NO DATA")
        try connection.execute("CREATE TEMP TABLE closer_stage_list_day_add ON COMMIT DROP AS SELECT * FROM stage_list_day WITH NO DATA")
        try connection.copyIn(table: "closer_stage_day_add", columns: ["process_key", "day", "owner", "position", "advanced", "left_stage",
                                                                      "entries", "exits", "seconds"]) { copy in
            for (key, day) in sums.stageDays {
                try copy.append([CellValue.text(key.process), .integer(key.day), .text(key.owner), .integer(key.position),
                                 .integer(key.advanced ? 1 : 0), .text(key.leftStage), .integer(day.entries), .integer(day.exits), .real(day.seconds)])
            }
        }
        try connection.copyIn(table: "closer_stage_list_day_add", columns: ["day", "list", "owner", "currency", "deals", "amount"]) { copy in
            for (key, list) in sums.listDays {
                try copy.append([CellValue.integer(key.day), .text(key.list), .text(key.owner), .text(key.currency), .integer(list.deals),
                                 .integer(list.amount)])
            }
        }
        try connection.execute("""
            INSERT INTO stage_day AS t SELECT * FROM closer_stage_day_add
            ON CONFLICT (process_key, day, owner, position, advanced, left_stage)
            DO UPDATE SET entries = t.entries + excluded.entries, exits = t.exits + excluded.exits, seconds = t.seconds + excluded.seconds
            """)
        try connection.execute("""
            INSERT INTO stage_list_day AS t SELECT * FROM closer_stage_list_day_add
            ON CONFLICT (day, list, owner, currency) DO UPDATE SET deals = t.deals + excluded.deals, amount = t.amount + excluded.amount
            """)
        try connection.execute("DROP TABLE closer_stage_day_add, closer_stage_list_day_add")
    }
}

/// The history rows of a load's stage events, replayed from the rows it holds on a thread of
/// their own as soon as the processes' stages are known.
final class HeldHistory: @unchecked Sendable {
    private let positions: [String: [String: Int64]]
    private let replayed = DispatchGroup()
    // Written once on the replaying thread before `replayed` leaves; read only after waiting for it.
    private var records: [StageHistoryRecord]?

    init(events: [ChangeEvent], deals: [Deal], positions: [String: [String: Int64]]) {
        self.positions = positions
        replayed.enter()
        DispatchQueue.global().async { [self] in
            let held = Dictionary(deals.map { deal in
                (deal.id, StageHistoryRecord.Deal(id: deal.id, process: deal.processKey, owner: deal.owner, amount: deal.amount.minorUnits,
                                                  currency: deal.amount.currency))
            }, uniquingKeysWith: { _, last in last })
            records = StageHistoryLogReplay.rows(of: events, deals: held, positions: positions)?.sorted { $0.event.eventID < $1.event.eventID }
            replayed.leave()
        }
    }

    /// The rows, in the log's order; nil when an event is about a deal the load does not hold,
    /// or the stages' positions are no longer those the replay used.
    func rows(positions current: [String: [String: Int64]]) -> [StageHistoryRecord]? {
        replayed.wait()
        return current == positions ? records : nil
    }
}
