import CloserCore

extension DealFilter {
    /// The grade filters `a` steps through.
    static let gradeCycle: [Set<Grade>] = [[], [.a], [.b], [.c], [.d], [.a, .b]]

    /// The filter a filter command makes of this one; nil for other commands (and for `r`
    /// with no reps to step through). A value in, a value out: the dashboard puts it in
    /// force, so no command can read the state it is changing.
    func applying(_ command: Command, user: String, reps: [String]) -> DealFilter? {
        var filter = self
        switch command {
        case .toggleMine: filter.owner = owner == nil ? user : nil
        case .cycleRep:
            guard !reps.isEmpty else { return nil }
            if let owner, let index = reps.firstIndex(of: owner) {
                filter.owner = index + 1 < reps.count ? reps[index + 1] : nil
            } else {
                filter.owner = reps[0]
            }
        case .cycleGrade:
            let index = Self.gradeCycle.firstIndex(of: grades) ?? 0
            filter.grades = Self.gradeCycle[(index + 1) % Self.gradeCycle.count]
        case .clearFilters: filter = DealFilter()
        default: return nil
        }
        return filter
    }
}
