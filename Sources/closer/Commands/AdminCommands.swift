import ArgumentParser
import CloserCore
import CloserPostgres
import CloserSQLite
import Foundation

struct ProcessCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "process", abstract: "Sales processes: the built-in three and your own (from a JSON file).",
        subcommands: [List.self, Show.self, Add.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List processes and their stages.")
        @OptionGroup var store: StoreOptions

        func run() throws {
            for process in try store.open().processCatalog().processes {
                Output.line("\(process.key) — \(process.name.both): " + process.stages.map { "\($0.name.both) \($0.probability)%" }.joined(separator: " → "))
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a process: stages, milestones and work items (--json gives a template to copy).")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Process key.") var key: String
        @Flag(help: "Print the template as JSON.") var json = false

        func run() throws {
            guard let process = try store.open().processCatalog().resolve(key) else { throw CLIError("unknown process '\(key)'") }
            if json { return try Output.json(process) }
            Output.line("\(process.key) — \(process.name.both)")
            for (index, stage) in process.stages.enumerated() {
                Output.line("\(index + 1). \(stage.key) — \(stage.name.both), \(stage.probability)%")
                for milestone in stage.milestones {
                    Output.line("     gate \(milestone.key): \(milestone.name.both)\(milestone.proof == nil ? "" : " (proven from key persons)")")
                }
                for item in stage.workItems { Output.line("     · \(item.both)") }
            }
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add or replace a process from a JSON template (see `process show project --json`).")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Template file.") var file: String

        func run() throws {
            guard let data = FileManager.default.contents(atPath: file) else { throw CLIError("\(file): cannot be read") }
            let template: ProcessTemplate
            do { template = try ProcessCatalog.decodeTemplate(from: data) } catch { throw CLIError("\(file): \(error)") }
            try store.open().saveProcess(template)
            Output.line("saved process \(template.key) with \(template.stages.count) stages")
        }
    }
}

struct UserCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "The team: reps and managers.", subcommands: [Add.self, Remove.self, List.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add or change a user.",
            discussion: "On a PostgreSQL server the user is a login role in the group closer_rep or closer_manager; "
                + "without --password or --password-stdin a new role has no password and the site's own authentication lets them in.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Login name.") var name: String
        @Option(help: "rep or manager.") var role: String = "rep"
        @Option(name: .customLong("display-name"), help: "Name shown on screens, e.g. 王磊.") var displayName: String = ""
        @Flag(name: .customLong("password"), help: "On a server: ask for the login's password on the terminal.") var promptPassword = false
        @Flag(name: .customLong("password-stdin"), help: "On a server: read the login's password from the first line of standard input.") var passwordStdin = false

        func validate() throws {
            if promptPassword && passwordStdin { throw ValidationError("give --password or --password-stdin, not both") }
        }

        func run() throws {
            let user = User(name: name, role: try Parse.coded(role, as: UserRole.self, field: "role"), displayName: displayName)
            let opened = try store.open()
            if let server = opened as? PostgresStore {
                try server.saveTeamMember(user, password: try LoginPasswordInput.read(prompt: promptPassword, stdin: passwordStdin, for: user.name))
            } else {
                if promptPassword || passwordStdin { throw CLIError("a store file has no logins: --password is for a PostgreSQL server") }
                try opened.saveUser(user)
            }
            Output.line("saved user \(user.name) (\(user.role.rawValue))")
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Remove a user from a PostgreSQL store: from their next statement they read and change nothing.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Login name.") var name: String

        func run() throws {
            guard let server = try store.open() as? PostgresStore else {
                throw CLIError("removing a user is for a PostgreSQL server; on a store file, reassign their accounts and keep the name for the log")
            }
            guard try server.removeTeamMember(name) else { throw CLIError("\(name) is not a user of this store: nothing was changed") }
            Output.line("removed user \(name): their login reads and changes nothing from their next statement")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List users.")
        @OptionGroup var store: StoreOptions

        func run() throws {
            Output.table(["NAME", "ROLE", "DISPLAY NAME"], try store.open().users().map { [$0.name, $0.role.rawValue, $0.displayName] })
        }
    }
}

struct LogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "log", abstract: "The event log: who changed what, when.")
    @OptionGroup var store: StoreOptions
    @Option(help: "Only this entity: account, person, deal, activity.") var entity: String?
    @Option(help: "Only this id (with --entity).") var id: Int64?
    @Option(help: "Only since this date.") var since: String?
    @Option(help: "How many events.") var limit: Int = 30
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        let sinceDate = try since.map { text -> Date in
            let day = try Parse.day(text)
            return Date(timeIntervalSince1970: Double(day.ordinal) * 86_400 - Double(TimeZone.current.secondsFromGMT()))
        }
        let db = try store.open()
        let events = try db.events(EventQuery(entity: entity, entityID: id, since: sinceDate, limit: limit))
        if json { return try Output.json(events) }
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        let wording = ChangeWording(catalog: try db.processCatalog(), lang: .en)
        Output.table(["WHEN", "WHO", "WHAT", "ID", "CHANGE"], events.map { event in
            [formatter.string(from: event.at), event.user, event.entity, "#\(event.entityID)", wording.line(event)]
        }, maxWidth: 120)
    }
}
