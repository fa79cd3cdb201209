import CloserCore

/// The health report added up from the open deals grouped by rep, currency, stage and the rules'
/// own flags: each store runs its grouped query and hands each group here, so the counting and
/// flagging are written once for both stores.
package struct HealthReportTally {
    private let plan: HealthRulePlan
    private var report: HealthReport
    private var lists: [HealthRule: HealthRuleList] = [:]
    private var reps: [String: HealthRepFigures] = [:]

    package init(_ q: HealthReportQuery, plan: HealthRulePlan) {
        self.plan = plan
        report = HealthReport(today: q.today, rep: q.rep, processKey: q.processKey)
    }

    /// A group's own flags and stage, as its row says them.
    package struct GroupFlags {
        package var processKey: String, stageKey: String
        package var budgetKnown: Bool, hasNeeds: Bool, quoted: Bool, pitched: Bool

        package init(processKey: String, stageKey: String, budgetKnown: Bool, hasNeeds: Bool, quoted: Bool, pitched: Bool) {
            (self.processKey, self.stageKey) = (processKey, stageKey)
            (self.budgetKnown, self.hasNeeds, self.quoted, self.pitched) = (budgetKnown, hasNeeds, quoted, pitched)
        }
    }

    /// One group: `timed` says how many of its deals (worth how much) each of the plan's timed
    /// rules flags, and `anyTimed` how many any of them flags.
    package mutating func addGroup(rep: String, currency: String, deals: Int, amount: Int64, flags: GroupFlags,
                                   timed: (HealthRule) throws -> (count: Int, amount: Int64),
                                   anyTimed: () throws -> (count: Int, amount: Int64)) rethrows {
        let rules = plan.staticRules(processKey: flags.processKey, stageKey: flags.stageKey, budgetKnown: flags.budgetKnown,
                                     hasNeeds: flags.hasNeeds, quoted: flags.quoted, pitched: flags.pitched)
        var figures = reps[rep] ?? HealthRepFigures(rep: rep)
        figures.openDeals += deals
        report.openDeals += deals
        report.openAmount[currency, default: 0] += amount
        func add(_ rule: HealthRule, _ count: Int, _ amount: Int64) {
            guard count > 0 else { return }
            figures.counts[rule.rawValue, default: 0] += count
            lists[rule, default: HealthRuleList(rule: rule)].count += count
            lists[rule, default: HealthRuleList(rule: rule)].amount[currency, default: 0] += amount
        }
        for rule in rules { add(rule, deals, amount) }
        for rule in plan.timedRules {
            let (count, listed) = try timed(rule)
            add(rule, count, listed)
        }
        // Every deal of the group is flagged by a rule of its flags; else those a rule of the day flags.
        let (flagged, flaggedAmount) = rules.isEmpty ? try anyTimed() : (deals, amount)
        if flagged > 0 {
            figures.flaggedDeals += flagged
            figures.flaggedAmount[currency, default: 0] += flaggedAmount
            report.flaggedDeals += flagged
            report.flaggedAmount[currency, default: 0] += flaggedAmount
        }
        reps[rep] = figures
    }

    /// How many open deals the report counted.
    package var openDeals: Int { report.openDeals }

    /// How many deals a rule flags; nil when none.
    package func count(of rule: HealthRule) -> Int? { lists[rule]?.count }

    /// A rule's largest deals, as the store found them.
    package mutating func setItems(_ items: [HealthItem], of rule: HealthRule) {
        lists[rule]?.items = items
    }

    /// The report: every rule the team has on, in order, and every rep by name.
    package func finish() -> HealthReport {
        var report = report
        report.rules = plan.rules.map { lists[$0] ?? HealthRuleList(rule: $0) }
        report.reps = reps.values.sorted { $0.rep < $1.rep }
        return report
    }
}
