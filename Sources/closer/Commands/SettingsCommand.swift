import ArgumentParser
import CloserCore
import CloserSQLite
import Foundation

/// `closer settings`: the team's settings kept in the store — the health rules' thresholds,
/// the rules switched off, and where each process's stage flags stand.
struct SettingsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "settings", abstract: "Show or change the team's settings: deal-health thresholds, rules off, stage flags (managers change them).",
        discussion: """
            Keys: route-days (a decision-maker met within this many days is a route to the decision), cold-days (a decision-maker \
            or the inside coach not met for longer is cold), off (rules not warned about, comma-separated), and PROCESS.FLAG \
            (budget, pricing, needs) naming the stage that carries the flag for that process, or none.
            Examples: closer settings set route-days 45 · closer settings set project.pricing negotiation · \
            closer settings set off key-person-cold · closer settings reset project.pricing
            """,
        subcommands: [Show.self, Change.self, Reset.self], defaultSubcommand: Show.self)

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show the settings (the default).")
        @OptionGroup var store: StoreOptions
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let db = try store.open()
            try SettingsCommand.show(try db.healthSettings(), catalog: try db.processCatalog(), json: json)
        }
    }

    struct Change: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "set", abstract: "Change one setting (managers only, once the store has users).")
        @OptionGroup var store: StoreOptions
        @Argument(help: "route-days, cold-days, off, or PROCESS.FLAG (e.g. project.pricing).") var key: String
        @Argument(help: "Days; rule keys, comma-separated (or none); a stage key (or none).") var value: String

        func run() throws {
            let db = try store.open()
            var settings = try db.healthSettings()
            do { try settings.set(key, to: value) } catch { throw CLIError(error.description) }
            try db.saveHealthSettings(settings)
            Output.line("saved \(key) = \(settings.values[key] ?? value)")
            try SettingsCommand.show(settings, catalog: try db.processCatalog(), json: false)
        }
    }

    struct Reset: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Put settings back to their defaults (a stage flag back to the process's own).")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The keys to reset.") var keys: [String] = []
        @Flag(help: "Reset every setting.") var all = false

        func validate() throws {
            guard all || !keys.isEmpty else { throw ValidationError("name the keys to reset, or --all") }
            guard !(all && !keys.isEmpty) else { throw ValidationError("give keys or --all, not both") }
        }

        func run() throws {
            let db = try store.open()
            var settings = all ? HealthSettings.defaults : try db.healthSettings()
            for key in keys {
                do { try settings.reset(key) } catch { throw CLIError(error.description) }
            }
            try db.saveHealthSettings(settings)
            Output.line(all ? "reset every setting" : "reset \(keys.joined(separator: ", "))")
            try SettingsCommand.show(settings, catalog: try db.processCatalog(), json: false)
        }
    }

    /// The JSON shape of `closer settings --json`.
    struct SettingsJSON: Encodable {
        let routeDays: Int
        let coldDays: Int
        let off: [String]
        /// process → flag → stage key (null: no stage carries it).
        let stages: [String: [String: String?]]
        /// `PROCESS.FLAG` keys the team moved from the process's own stage.
        let overridden: [String]
    }

    static func show(_ settings: HealthSettings, catalog: ProcessCatalog, json: Bool) throws {
        if json {
            var stages = [String: [String: String?]]()
            var overridden = [String]()
            for process in catalog.processes {
                for flag in StageFlag.allCases {
                    stages[process.key, default: [:]][flag.rawValue] = .some(settings.stage(flag, in: process)?.key)
                    if settings.isOverridden(flag, in: process) { overridden.append(HealthSettings.Key.stage(process.key, flag)) }
                }
            }
            return try Output.json(SettingsJSON(routeDays: settings.routeDays, coldDays: settings.coldDays,
                                                off: settings.disabled.sorted().map(\.rawValue), stages: stages, overridden: overridden))
        }
        Output.line("Deal health 商机健康")
        Output.table(["KEY", "VALUE", "MEANS"], [
            [HealthSettings.Key.routeDays, "\(settings.routeDays)", "a decision-maker met within this many days is a route to the decision (#7)"],
            [HealthSettings.Key.coldDays, "\(settings.coldDays)", "a decision-maker or the inside coach not met for longer is cold"],
        ], maxWidth: 100)
        Output.line()
        Output.line("Rules 规则 (closer settings set off KEY,… switches them off)")
        Output.table(["KEY", "TABOO", "STATE", "WARNS OF"], HealthRule.allCases.map { rule in
            [rule.rawValue, "#\(rule.taboo)", settings.isEnabled(rule) ? "on" : "OFF", rule.title.both]
        }, maxWidth: 100)
        Output.line()
        Output.line("Stage flags 阶段标记 (from the process; * = the team's choice)")
        var rows: [[String]] = []
        for process in catalog.processes {
            for flag in StageFlag.allCases {
                let stage = settings.stage(flag, in: process)
                rows.append([HealthSettings.Key.stage(process.key, flag) + (settings.isOverridden(flag, in: process) ? " *" : ""),
                             stage.map { "\($0.key) — \($0.name.both)" } ?? "none (rule off for this process)", flag.label.both])
            }
        }
        Output.table(["KEY", "STAGE", "FLAG"], rows, maxWidth: 60)
    }
}
