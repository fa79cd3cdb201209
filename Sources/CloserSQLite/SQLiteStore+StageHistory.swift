import CloserCore
import Foundation
import GRDB

/// The review's figures from the stage history (`stage_event`, see StageHistorySchema): each is
/// one aggregate over an index, and only the rows a list shows are read into Swift.
/// `StageHistory` in CloserCore is the same arithmetic as a replay; a test holds the two equal.
extension SQLiteStore {
    /// The deals of one rep, or every deal: a condition on `s.deal_id`.
    static func stageOwner(_ rep: String?) -> SQLFilter {
        var filter = SQLFilter()
        if let rep { filter.add("s.deal_id IN (SELECT id FROM deal WHERE owner = ?)", [rep]) }
        return filter
    }

    /// `ord(process_key, stage, idx)`: every process's stages in order, so SQL tells forward from back.
    static func stageOrder(_ processes: [ProcessTemplate]) -> (sql: String, arguments: StatementArguments) {
        var values: [(any DatabaseValueConvertible)?] = []
        var rows: [String] = []
        for process in processes {
            for (index, stage) in process.stages.enumerated() {
                rows.append("(?, ?, ?)")
                values += [process.key, stage.key, index]
            }
        }
        if rows.isEmpty { return ("ord(process_key, stage, idx) AS (SELECT NULL, NULL, NULL WHERE 0)", []) }
        return ("ord(process_key, stage, idx) AS (VALUES \(rows.joined(separator: ", ")))", StatementArguments(values))
    }

    /// Of the deals that entered each stage in [from, until), how many reached a later stage before `until`.
    static func conversions(_ db: Database, process: ProcessTemplate, from: Double, until: Double, rep: String?) throws -> [StageConversion] {
        let order = stageOrder([process])
        var filter = stageOwner(rep)
        filter.add("s.process_key = ?", [process.key])
        filter.add("s.at >= ?", [from])
        filter.add("s.at < ?", [until])
        filter.add("s.kind IN ('created','moved','forced','reopened')")
        var figures: [Int: (entered: Int, advanced: Int)] = [:]
        var arguments = order.arguments
        _ = arguments.append(contentsOf: filter.arguments)
        try Row.forEach(db, sql: """
            WITH \(order.sql),
            entry AS (
                SELECT s.deal_id, s.at, s.event_id, o.idx FROM stage_event s JOIN ord o ON o.process_key = s.process_key AND o.stage = s.to_stage
                \(filter.whereClause)
            ),
            marked AS (
                SELECT idx,
                       MAX(idx) OVER (PARTITION BY deal_id ORDER BY at, event_id ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING) AS furthest,
                       ROW_NUMBER() OVER (PARTITION BY deal_id, idx ORDER BY at, event_id) AS nth
                FROM entry
            )
            SELECT idx, COUNT(*) AS entered, SUM(furthest > idx) AS advanced FROM marked WHERE nth = 1 GROUP BY idx
            """, arguments: arguments) { row in
            figures[row["idx"]] = (row["entered"], row["advanced"])
        }
        return process.stages.indices.dropLast().map { index in
            StageConversion(fromStage: process.stages[index].key, toStage: process.stages[index + 1].key,
                            entered: figures[index]?.entered ?? 0, advanced: figures[index]?.advanced ?? 0)
        }
    }

    /// For every exit from a stage in [from, until), the days since the deal entered it; averaged per stage.
    static func durations(_ db: Database, process: ProcessTemplate, from: Double, until: Double, rep: String?) throws -> [StageDuration] {
        var filter = stageOwner(rep)
        filter.add("s.process_key = ?", [process.key])
        filter.add("s.at >= ?", [from])
        filter.add("s.at < ?", [until])
        filter.add("s.kind IN ('moved','forced','won','lost','withdrawn')")
        filter.add("s.entered_at IS NOT NULL")
        var totals: [String: (exits: Int, seconds: Double)] = [:]
        try Row.forEach(db, sql: """
            SELECT s.left_stage, COUNT(*) AS exits, SUM(s.at - s.entered_at) AS seconds FROM stage_event s
            \(filter.whereClause) GROUP BY s.left_stage
            """, arguments: filter.arguments) { row in
            guard let stage: String = row["left_stage"] else { return }
            totals[stage] = (row["exits"], row["seconds"])
        }
        return process.stages.map { stage in
            let total = totals[stage.key]
            return StageDuration(stage: stage.key, exits: total?.exits ?? 0,
                                 averageDays: total.map { $0.exits == 0 ? 0 : $0.seconds / 86_400 / Double($0.exits) } ?? 0)
        }
    }

    /// What happened in the period: new, advanced, slipped, won, lost, withdrawn, forced. Counts and
    /// sums per list in SQL; only each list's largest `listLimit` deals are read.
    static func periodLists(_ db: Database, _ q: ReviewQuery, catalog: ProcessCatalog, from: Double, until: Double,
                            into review: inout WeeklyReview) throws {
        let order = stageOrder(catalog.processes)
        var filter = stageOwner(q.rep)
        filter.add("s.at >= ?", [from])
        filter.add("s.at < ?", [until])
        filter.add("s.kind IN ('created','moved','forced','won','lost','withdrawn')")
        let listed = """
            WITH \(order.sql),
            period AS (
                SELECT s.event_id, s.deal_id, s.at, s.kind,
                       (SELECT idx FROM ord WHERE ord.process_key = s.process_key AND ord.stage = s.to_stage)
                     - (SELECT idx FROM ord WHERE ord.process_key = s.process_key AND ord.stage = s.from_stage) AS step
                FROM stage_event s \(filter.whereClause)
            ),
            listed AS (
                SELECT CASE WHEN kind IN ('moved','forced') THEN CASE WHEN step > 0 THEN 'advanced' WHEN step < 0 THEN 'slipped' END
                            WHEN kind = 'created' THEN 'new' ELSE kind END AS list, event_id, deal_id, at
                FROM period
                UNION ALL SELECT 'forced', event_id, deal_id, at FROM period WHERE kind = 'forced'
            )
            """
        var arguments = order.arguments
        _ = arguments.append(contentsOf: filter.arguments)
        var lists: [ReviewListKind: ReviewList] = [:]
        try Row.forEach(db, sql: """
            \(listed)
            SELECT l.list, d.currency, COUNT(*) AS n, SUM(d.amount) AS amount
            FROM listed l JOIN deal d ON d.id = l.deal_id WHERE l.list IS NOT NULL GROUP BY l.list, d.currency
            """, arguments: arguments) { row in
            guard let kind = ReviewListKind(rawValue: row["list"]) else { return }
            lists[kind, default: ReviewList()].count += row["n"] as Int
            lists[kind, default: ReviewList()].amount[row["currency"] as String, default: 0] += row["amount"] as Int64
        }
        if !lists.isEmpty {
            try Row.forEach(db, sql: """
                \(listed),
                ranked AS (
                    SELECT l.list, l.event_id, l.deal_id, l.at,
                           ROW_NUMBER() OVER (PARTITION BY l.list ORDER BY d.amount DESC, l.deal_id, l.at, l.event_id) AS rank
                    FROM listed l JOIN deal d ON d.id = l.deal_id WHERE l.list IS NOT NULL
                )
                SELECT r.list, r.deal_id, r.at, s.kind, s.from_stage, s.to_stage, e.note,
                       d.title, d.account_id, a.name AS account_name, d.owner, d.amount, d.currency, d.stage_key
                FROM ranked r JOIN stage_event s ON s.event_id = r.event_id JOIN event e ON e.id = r.event_id
                JOIN deal d ON d.id = r.deal_id JOIN account a ON a.id = d.account_id
                WHERE r.rank <= ? ORDER BY r.list, r.rank
                """, arguments: arguments + [q.listLimit]) { row in
                guard let kind = ReviewListKind(rawValue: row["list"]) else { return }
                var item = reviewItem(row, q, dealColumn: "deal_id")
                item.day = Day(ColumnCoding.date(row["at"]), timeZone: q.timeZone)
                switch kind {
                case .newDeals: item.toStage = row["to_stage"]
                case .advanced, .slipped, .forced:
                    item.detail = row.text("note")
                    item.fromStage = row["from_stage"]
                    item.toStage = row["to_stage"]
                default: item.detail = row.text("note")
                }
                lists[kind, default: ReviewList()].items.append(item)
            }
        }
        review.newDeals = lists[.newDeals] ?? ReviewList()
        review.advanced = lists[.advanced] ?? ReviewList()
        review.slipped = lists[.slipped] ?? ReviewList()
        review.won = lists[.won] ?? ReviewList()
        review.lost = lists[.lost] ?? ReviewList()
        review.withdrawn = lists[.withdrawn] ?? ReviewList()
        review.forced = lists[.forced] ?? ReviewList()
        review.closeDateChanges = try closeDateChanges(db, q, from: from, until: until)
    }

    /// The deals whose close date moved in the period, those pushed most often over their whole
    /// life first, then those moved furthest.
    static func closeDateChanges(_ db: Database, _ q: ReviewQuery, from: Double, until: Double) throws -> [CloseDateChange] {
        var filter = stageOwner(q.rep)
        filter.add("s.kind = 'close-date'")
        filter.add("s.at >= ?", [from])
        filter.add("s.at < ?", [until])
        let inPeriod = "f.deal_id = c.deal_id AND f.kind = 'close-date' AND f.at >= ? AND f.at < ?"
        return try Row.fetchAll(db, sql: """
            WITH changed AS (
                SELECT s.deal_id, CAST(ROUND(SUM(COALESCE(julianday(s.close_new) - julianday(s.close_old), 0))) AS INTEGER) AS days
                FROM stage_event s \(filter.whereClause) GROUP BY s.deal_id
            ),
            ranked AS (
                SELECT c.deal_id, c.days,
                       (SELECT COUNT(*) FROM stage_event p WHERE p.deal_id = c.deal_id AND p.kind = 'close-date' AND p.close_new > p.close_old) AS pushes,
                       (SELECT f.event_id FROM stage_event f WHERE \(inPeriod) ORDER BY f.at, f.event_id LIMIT 1) AS first_id,
                       (SELECT f.event_id FROM stage_event f WHERE \(inPeriod) ORDER BY f.at DESC, f.event_id DESC LIMIT 1) AS last_id
                FROM changed c ORDER BY pushes DESC, ABS(c.days) DESC, c.deal_id LIMIT ?
            )
            SELECT r.deal_id, r.days, r.pushes, first.at, first.close_old, last.close_new, e.note,
                   d.title, d.account_id, a.name AS account_name, d.owner, d.amount, d.currency, d.stage_key
            FROM ranked r JOIN stage_event first ON first.event_id = r.first_id JOIN stage_event last ON last.event_id = r.last_id
            JOIN event e ON e.id = r.first_id JOIN deal d ON d.id = r.deal_id JOIN account a ON a.id = d.account_id
            ORDER BY r.pushes DESC, ABS(r.days) DESC, r.deal_id
            """, arguments: filter.arguments(appending: [from, until, from, until, q.listLimit])).map { row in
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
