import Foundation

/// How much a rep, or the whole team (rep ""), is to win in a month or a quarter.
public struct SalesTarget: Sendable, Hashable, Codable {
    public var period: Period
    /// The rep's login; "" for the team.
    public var rep: String
    public var amount: Money
    public var by: String
    public var at: Date

    public init(period: Period, rep: String = "", amount: Money, by: String = "", at: Date = Date(timeIntervalSince1970: 0)) {
        self.period = period
        self.rep = rep
        self.amount = amount
        self.by = by
        self.at = at
    }

    public var isTeam: Bool { rep.isEmpty }
}

/// Where a target figure comes from: set for the period itself, or added up from what was set
/// for its parts (the reps' targets make the team's, three months make a quarter).
public enum TargetSource: String, Sendable, Hashable, Codable {
    case set, reps, months
}

/// A target as attainment uses it: in the base currency, with where it came from.
public struct ResolvedTarget: Sendable, Hashable, Codable {
    public var amount: BaseTotal
    public var source: TargetSource

    public init(amount: BaseTotal, source: TargetSource) {
        self.amount = amount
        self.source = source
    }
}

/// The targets the team has set, answering "what is the target of this rep (or the team) for this
/// period". A target set for the period wins; else a quarter adds up its three months when all
/// three are set, and the team adds up its reps' targets. A target in another currency than the
/// base converts at the rate in force on the period's first day.
public struct TargetBook: Sendable {
    private let targets: [Key: SalesTarget]
    public let rates: RateTable

    private struct Key: Hashable {
        var period: Period
        var rep: String
    }

    public init(_ targets: [SalesTarget], rates: RateTable) {
        var byKey: [Key: SalesTarget] = [:]
        for target in targets { byKey[Key(period: target.period, rep: target.rep)] = target }
        self.targets = byKey
        self.rates = rates
    }

    /// The reps with a target of their own in `period` (or in all of a quarter's months).
    public func reps(in period: Period) -> [String] {
        let names = Set(targets.keys.filter { !$0.rep.isEmpty && ($0.period == period || period.months.contains($0.period)) }.map(\.rep))
        return names.filter { target(rep: $0, period: period) != nil }.sorted()
    }

    /// The target of `rep` (nil: the team) for `period`, or nil when none is set or implied.
    public func target(rep: String?, period: Period) -> ResolvedTarget? {
        let name = rep ?? ""
        if let set = targets[Key(period: period, rep: name)] { return ResolvedTarget(amount: converted([set], period), source: .set) }
        if period.kind == .quarter {
            let months = period.months.compactMap { targets[Key(period: $0, rep: name)] }
            if months.count == 3 { return ResolvedTarget(amount: converted(months, period), source: .months) }
        }
        if rep == nil {
            let reps = reps(in: period).compactMap { target(rep: $0, period: period)?.amount }
            if let first = reps.first { return ResolvedTarget(amount: reps.dropFirst().reduce(first, +), source: .reps) }
        }
        return nil
    }

    private func converted(_ set: [SalesTarget], _ period: Period) -> BaseTotal {
        var builder = BaseTotalBuilder(rates: rates)
        for target in set { builder.add(target.amount, on: period.start) }
        return builder.total
    }
}
