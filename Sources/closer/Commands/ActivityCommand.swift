import ArgumentParser
import CloserCore
import CloserSQLite
import Foundation

struct ActivityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "activity", abstract: "Work records (行动记录) and planned activities: add, plan, done, cancel, list, show, delete.",
        subcommands: [Add.self, Plan.self, Done.self, Cancel.self, List.self, Show.self, Delete.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Log an activity on a deal or an account.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "\(ActivityKind.codes) (or --kind).") var kindArgument: String?
        @Option(help: "The kind, as the argument: discovery (需求调研) before a demo, quote (报价) at the pricing stage.") var kind: String?
        @Option(help: "Deal id (its account is implied).") var deal: String?
        @Option(help: "Account id or name (when not about one deal).") var account: String?
        @Option(help: "The day it happened (default today; yesterday, -3 back-date it; never in the future: plan that).") var date: String?
        @Option(help: "Ids of the persons met, comma-separated.") var persons: String?
        @Option(help: "What happened.") var notes: String = ""
        @Option(help: "How it went.") var outcome: String = ""

        func run() throws {
            guard let text = kind ?? kindArgument else { throw CLIError("name the kind: one of \(ActivityKind.codes)") }
            if let kind, let kindArgument, ActivityKind.parse(kind) != ActivityKind.parse(kindArgument) {
                throw CLIError("two kinds given ('\(kindArgument)' and --kind '\(kind)'): give one")
            }
            let activityKind = try Parse.coded(text, as: ActivityKind.self, field: "kind")
            let db = try store.open()
            let dealID = try deal.map(Parse.dealID)
            var accountID: Int64
            if let dealID {
                accountID = try db.deal(dealID).accountID
            } else if let account {
                accountID = try Parse.account(account, in: db).id
            } else {
                throw CLIError("name a --deal or an --account")
            }
            var personIDs = [Int64]()
            for text in Parse.list(persons ?? "") {
                guard let id = Parse.id(text) else { throw CLIError("--persons: '\(text)' is not a person id") }
                personIDs.append(id)
            }
            let saved = try db.addActivity(Activity(
                accountID: accountID, dealID: dealID, kind: activityKind, day: try date.map(Parse.day) ?? Day.today(),
                personIDs: personIDs, notes: notes, outcome: outcome, by: store.actor))
            Output.line("logged \(saved.kind.label.both) #\(saved.id) on \(saved.day)")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List activities, newest first; with --deal, its open planned activities first (overdue ones marked).")
        @OptionGroup var store: StoreOptions
        @OptionGroup var list: ListOptions
        @Option(help: "Only this deal: its planned activities and what was done.") var deal: String?
        @Option(help: "Only this account (id or name).") var account: String?

        func run() throws {
            let db = try store.open()
            let dealID = try deal.map(Parse.dealID)
            let rows = try db.activities(accountID: try account.map { try Parse.account($0, in: db).id }, dealID: dealID, limit: list.limit)
            guard let dealID else {
                if list.json { return try Output.json(rows) }
                return Output.table(["ID", "DATE", "KIND", "DEAL", "ACCOUNT", "BY", "NOTES"], rows.map {
                    ["#\($0.id)", $0.day.description, $0.kind.label.en, $0.dealID.map { "#\($0)" } ?? "", "#\($0.accountID)", $0.by, $0.notes]
                })
            }
            _ = try db.deal(dealID)
            let plans = try db.plannedActivities(PlanQuery(dealID: dealID, includeDone: true, limit: list.limit))
            if list.json { return try Output.json(DealActivities(planned: plans.filter { !$0.isDone }, done: rows)) }
            let names = Dictionary(try db.persons(PersonQuery(accountID: rows.first?.accountID ?? plans.first?.accountID ?? -1, limit: 10_000)).rows
                .map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
            let planOf = Dictionary(plans.compactMap { plan in plan.activityID.map { ($0, plan.reference) } }, uniquingKeysWith: { a, _ in a })
            let today = Day.today()
            let planned = plans.filter { !$0.isDone }.map { plan in
                [plan.reference, plan.due?.description ?? "", plan.time?.description ?? "", plan.kind.label.en,
                 plan.state(today: today).label.en, plan.text, ""]
            }
            let done = rows.map { activity in
                [
                    "#\(activity.id)", activity.day.description, "", activity.kind.label.en, "done" + (planOf[activity.id].map { " (\($0))" } ?? ""),
                    activity.notes, activity.personIDs.map { names[$0] ?? "#\($0)" }.joined(separator: ", "),
                ]
            }
            if planned.isEmpty && done.isEmpty { return Output.line("deal #\(dealID) has no planned or done activities") }
            Output.table(["ID", "DATE", "TIME", "KIND", "STATE", "WHAT", "MET"], planned + done)
        }
    }

    /// `activity list --deal ID --json`: what is planned and what was done.
    struct DealActivities: Encodable {
        var planned: [PlannedActivity]
        var done: [Activity]
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one activity.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Activity id.") var id: String

        func run() throws {
            guard let id = Parse.id(id) else { throw CLIError("'\(self.id)' is not an activity id") }
            let activity = try store.open().activity(id)
            Output.fields([("Activity", "#\(activity.id) \(activity.kind.label.both)"), ("Date", activity.day.description),
                           ("Account", "#\(activity.accountID)"), ("Deal", activity.dealID.map { "#\($0)" } ?? ""),
                           ("Persons", activity.personIDs.map { "#\($0)" }.joined(separator: ", ")), ("By", activity.by),
                           ("Notes", activity.notes), ("Outcome", activity.outcome)])
        }
    }

    struct Delete: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Delete an activity.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Activity id.") var id: String

        func run() throws {
            guard let id = Parse.id(id) else { throw CLIError("'\(self.id)' is not an activity id") }
            try store.open().deleteActivity(id)
            Output.line("deleted activity #\(id)")
        }
    }
}
