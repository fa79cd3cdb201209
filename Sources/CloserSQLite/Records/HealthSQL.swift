import CloserCore
import Foundation
import GRDB

/// The health rules as SQL over `deal d` and `account_health h`, built from the settings, the
/// processes and the day, in two forms:
/// - for the report's one pass, the rules split in two. Four read only the deal's own flags
///   (pitched, has_needs, quoted, budget_known) and its stage: the pass groups by those, in the
///   order of the health index, and `staticRules` applies each rule's stage half per group, by the
///   same settings the Swift rules read. Three depend on the day (`timed`): the pass sums them.
/// - `conditions`: each whole rule, for the rule's list of deals.
/// Both say what the rule's Swift check (`DealHealth`) says for an open deal; a test holds them
/// together on a store whose deals trip every rule.
struct HealthSQL {
    struct Condition {
        var rule: HealthRule
        var sql: String
        var arguments: [(any DatabaseValueConvertible)?]
    }

    let settings: HealthSettings
    let catalog: ProcessCatalog
    /// The rules the team has on that depend on the day: summed per group.
    let timed: [Condition]
    /// Every rule the team has on, whole, in the rules' order.
    let conditions: [Condition]

    init(settings: HealthSettings, catalog: ProcessCatalog, processKey: String?, today: Day) {
        self.settings = settings
        self.catalog = catalog
        let processes = catalog.processes.filter { processKey == nil || $0.key == processKey }
        /// Deals of any of these processes in a stage at or after (or before) the stage carrying `flag`.
        func stages(_ flag: StageFlag, atOrAfter: Bool) -> (String, [(any DatabaseValueConvertible)?]) {
            var parts: [String] = []
            var arguments: [(any DatabaseValueConvertible)?] = []
            for process in processes {
                guard let index = settings.stageIndex(flag, in: process) else { continue }
                let keys = (atOrAfter ? process.stages[index...] : process.stages[..<index]).map(\.key)
                guard !keys.isEmpty else { continue }
                parts.append("(d.process_key = ? AND d.stage_key IN (\(keys.map { _ in "?" }.joined(separator: ","))))")
                arguments.append(process.key)
                arguments += keys.map { $0 }
            }
            return parts.isEmpty ? ("0", []) : ("(" + parts.joined(separator: " OR ") + ")", arguments)
        }
        func staged(_ rule: HealthRule, _ own: String, _ flag: StageFlag, atOrAfter: Bool) -> Condition {
            let (inStage, arguments) = stages(flag, atOrAfter: atOrAfter)
            return Condition(rule: rule, sql: "(\(own) AND \(inStage))", arguments: arguments)
        }
        var timed: [Condition] = []
        var conditions: [Condition] = []
        for rule in HealthRule.allCases where settings.isEnabled(rule) {
            switch rule {
            case .pitchedBeforeDiscovery:
                conditions.append(Condition(rule: rule, sql: "(d.pitched = 1)", arguments: []))
            case .needsNotRecorded:
                conditions.append(staged(rule, "d.has_needs = 0", .needs, atOrAfter: true))
            case .priceTooEarly:
                conditions.append(staged(rule, "d.quoted = 1", .pricing, atOrAfter: false))
            case .budgetUnknown:
                conditions.append(staged(rule, "d.budget_known = 0", .budget, atOrAfter: true))
            case .noRouteToDecisionMaker:
                // Met within routeDays ⇔ last met on or after today − routeDays; a route never trips (HealthSchema.routeKey).
                timed.append(Condition(rule: rule, sql: "(COALESCE(h.route_key, '') < ?)", arguments: [today.adding(days: -settings.routeDays).description]))
            case .keyPersonCold:
                // Cold after more than coldDays ⇔ last met before today − coldDays, or never (HealthSchema.coldKey).
                timed.append(Condition(rule: rule, sql: "(COALESCE(h.cold_key, '\(HealthSchema.never)') < ?)",
                                       arguments: [today.adding(days: -settings.coldDays).description]))
            case .noNextStep:
                // No step, no day or a day past (Deal.nextStepKey).
                timed.append(Condition(rule: rule, sql: "(d.next_key < ?)", arguments: [today.description]))
            }
            if let last = timed.last, last.rule == rule { conditions.append(last) }
        }
        self.timed = timed
        self.conditions = conditions
    }

    /// Whether any rule reads the account's facts (the join can be left out otherwise).
    var needsAccountHealth: Bool { timed.contains { [.noRouteToDecisionMaker, .keyPersonCold].contains($0.rule) } }

    /// Any of the day's rules holds.
    var anyTimedSQL: String { timed.isEmpty ? "0" : "(" + timed.map(\.sql).joined(separator: " OR ") + ")" }

    var anyTimedArguments: [(any DatabaseValueConvertible)?] { timed.flatMap(\.arguments) }

    /// The rules that read only a deal's own flags and stage, tripped by every deal of a group
    /// with these flags in this stage.
    func staticRules(processKey: String, stageKey: String, budgetKnown: Bool, hasNeeds: Bool, quoted: Bool, pitched: Bool) -> [HealthRule] {
        let process = catalog.process(processKey)
        let current = process?.stageIndex(stageKey)
        func stage(_ flag: StageFlag, _ holds: (Int, Int) -> Bool) -> Bool {
            guard let process, let current, let flagged = settings.stageIndex(flag, in: process) else { return false }
            return holds(current, flagged)
        }
        return conditions.map(\.rule).filter { rule in
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

/// Reading what the rules need of a few deals: the deal row, its account's health facts and the
/// name of the key person met longest ago.
enum HealthRows {
    static let columns = """
        d.*, a.name AS account_name, h.decision_makers AS h_decision_makers, h.dm_last_met AS h_dm_last_met,
        h.dm_route AS h_dm_route, h.coldest_id AS h_coldest_id, h.coldest_met AS h_coldest_met, cp.name AS h_coldest_name
        """

    static let joins = """
        JOIN account a ON a.id = d.account_id
        LEFT JOIN account_health h ON h.account_id = d.account_id
        LEFT JOIN person cp ON cp.id = h.coldest_id
        """

    static func facts(_ row: Row) -> DealHealthFacts {
        let coldest = (row["h_coldest_id"] as Int64?).map {
            KeyPersonContact(personID: $0, name: row["h_coldest_name"] ?? "#\($0)", lastMet: ColumnCoding.day(row["h_coldest_met"]))
        }
        return DealHealthFacts(
            org: OrgHealthFacts(decisionMakers: row["h_decision_makers"] ?? 0, decisionMakerLastMet: ColumnCoding.day(row["h_dm_last_met"]),
                                hasRouteToDecisionMaker: row["h_dm_route"] ?? false, coldest: coldest),
            activities: ActivityHealthFacts(latestDemo: ColumnCoding.day(row["last_demo"]), firstDiscovery: ColumnCoding.day(row["first_discovery"]),
                                            firstQuote: ColumnCoding.day(row["first_quote"])))
    }
}
