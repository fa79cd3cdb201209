/// Where a rep or the team stands against the target of a month or a quarter, in the base
/// currency: what is won, what the reps commit and call best case, the manager's own call, the
/// target, attainment (won ÷ target) and the gap (target − won − commit).
public struct Attainment: Sendable, Hashable, Codable {
    public var period: Period
    /// The rep; nil for the team.
    public var rep: String?
    public var target: ResolvedTarget?
    /// Won in the period (closed in it), each deal at the rate in force on its close day.
    public var won: BaseTotal
    /// Open deals committed to close in the period, at today's rates.
    public var commit: BaseTotal
    public var bestCase: BaseTotal
    public var managerCall: Money?

    public init(period: Period, rep: String? = nil, target: ResolvedTarget? = nil, won: BaseTotal, commit: BaseTotal,
                bestCase: BaseTotal, managerCall: Money? = nil) {
        self.period = period
        self.rep = rep
        self.target = target
        self.won = won
        self.commit = commit
        self.bestCase = bestCase
        self.managerCall = managerCall
    }

    /// Won ÷ target; nil without a target above zero.
    public var ratio: Double? {
        guard let target = target?.amount, target.minorUnits > 0 else { return nil }
        return Double(won.minorUnits) / Double(target.minorUnits)
    }

    /// Target − won − commit in minor units: what is still to be found (negative: more than
    /// covered); nil without a target.
    public var gap: Int64? {
        guard let target = target?.amount else { return nil }
        return target.minorUnits.addingSaturating(-won.minorUnits).addingSaturating(-commit.minorUnits)
    }

    /// Every figure converted: no amount was left out for want of a rate.
    public var isComplete: Bool {
        won.isComplete && commit.isComplete && bestCase.isComplete && (target?.amount.isComplete ?? true)
    }

    /// "73%", or "—" without a target.
    public var ratioText: String { ratio.map { "\(Int(($0 * 100).rounded()))%" } ?? "—" }
}
