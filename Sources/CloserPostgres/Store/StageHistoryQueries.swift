import CloserCore
import Foundation

/// The review's figures from the stage history (`stage_event` and its daily sums, see
/// StageHistorySQL): sums over the days, aggregates for what the days cannot answer (the partial
/// days at a window's edges, re-entries, advances after the window), and only the rows a list
/// shows — the file store's queries, one for one.
struct StageHistoryQueries {
    let connection: Connection
    /// The deals of one rep (their owner as they are now), or every deal.
    let rep: String?

    func stageOwner() -> SQLConditions {
        var filter = SQLConditions()
        if let rep { filter.add("s.owner = ?", [.text(rep)]) }
        return filter
    }

    /// Of the deals that entered each stage in [from, until), how many reached a later stage before
    /// `until`: each deal's first entry into a stage within the window, and whether it went further.
    func conversions(process: ProcessTemplate, from: Double, until: Double) throws -> [StageConversion] {
        let (days, edges) = ReviewRollup.split(from: from, until: until)
        var figures: [Int: (entered: Int, advanced: Int)] = [:]
        func add(_ sql: String, _ filter: SQLConditions, before: [SQLValue] = []) throws {
            for row in try connection.query(sql, before + filter.values) {
                let position = try row.int("position")
                figures[position, default: (0, 0)].entered += try row.optionalInt("entered") ?? 0
                figures[position, default: (0, 0)].advanced += try row.optionalInt("advanced") ?? 0
            }
        }
        let positions = process.stages.indices.map(String.init).joined(separator: ",")
        let byRow = """
            SELECT s.entry_position AS position, count(*) AS entered, count(CASE WHEN s.advanced_at < ? THEN 1 END) AS advanced
            FROM stage_event s
            """
        for (start, end) in edges {
            var filter = stageOwner()
            filter.add("s.process_key = ?", [.text(process.key)])
            filter.add("s.entry_position IN (\(positions))")
            filter.add("s.at >= ? AND s.at < ?", [.double(start), .double(end)])
            filter.add("s.entry_position IS NOT NULL")
            filter.add("(s.prev_entry_at IS NULL OR s.prev_entry_at < ?)", [.double(from)])
            try add("\(byRow) \(filter.whereClause) GROUP BY s.entry_position", filter, before: [.double(until)])
        }
        guard !days.isEmpty else { return ReviewRollup.conversions(process, figures) }
        let (start, end) = (Double(days.lowerBound) * 86_400, Double(days.upperBound) * 86_400)
        var rollup = SQLConditions()
        rollup.add("process_key = ?", [.text(process.key)])
        rollup.add("day >= ? AND day < ?", [.int(days.lowerBound), .int(days.upperBound)])
        rollup.add("position >= 0")
        if let rep { rollup.add("owner = ?", [.text(rep)]) }
        try add("""
            SELECT position, sum(entries)::bigint AS entered, sum(CASE WHEN advanced THEN entries ELSE 0 END)::bigint AS advanced
            FROM stage_day \(rollup.whereClause) GROUP BY position
            """, rollup)
        // The daily sums count a first entry as advanced however late it went further.
        var late = stageOwner()
        late.add("s.process_key = ?", [.text(process.key)])
        late.add("s.entry_position IS NOT NULL AND s.prev_entry_at IS NULL")
        late.add("s.advanced_at >= ?", [.double(until)])
        late.add("s.at >= ? AND s.at < ?", [.double(start), .double(end)])
        try add("SELECT s.entry_position AS position, 0 AS entered, -count(*) AS advanced FROM stage_event s \(late.whereClause) GROUP BY s.entry_position", late)
        // A re-entry is the window's first entry only when the one before lies before the window.
        var again = stageOwner()
        again.add("s.process_key = ?", [.text(process.key)])
        again.add("s.at >= ? AND s.at < ?", [.double(start), .double(end)])
        again.add("s.prev_entry_at IS NOT NULL AND s.prev_entry_at < ?", [.double(from)])
        try add("\(byRow) \(again.whereClause) GROUP BY s.entry_position", again, before: [.double(until)])
        return ReviewRollup.conversions(process, figures)
    }

    /// For every exit from a stage in [from, until), the days since the deal entered it; averaged per stage.
    func durations(process: ProcessTemplate, from: Double, until: Double) throws -> [StageDuration] {
        let (days, edges) = ReviewRollup.split(from: from, until: until)
        var totals: [String: (exits: Int, seconds: Double)] = [:]
        func add(_ sql: String, _ filter: SQLConditions) throws {
            for row in try connection.query(sql, filter.values) {
                guard let stage = try row.optionalText("left_stage") else { continue }
                totals[stage, default: (0, 0)].exits += try row.int("exits")
                totals[stage, default: (0, 0)].seconds += try row.optionalDouble("seconds") ?? 0
            }
        }
        for (start, end) in edges {
            var filter = stageOwner()
            filter.add("s.process_key = ?", [.text(process.key)])
            filter.add("s.left_stage", in: process.stages.map(\.key))
            filter.add("s.at >= ? AND s.at < ?", [.double(start), .double(end)])
            filter.add("s.entered_at IS NOT NULL")
            try add("""
                SELECT s.left_stage, count(*) AS exits, sum(s.at - s.entered_at) AS seconds FROM stage_event s \(filter.whereClause)
                GROUP BY s.left_stage
                """, filter)
        }
        if !days.isEmpty {
            var rollup = SQLConditions()
            rollup.add("process_key = ?", [.text(process.key)])
            rollup.add("day >= ? AND day < ?", [.int(days.lowerBound), .int(days.upperBound)])
            rollup.add("position = -1")
            if let rep { rollup.add("owner = ?", [.text(rep)]) }
            try add("SELECT left_stage, sum(exits)::bigint AS exits, sum(seconds) AS seconds FROM stage_day \(rollup.whereClause) GROUP BY left_stage",
                    rollup)
        }
        return ReviewRollup.durations(process, totals)
    }

    /// The deals whose close date moved in the period, those pushed most often over their whole
    /// life first, then those moved furthest.
    func closeDateChanges(_ q: ReviewQuery, from: Double, until: Double) throws -> [CloseDateChange] {
        var filter = stageOwner()
        filter.add("s.kind = 'close-date'")
        filter.add("s.at >= ?", [.double(from)])
        filter.add("s.at < ?", [.double(until)])
        let inPeriod = "f.deal_id = r.deal_id AND f.kind = 'close-date' AND f.at >= ? AND f.at < ?"
        return try connection.query("""
            WITH changed AS (
                SELECT s.deal_id, round(sum(coalesce(s.close_new::date - s.close_old::date, 0)))::bigint AS days
                FROM stage_event s \(filter.whereClause) GROUP BY s.deal_id
            ),
            ranked AS (
                SELECT c.deal_id, c.days,
                       (SELECT count(*) FROM stage_event p WHERE p.deal_id = c.deal_id AND p.kind = 'close-date' AND p.close_new > p.close_old) AS pushes
                FROM changed c ORDER BY pushes DESC, abs(c.days) DESC, c.deal_id LIMIT ?
            ),
            -- The first and last change in the period, only for the deals shown.
            ends AS (
                SELECT r.*,
                       (SELECT f.event_id FROM stage_event f WHERE \(inPeriod) ORDER BY f.at, f.event_id LIMIT 1) AS first_id,
                       (SELECT f.event_id FROM stage_event f WHERE \(inPeriod) ORDER BY f.at DESC, f.event_id DESC LIMIT 1) AS last_id
                FROM ranked r
            )
            SELECT r.deal_id, r.days, r.pushes, first.at, first.close_old, last.close_new, e.note,
                   d.title, d.account_id, a.name AS account_name, d.owner, d.amount, d.currency, d.stage_key
            FROM ends r JOIN stage_event first ON first.event_id = r.first_id JOIN stage_event last ON last.event_id = r.last_id
            JOIN event e ON e.id = r.first_id JOIN deal d ON d.id = r.deal_id JOIN account a ON a.id = d.account_id
            ORDER BY r.pushes DESC, abs(r.days) DESC, r.deal_id
            """, filter.values(appending: [.int(q.listLimit), .double(from), .double(until), .double(from), .double(until)])).map { row in
            var item = try PostgresStore.reviewItem(row, dealColumn: "deal_id")
            item.detail = try row.string("note")
            item.day = Day(try row.date("at"), timeZone: q.timeZone)
            return CloseDateChange(item: item, from: try row.day("close_old"), to: try row.day("close_new"),
                                   days: try row.int("days"), pushesEver: try row.int("pushes"))
        }
    }
}
