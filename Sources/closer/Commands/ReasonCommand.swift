import ArgumentParser
import CloserCore
import CloserSQLite
import Foundation

/// `closer reason …`: the team's list of reasons deals are lost for.
struct ReasonCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reason", abstract: "The team's list of lost reasons (\"other\", with free text, is always on it).",
        discussion: """
            `closer deal lost ID --reason 价格 --competitor 西门子` records a reason of the list and the competitor who
            won; a reason not on the list is recorded as other with its text. `closer report winloss` counts by them.
            """,
        subcommands: [Add.self, List.self, Delete.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a reason to the list (managers).")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The reason, e.g. 价格 or \"no budget\".") var name: String

        func run() throws {
            let reason = try store.open().addLostReason(name)
            Output.line("lost reason added: \(reason.name)")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The list of lost reasons, in order.")
        @OptionGroup var store: StoreOptions
        @Flag(help: "Print JSON instead of a list (stable, for scripts).") var json = false

        func run() throws {
            let reasons = try store.open().lostReasons()
            if json { return try Output.json(reasons.map(\.name) + [LostReason.other]) }
            for reason in reasons { Output.line(reason.name) }
            Output.line("\(LostReason.other) (with a note)")
        }
    }

    struct Delete: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Take a reason off the list (managers); deals lost for it keep it.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The reason.") var name: String

        func run() throws {
            try store.open().deleteLostReason(name)
            Output.line("lost reason deleted: \(name.trimmingCharacters(in: .whitespaces))")
        }
    }
}
