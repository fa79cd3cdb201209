import CloserCore
import Foundation

/// The quadrant screen's aggregates, read as the file store reads them (see its
/// SQLiteStore+Quadrant): one grouped scan for counts and sums per score cell, a bounded sort per
/// quadrant for its leaders, one read by id of the lone accounts not read already.
extension PostgresStore {
    public func quadrantSummary(_ query: AccountQuery, topPerQuadrant: Int, rankByLifetimeValue: Bool) throws -> QuadrantSummary {
        let top = max(0, topPerQuadrant)
        let order = Self.quadrantOrder(rankByLifetimeValue)
        return try readAsActor { connection, who in
            let filter = Self.accountFilter(query, as: who)
            var summary = QuadrantSummary(rankByLifetimeValue: rankByLifetimeValue)
            let groups = try connection.query("""
                SELECT a.quadrant AS quadrant, a.assistance AS assistance, a.loyalty AS loyalty, count(*) AS n,
                       sum(a.pipeline)::bigint AS pipeline, sum(a.weighted)::bigint AS weighted, sum(a.won)::bigint AS won, min(a.id) AS lone
                FROM account a \(filter.whereClause)
                GROUP BY 1, 2, 3
                """, filter.values)
            var lone: [Int64] = []
            for row in groups {
                let count = try row.int("n")
                let pipeline = try row.int64("pipeline"), weighted = try row.int64("weighted"), won = try row.int64("won")
                summary.total += count
                if let quadrant = Quadrant(rawValue: try row.string("quadrant")) {
                    var group = summary.group(quadrant)
                    group.count += count
                    group.pipeline += pipeline
                    group.weighted += weighted
                    group.won += won
                    summary.quadrants[quadrant] = group
                }
                let index = Self.cellIndex(try row.int("assistance"), try row.int("loyalty"))
                summary.cells[index].count += count
                summary.cells[index].pipeline += pipeline
                summary.cells[index].weighted += weighted
                summary.cells[index].won += won
                if count == 1 { lone.append(try row.int64("lone")) }
            }
            guard summary.total > 0 else { return summary }
            let and = filter.whereClause.isEmpty ? "WHERE" : filter.whereClause + " AND"
            var fetched: [Int64: AccountSummary] = [:]
            if top > 0 {
                let present = Quadrant.allCases.filter { summary.group($0).count > 0 }
                let small = present.filter { summary.group($0).count <= top }
                if !small.isEmpty {
                    let rows = try connection.query("""
                        SELECT a.* FROM account a \(and) a.quadrant IN (\(small.map { _ in "?" }.joined(separator: ",")))
                        """, filter.values(appending: small.map { .text($0.rawValue) }))
                    for row in rows {
                        let account = try AccountSummary(pg: row)
                        fetched[account.id] = account
                        if let quadrant = Quadrant(rawValue: try row.string("quadrant")) { summary.quadrants[quadrant]?.top.append(account) }
                    }
                    for quadrant in small {
                        summary.quadrants[quadrant]?.top.sort { QuadrantSummary.ranks($0, before: $1, byLifetimeValue: rankByLifetimeValue) }
                    }
                }
                for quadrant in present where summary.group(quadrant).count > top {
                    let rows = try connection.query("SELECT a.* FROM account a \(and) a.quadrant = ? ORDER BY \(order) LIMIT ?",
                                                    filter.values(appending: [.text(quadrant.rawValue), .int(top)])).map(AccountSummary.init(pg:))
                    for row in rows { fetched[row.id] = row }
                    summary.quadrants[quadrant]?.top = rows
                }
            }
            // A cell holding one account shows its grade.
            let missing = lone.filter { fetched[$0] == nil }
            if !missing.isEmpty {
                let rows = try connection.query("SELECT a.* FROM account a WHERE a.id IN (\(missing.map { _ in "?" }.joined(separator: ",")))",
                                                missing.map(SQLValue.int))
                for row in try rows.map(AccountSummary.init(pg:)) { fetched[row.id] = row }
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
        return try readAsActor { connection, who in
            var filter = Self.accountFilter(query, as: who)
            // The clamp keeps an out-of-range score in the edge cell, as the summary counts it.
            filter.add("least(10, greatest(1, a.assistance)) = ? AND least(10, greatest(1, a.loyalty)) = ?", [.int(assistance), .int(loyalty)])
            return try connection.query("SELECT a.* FROM account a \(filter.whereClause) ORDER BY \(Self.quadrantOrder(rankByLifetimeValue)) LIMIT ?",
                                        filter.values(appending: [.int(top)])).map(AccountSummary.init(pg:))
        }
    }

    /// Larger value first, then name, then id: `QuadrantSummary.ranks`.
    static func quadrantOrder(_ rankByLifetimeValue: Bool) -> String {
        (rankByLifetimeValue ? "(a.won + a.weighted)" : "a.pipeline") + " DESC, a.name, a.id"
    }

    /// The cell of a score pair, out-of-range scores clamped to the edge.
    static func cellIndex(_ assistance: Int, _ loyalty: Int) -> Int {
        (min(10, max(1, loyalty)) - 1) * 10 + (min(10, max(1, assistance)) - 1)
    }
}
