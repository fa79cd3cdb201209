/// The health rule set: pure functions of a deal, its account's persons and its activities
/// (through `DealHealthFacts`), the team's settings and the day. Only open deals are judged;
/// a won, lost or withdrawn deal has nothing left to fix.
public enum DealHealth {
    /// Every rule the deal trips, in the source's order of the taboos.
    public static func warnings(_ context: HealthContext) -> [HealthWarning] {
        guard context.deal.outcome == .open else { return [] }
        return HealthRule.allCases.compactMap { rule in
            guard context.settings.isEnabled(rule), let detail = check(rule, context) else { return nil }
            return HealthWarning(rule: rule, detail: detail)
        }
    }

    /// The same, from the raw records: the account's persons and the activities (of the deal or its account).
    public static func warnings(_ deal: Deal, process: ProcessTemplate?, persons: [Person], activities: [Activity],
                                settings: HealthSettings = .defaults, today: Day) -> [HealthWarning] {
        warnings(HealthContext(deal: deal, process: process, facts: DealHealthFacts(persons: persons, activities: activities, dealID: deal.id),
                               settings: settings, today: today))
    }

    /// One rule on its own: the detail when the deal trips it, whether or not the team switched it off.
    public static func check(_ rule: HealthRule, _ context: HealthContext) -> LocalizedText? {
        switch rule {
        case .pitchedBeforeDiscovery: PitchedBeforeDiscoveryCheck.check(context)
        case .needsNotRecorded: NeedsNotRecordedCheck.check(context)
        case .priceTooEarly: PriceTooEarlyCheck.check(context)
        case .budgetUnknown: BudgetUnknownCheck.check(context)
        case .noRouteToDecisionMaker: NoRouteCheck.check(context)
        case .keyPersonCold: KeyPersonColdCheck.check(context)
        case .noNextStep: NoNextStepCheck.check(context)
        }
    }
}
