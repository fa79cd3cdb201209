import ArgumentParser
import CloserCore
import CloserSQLite
import Foundation

extension ReportCommand {
    /// `closer report health`: the open deals' warnings, per rule and per rep.
    struct Health: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "health",
            abstract: "Open deals tripping the taboos the data proves (十忌): per rule, the largest deals and what each shows; per rep.",
            discussion: "Rules and thresholds are the team's settings (closer settings). A rep (--user) sees the deals of the accounts they may see.")
        @OptionGroup var store: StoreOptions
        @Option(help: "Only this rep's deals.") var rep: String?
        @Option(help: "Only this process (default: every process).") var process: String?
        @Option(help: "Deals listed per rule (counts and sums are always complete).") var limit: Int = 20
        @Option(help: "text, markdown, csv or json.") var format: Format = .text
        @Option(help: "Language of the labels, zh or en (default from LANG / LC_ALL).") var lang: TUICommand.LanguageOption?
        @Option(help: "Report as of this day (default today).") var today: String?

        func validate() throws {
            guard limit >= 0 else { throw ValidationError("--limit must not be negative") }
        }

        func run() throws {
            let db = try store.open()
            let catalog = try db.processCatalog()
            var processKey: String?
            if let process {
                guard let template = catalog.resolve(process) else {
                    throw CLIError("--process: unknown process '\(process)'; known: \(catalog.processes.map(\.key).joined(separator: ", "))")
                }
                processKey = template.key
            }
            let query = HealthReportQuery(today: try today.map(Parse.day) ?? Day.today(), rep: rep, processKey: processKey, listLimit: limit)
            let report = try db.healthReport(query)
            if format == .json { return try Output.json(report) }
            HealthText(report: report, catalog: catalog, lang: lang.language).lines(format).forEach { Output.line($0) }
        }
    }
}
