import CloserCore
import Foundation
import GRDB

extension SQLiteStore {
    public func accountSummary(_ id: Int64) throws -> AccountSummary {
        try read { db in
            try requireAccess(db, account: id, .read)
            guard let row = try Row.fetchOne(db, sql: "SELECT a.* FROM account a WHERE a.id = ?", arguments: [id]) else {
                throw StoreError.notFound(entity: "account", id: id)
            }
            return AccountSummary(row: row)
        }
    }

    /// In one read transaction, without sorting every account: one grouped scan for the counts
    /// and sums of every (quadrant, assistance, loyalty) group (with the id of a group's account
    /// when it is alone in its cell), folded into quadrants and cells; one `ORDER BY … LIMIT`
    /// per quadrant with more accounts than `top` (a bounded sort), one query for the quadrants
    /// that fit whole; one read by id of the lone accounts not read already.
    /// (Window functions over all filtered accounts cost ~5× more on 20k accounts: they sort them all.)
    public func quadrantSummary(_ query: AccountQuery, topPerQuadrant: Int, rankByLifetimeValue: Bool) throws -> QuadrantSummary {
        let top = max(0, topPerQuadrant)
        let order = Self.quadrantOrder(rankByLifetimeValue)
        return try readAsActor { db, who in
            let filter = Self.accountFilter(query, as: who)
            var summary = QuadrantSummary(rankByLifetimeValue: rankByLifetimeValue)
            let groups = try Row.fetchAll(db, sql: """
                SELECT a.quadrant AS quadrant, a.assistance AS assistance, a.loyalty AS loyalty, COUNT(*) AS n,
                       SUM(a.pipeline) AS pipeline, SUM(a.weighted) AS weighted, SUM(a.won) AS won, MIN(a.id) AS lone
                FROM account a \(filter.whereClause)
                GROUP BY 1, 2, 3
                """, arguments: filter.arguments)
            var lone: [Int64] = []
            for row in groups {
                let count: Int = row["n"]
                let pipeline: Int64 = row["pipeline"], weighted: Int64 = row["weighted"], won: Int64 = row["won"]
                summary.total += count
                if let quadrant = Quadrant(rawValue: row.text("quadrant")) {
                    var group = summary.group(quadrant)
                    group.count += count
                    group.pipeline += pipeline
                    group.weighted += weighted
                    group.won += won
                    summary.quadrants[quadrant] = group
                }
                // Scores are validated to 1…10; clamped anyway so every account lands in a cell.
                let index = Self.cellIndex(row["assistance"], row["loyalty"])
                summary.cells[index].count += count
                summary.cells[index].pipeline += pipeline
                summary.cells[index].weighted += weighted
                summary.cells[index].won += won
                if count == 1 { lone.append(row["lone"]) }
            }
            guard summary.total > 0 else { return summary }
            // Quadrants that fit in `top` are read whole in one query; each larger one with its own
            // bounded sort. A selective search (a few hundred accounts) thus costs two scans, not five.
            let and = filter.whereClause.isEmpty ? "WHERE" : filter.whereClause + " AND"
            var fetched: [Int64: AccountSummary] = [:]
            if top > 0 {
                let present = Quadrant.allCases.filter { summary.group($0).count > 0 }
                let small = present.filter { summary.group($0).count <= top }
                if !small.isEmpty {
                    let rows = try Row.fetchAll(db, sql: """
                        SELECT a.* FROM account a \(and) a.quadrant IN (\(small.map { _ in "?" }.joined(separator: ",")))
                        """, arguments: filter.arguments(appending: small.map(\.rawValue)))
                    // Ranked here, not by ORDER BY: for a selective search the planner would walk the
                    // whole account_pipeline index with a lookup per account (~20 ms on 20k accounts).
                    for row in rows {
                        let account = AccountSummary(row: row)
                        fetched[account.id] = account
                        if let quadrant = Quadrant(rawValue: row.text("quadrant")) { summary.quadrants[quadrant]?.top.append(account) }
                    }
                    for quadrant in small {
                        summary.quadrants[quadrant]?.top.sort { QuadrantSummary.ranks($0, before: $1, byLifetimeValue: rankByLifetimeValue) }
                    }
                }
                for quadrant in present where summary.group(quadrant).count > top {
                    let rows = try Row.fetchAll(db, sql: "SELECT a.* FROM account a \(and) a.quadrant = ? ORDER BY \(order) LIMIT ?",
                                                arguments: filter.arguments(appending: [quadrant.rawValue, top])).map(AccountSummary.init(row:))
                    for row in rows { fetched[row.id] = row }
                    summary.quadrants[quadrant]?.top = rows
                }
            }
            // A cell holding one account shows its grade.
            let missing = lone.filter { fetched[$0] == nil }
            if !missing.isEmpty {
                let rows = try Row.fetchAll(db, sql: "SELECT a.* FROM account a WHERE a.id IN (\(missing.map { _ in "?" }.joined(separator: ",")))",
                                            arguments: StatementArguments(missing))
                for row in rows.map(AccountSummary.init(row:)) { fetched[row.id] = row }
            }
            for id in lone {
                guard let row = fetched[id] else { continue }
                let index = Self.cellIndex(row.account.assistance, row.account.loyalty)
                if summary.cells[index].count == 1 { summary.cells[index].top = [row] }
            }
            return summary
        }
    }

    public func quadrantCell(_ query: AccountQuery, assistance: Int, loyalty: Int, top: Int, rankByLifetimeValue: Bool) throws -> [AccountSummary] {
        guard top > 0, Quadrant.scoreRange.contains(assistance), Quadrant.scoreRange.contains(loyalty) else { return [] }
        return try readAsActor { db, who in
            var filter = Self.accountFilter(query, as: who)
            // The clamp keeps an out-of-range score in the edge cell, as the summary counts it.
            filter.add("MIN(10, MAX(1, a.assistance)) = ? AND MIN(10, MAX(1, a.loyalty)) = ?", [assistance, loyalty])
            return try Row.fetchAll(db, sql: "SELECT a.* FROM account a \(filter.whereClause) ORDER BY \(Self.quadrantOrder(rankByLifetimeValue)) LIMIT ?",
                             arguments: filter.arguments(appending: [top])).map(AccountSummary.init(row:))
        }
    }

    /// Larger value first, then name, then id: `QuadrantSummary.ranks`.
    static func quadrantOrder(_ rankByLifetimeValue: Bool) -> String {
        (rankByLifetimeValue ? "(a.won + a.weighted)" : "a.pipeline") + " DESC, a.name, a.id"
    }

    static func cellIndex(_ assistance: Int, _ loyalty: Int) -> Int {
        (min(10, max(1, loyalty)) - 1) * 10 + (min(10, max(1, assistance)) - 1)
    }
}
