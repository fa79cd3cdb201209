import ArgumentParser
import CloserCore
import CloserSQLite
import Foundation
import TerminalUI

struct FilterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "filter", abstract: "Saved account filters: save, list, delete.",
        discussion: """
            A filter is a query in the accounts' query language, e.g.
              grade:A,B quadrant:opportunity region:华东 owner:me pipeline>500k last>30d 中石化
            Use one with `closer account list --filter NAME`, or `closer deal list --filter NAME` for
            the deals of the accounts it selects.
            """,
        subcommands: [Save.self, List.self, Delete.self])

    struct Save: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Save a query under a name (replaces a filter of that name).")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The filter's name.") var name: String
        @Argument(help: "The query, e.g. \"grade:A,B pipeline>500k\".") var query: String

        func run() throws {
            let conditions = try QueryText.parse(query)
            let db = try store.open()
            try db.saveFilter(SavedFilter(name: name, query: query, owner: store.actor))
            Output.line("saved filter '\(name.trimmingCharacters(in: .whitespaces))': \(AccountQueryLanguage.describe(conditions))")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the saved filters.")
        @OptionGroup var store: StoreOptions
        @Flag(help: "Print JSON instead of a table (stable, for scripts).") var json = false

        func run() throws {
            let filters = try store.open().savedFilters()
            if json { return try Output.json(filters) }
            Output.table(["NAME", "QUERY", "OWNER"], filters.map { filter in
                // Shown in canonical form; a query that no longer parses is shown as saved.
                let shown = (try? AccountQueryLanguage.parse(filter.query)).map(AccountQueryLanguage.describe) ?? filter.query
                return [filter.name, shown, filter.owner]
            }, maxWidth: 80)
            Output.line("\(filters.count) saved filter\(filters.count == 1 ? "" : "s")")
        }
    }

    struct Delete: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Delete a saved filter.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The filter's name.") var name: String

        func run() throws {
            try store.open().deleteFilter(named: name)
            Output.line("deleted filter '\(name.trimmingCharacters(in: .whitespaces))'")
        }
    }
}

/// Parsing a query typed on the command line, with the error shown under the query.
enum QueryText {
    /// The conditions of `--filter NAME` (a saved filter) followed by those of `--where "…"`,
    /// all of which must hold; `owner:me` stays for the caller to resolve.
    static func conditions(where query: String?, filter: String?, in db: any CLIStore) throws -> [AccountCondition] {
        var conditions = try query.map { try parse($0) } ?? []
        if let filter {
            let saved = try db.savedFilter(named: filter)
            conditions = try parse(saved.query, label: "saved filter '\(saved.name)'") + conditions
        }
        return conditions
    }

    static func parse(_ query: String, label: String = "query") throws -> [AccountCondition] {
        do throws(QueryError) {
            return try AccountQueryLanguage.parse(query)
        } catch {
            throw CLIError(render(query, error, label: label))
        }
    }

    /// "bad query: …" then the query and a caret line under the offending term, aligned by
    /// display width so Chinese text lines up.
    static func render(_ query: String, _ error: QueryError, label: String) -> String {
        let characters = Array(query)
        let start = min(max(0, error.position), characters.count)
        let end = min(characters.count, start + max(0, error.length))
        let before = Sanitizer.clean(String(characters[..<start]))
        let part = Sanitizer.clean(String(characters[start..<end]))
        let after = Sanitizer.clean(String(characters[end...]))
        let carets = String(repeating: "^", count: max(1, TextWidth.of(part)))
        return "bad \(label): \(error.message)\n  \(before)\(part)\(after)\n  \(String(repeating: " ", count: TextWidth.of(before)))\(carets)"
    }
}
