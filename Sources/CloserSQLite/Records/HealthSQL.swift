import CloserCore
import Foundation
import GRDB

/// The health rules as SQL conditions over `deal d` and `account_health h`, one per rule the
/// team has on, built from the settings, the processes and the day. Each says what the rule's
/// Swift check (`DealHealth`) says for an open deal; a test holds the two together on a store
/// whose deals trip every rule.
struct HealthSQL {
    struct Condition {
        var rule: HealthRule
        var sql: String
        var arguments: [(any DatabaseValueConvertible)?]
    }

    let conditions: [Condition]

    /// What `trimmingCharacters(in: .whitespaces)` removes: spaces (Unicode Zs), the tab and
    /// the zero-width space, so a next step of blanks is none in SQL as in Swift.
    static let blanks = " \t\u{00A0}\u{1680}\u{2000}\u{2001}\u{2002}\u{2003}\u{2004}\u{2005}\u{2006}\u{2007}\u{2008}\u{2009}\u{200A}\u{200B}\u{202F}\u{205F}\u{3000}"

    init(settings: HealthSettings, catalog: ProcessCatalog, processKey: String?, today: Day) {
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
        var conditions: [Condition] = []
        for rule in HealthRule.allCases where settings.isEnabled(rule) {
            switch rule {
            case .pitchedBeforeDiscovery:
                conditions.append(Condition(rule: rule, sql: "(d.last_demo IS NOT NULL AND (d.first_discovery IS NULL OR d.first_discovery > d.last_demo))",
                                            arguments: []))
            case .needsNotRecorded:
                let (inStage, arguments) = stages(.needs, atOrAfter: true)
                conditions.append(Condition(rule: rule, sql: "(d.needs = '[]' AND \(inStage))", arguments: arguments))
            case .priceTooEarly:
                let (inStage, arguments) = stages(.pricing, atOrAfter: false)
                conditions.append(Condition(rule: rule, sql: "(d.first_quote IS NOT NULL AND \(inStage))", arguments: arguments))
            case .budgetUnknown:
                let (inStage, arguments) = stages(.budget, atOrAfter: true)
                conditions.append(Condition(rule: rule, sql: "(d.budget_known = 0 AND \(inStage))", arguments: arguments))
            case .noRouteToDecisionMaker:
                // Met within routeDays ⇔ last met on or after today − routeDays.
                conditions.append(Condition(rule: rule, sql: "(COALESCE(h.dm_route, 0) = 0 AND (h.dm_last_met IS NULL OR h.dm_last_met < ?))",
                                            arguments: [today.adding(days: -settings.routeDays).description]))
            case .keyPersonCold:
                // Cold after more than coldDays ⇔ last met before today − coldDays, or never.
                conditions.append(Condition(rule: rule, sql: "(h.coldest_id IS NOT NULL AND (h.coldest_met IS NULL OR h.coldest_met < ?))",
                                            arguments: [today.adding(days: -settings.coldDays).description]))
            case .noNextStep:
                conditions.append(Condition(rule: rule, sql: "(trim(d.next_step, ?) = '' OR d.next_step_due IS NULL OR d.next_step_due < ?)",
                                            arguments: [Self.blanks, today.description]))
            }
        }
        self.conditions = conditions
    }

    /// Whether any condition reads the account's facts (the join can be left out otherwise).
    var needsAccountHealth: Bool { conditions.contains { [.noRouteToDecisionMaker, .keyPersonCold].contains($0.rule) } }

    /// Any rule holds: the deal is flagged.
    var anySQL: String { conditions.isEmpty ? "0" : "(" + conditions.map(\.sql).joined(separator: " OR ") + ")" }

    var anyArguments: [(any DatabaseValueConvertible)?] { conditions.flatMap(\.arguments) }
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
