import ArgumentParser
import CloserCore
import CloserSQLite
import Foundation

/// `closer target …`: what each rep and the team are to win in a month or a quarter.
struct TargetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "target", abstract: "Sales targets per rep and for the team, per month (2026-12) or quarter (2026-Q4).",
        discussion: """
            The weekly review and `closer report forecast` show each target beside what is won and committed:
            attainment (won ÷ target) and the gap (target − won − commit). Without a team target the team's is
            the sum of the reps'; without a quarter's, the sum of its three months when all are set.
              closer target set wang.lei 2026-Q4 5M
              closer target set team 2026-Q4 20M
            """,
        subcommands: [Set.self, List.self, Delete.self])

    /// "team" (or 团队) is the whole team; anyone else a rep of the store, by login or display name.
    static func rep(_ text: String, in db: any CLIStore) throws -> String {
        if ["team", "团队", "全体"].contains(text.trimmingCharacters(in: .whitespaces).lowercased()) { return "" }
        let directory = TeamDirectory(users: try db.users())
        return directory.login(matching: text) ?? text.trimmingCharacters(in: .whitespaces)
    }

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Set the target of a rep (or team) for a month or quarter (managers).")
        @OptionGroup var store: StoreOptions
        @Argument(help: "A rep (login or name), or team.") var who: String
        @Argument(help: "The period: YYYY-MM or YYYY-Qn.") var period: String
        @Argument(help: "The amount, e.g. 5000000, 500万, 5M.") var amount: String
        @Option(help: "Currency of the amount (default: the base currency).") var currency: String?

        func run() throws {
            let period = try Parse.period(self.period)
            let db = try store.open()
            let rep = try TargetCommand.rep(who, in: db)
            let money = try Parse.money(amount, currency: try currency.map(Parse.currency) ?? db.baseCurrency())
            try db.setTarget(SalesTarget(period: period, rep: rep, amount: money))
            let name = rep.isEmpty ? "the team" : TeamDirectory(users: try db.users()).nameWithLogin(rep)
            Output.line("target for \(name) in \(period): \(money.currency) \(Money.compact(money.minorUnits))")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The targets set, for one period (and its months) or all.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "A period: YYYY-MM or YYYY-Qn (default: all).") var period: String?
        @Option(help: "Language of the amounts and names, zh or en (default from LANG / LC_ALL).") var lang: TUICommand.LanguageOption?
        @Flag(help: "Print JSON instead of a table (stable, for scripts).") var json = false

        func run() throws {
            let period = try self.period.map(Parse.period)
            let db = try store.open()
            let targets = try db.targets(period: period)
            if json { return try Output.json(targets) }
            let language = lang.language
            let directory = TeamDirectory(users: try db.users())
            let rows = targets.map { target in
                [target.period.description, target.isTeam ? LocalizedText(en: "team", zh: "团队")[language] : directory.nameWithLogin(target.rep),
                 target.amount.compact(language), target.by]
            }
            Output.table(["PERIOD", "WHO", "TARGET", "SET BY"], rows, rightAligned: [2])
            if let period, !targets.contains(where: { $0.period == period && $0.isTeam }),
               let team = TargetBook(targets, rates: try db.rateTable()).target(rep: nil, period: period) {
                Output.line("team target for \(period) (sum of the \(team.source == .months ? "months" : "reps")): "
                            + ReviewWording.total(team.amount, lang: language))
            }
            Output.line("\(targets.count) target\(targets.count == 1 ? "" : "s")")
        }
    }

    struct Delete: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Delete the target of a rep (or team) for a period (managers).")
        @OptionGroup var store: StoreOptions
        @Argument(help: "A rep (login or name), or team.") var who: String
        @Argument(help: "The period: YYYY-MM or YYYY-Qn.") var period: String

        func run() throws {
            let period = try Parse.period(self.period)
            let db = try store.open()
            let rep = try TargetCommand.rep(who, in: db)
            try db.deleteTarget(period: period, rep: rep)
            Output.line("deleted the target for \(rep.isEmpty ? "the team" : rep) in \(period)")
        }
    }
}
