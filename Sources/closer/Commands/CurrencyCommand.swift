import ArgumentParser
import CloserCore
import CloserSQLite
import Foundation

/// `closer currency …`: the base currency every total is in, and the dated rates that convert to it.
struct CurrencyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "currency", abstract: "The base currency and dated exchange rates: every total is converted at the rate in force.",
        discussion: """
            A deal keeps its own currency and amount; totals (board, tables, review, forecast, reports) are in the
            base currency, each amount at the rate in force on its day: today for open deals, the close day for
            won ones, the day it happened for what moved in a period. A currency with no rate in force is said
            beside the total, never guessed or left out silently.
              closer currency base CNY
              closer currency rate USD 7.10 --from 2026-12-01
              closer currency list
            """,
        subcommands: [Base.self, Rate.self, Delete.self, List.self])

    struct Base: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show the base currency, or set it (managers).")
        @OptionGroup var store: StoreOptions
        @Argument(help: "An ISO 4217 code: CNY, USD, EUR, …") var code: String?

        func run() throws {
            let db = try store.open()
            guard let code else { return Output.line(try db.baseCurrency()) }
            let checked = try Parse.currency(code)
            let old = try db.baseCurrency()
            try db.setBaseCurrency(checked)
            Output.line(old == checked ? "the base currency is already \(checked)" : "base currency: \(checked) (was \(old))")
            let orphaned = try db.rateTable().currencies.isEmpty && old != checked
            if orphaned { Output.line("no rates are quoted against \(checked) yet: closer currency rate USD 7.10 --from DAY") }
        }
    }

    struct Rate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "What one unit of a currency is worth in the base currency, from a day on (managers).",
            usage: "closer currency rate <currency> <rate> [--from <from>] [--db <path|url>] [--user <name>]")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The currency, e.g. USD.") var currency: String
        /// Taken as whatever the parser does not recognise, so that a negative rate reaches
        /// `typedRate` (below): swift-argument-parser reads "-1" as an option, never as a positional
        /// value (apple/swift-argument-parser#31), and would answer "Missing expected argument".
        @Argument(parsing: .allUnrecognized, help: ArgumentHelp("Base units per unit, more than 0, at most six decimals, e.g. 7.10.", valueName: "rate"))
        var rate: [String] = []
        @Option(help: "First day the rate is in force (YYYY-MM-DD, today, +N; default today).") var from: String = "today"

        /// The rate typed, or one line saying what is missing or too much; "-1" and "0" are then
        /// refused by `Parse.rate` as not more than 0.
        func typedRate() throws -> String {
            // "--" (the usual way to pass a value starting with "-") is captured too: it is no word of the rate.
            let words = rate.filter { $0 != "--" }
            switch words.count {
            case 1: return words[0]
            case 0: throw CLIError("give the rate too: what one \(currency) is worth in the base currency, e.g. 7.10")
            default: throw CLIError("one rate, not \(words.count) words (\(words.joined(separator: " "))): e.g. closer currency rate USD 7.10")
            }
        }

        func run() throws {
            let code = try Parse.currency(currency)
            let micros = try Parse.rate(try typedRate())
            let day = try Parse.day(from)
            let saved = try store.open().setExchangeRate(currency: code, micros: micros, from: day)
            Output.line("1 \(saved.currency) = \(saved.text) \(saved.base) from \(saved.from)")
        }
    }

    struct Delete: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Delete the rate a currency was given from a day (managers).")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The currency, e.g. USD.") var currency: String
        @Option(help: "The day the rate starts (YYYY-MM-DD).") var from: String

        func run() throws {
            let code = try Parse.currency(currency)
            let day = try Parse.day(from)
            try store.open().deleteExchangeRate(currency: code, from: day)
            Output.line("deleted the \(code) rate from \(day)")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The base currency and every rate, the one in force today marked, and currencies deals use without a rate.")
        @OptionGroup var store: StoreOptions
        @Flag(help: "Print JSON instead of a table (stable, for scripts).") var json = false

        struct Listing: Encodable {
            var base: String
            var rates: [ExchangeRate]
            var inForce: [String: String]
            var withoutRate: [String]
        }

        func run() throws {
            let db = try store.open()
            let table = try db.rateTable()
            let today = Day.today()
            let used = try db.dealCurrencies()
            let missing = used.filter { !table.canConvert($0, on: today) }
            if json {
                let inForce = Dictionary(uniqueKeysWithValues: table.currencies.compactMap { code in table.rate(code, on: today).map { (code, $0.text) } })
                return try Output.json(Listing(base: table.base, rates: table.rates, inForce: inForce, withoutRate: missing))
            }
            Output.line("base currency: \(table.base)")
            let rows = table.rates.map { rate in
                [rate.currency, rate.text, rate.from.description, table.rate(rate.currency, on: today) == rate ? "in force" : (rate.from > today ? "later" : ""), rate.by]
            }
            if !rows.isEmpty { Output.table(["CURRENCY", "RATE", "FROM", "TODAY", "BY"], rows, rightAligned: [1]) }
            if !missing.isEmpty {
                Output.line("no rate in force today for \(missing.joined(separator: ", ")): totals show their amounts beside, unconverted (closer currency rate CODE RATE)")
            }
        }
    }
}
