import CloserCore
import CloserStoreKit
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

    /// In one read transaction, without sorting every account (QuadrantAssembly says how).
    public func quadrantSummary(_ query: AccountQuery, topPerQuadrant: Int, rankByLifetimeValue: Bool) throws -> QuadrantSummary {
        let order = Self.quadrantOrder(rankByLifetimeValue)
        return try readAsActor { db, who in
            let filter = Self.accountFilter(query, as: who)
            let and = filter.whereClause.isEmpty ? "WHERE" : filter.whereClause + " AND"
            return try QuadrantAssembly.summary(topPerQuadrant: topPerQuadrant, rankByLifetimeValue: rankByLifetimeValue, .init(
                groups: {
                    try Row.fetchAll(db, sql: """
                        SELECT a.quadrant AS quadrant, a.assistance AS assistance, a.loyalty AS loyalty, COUNT(*) AS n,
                               SUM(a.pipeline) AS pipeline, SUM(a.weighted) AS weighted, SUM(a.won) AS won, MIN(a.id) AS lone
                        FROM account a \(filter.whereClause)
                        GROUP BY 1, 2, 3
                        """, arguments: filter.arguments).map { row in
                        QuadrantAssembly.Group(quadrant: row.text("quadrant"), assistance: row["assistance"], loyalty: row["loyalty"], count: row["n"],
                                               pipeline: row["pipeline"], weighted: row["weighted"], won: row["won"], lone: row["lone"])
                    }
                },
                wholeQuadrants: { quadrants in
                    try Row.fetchAll(db, sql: "SELECT a.* FROM account a \(and) a.quadrant IN (\(quadrants.map { _ in "?" }.joined(separator: ",")))",
                                     arguments: filter.arguments(appending: quadrants.map(\.rawValue))).map { row in (row.text("quadrant"), AccountSummary(row: row)) }
                },
                leaders: { quadrant, limit in
                    try Row.fetchAll(db, sql: "SELECT a.* FROM account a \(and) a.quadrant = ? ORDER BY \(order) LIMIT ?",
                                     arguments: filter.arguments(appending: [quadrant.rawValue, limit])).map(AccountSummary.init(row:))
                },
                byID: { ids in
                    try Row.fetchAll(db, sql: "SELECT a.* FROM account a WHERE a.id IN (\(ids.map { _ in "?" }.joined(separator: ",")))",
                                     arguments: StatementArguments(ids)).map(AccountSummary.init(row:))
                }))
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
}
