import CloserCore

/// What the health report asks of the open deals, worked out once from the settings, the
/// processes and the day, for each store to say in its own SQL:
/// - four rules read only a deal's own flags and its stage: the report's one pass groups by those,
///   and `staticRules` applies each rule's stage half per group;
/// - three depend on the day (`timedRules`): the pass counts them per group, against `cutoff`.
/// Both say what the rule's Swift check (`DealHealth`) says for an open deal; a test holds them
/// together on stores whose deals trip every rule.
package struct HealthRulePlan {
    /// A rule's stage half: the stages of each process that the rule looks at.
    package struct StageSpan {
        package var processKey: String
        package var stageKeys: [String]
    }

    package let settings: HealthSettings
    package let catalog: ProcessCatalog
    package let today: Day
    /// Every rule the team has on, in the rules' order.
    package let rules: [HealthRule]
    private let processes: [ProcessTemplate]

    package init(settings: HealthSettings, catalog: ProcessCatalog, processKey: String?, today: Day) {
        self.settings = settings
        self.catalog = catalog
        self.today = today
        rules = HealthRule.allCases.filter(settings.isEnabled)
        processes = catalog.processes.filter { processKey == nil || $0.key == processKey }
    }

    /// The enabled rules that depend on the day, in the rules' order.
    package var timedRules: [HealthRule] { rules.filter(Self.isTimed) }

    package static func isTimed(_ rule: HealthRule) -> Bool {
        switch rule {
        case .noRouteToDecisionMaker, .keyPersonCold, .noNextStep: true
        case .pitchedBeforeDiscovery, .needsNotRecorded, .priceTooEarly, .budgetUnknown: false
        }
    }

    /// Whether any rule reads the account's facts (a store may leave that join out otherwise).
    package var needsAccountFacts: Bool { rules.contains(.noRouteToDecisionMaker) || rules.contains(.keyPersonCold) }

    /// The stages a staged rule looks at: at or after the stage carrying its flag (before it, for
    /// a price given too early), per process; empty when no process marks that stage.
    package func stages(of rule: HealthRule) -> [StageSpan] {
        let (flag, atOrAfter): (StageFlag, Bool)
        switch rule {
        case .needsNotRecorded: (flag, atOrAfter) = (.needs, true)
        case .priceTooEarly: (flag, atOrAfter) = (.pricing, false)
        case .budgetUnknown: (flag, atOrAfter) = (.budget, true)
        case .pitchedBeforeDiscovery, .noRouteToDecisionMaker, .keyPersonCold, .noNextStep: return []
        }
        return processes.compactMap { process in
            guard let index = settings.stageIndex(flag, in: process) else { return nil }
            let keys = (atOrAfter ? process.stages[index...] : process.stages[..<index]).map(\.key)
            return keys.isEmpty ? nil : StageSpan(processKey: process.key, stageKeys: keys)
        }
    }

    /// A timed rule holds for a deal whose key (the account's route or cold key, the deal's next
    /// key) sorts before this day's text.
    package func cutoff(of rule: HealthRule) -> String {
        switch rule {
        // Met within routeDays ⇔ last met on or after today − routeDays; a route never trips.
        case .noRouteToDecisionMaker: today.adding(days: -settings.routeDays).description
        // Cold after more than coldDays ⇔ last met before today − coldDays, or never.
        case .keyPersonCold: today.adding(days: -settings.coldDays).description
        // No step, no day or a day past (Deal.nextStepKey).
        case .noNextStep, .pitchedBeforeDiscovery, .needsNotRecorded, .priceTooEarly, .budgetUnknown: today.description
        }
    }

    /// The rules that read only a deal's own flags and stage, tripped by every deal of a group
    /// with these flags in this stage.
    package func staticRules(processKey: String, stageKey: String, budgetKnown: Bool, hasNeeds: Bool, quoted: Bool, pitched: Bool) -> [HealthRule] {
        let process = catalog.process(processKey)
        let current = process?.stageIndex(stageKey)
        func stage(_ flag: StageFlag, _ holds: (Int, Int) -> Bool) -> Bool {
            guard let process, let current, let flagged = settings.stageIndex(flag, in: process) else { return false }
            return holds(current, flagged)
        }
        return rules.filter { rule in
            switch rule {
            case .pitchedBeforeDiscovery: pitched
            case .needsNotRecorded: !hasNeeds && stage(.needs, >=)
            case .priceTooEarly: quoted && stage(.pricing, <)
            case .budgetUnknown: !budgetKnown && stage(.budget, >=)
            case .noRouteToDecisionMaker, .keyPersonCold, .noNextStep: false
            }
        }
    }
}
