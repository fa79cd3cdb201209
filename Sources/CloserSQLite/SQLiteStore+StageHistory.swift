import CloserCore
import Foundation
import GRDB

/// The review's figures from the stage history (`stage_event` and its daily rollups, see
/// StageHistorySchema): sums over the rollups' days, aggregates over an index for what they cannot
/// answer, and only the rows a list shows are read into Swift. `StageHistory` in CloserCore is the
/// same arithmetic as a plain replay of the log; a test holds the two equal.
extension SQLiteStore {
    /// The deals of one rep (their owner as they are now), or every deal.
    static func stageOwner(_ rep: String?) -> SQLFilter {
        var filter = SQLFilter()
        if let rep { filter.add("s.owner = ?", [rep]) }
        return filter
    }

    /// Of the deals that entered each stage in [from, until), how many reached a later stage before
    /// `until`: each deal's first entry into a stage within the window, and whether it went further.
    /// Whole days from the rollup; the edges, the re-entries and the advances after `until` by row.
    static func conversions(_ db: Database, process: ProcessTemplate, from: Double, until: Double, rep: String?) throws -> [StageConversion] {
        let (days, edges) = ReviewRollup.split(from: from, until: until)
        var figures: [Int: (entered: Int, advanced: Int)] = [:]
        func add(_ sql: String, _ filter: SQLFilter, before: StatementArguments = []) throws {
            try Row.forEach(db, sql: sql, arguments: before + filter.arguments) { row in
                let position: Int = row["position"]
                figures[position, default: (0, 0)].entered += row["entered"] as Int? ?? 0
                figures[position, default: (0, 0)].advanced += row["advanced"] as Int? ?? 0
            }
        }
        let positions = process.stages.indices.map(String.init).joined(separator: ",")
        let byRow = """
            SELECT s.entry_position AS position, COUNT(*) AS entered, COUNT(CASE WHEN s.advanced_at < ? THEN 1 END) AS advanced
            FROM stage_event s
            """
        for (start, end) in edges {
            var filter = stageOwner(rep)
            filter.add("s.process_key = ?", [process.key])
            filter.add("s.entry_position IN (\(positions))")
            filter.add("s.at >= ? AND s.at < ?", [start, end])
            filter.add("s.entry_position IS NOT NULL")
            filter.add("(s.prev_entry_at IS NULL OR s.prev_entry_at < ?)", [from])
            try add("\(byRow) \(filter.whereClause) GROUP BY s.entry_position", filter, before: [until])
        }
        guard !days.isEmpty else { return conversionList(process, figures) }
        let (start, end) = (Double(days.lowerBound) * 86_400, Double(days.upperBound) * 86_400)
        var rollup = SQLFilter()
        rollup.add("process_key = ?", [process.key])
        rollup.add("day >= ? AND day < ?", [days.lowerBound, days.upperBound])
        rollup.add("position >= 0")
        if let rep { rollup.add("owner = ?", [rep]) }
        try add("""
            SELECT position, SUM(entries) AS entered, SUM(CASE WHEN advanced = 1 THEN entries ELSE 0 END) AS advanced
            FROM stage_day \(rollup.whereClause) GROUP BY position
            """, rollup)
        // The rollup counts a first entry as advanced however late it went further. (The named index and
        // the unary + keep the planner on the advance's range: its statistics chose to skip-scan every
        // entry of the window instead, 38–68 ms at 100k deals.)
        var late = stageOwner(rep)
        late.add("s.process_key = ?", [process.key])
        late.add("s.entry_position IS NOT NULL AND s.prev_entry_at IS NULL")
        late.add("s.advanced_at >= ?", [until])
        late.add("+s.at >= ? AND +s.at < ?", [start, end])
        try add("SELECT s.entry_position AS position, 0 AS entered, -COUNT(*) AS advanced FROM stage_event s INDEXED BY stage_event_late_advance \(late.whereClause) GROUP BY s.entry_position", late)
        // A re-entry is the window's first entry only when the one before lies before the window.
        var again = stageOwner(rep)
        again.add("s.process_key = ?", [process.key])
        again.add("s.at >= ? AND s.at < ?", [start, end])
        again.add("s.prev_entry_at IS NOT NULL AND s.prev_entry_at < ?", [from])
        try add("\(byRow) \(again.whereClause) GROUP BY s.entry_position", again, before: [until])
        return conversionList(process, figures)
    }

    static func conversionList(_ process: ProcessTemplate, _ figures: [Int: (entered: Int, advanced: Int)]) -> [StageConversion] {
        process.stages.indices.dropLast().map { index in
            StageConversion(fromStage: process.stages[index].key, toStage: process.stages[index + 1].key,
                            entered: figures[index]?.entered ?? 0, advanced: figures[index]?.advanced ?? 0)
        }
    }

    /// For every exit from a stage in [from, until), the days since the deal entered it; averaged per
    /// stage. Whole days from the rollup, the edges by row.
    static func durations(_ db: Database, process: ProcessTemplate, from: Double, until: Double, rep: String?) throws -> [StageDuration] {
        let (days, edges) = ReviewRollup.split(from: from, until: until)
        var totals: [String: (exits: Int, seconds: Double)] = [:]
        func add(_ sql: String, _ filter: SQLFilter) throws {
            try Row.forEach(db, sql: sql, arguments: filter.arguments) { row in
                guard let stage: String = row["left_stage"] else { return }
                totals[stage, default: (0, 0)].exits += row["exits"] as Int
                totals[stage, default: (0, 0)].seconds += row["seconds"] as Double? ?? 0
            }
        }
        for (start, end) in edges {
            var filter = stageOwner(rep)
            filter.add("s.process_key = ?", [process.key])
            filter.add("s.left_stage", in: process.stages.map(\.key))
            filter.add("s.at >= ? AND s.at < ?", [start, end])
            filter.add("s.entered_at IS NOT NULL")
            try add("SELECT s.left_stage, COUNT(*) AS exits, SUM(s.at - s.entered_at) AS seconds FROM stage_event s \(filter.whereClause) GROUP BY s.left_stage",
                    filter)
        }
        if !days.isEmpty {
            var rollup = SQLFilter()
            rollup.add("process_key = ?", [process.key])
            rollup.add("day >= ? AND day < ?", [days.lowerBound, days.upperBound])
            rollup.add("position = -1")
            if let rep { rollup.add("owner = ?", [rep]) }
            try add("SELECT left_stage, SUM(exits) AS exits, SUM(seconds) AS seconds FROM stage_day \(rollup.whereClause) GROUP BY left_stage", rollup)
        }
        return ReviewRollup.durations(process, totals)
    }

    /// The deals whose close date moved in the period, those pushed most often over their whole
    /// life first, then those moved furthest.
    static func closeDateChanges(_ db: Database, _ q: ReviewQuery, from: Double, until: Double) throws -> [CloseDateChange] {
        var filter = stageOwner(q.rep)
        filter.add("s.kind = 'close-date'")
        filter.add("s.at >= ?", [from])
        filter.add("s.at < ?", [until])
        let inPeriod = "f.deal_id = r.deal_id AND f.kind = 'close-date' AND f.at >= ? AND f.at < ?"
        return try Row.fetchAll(db, sql: """
            WITH changed AS (
                SELECT s.deal_id, CAST(ROUND(SUM(COALESCE(julianday(s.close_new) - julianday(s.close_old), 0))) AS INTEGER) AS days
                FROM stage_event s \(filter.whereClause) GROUP BY s.deal_id
            ),
            ranked AS (
                SELECT c.deal_id, c.days,
                       (SELECT COUNT(*) FROM stage_event p WHERE p.deal_id = c.deal_id AND p.kind = 'close-date' AND p.close_new > p.close_old) AS pushes
                FROM changed c ORDER BY pushes DESC, ABS(c.days) DESC, c.deal_id LIMIT ?
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
            ORDER BY r.pushes DESC, ABS(r.days) DESC, r.deal_id
            """, arguments: filter.arguments(appending: [q.listLimit, from, until, from, until])).map { row in
            var item = reviewItem(row, q, dealColumn: "deal_id")
            item.detail = row.text("note")
            item.day = Day(ColumnCoding.date(row["at"]), timeZone: q.timeZone)
            return CloseDateChange(item: item, from: ColumnCoding.day(row["close_old"]), to: ColumnCoding.day(row["close_new"]),
                                   days: row["days"], pushesEver: row["pushes"])
        }
    }

    /// A deal as a review list shows it, from the columns every list query selects.
    static func reviewItem(_ row: Row, _ q: ReviewQuery, dealColumn: String) -> ReviewItem {
        ReviewItem(dealID: row[dealColumn], title: row["title"], accountID: row["account_id"], accountName: row["account_name"],
                   owner: row["owner"], amount: Money(minorUnits: row["amount"], currency: row["currency"]), stage: row["stage_key"])
    }
}
