import CloserCore

/// The quadrant screen's summary, put together the same way on both stores from four reads each
/// store makes in its own SQL over the accounts its filter keeps: one grouped scan for the counts
/// and sums of every (quadrant, assistance, loyalty) group (with the id of a group's account when
/// it is alone in its cell); one read of the quadrants small enough to show whole; one bounded
/// sort per larger quadrant; one read by id of the lone accounts not read already.
/// (Window functions over all filtered accounts cost ~5× more on 20k accounts: they sort them all.)
package enum QuadrantAssembly {
    /// One group of the grouped scan.
    package struct Group {
        package var quadrant: String
        package var assistance: Int, loyalty: Int
        package var count: Int
        package var pipeline: Int64, weighted: Int64, won: Int64
        /// The smallest id of the group: its account, when it is the only one.
        package var lone: Int64

        package init(quadrant: String, assistance: Int, loyalty: Int, count: Int, pipeline: Int64, weighted: Int64, won: Int64, lone: Int64) {
            (self.quadrant, self.assistance, self.loyalty, self.count) = (quadrant, assistance, loyalty, count)
            (self.pipeline, self.weighted, self.won, self.lone) = (pipeline, weighted, won, lone)
        }
    }

    /// The reads a store makes, each over the accounts its filter keeps.
    package struct Reads {
        /// Every group's counts and sums.
        package var groups: () throws -> [Group]
        /// The whole of these quadrants, in any order, each account with its stored quadrant.
        package var wholeQuadrants: ([Quadrant]) throws -> [(quadrant: String, account: AccountSummary)]
        /// A quadrant's first accounts in the summary's ranking, at most this many.
        package var leaders: (Quadrant, Int) throws -> [AccountSummary]
        /// Accounts by id, in any order.
        package var byID: ([Int64]) throws -> [AccountSummary]

        package init(groups: @escaping () throws -> [Group],
                     wholeQuadrants: @escaping ([Quadrant]) throws -> [(quadrant: String, account: AccountSummary)],
                     leaders: @escaping (Quadrant, Int) throws -> [AccountSummary],
                     byID: @escaping ([Int64]) throws -> [AccountSummary]) {
            (self.groups, self.wholeQuadrants, self.leaders, self.byID) = (groups, wholeQuadrants, leaders, byID)
        }
    }

    package static func summary(topPerQuadrant: Int, rankByLifetimeValue: Bool, _ reads: Reads) throws -> QuadrantSummary {
        let top = max(0, topPerQuadrant)
        var summary = QuadrantSummary(rankByLifetimeValue: rankByLifetimeValue)
        var lone: [Int64] = []
        for group in try reads.groups() {
            summary.total += group.count
            if let quadrant = Quadrant(rawValue: group.quadrant) {
                var totals = summary.group(quadrant)
                totals.count += group.count
                totals.pipeline += group.pipeline
                totals.weighted += group.weighted
                totals.won += group.won
                summary.quadrants[quadrant] = totals
            }
            // Scores are validated to 1…10; clamped anyway so every account lands in a cell.
            let index = cellIndex(group.assistance, group.loyalty)
            summary.cells[index].count += group.count
            summary.cells[index].pipeline += group.pipeline
            summary.cells[index].weighted += group.weighted
            summary.cells[index].won += group.won
            if group.count == 1 { lone.append(group.lone) }
        }
        guard summary.total > 0 else { return summary }
        var fetched: [Int64: AccountSummary] = [:]
        if top > 0 {
            // Quadrants that fit in `top` are read whole in one query; each larger one with its own
            // bounded sort. A selective search (a few hundred accounts) thus costs two scans, not five.
            let present = Quadrant.allCases.filter { summary.group($0).count > 0 }
            let small = present.filter { summary.group($0).count <= top }
            if !small.isEmpty {
                // Ranked here, not by ORDER BY: for a selective search the planner would walk the
                // whole pipeline index with a lookup per account (~20 ms on 20k accounts).
                for (stored, account) in try reads.wholeQuadrants(small) {
                    fetched[account.id] = account
                    if let quadrant = Quadrant(rawValue: stored) { summary.quadrants[quadrant]?.top.append(account) }
                }
                for quadrant in small {
                    summary.quadrants[quadrant]?.top.sort { QuadrantSummary.ranks($0, before: $1, byLifetimeValue: rankByLifetimeValue) }
                }
            }
            for quadrant in present where summary.group(quadrant).count > top {
                let leaders = try reads.leaders(quadrant, top)
                for account in leaders { fetched[account.id] = account }
                summary.quadrants[quadrant]?.top = leaders
            }
        }
        // A cell holding one account shows its grade.
        let missing = lone.filter { fetched[$0] == nil }
        if !missing.isEmpty {
            for account in try reads.byID(missing) { fetched[account.id] = account }
        }
        for id in lone {
            guard let account = fetched[id] else { continue }
            let index = cellIndex(account.account.assistance, account.account.loyalty)
            if summary.cells[index].count == 1 { summary.cells[index].top = [account] }
        }
        return summary
    }

    /// The cell of a score pair, out-of-range scores clamped to the edge.
    package static func cellIndex(_ assistance: Int, _ loyalty: Int) -> Int {
        (min(10, max(1, loyalty)) - 1) * 10 + (min(10, max(1, assistance)) - 1)
    }
}
