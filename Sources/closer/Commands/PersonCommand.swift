import ArgumentParser
import CloserCore
import CloserSQLite
import Foundation

struct PersonCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "person", abstract: "Key persons of an account: add, list, show, edit, delete.",
        subcommands: [Add.self, List.self, Show.self, Edit.self, Delete.self])

    struct Fields: ParsableArguments {
        @Option(help: "Job title, e.g. 采购部经理.") var title: String?
        @Option(help: "decision, manager or operator (决策层/管理层/操作层).") var level: String?
        @Option(help: "using, technical or procurement department.") var function: String?
        @Option(help: "Roles in this purchase, comma-separated: initiator, decision-maker, user, specifier, evaluator, approver.") var roles: String?
        @Option(help: "supporter, neutral or opponent.") var stance: String?
        @Option(help: "Weight on the decision, 0…100.") var influence: Int?
        @Option(name: .customLong("coach"), help: "yes if this person is our inside coach (内线), no otherwise.") var coach: String?
        @Option(name: .customLong("reports-to"), help: "Id of the person's manager (0 for none).") var reportsTo: String?
        @Option(help: "What this person cares about.") var cares: String?
        @Option(help: "Personal notes.") var notes: String?
        @Option(help: "Phone.") var phone: String?
        @Option(help: "E-mail.") var email: String?
        @Option(name: .customLong("last-met"), help: "Date last met (YYYY-MM-DD, today).") var lastMet: String?

        func apply(to person: inout Person) throws {
            if let title { person.title = title }
            if let level { person.level = try Parse.coded(level, as: PersonLevel.self, field: "level") }
            if let function { person.function = try Parse.coded(function, as: PersonFunction.self, field: "function") }
            if let roles { person.roles = try Parse.roles(roles) }
            if let stance { person.stance = try Parse.coded(stance, as: Stance.self, field: "stance") }
            if let influence {
                guard Person.influenceRange.contains(influence) else { throw CLIError("--influence: \(influence) is not in 0…100") }
                person.influence = influence
            }
            if let coach {
                switch coach.lowercased() {
                case "yes", "y", "true", "1", "是": person.isInsideCoach = true
                case "no", "n", "false", "0", "否": person.isInsideCoach = false
                default: throw CLIError("--coach: '\(coach)' is not yes or no")
                }
            }
            if let reportsTo {
                guard let id = Parse.id(reportsTo) else { throw CLIError("--reports-to: '\(reportsTo)' is not a person id") }
                person.reportsTo = id == 0 ? nil : id
            }
            if let cares { person.cares = cares }
            if let notes { person.notes = notes }
            if let phone { person.phone = phone }
            if let email { person.email = email }
            if let lastMet { person.lastMet = try Parse.day(lastMet) }
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a key person to an account.")
        @OptionGroup var store: StoreOptions
        @Option(help: "Account id or name.") var account: String
        @Argument(help: "The person's name.") var name: String
        @OptionGroup var fields: Fields

        func run() throws {
            let db = try store.open()
            let owner = try Parse.account(account, in: db)
            var person = Person(accountID: owner.id, name: name)
            try fields.apply(to: &person)
            let saved = try db.addPerson(person)
            Output.line("added person #\(saved.id) \(saved.name) to #\(owner.id) \(owner.name)")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List key persons.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var list: ListOptions
        @Option(help: "Only this account (id or name).") var account: String?
        @Option(help: "Text or pinyin initials to match.") var search: String?

        func run() throws {
            let db = try store.open()
            let accountID = try account.map { try Parse.account($0, in: db).id }
            let page = try db.persons(PersonQuery(accountID: accountID, text: search ?? "", offset: list.offset, limit: list.limit))
            if list.json { return try Output.json(page.rows) }
            Output.table(["ID", "NAME", "TITLE", "ACCOUNT", "LEVEL", "ROLES", "STANCE", "INFL", "COACH", "REPORTS TO"], page.rows.map {
                ["#\($0.id)", $0.name, $0.title, "#\($0.accountID)", $0.level.label.en, $0.roles.sorted().map(\.rawValue).joined(separator: ","),
                 $0.stance.rawValue, String($0.influence), $0.isInsideCoach ? "yes" : "", $0.reportsTo.map { "#\($0)" } ?? ""]
            }, rightAligned: [7])
            Output.line("\(page.rows.count) of \(page.total) persons")
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one key person.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Person id.") var id: String
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            guard let id = Parse.id(id) else { throw CLIError("'\(self.id)' is not a person id") }
            let p = try store.open().person(id)
            if json { return try Output.json(p) }
            Output.fields([
                ("Person", "#\(p.id) \(p.name)"), ("Title", p.title), ("Account", "#\(p.accountID)"), ("Level", p.level.label.both),
                ("Function", p.function.label.both), ("Roles", p.roles.sorted().map(\.label.both).joined(separator: ", ")),
                ("Stance", p.stance.label.both), ("Influence", String(p.influence)), ("Inside coach", p.isInsideCoach ? "yes 内线" : "no"),
                ("Reports to", p.reportsTo.map { "#\($0)" } ?? ""), ("Cares about", p.cares), ("Notes", p.notes), ("Phone", p.phone),
                ("E-mail", p.email), ("Last met", p.lastMet?.description ?? ""), ("Version", String(p.version)),
            ])
        }
    }

    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Change fields of a key person.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Person id.") var id: String
        @Option(help: "New name.") var name: String?
        @OptionGroup var fields: Fields
        @Option(name: .customLong("expect-version"), help: "Refuse if the person changed since you read this version.") var expectVersion: Int?

        func run() throws {
            guard let id = Parse.id(id) else { throw CLIError("'\(self.id)' is not a person id") }
            // Only the fields named here change, on the person as they are when the write runs.
            let saved = try store.open().editPerson(id, expectedVersion: expectVersion) { p in
                if let name { p.name = name }
                try fields.apply(to: &p)
            }
            Output.line("saved person #\(saved.id) \(saved.name) (version \(saved.version))")
        }
    }

    struct Delete: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Delete a key person (people reporting to them keep no manager).")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Person id.") var id: String

        func run() throws {
            guard let id = Parse.id(id) else { throw CLIError("'\(self.id)' is not a person id") }
            try store.open().deletePerson(id)
            Output.line("deleted person #\(id)")
        }
    }
}
