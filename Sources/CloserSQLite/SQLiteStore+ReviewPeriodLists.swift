import CloserCore
import CloserStoreKit
import Foundation
import GRDB

/// The review's lists of what happened in the period, each deal once (StageListSchema).
extension SQLiteStore {
    /// What happened in the period: new, advanced, slipped, won, lost, withdrawn, forced. Each list
    /// counts a deal once, however often it moved, with its moves under it; its amount is the
    /// deal's in its currency and in the base currency at the rate in force on the day of the deal's
    /// last event in the list. Counts and sums come from `stage_list_day` (see StageListSchema) for
    /// the whole UTC days of each piece of the period a rate holds for, by row for the partial days
    /// and for the events whose deal did the same again after the period; only each list's largest
    /// `listLimit` deals are read.
    static func periodLists(_ db: Database, _ q: ReviewQuery, rates: RateTable, from: Double, until: Double,
                            into review: inout WeeklyReview) throws -> PeriodListTally.Flow {
        let pieces = RatePieces(rates, from: q.since, until: q.until)
        // Piece i of the period runs from bounds[i] (the start of pieces.starts[i]) to bounds[i + 1].
        let bounds = [from] + pieces.cuts.map { q.start(of: $0).timeIntervalSince1970 } + [until]
        var tally = PeriodListTally(rates: rates)
        func add(_ row: Row, on day: Day) {
            tally.add(list: row["list"], owner: row["owner"], currency: row["currency"], deals: row["deals"], amount: row["amount"], on: day)
        }
        let listed = "s.kind IN ('created','moved','forced','won','lost','withdrawn')"
        for piece in 0..<(bounds.count - 1) {
            let day = pieces.day(ofPiece: piece)
            let (days, edges) = ReviewRollup.split(from: bounds[piece], until: bounds[piece + 1])
            if !days.isEmpty {
                var rollup = SQLFilter()
                rollup.add("day >= ? AND day < ?", [days.lowerBound, days.upperBound])
                if let rep = q.rep { rollup.add("owner = ?", [rep]) }
                try Row.forEach(db, sql: """
                    SELECT list, owner, currency, SUM(deals) AS deals, SUM(amount) AS amount FROM stage_list_day \(rollup.whereClause)
                    GROUP BY list, owner, currency
                    """, arguments: rollup.arguments) { add($0, on: day) }
                // The rollup holds each deal's last event ever; its last of the period may have a successor after it.
                let (start, end) = (Double(days.lowerBound) * 86_400, Double(days.upperBound) * 86_400)
                for (column, index, list) in [("next_same_at", "stage_event_next_same", StageListSchema.list("s")),
                                              ("next_forced_at", "stage_event_next_forced", "'forced'")] {
                    var later = stageOwner(q.rep)
                    later.add("s.\(column) >= ?", [until])
                    later.add("s.at >= ? AND s.at < ?", [start, end])
                    try Row.forEach(db, sql: """
                        SELECT \(list) AS list, s.owner, s.currency, COUNT(*) AS deals, SUM(s.amount) AS amount
                        FROM stage_event s INDEXED BY \(index) \(later.whereClause) GROUP BY 1, 2, 3
                        """, arguments: later.arguments) { add($0, on: day) }
                }
            }
            for (start, end) in edges {
                for (list, last) in [(StageListSchema.list("s"), "s.next_same_at"), ("'forced'", "s.next_forced_at")] {
                    var filter = stageOwner(q.rep)
                    filter.add(list == "'forced'" ? "s.kind = 'forced'" : listed)
                    filter.add("s.at >= ? AND s.at < ?", [start, end])
                    filter.add("(\(last) IS NULL OR \(last) >= ?)", [until])
                    try Row.forEach(db, sql: """
                        SELECT \(list) AS list, s.owner, s.currency, COUNT(*) AS deals, SUM(s.amount) AS amount
                        FROM stage_event s \(filter.whereClause) GROUP BY 1, 2, 3
                        """, arguments: filter.arguments) { add($0, on: day) }
                }
            }
        }
        for (kind, key, condition, last) in Self.listConditions where tally.holdsDeals(key) {
            var filter = stageOwner(q.rep)
            filter.add(condition("s"))
            filter.add("s.at >= ? AND s.at < ?", [from, until])
            filter.add("(s.\(last) IS NULL OR s.\(last) >= ?)", [until])
            tally.setItems(try periodItems(db, q, list: kind, condition: condition, filter: filter, rates: rates, from: from, until: until), of: key)
        }
        let flow = tally.finish(into: &review)
        review.closeDateChanges = try closeDateChanges(db, q, from: from, until: until)
        var closeMoved = stageOwner(q.rep)
        closeMoved.add("s.kind = 'close-date'")
        closeMoved.add("s.at >= ? AND s.at < ?", [from, until])
        review.closeDatesMoved = try Int.fetchOne(db, sql: "SELECT COUNT(DISTINCT s.deal_id) FROM stage_event s \(closeMoved.whereClause)",
                                                   arguments: closeMoved.arguments) ?? 0
        return flow
    }

    /// A list's largest deals (in the base currency at today's rates) with every event of theirs the
    /// list holds, in order: one item per deal, its moves under it.
    static func periodItems(_ db: Database, _ q: ReviewQuery, list: ReviewListKind, condition: @Sendable (String) -> String, filter: SQLFilter,
                            rates: RateTable, from: Double, until: Double) throws -> [ReviewItem] {
        let rank = RateSQL.rank(amount: "s.amount", currency: "s.currency", rates: rates, on: q.today)
        var items = PeriodItems(list, rates: rates)
        var arguments = rank.arguments + filter.arguments(appending: [q.listLimit])
        _ = arguments.append(contentsOf: [from, until])
        try Row.forEach(db, sql: """
            WITH top AS (
                SELECT s.deal_id, \(rank.sql) AS value FROM stage_event s INDEXED BY stage_event_period_last \(filter.whereClause)
                ORDER BY value DESC, s.deal_id LIMIT ?
            )
            SELECT top.deal_id, x.at, x.kind, x.from_stage, x.to_stage, e.note,
                   d.title, d.account_id, a.name AS account_name, d.owner, d.amount, d.currency, d.stage_key, d.expected_close
            FROM top JOIN stage_event x ON x.deal_id = top.deal_id JOIN event e ON e.id = x.event_id
            JOIN deal d ON d.id = top.deal_id JOIN account a ON a.id = d.account_id
            WHERE \(condition("x")) AND x.at >= ? AND x.at < ?
            ORDER BY top.value DESC, top.deal_id, x.at, x.event_id
            """, arguments: arguments) { row in
            items.add(dealID: row["deal_id"], day: Day(ColumnCoding.date(row["at"]), timeZone: q.timeZone),
                          fromStage: row["from_stage"], toStage: row["to_stage"], kind: row["kind"], note: row.text("note")) {
                var item = reviewItem(row, q, dealColumn: "deal_id")
                item.expectedClose = ColumnCoding.day(row["expected_close"])
                return item
            }
        }
        return items.items
    }

    /// Each period list: its key in `stage_list_day`, the condition a stage event meets to be in it
    /// (on a table alias), and the column naming when the deal next did the same.
    static let listConditions: [(ReviewListKind, String, @Sendable (String) -> String, String)] = [
        (.newDeals, "created", { "\($0).kind = 'created'" }, "next_same_at"),
        (.advanced, "advanced", { "\($0).kind IN ('moved','forced') AND \($0).step > 0" }, "next_same_at"),
        (.slipped, "slipped", { "\($0).kind IN ('moved','forced') AND \($0).step < 0" }, "next_same_at"),
        (.won, "won", { "\($0).kind = 'won'" }, "next_same_at"), (.lost, "lost", { "\($0).kind = 'lost'" }, "next_same_at"),
        (.withdrawn, "withdrawn", { "\($0).kind = 'withdrawn'" }, "next_same_at"), (.forced, "forced", { "\($0).kind = 'forced'" }, "next_forced_at"),
    ]
}
