import ArgumentParser
import CloserCore
import CloserSQLite
import Foundation

/// `closer report …`: the weekly review's figures for mail, chat and scripts.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Weekly funnel review, forecast, stalled deals, deal health and win/loss, as text, Markdown, CSV or JSON.",
        subcommands: [Weekly.self, Forecast.self, Stalled.self, Health.self, Call.self, WinLossCommand.self])

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, markdown, csv, json }

    struct Options: ParsableArguments {
        @OptionGroup var store: StoreOptions
        @Option(help: "Start of a longer period (YYYY-MM-DD, -7, …); it runs to --until, else to today.") var since: String?
        @Option(help: "Last day of the period (with --since; alone: the week holding it).") var until: String?
        @Option(help: "The week (Monday to Sunday) holding this day (default: last week).") var week: String?
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

        /// One week by default (last week, or the week of --week or --until); --since asks for a longer period.
        func period(today: Day) throws -> ReviewPeriod {
            let sinceDay = try since.map(Parse.day)
            let lastDay = try until.map(Parse.day)
            if week != nil, sinceDay != nil || lastDay != nil { throw CLIError("--week is one week: give it alone, or --since and --until instead") }
            if let week { return ReviewPeriod.week(of: try Parse.day(week)) }
            guard let sinceDay else { return lastDay.map(ReviewPeriod.week(of:)) ?? ReviewPeriod.lastWeek(today: today) }
            let last = lastDay ?? today
            guard let period = ReviewPeriod(since: sinceDay, through: last) else {
                throw CLIError("--until \(last) is before --since \(sinceDay)")
            }
            return period
        }

        func review() throws -> ReviewText {
            let db = try store.open()
            let today = Day.today()
            let period = try period(today: today)
            let catalog = try db.processCatalog()
            guard let template = catalog.process(process) else {
                throw CLIError("unknown process '\(process)' (closer process list)")
            }
            let directory = TeamDirectory(users: try db.users())
            let who = rep.map { name in directory.login(matching: name) ?? name }
            let query = ReviewQuery(today: today, since: period.since, until: period.until, weeks: weeks,
                                    processKey: template.key, rep: who, stalledDays: stalledDays, listLimit: limit)
            return ReviewText(review: try db.weeklyReview(query), process: template, catalog: catalog, lang: language, directory: directory, today: today)
        }

        func print(_ text: ReviewText) throws {
            if format == .json { try Output.json(text.review); return }
            text.lines(format).forEach { Output.line($0) }
        }
    }

    struct Weekly: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Everything the Monday review shows: funnel, conversions, days in stage, forecast, what moved, what needs attention, per rep.")
        @OptionGroup var options: Options

        func run() throws {
            try options.print(try options.review())
        }
    }

    struct Forecast: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "This month's and quarter's forecast: weighted, commit, best case, pipeline, won, and the manager's call.")
        @OptionGroup var options: Options

        func run() throws {
            let text = try options.review()
            if options.format == .json {
                return try Output.json(ForecastJSON(forecast: text.review.forecast, attainment: text.review.attainment,
                                                    reps: text.review.reps.flatMap(\.attainment)))
            }
            options.printSections(text.sections.filter { $0.title == text.forecastTitle } + [text.targetsSection])
        }

        struct ForecastJSON: Encodable {
            var forecast: [ForecastFigures]
            var attainment: [Attainment]
            var reps: [Attainment]
        }
    }

    struct Stalled: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Open deals with no activity for --stalled-days, with no or an overdue next step, and past their close date; "
                + "actions planned on accounts, overdue or due in the coming week.")
        @OptionGroup var options: Options

        func run() throws {
            let text = try options.review()
            let review = text.review
            if options.format == .json {
                try Output.json(Attention(stalled: review.stalled, missingNextStep: review.missingNextStep, overdueNextStep: review.overdueNextStep,
                                          pastClose: review.pastClose, accountPlans: review.accountPlans))
                return
            }
            let wanted = Set([ReviewListKind.stalled, .missingNextStep, .overdueNextStep, .pastClose].map { "\($0.label[options.language]) ·" })
            options.printSections(text.sections.filter { section in wanted.contains { section.title.hasPrefix($0) } } + [text.accountPlansSection])
        }

        struct Attention: Encodable {
            var stalled, missingNextStep, overdueNextStep, pastClose: ReviewList
            var accountPlans: AccountPlanList
        }
    }

    struct Call: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record the manager's own forecast for a month (2026-12) or a quarter (2026-Q4), for the team or one rep.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The period: YYYY-MM or YYYY-Qn.") var period: String
        @Argument(help: "The amount, e.g. 5000000, 500万, 5M.") var amount: String
        @Option(help: "Currency code (default: the base currency).") var currency: String?
        @Option(help: "The rep this call is for (default: the team).") var rep: String = ""

        func run() throws {
            let period = try Parse.period(self.period)
            let db = try store.open()
            let money = try Parse.money(amount, currency: try currency.map(Parse.currency) ?? db.baseCurrency())
            let who = rep.isEmpty ? "" : TeamDirectory(users: try db.users()).login(matching: rep) ?? rep
            try db.saveForecastCall(ForecastCall(period: period.description, rep: who, amount: money, by: store.actor, at: Date()))
            Output.line("forecast call for \(period)\(who.isEmpty ? "" : " (\(who))"): \(money)")
        }
    }
}
