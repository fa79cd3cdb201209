import CloserCore
import Foundation

/// The health rules as SQL over `deal d` and `account_health h` (the file store's HealthSQL, in
/// this dialect): four rules read only a deal's own flags and stage, and the report's one pass
/// groups by those (`staticRules` applies each rule's stage half per group); three depend on the
/// day (`timed`) and are summed per group; `conditions` are the whole rules, for each rule's list.
struct HealthConditions {
    struct Condition {
        var rule: HealthRule
        var sql: String
        var values: [SQLValue]
    }

    let settings: HealthSettings
    let catalog: ProcessCatalog
    let timed: [Condition]
    let conditions: [Condition]

    init(settings: HealthSettings, catalog: ProcessCatalog, processKey: String?, today: Day) {
        self.settings = settings
        self.catalog = catalog
        let processes = catalog.processes.filter { processKey == nil || $0.key == processKey }
        /// Deals of any of these processes in a stage at or after (or before) the stage carrying `flag`.
        func stages(_ flag: StageFlag, atOrAfter: Bool) -> (String, [SQLValue]) {
            var parts: [String] = []
            var values: [SQLValue] = []
            for process in processes {
                guard let index = settings.stageIndex(flag, in: process) else { continue }
                let keys = (atOrAfter ? process.stages[index...] : process.stages[..<index]).map(\.key)
                guard !keys.isEmpty else { continue }
                parts.append("(d.process_key = ? AND d.stage_key IN (\(keys.map { _ in "?" }.joined(separator: ","))))")
                values.append(.text(process.key))
                values += keys.map(SQLValue.text)
            }
            return parts.isEmpty ? ("false", []) : ("(" + parts.joined(separator: " OR ") + ")", values)
        }
        func staged(_ rule: HealthRule, _ own: String, _ flag: StageFlag, atOrAfter: Bool) -> Condition {
            let (inStage, values) = stages(flag, atOrAfter: atOrAfter)
            return Condition(rule: rule, sql: "(\(own) AND \(inStage))", values: values)
        }
        var timed: [Condition] = []
        var conditions: [Condition] = []
        for rule in HealthRule.allCases where settings.isEnabled(rule) {
            switch rule {
            case .pitchedBeforeDiscovery:
                conditions.append(Condition(rule: rule, sql: "(d.pitched)", values: []))
            case .needsNotRecorded:
                conditions.append(staged(rule, "NOT d.has_needs", .needs, atOrAfter: true))
            case .priceTooEarly:
                conditions.append(staged(rule, "d.quoted", .pricing, atOrAfter: false))
            case .budgetUnknown:
                conditions.append(staged(rule, "NOT d.budget_known", .budget, atOrAfter: true))
            case .noRouteToDecisionMaker:
                timed.append(Condition(rule: rule, sql: "(coalesce(h.route_key, '') < ?)", values: [.text(today.adding(days: -settings.routeDays).description)]))
            case .keyPersonCold:
                timed.append(Condition(rule: rule, sql: "(coalesce(h.cold_key, '\(OrgHealthFacts.never)') < ?)",
                                       values: [.text(today.adding(days: -settings.coldDays).description)]))
            case .noNextStep:
                timed.append(Condition(rule: rule, sql: "(d.next_key < ?)", values: [.text(today.description)]))
            }
            if let last = timed.last, last.rule == rule { conditions.append(last) }
        }
        self.timed = timed
        self.conditions = conditions
    }

    var needsAccountHealth: Bool { timed.contains { [.noRouteToDecisionMaker, .keyPersonCold].contains($0.rule) } }

    var anyTimedSQL: String { timed.isEmpty ? "false" : "(" + timed.map(\.sql).joined(separator: " OR ") + ")" }

    var anyTimedValues: [SQLValue] { timed.flatMap(\.values) }

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
