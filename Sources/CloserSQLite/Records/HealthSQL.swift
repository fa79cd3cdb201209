import CloserCore
import Foundation
import GRDB

/// The health rules as SQL over `deal d` and `account_health h`, built from the settings, the
/// processes and the day, in two forms:
/// - `bits`: what each rule asks of a deal's own columns, without its stage (`mask`). The report
///   groups the open deals by rep, currency, process, stage and mask from one index, and the
///   stage half of each rule is then applied per group in Swift, by the same settings the rules
///   read (`trips(_:mask:processKey:stageKey:)`);
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
    /// One per rule the team has on, in the rules' order.
    let bits: [Condition]
    let conditions: [Condition]

    /// What `trimmingCharacters(in: .whitespaces)` removes: spaces (Unicode Zs), the tab and
    /// the zero-width space, so a next step of blanks is none in SQL as in Swift.
    static let blanks = " \t\u{00A0}\u{1680}\u{2000}\u{2001}\u{2002}\u{2003}\u{2004}\u{2005}\u{2006}\u{2007}\u{2008}\u{2009}\u{200A}\u{200B}\u{202F}\u{205F}\u{3000}"

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
        var bits: [Condition] = []
        var conditions: [Condition] = []
        for rule in HealthRule.allCases where settings.isEnabled(rule) {
            let bit: Condition
            var stage: (flag: StageFlag, atOrAfter: Bool)?
            switch rule {
            case .pitchedBeforeDiscovery:
                bit = Condition(rule: rule, sql: "(d.last_demo IS NOT NULL AND (d.first_discovery IS NULL OR d.first_discovery > d.last_demo))", arguments: [])
            case .needsNotRecorded:
                bit = Condition(rule: rule, sql: "(d.has_needs = 0)", arguments: [])
                stage = (.needs, true)
            case .priceTooEarly:
                bit = Condition(rule: rule, sql: "(d.first_quote IS NOT NULL)", arguments: [])
                stage = (.pricing, false)
            case .budgetUnknown:
                bit = Condition(rule: rule, sql: "(d.budget_known = 0)", arguments: [])
                stage = (.budget, true)
            case .noRouteToDecisionMaker:
                // Met within routeDays ⇔ last met on or after today − routeDays.
                bit = Condition(rule: rule, sql: "(COALESCE(h.dm_route, 0) = 0 AND (h.dm_last_met IS NULL OR h.dm_last_met < ?))",
                                arguments: [today.adding(days: -settings.routeDays).description])
            case .keyPersonCold:
                // Cold after more than coldDays ⇔ last met before today − coldDays, or never.
                bit = Condition(rule: rule, sql: "(h.coldest_id IS NOT NULL AND (h.coldest_met IS NULL OR h.coldest_met < ?))",
                                arguments: [today.adding(days: -settings.coldDays).description])
            case .noNextStep:
                bit = Condition(rule: rule, sql: "(trim(d.next_step, ?) = '' OR d.next_step_due IS NULL OR d.next_step_due < ?)",
                                arguments: [Self.blanks, today.description])
            }
            bits.append(bit)
            if let stage {
                let (inStage, arguments) = stages(stage.flag, atOrAfter: stage.atOrAfter)
                conditions.append(Condition(rule: rule, sql: "(\(bit.sql) AND \(inStage))", arguments: bit.arguments + arguments))
            } else {
                conditions.append(bit)
            }
        }
        self.bits = bits
        self.conditions = conditions
    }

    /// Whether any rule reads the account's facts (the join can be left out otherwise).
    var needsAccountHealth: Bool { bits.contains { [.noRouteToDecisionMaker, .keyPersonCold].contains($0.rule) } }

    /// The mask of a deal: bit i set when `bits[i]` holds.
    var maskSQL: String {
        bits.isEmpty ? "0" : bits.enumerated().map { "(\($1.sql) << \($0))" }.joined(separator: " | ")
    }

    var maskArguments: [(any DatabaseValueConvertible)?] { bits.flatMap(\.arguments) }

    /// The rules a group of deals trips: their mask's rules, the stage ones only where the stage says so.
    func trips(mask: Int64, processKey: String, stageKey: String) -> [HealthRule] {
        let process = catalog.process(processKey)
        let current = process?.stageIndex(stageKey)
        return bits.enumerated().compactMap { index, bit in
            guard mask & (1 << Int64(index)) != 0 else { return nil }
            func stage(_ flag: StageFlag, _ holds: (Int, Int) -> Bool) -> HealthRule? {
                guard let process, let current, let flagged = settings.stageIndex(flag, in: process) else { return nil }
                return holds(current, flagged) ? bit.rule : nil
            }
            switch bit.rule {
            case .needsNotRecorded: return stage(.needs, >=)
            case .budgetUnknown: return stage(.budget, >=)
            case .priceTooEarly: return stage(.pricing, <)
            default: return bit.rule
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
