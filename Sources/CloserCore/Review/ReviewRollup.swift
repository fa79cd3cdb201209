import Foundation

/// The arithmetic every store does around its review queries (the SQL differs by store): the
/// window cut into whole UTC days and partial edges, the conversions list, which period lists an
/// event belongs to, and the per-rep rows.
public enum ReviewRollup {
    /// A window as the daily rollup sees it: the whole UTC days inside it, and the partial days
    /// at its edges (a user's midnight is not UTC's), read row by row.
    public static func split(from: Double, until: Double) -> (days: Range<Int>, edges: [(Double, Double)]) {
        let first = Int((from / 86_400).rounded(.up)), last = Int((until / 86_400).rounded(.down))
        guard first < last else { return (0..<0, from < until ? [(from, until)] : []) }
        var edges: [(Double, Double)] = []
        if Double(first) * 86_400 > from { edges.append((from, Double(first) * 86_400)) }
        if Double(last) * 86_400 < until { edges.append((Double(last) * 86_400, until)) }
        return (first..<last, edges)
    }

    public static func conversions(_ process: ProcessTemplate, _ figures: [Int: (entered: Int, advanced: Int)]) -> [StageConversion] {
        process.stages.indices.dropLast().map { index in
            StageConversion(fromStage: process.stages[index].key, toStage: process.stages[index + 1].key,
                            entered: figures[index]?.entered ?? 0, advanced: figures[index]?.advanced ?? 0)
        }
    }

    public struct Flow: Sendable {
        public var kind: String
        public var direction: Int
        public var owner: String
        public var currency: String
        public var events: Int
        public var amount: Int64

        public init(kind: String, direction: Int, owner: String, currency: String, events: Int, amount: Int64) {
            self.kind = kind
            self.direction = direction
            self.owner = owner
            self.currency = currency
            self.events = events
            self.amount = amount
        }
    }

    /// The period lists a stage event of this kind and direction belongs to (a forced move is in two).
    public static func lists(kind: String, direction: Int) -> [ReviewListKind] {
        switch kind {
        case "created": [.newDeals]
        case "won": [.won]
        case "lost": [.lost]
        case "withdrawn": [.withdrawn]
        case "moved", "forced":
            (direction > 0 ? [.advanced] : direction < 0 ? [.slipped] : []) + (kind == "forced" ? [.forced] : [])
        default: []
        }
    }

    /// One row per rep who holds an open deal or closed or moved one in the period.
    public static func repFigures(flow: [Flow], open: [String: RepFigures]) -> [RepFigures] {
        var reps = open
        for row in flow where ["moved", "forced", "won"].contains(row.kind) {
            var figures = reps[row.owner] ?? RepFigures(rep: row.owner)
            if row.kind == "won" {
                figures.won[row.currency, default: 0] += row.amount
            } else {
                figures.moved += row.events
            }
            reps[row.owner] = figures
        }
        return reps.values.sorted { $0.rep < $1.rep }
    }
}
