import ArgumentParser
import CloserCore
import CloserSQLite
import Foundation

/// `closer report …`: the weekly review's figures for mail, chat and scripts.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Weekly funnel review, forecast, stalled deals and deal health, as text, Markdown, CSV or JSON.",
        subcommands: [Weekly.self, Forecast.self, Stalled.self, Health.self, Call.self])

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, markdown, csv, json }

    struct Options: ParsableArguments {
        @OptionGroup var store: StoreOptions
        @Option(help: "Start of the period (YYYY-MM-DD, -7, …; default: Monday of last week).") var since: String?
        @Option(help: "Last day of the period (default: today).") var until: String?
        @Option(help: "Only this rep's deals.") var rep: String?
        @Option(help: "Process whose funnel and conversions are shown.") var process: String = BuiltInProcesses.project.key
        @Option(help: "Weeks the conversion rates and stage times look back.") var weeks: Int = 13
        @Option(name: .customLong("stalled-days"), help: "An open deal with no activity for this many days is stalled.") var stalledDays: Int = 14
        @Option(help: "Deals listed per section (counts and sums are always complete).") var limit: Int = 20
        @Option(help: "text, markdown, csv or json.") var format: Format = .text
        @Option(help: "Language of the labels, zh or en (default from LANG / LC_ALL).") var lang: TUICommand.LanguageOption?

        func validate() throws {
            guard (1...520).contains(weeks) else { throw ValidationError("--weeks must be in 1…520") }
            guard stalledDays >= 1 else { throw ValidationError("--stalled-days must be at least 1") }
            guard limit >= 0 else { throw ValidationError("--limit must not be negative") }
        }

        /// Some of the review's sections, in the chosen format (JSON is handled by the caller).
        func printSections(_ sections: [ReviewText.Section]) {
            for line in ReviewText.render(sections, format: format) { Output.line(line) }
        }

        var language: Language {
            lang.language
        }

        func review() throws -> (WeeklyReview, ProcessTemplate, ProcessCatalog) {
            let db = try store.open()
            let today = Day.today()
            let sinceDay = try since.map(Parse.day)
            let lastDay = try until.map(Parse.day)
            if let sinceDay, let lastDay, lastDay < sinceDay { throw CLIError("--until \(lastDay) is before --since \(sinceDay)") }
            let catalog = try db.processCatalog()
            guard let template = catalog.process(process) else {
                throw CLIError("unknown process '\(process)' (closer process list)")
            }
            let query = ReviewQuery(today: lastDay ?? today, since: sinceDay, until: lastDay.map { $0.adding(days: 1) }, weeks: weeks,
                                    processKey: template.key, rep: rep, stalledDays: stalledDays, listLimit: limit)
            return (try db.weeklyReview(query), template, catalog)
        }

        func print(_ review: WeeklyReview, _ process: ProcessTemplate, _ catalog: ProcessCatalog) throws {
            let text = ReviewText(review: review, process: process, catalog: catalog, lang: language)
            if format == .json { try Output.json(review); return }
            text.lines(format).forEach { Output.line($0) }
        }
    }

    struct Weekly: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Everything the Monday review shows: funnel, conversions, days in stage, forecast, what moved, what needs attention, per rep.")
        @OptionGroup var options: Options

        func run() throws {
            let (review, process, catalog) = try options.review()
            try options.print(review, process, catalog)
        }
    }

    struct Forecast: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "This month's and quarter's forecast: weighted, commit, best case, pipeline, won, and the manager's call.")
        @OptionGroup var options: Options

        func run() throws {
            let (review, process, catalog) = try options.review()
            if options.format == .json { try Output.json(review.forecast); return }
            let text = ReviewText(review: review, process: process, catalog: catalog, lang: options.language)
            options.printSections(text.sections.filter { $0.title == text.forecastTitle })
        }
    }

    struct Stalled: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Open deals with no activity for --stalled-days, and those with no or an overdue next step.")
        @OptionGroup var options: Options

        func run() throws {
            let (review, process, catalog) = try options.review()
            if options.format == .json {
                try Output.json(["stalled": review.stalled, "missingNextStep": review.missingNextStep, "overdueNextStep": review.overdueNextStep])
                return
            }
            let text = ReviewText(review: review, process: process, catalog: catalog, lang: options.language)
            let wanted = Set([ReviewListKind.stalled, .missingNextStep, .overdueNextStep].map { "\($0.label[options.language]) ·" })
            options.printSections(text.sections.filter { section in wanted.contains { section.title.hasPrefix($0) } })
        }
    }

    struct Call: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record the manager's own forecast for a month (2026-12) or a quarter (2026-Q4), for the team or one rep.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The period: YYYY-MM or YYYY-Qn.") var period: String
        @Argument(help: "The amount, e.g. 5000000, 500万, 5M.") var amount: String
        @Option(help: "Currency code (default CNY).") var currency: String = Money.defaultCurrency
        @Option(help: "The rep this call is for (default: the team).") var rep: String = ""

        func validate() throws {
            let month = period.range(of: #"^\d{4}-(0[1-9]|1[0-2])$"#, options: .regularExpression) != nil
            let quarter = period.range(of: #"^\d{4}-Q[1-4]$"#, options: .regularExpression) != nil
            guard month || quarter else { throw ValidationError("'\(period)' is not a period: use YYYY-MM (2026-12) or YYYY-Qn (2026-Q4)") }
        }

        func run() throws {
            guard let money = Money.parse(amount, currency: currency), money.minorUnits >= 0 else {
                throw CLIError("'\(amount)' is not an amount (e.g. 5000000, 500万, 5M)")
            }
            let db = try store.open()
            try db.saveForecastCall(ForecastCall(period: period, rep: rep, amount: money, by: store.actor, at: Date()))
            Output.line("forecast call for \(period)\(rep.isEmpty ? "" : " (\(rep))"): \(money)")
        }
    }
}
