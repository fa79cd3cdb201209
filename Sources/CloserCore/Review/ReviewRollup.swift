import Foundation

/// The arithmetic every store does around its review queries (the SQL differs by store): the
/// window cut into whole UTC days and partial edges, the conversions list and the days in stage.
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

    /// Each stage's exits and average days in it, from the exits and seconds summed per stage left.
    public static func durations(_ process: ProcessTemplate, _ totals: [String: (exits: Int, seconds: Double)]) -> [StageDuration] {
        process.stages.map { stage in
            let total = totals[stage.key]
            return StageDuration(stage: stage.key, exits: total?.exits ?? 0,
                                 averageDays: total.map { $0.exits == 0 ? 0 : $0.seconds / 86_400 / Double($0.exits) } ?? 0)
        }
    }
}
