import CloserCore
import CloserStoreKit
import Foundation

/// The quadrant screen's aggregates: the server's SQL for the reads QuadrantAssembly puts together.
extension PostgresStore {
    public func quadrantSummary(_ query: AccountQuery, topPerQuadrant: Int, rankByLifetimeValue: Bool) throws -> QuadrantSummary {
        let order = Self.quadrantOrder(rankByLifetimeValue)
        return try readAsActor { connection, who in
            let filter = Self.accountFilter(query, as: who)
            let and = filter.whereClause.isEmpty ? "WHERE" : filter.whereClause + " AND"
            return try QuadrantAssembly.summary(topPerQuadrant: topPerQuadrant, rankByLifetimeValue: rankByLifetimeValue, .init(
                groups: {
                    try connection.query("""
                        SELECT a.quadrant AS quadrant, a.assistance AS assistance, a.loyalty AS loyalty, count(*) AS n,
                               sum(a.pipeline)::bigint AS pipeline, sum(a.weighted)::bigint AS weighted, sum(a.won)::bigint AS won, min(a.id) AS lone
                        FROM account a \(filter.whereClause)
                        GROUP BY 1, 2, 3
                        """, filter.values).map { row in
                        QuadrantAssembly.Group(quadrant: try row.string("quadrant"), assistance: try row.int("assistance"), loyalty: try row.int("loyalty"),
                                               count: try row.int("n"), pipeline: try row.int64("pipeline"), weighted: try row.int64("weighted"),
                                               won: try row.int64("won"), lone: try row.int64("lone"))
                    }
                },
                wholeQuadrants: { quadrants in
                    try connection.query("SELECT a.* FROM account a \(and) a.quadrant IN (\(quadrants.map { _ in "?" }.joined(separator: ",")))",
                                         filter.values(appending: quadrants.map { .text($0.rawValue) }))
                        .map { (try $0.string("quadrant"), try AccountSummary(pg: $0)) }
                },
                leaders: { quadrant, limit in
                    try connection.query("SELECT a.* FROM account a \(and) a.quadrant = ? ORDER BY \(order) LIMIT ?",
                                         filter.values(appending: [.text(quadrant.rawValue), .int(limit)])).map(AccountSummary.init(pg:))
                },
                byID: { ids in
                    try connection.query("SELECT a.* FROM account a WHERE a.id IN (\(ids.map { _ in "?" }.joined(separator: ",")))",
                                         ids.map(SQLValue.int)).map(AccountSummary.init(pg:))
                }))
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
}
