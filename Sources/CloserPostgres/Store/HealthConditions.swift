import CloserCore
import CloserStoreKit
import Foundation

/// The health rules as SQL over `deal d` and `account_health h` (the file store's HealthSQL, in
/// this dialect): the rules that depend on the day (`timed`) are summed per group of the report's
/// one pass, and `plan.staticRules` applies the others per group; `conditions` are the whole
/// rules, for each rule's list.
struct HealthConditions {
    struct Condition {
        var rule: HealthRule
        var sql: String
        var values: [SQLValue]
    }

    /// Which rules are on, their stages and their day: what both stores ask of the deals.
    let plan: HealthRulePlan
    let timed: [Condition]
    let conditions: [Condition]

    init(settings: HealthSettings, catalog: ProcessCatalog, processKey: String?, today: Day) {
        let plan = HealthRulePlan(settings: settings, catalog: catalog, processKey: processKey, today: today)
        /// A deal with its own flag set (`own`) in one of the stages the rule looks at.
        func staged(_ rule: HealthRule, _ own: String) -> Condition {
            let spans = plan.stages(of: rule)
            guard !spans.isEmpty else { return Condition(rule: rule, sql: "(\(own) AND false)", values: []) }
            let parts = spans.map { "(d.process_key = ? AND d.stage_key IN (\($0.stageKeys.map { _ in "?" }.joined(separator: ","))))" }
            return Condition(rule: rule, sql: "(\(own) AND (" + parts.joined(separator: " OR ") + "))",
                             values: spans.flatMap { [$0.processKey] + $0.stageKeys }.map(SQLValue.text))
        }
        conditions = plan.rules.map { rule in
            switch rule {
            case .pitchedBeforeDiscovery: Condition(rule: rule, sql: "(d.pitched)", values: [])
            case .needsNotRecorded: staged(rule, "NOT d.has_needs")
            case .priceTooEarly: staged(rule, "d.quoted")
            case .budgetUnknown: staged(rule, "NOT d.budget_known")
            case .noRouteToDecisionMaker: Condition(rule: rule, sql: "(coalesce(h.route_key, '') < ?)", values: [.text(plan.cutoff(of: rule))])
            case .keyPersonCold: Condition(rule: rule, sql: "(coalesce(h.cold_key, '\(OrgHealthFacts.never)') < ?)", values: [.text(plan.cutoff(of: rule))])
            case .noNextStep: Condition(rule: rule, sql: "(d.next_key < ?)", values: [.text(plan.cutoff(of: rule))])
            }
        }
        timed = conditions.filter { HealthRulePlan.isTimed($0.rule) }
        self.plan = plan
    }

    var needsAccountHealth: Bool { plan.needsAccountFacts }

    var anyTimedSQL: String { timed.isEmpty ? "false" : "(" + timed.map(\.sql).joined(separator: " OR ") + ")" }

    var anyTimedValues: [SQLValue] { timed.flatMap(\.values) }
}

/// What the rules need of a few deals: the deal row, its account's health facts and the name of
/// the key person met longest ago.
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

    static func facts(_ row: SQLRow) throws -> DealHealthFacts {
        let coldest = try row.optionalInt64("h_coldest_id").map {
            KeyPersonContact(personID: $0, name: try row.optionalText("h_coldest_name") ?? "#\($0)", lastMet: try row.day("h_coldest_met"))
        }
        return DealHealthFacts(
            org: OrgHealthFacts(decisionMakers: try row.optionalInt("h_decision_makers") ?? 0, decisionMakerLastMet: try row.day("h_dm_last_met"),
                                hasRouteToDecisionMaker: try row.optionalBool("h_dm_route") ?? false, coldest: coldest),
            activities: ActivityHealthFacts(latestDemo: try row.day("last_demo"), firstDiscovery: try row.day("first_discovery"),
                                            firstQuote: try row.day("first_quote")))
    }
}
