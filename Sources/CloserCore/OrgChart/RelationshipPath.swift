/// Who can carry our message to a decision-maker we rarely meet (002: decision-makers take part
/// in ~5% of activities): the shortest way along reports-to lines from our inside coach or a
/// supporter to each decision-maker.
public struct RelationshipPath: Sendable, Hashable {
    public var decisionMaker: Int64
    /// From our ally to the decision-maker, both included; nil when no ally reaches them.
    public var steps: [Int64]?

    public var ally: Int64? { steps?.first }
}

public enum RelationshipPaths {
    /// One path per decision-maker, in the tree's display order. The coach is preferred over a
    /// supporter at the same distance, since the coach is the one who guides us (002).
    public static func toDecisionMakers(in tree: OrgTree) -> [RelationshipPath] {
        let allies = tree.ordered.compactMap { tree.persons[$0] }.filter { $0.isInsideCoach || $0.stance == .supporter }
        return tree.ordered.compactMap { tree.persons[$0] }.filter(\.isDecisionMaker).map { decider in
            var best: [Int64]?
            var bestIsCoach = false
            for ally in allies {
                guard let steps = tree.path(from: ally.id, to: decider.id) else { continue }
                if let current = best {
                    let shorter = steps.count < current.count
                    let sameButCoach = steps.count == current.count && ally.isInsideCoach && !bestIsCoach
                    guard shorter || sameButCoach else { continue }
                }
                best = steps
                bestIsCoach = ally.isInsideCoach
            }
            return RelationshipPath(decisionMaker: decider.id, steps: best)
        }
    }
}
