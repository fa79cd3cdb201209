import CloserCore
import Foundation
import GRDB

extension SQLiteStore {
    public func accountSummary(_ id: Int64) throws -> AccountSummary {
        try read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT a.* FROM account a WHERE a.id = ?", arguments: [id]) else {
                throw StoreError.notFound(entity: "account", id: id)
            }
            return AccountSummary(row: row)
        }
    }

    /// Two statements in one read transaction: one grouped scan for the counts and sums of every
    /// (quadrant, assistance, loyalty) group, folded into quadrants and cells; and one ranking of
    /// the filtered accounts (two window functions over narrow rows) that returns only the
    /// leaders of each quadrant and cell with their full rows.
    public func quadrantSummary(_ query: AccountQuery, topPerQuadrant: Int, rankByLifetimeValue: Bool) throws -> QuadrantSummary {
        let filter = Self.accountFilter(query)
        let top = max(0, topPerQuadrant), perCell = QuadrantSummary.accountsPerCell
        let value = rankByLifetimeValue ? "(a.won + a.weighted)" : "a.pipeline"
        // Scores are validated to 1…10; clamped anyway so every account lands in a cell.
        let assistance = "MIN(10, MAX(1, a.assistance))", loyalty = "MIN(10, MAX(1, a.loyalty))"
        return try read { db in
            var summary = QuadrantSummary(rankByLifetimeValue: rankByLifetimeValue)
            let groups = try Row.fetchAll(db, sql: """
                SELECT a.quadrant AS quadrant, \(assistance) AS assistance, \(loyalty) AS loyalty, COUNT(*) AS n,
                       SUM(a.pipeline) AS pipeline, SUM(a.weighted) AS weighted, SUM(a.won) AS won
                FROM account a \(filter.whereClause)
                GROUP BY 1, 2, 3
                """, arguments: filter.arguments)
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
                if let index = QuadrantSummary.cellIndex(assistance: row["assistance"], loyalty: row["loyalty"]) {
                    summary.cells[index].count += count
                    summary.cells[index].pipeline += pipeline
                    summary.cells[index].weighted += weighted
                    summary.cells[index].won += won
                }
            }
            guard summary.total > 0 else { return summary }
            let order = "\(value) DESC, a.name, a.id"
            let leaders = try Row.fetchAll(db, sql: """
                WITH ranked AS (
                    SELECT a.id AS id,
                           ROW_NUMBER() OVER (PARTITION BY a.quadrant ORDER BY \(order)) AS in_quadrant,
                           ROW_NUMBER() OVER (PARTITION BY \(assistance), \(loyalty) ORDER BY \(order)) AS in_cell
                    FROM account a \(filter.whereClause)
                )
                SELECT a.*, ranked.in_quadrant AS in_quadrant, ranked.in_cell AS in_cell
                FROM ranked JOIN account a ON a.id = ranked.id
                WHERE ranked.in_quadrant <= ? OR ranked.in_cell <= ?
                """, arguments: filter.arguments(appending: [top, perCell]))
            var quadrantLeaders: [Quadrant: [(Int, AccountSummary)]] = [:]
            var cellLeaders: [Int: [(Int, AccountSummary)]] = [:]
            for row in leaders {
                let account = AccountSummary(row: row)
                let inQuadrant: Int = row["in_quadrant"], inCell: Int = row["in_cell"]
                if inQuadrant <= top, let quadrant = Quadrant(rawValue: row.text("quadrant")) {
                    quadrantLeaders[quadrant, default: []].append((inQuadrant, account))
                }
                if inCell <= perCell, let index = QuadrantSummary.cellIndex(assistance: min(10, max(1, account.account.assistance)),
                                                                           loyalty: min(10, max(1, account.account.loyalty))) {
                    cellLeaders[index, default: []].append((inCell, account))
                }
            }
            for (quadrant, rows) in quadrantLeaders {
                summary.quadrants[quadrant, default: QuadrantSummary.Group()].top = rows.sorted { $0.0 < $1.0 }.map(\.1)
            }
            for (index, rows) in cellLeaders {
                summary.cells[index].top = rows.sorted { $0.0 < $1.0 }.map(\.1)
            }
            return summary
        }
    }
}
