import CloserCore
import CloserStoreKit
import Foundation
import GRDB

/// The health rules as SQL over `deal d` and `account_health h`, built from the settings, the
/// processes and the day, in two forms:
/// - for the report's one pass, the rules that depend on the day (`timed`), summed per group; the
///   pass groups by the deal's own flags and stage, and `plan.staticRules` applies the others;
/// - `conditions`: each whole rule, for the rule's list of deals.
/// `HealthRulePlan` says which rules are on and what each asks; this says it in SQLite's SQL.
struct HealthSQL {
    struct Condition {
        var rule: HealthRule
        var sql: String
        var arguments: [(any DatabaseValueConvertible)?]
    }

    /// Which rules are on, their stages and their day: what both stores ask of the deals.
    let plan: HealthRulePlan
    /// The rules the team has on that depend on the day: summed per group.
    let timed: [Condition]
    /// Every rule the team has on, whole, in the rules' order.
    let conditions: [Condition]

    init(settings: HealthSettings, catalog: ProcessCatalog, processKey: String?, today: Day) {
        let plan = HealthRulePlan(settings: settings, catalog: catalog, processKey: processKey, today: today)
        /// A deal with its own flag set (`own`) in one of the stages the rule looks at.
        func staged(_ rule: HealthRule, _ own: String) -> Condition {
            let spans = plan.stages(of: rule)
            guard !spans.isEmpty else { return Condition(rule: rule, sql: "(\(own) AND 0)", arguments: []) }
            let parts = spans.map { "(d.process_key = ? AND d.stage_key IN (\($0.stageKeys.map { _ in "?" }.joined(separator: ","))))" }
            return Condition(rule: rule, sql: "(\(own) AND (" + parts.joined(separator: " OR ") + "))",
                             arguments: spans.flatMap { [$0.processKey] + $0.stageKeys })
        }
        conditions = plan.rules.map { rule in
            switch rule {
            case .pitchedBeforeDiscovery: Condition(rule: rule, sql: "(d.pitched = 1)", arguments: [])
            case .needsNotRecorded: staged(rule, "d.has_needs = 0")
            case .priceTooEarly: staged(rule, "d.quoted = 1")
            case .budgetUnknown: staged(rule, "d.budget_known = 0")
            // HealthSchema.routeKey and coldKey sort a route that never trips, and a person never met, to suit.
            case .noRouteToDecisionMaker: Condition(rule: rule, sql: "(COALESCE(h.route_key, '') < ?)", arguments: [plan.cutoff(of: rule)])
            case .keyPersonCold: Condition(rule: rule, sql: "(COALESCE(h.cold_key, '\(HealthSchema.never)') < ?)", arguments: [plan.cutoff(of: rule)])
            case .noNextStep: Condition(rule: rule, sql: "(d.next_key < ?)", arguments: [plan.cutoff(of: rule)])
            }
        }
        timed = conditions.filter { HealthRulePlan.isTimed($0.rule) }
        self.plan = plan
    }

    /// Whether any rule reads the account's facts (the join can be left out otherwise).
    var needsAccountHealth: Bool { plan.needsAccountFacts }

    /// Any of the day's rules holds.
    var anyTimedSQL: String { timed.isEmpty ? "0" : "(" + timed.map(\.sql).joined(separator: " OR ") + ")" }

    var anyTimedArguments: [(any DatabaseValueConvertible)?] { timed.flatMap(\.arguments) }
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
