import CloserCore
import CloserStoreKit
import Foundation

/// The review's lists of what happened in the period, each deal once (TeamWorkSQL,
/// SQLiteStore+ReviewPeriodLists): counts and sums from `stage_list_day` for the whole UTC days of
/// each piece of the period a rate holds for, by row for the partial days and for the events
/// whose deal did the same again after the period; only each list's largest deals are read.
/// PeriodListTally adds them up.
extension StageHistoryQueries {
    func periodLists(_ q: ReviewQuery, rates: RateTable, from: Double, until: Double, into review: inout WeeklyReview) throws -> PeriodListTally.Flow {
        let pieces = RatePieces(rates, from: q.since, until: q.until)
        let bounds = [from] + pieces.cuts.map { q.start(of: $0).timeIntervalSince1970 } + [until]
        var tally = PeriodListTally(rates: rates)
        func add(_ rows: [SQLRow], on day: Day) throws {
            for row in rows {
                tally.add(list: try row.optionalText("list"), owner: try row.string("owner"), currency: try row.string("currency"),
                          deals: try row.optionalInt64("deals").map(Int.init), amount: try row.optionalInt64("amount") ?? 0, on: day)
            }
        }
        let listed = "s.kind IN ('created','moved','forced','won','lost','withdrawn')"
        for piece in 0..<(bounds.count - 1) {
            let day = pieces.day(ofPiece: piece)
            let (days, edges) = ReviewRollup.split(from: bounds[piece], until: bounds[piece + 1])
            if !days.isEmpty {
                var rollup = SQLConditions()
                rollup.add("day >= ? AND day < ?", [.int(days.lowerBound), .int(days.upperBound)])
                if let rep { rollup.add("owner = ?", [.text(rep)]) }
                try add(try connection.query("""
                    SELECT list, owner, currency, sum(deals)::bigint AS deals, sum(amount)::bigint AS amount FROM stage_list_day \(rollup.whereClause)
                    GROUP BY list, owner, currency
                    """, rollup.values), on: day)
                // The rollup holds each deal's last event ever; its last of the period may have a successor after it.
                let (start, end) = (Double(days.lowerBound) * 86_400, Double(days.upperBound) * 86_400)
                for (column, list) in [("next_same_at", TeamWorkSQL.list("s")), ("next_forced_at", "'forced'")] {
                    var later = stageOwner()
                    later.add("s.\(column) >= ?", [.double(until)])
                    later.add("s.at >= ? AND s.at < ?", [.double(start), .double(end)])
                    try add(try connection.query("""
                        SELECT \(list) AS list, s.owner, s.currency, count(*) AS deals, sum(s.amount)::bigint AS amount
                        FROM stage_event s \(later.whereClause) GROUP BY 1, 2, 3
                        """, later.values), on: day)
                }
            }
            for (start, end) in edges {
                for (list, last) in [(TeamWorkSQL.list("s"), "s.next_same_at"), ("'forced'", "s.next_forced_at")] {
                    var filter = stageOwner()
                    filter.add(list == "'forced'" ? "s.kind = 'forced'" : listed)
                    filter.add("s.at >= ? AND s.at < ?", [.double(start), .double(end)])
                    filter.add("(\(last) IS NULL OR \(last) >= ?)", [.double(until)])
                    try add(try connection.query("""
                        SELECT \(list) AS list, s.owner, s.currency, count(*) AS deals, sum(s.amount)::bigint AS amount
                        FROM stage_event s \(filter.whereClause) GROUP BY 1, 2, 3
                        """, filter.values), on: day)
                }
            }
        }
        for (kind, key, condition, last) in Self.listConditions where tally.holdsDeals(key) {
            var filter = stageOwner()
            filter.add(condition("s"))
            filter.add("s.at >= ? AND s.at < ?", [.double(from), .double(until)])
            filter.add("(s.\(last) IS NULL OR s.\(last) >= ?)", [.double(until)])
            tally.setItems(try periodItems(q, list: kind, condition: condition, filter: filter, rates: rates, from: from, until: until), of: key)
        }
        let flow = tally.finish(into: &review)
        review.closeDateChanges = try closeDateChanges(q, from: from, until: until)
        var closeMoved = stageOwner()
        closeMoved.add("s.kind = 'close-date'")
        closeMoved.add("s.at >= ? AND s.at < ?", [.double(from), .double(until)])
        review.closeDatesMoved = try connection.queryOne("SELECT count(DISTINCT s.deal_id) AS n FROM stage_event s \(closeMoved.whereClause)",
                                                         closeMoved.values)?.int("n") ?? 0
        return flow
    }

    /// A list's largest deals (in the base currency at today's rates) with every event of theirs the
    /// list holds, in order: one item per deal, its moves under it.
    func periodItems(_ q: ReviewQuery, list: ReviewListKind, condition: (String) -> String, filter: SQLConditions,
                     rates: RateTable, from: Double, until: Double) throws -> [ReviewItem] {
        let rank = RateSQL.rank(amount: "s.amount", currency: "s.currency", rates: rates, on: q.today)
        var items = PeriodItems(list, rates: rates)
        // One row per deal: a deal's last event of the period is the one the filter keeps.
        for row in try connection.query("""
            WITH top AS (
                SELECT s.deal_id, \(rank.sql) AS value FROM stage_event s \(filter.whereClause)
                ORDER BY value DESC, s.deal_id LIMIT ?
            )
            SELECT top.deal_id, x.at, x.kind, x.from_stage, x.to_stage, e.note,
                   d.title, d.account_id, a.name AS account_name, d.owner, d.amount, d.currency, d.stage_key, d.expected_close
            FROM top JOIN stage_event x ON x.deal_id = top.deal_id JOIN event e ON e.id = x.event_id
            JOIN deal d ON d.id = top.deal_id JOIN account a ON a.id = d.account_id
            WHERE \(condition("x")) AND x.at >= ? AND x.at < ?
            ORDER BY top.value DESC, top.deal_id, x.at, x.event_id
            """, rank.values + filter.values + [.int(q.listLimit), .double(from), .double(until)]) {
            try items.add(dealID: try row.int64("deal_id"), day: Day(try row.date("at"), timeZone: q.timeZone),
                          fromStage: try row.optionalText("from_stage"), toStage: try row.optionalText("to_stage"),
                          kind: try row.string("kind"), note: try row.string("note")) {
                var item = try PostgresStore.reviewItem(row, dealColumn: "deal_id")
                item.expectedClose = try row.day("expected_close")
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
