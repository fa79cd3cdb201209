import Foundation

/// What the quadrant screen needs of the filtered accounts, aggregated by the store: per
/// quadrant the count, the sums and the leading accounts; per score cell (assistance, loyalty)
/// the count, the sums and, for a cell holding exactly one account, that account (the scatter
/// shows its grade letter). A crowded cell's leaders come from `Store.quadrantCell`, read for
/// the one cell under the scatter's cursor.
public struct QuadrantSummary: Sendable, Hashable {
    public struct Group: Sendable, Hashable {
        public var count: Int
        /// Sums of the accounts' rollups, in the default currency, minor units.
        public var pipeline: Int64
        public var weighted: Int64
        public var won: Int64
        /// Largest first by the summary's ranking (then name, then id), at most the number asked
        /// for; in a cell, the lone account (or the leaders the app read for that cell).
        public var top: [AccountSummary]

        public init(count: Int = 0, pipeline: Int64 = 0, weighted: Int64 = 0, won: Int64 = 0, top: [AccountSummary] = []) {
            self.count = count
            self.pipeline = pipeline
            self.weighted = weighted
            self.won = won
            self.top = top
        }

        /// Won to date plus the weighted open pipeline, summed.
        public var lifetimeValue: Int64 { won + weighted }
    }

    /// How many leaders of the scatter's cursor cell the app reads: the panel lists three and
    /// keeps the account just scored (pinned) among them when the cell is crowded.
    public static let accountsPerCell = 8

    public var quadrants: [Quadrant: Group]
    /// Index (loyalty-1)*10 + (assistance-1); always 100 cells.
    public var cells: [Group]
    public var total: Int
    /// The ranking of every `top`: lifetime value (won + weighted) when true, open pipeline when false.
    public var rankByLifetimeValue: Bool

    public init(quadrants: [Quadrant: Group] = [:], cells: [Group] = Array(repeating: Group(), count: 100), total: Int = 0,
                rankByLifetimeValue: Bool = false) {
        self.quadrants = quadrants
        self.cells = cells
        self.total = total
        self.rankByLifetimeValue = rankByLifetimeValue
    }

    public func group(_ quadrant: Quadrant) -> Group { quadrants[quadrant] ?? Group() }

    public func cell(assistance: Int, loyalty: Int) -> Group {
        guard let index = Self.cellIndex(assistance: assistance, loyalty: loyalty), cells.indices.contains(index) else { return Group() }
        return cells[index]
    }

    public static func cellIndex(assistance: Int, loyalty: Int) -> Int? {
        guard Quadrant.scoreRange.contains(assistance), Quadrant.scoreRange.contains(loyalty) else { return nil }
        return (loyalty - 1) * 10 + (assistance - 1)
    }

    /// The value an account is ranked and shown by.
    public static func value(_ row: AccountSummary, byLifetimeValue: Bool) -> Int64 {
        byLifetimeValue ? row.lifetimeValue : row.pipeline
    }

    /// The order of every `top`: larger value first, then name, then id (stable and total).
    public static func ranks(_ a: AccountSummary, before b: AccountSummary, byLifetimeValue: Bool) -> Bool {
        let (va, vb) = (value(a, byLifetimeValue: byLifetimeValue), value(b, byLifetimeValue: byLifetimeValue))
        if va != vb { return va > vb }
        if a.account.name != b.account.name { return a.account.name < b.account.name }
        return a.id < b.id
    }
}
