import ArgumentParser
import CloserCore
import CloserSQLite
import Foundation

/// `closer activity plan|done|cancel`: a deal's planned activities. The earliest open one is the
/// deal's next step, so each of these says what the next step is afterwards.
extension ActivityCommand {
    struct Plan: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Plan an activity on a deal for a day (and a time): the earliest open plan is the deal's next step.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Deal id.") var deal: String
        @Argument(help: "What is to be done, e.g. \"call the chief engineer\".") var text: String
        @Option(help: "The day: YYYY-MM-DD, today, tomorrow, +N, or a weekday (tue, 周二) for the next one.") var due: String
        @Option(help: "The time, HH:MM (24 h).") var time: String?
        @Option(help: ArgumentHelp("One of \(ActivityKind.codes).")) var kind: String = "other"

        func run() throws {
            let db = try store.open()
            let dealID = try Parse.dealID(deal)
            let plan = PlannedActivity(dealID: dealID, kind: try Parse.coded(kind, as: ActivityKind.self, field: "kind"), text: text,
                                       due: try Parse.day(due), time: try time.map(PlanText.time), owner: store.actor)
            let saved = try db.planActivity(plan)
            Output.line("planned \(saved.reference) \(saved.kind.label.en): \(saved.text) — \(PlanText.when(saved)), deal #\(dealID)")
            Output.line(try PlanText.nextStep(of: db.deal(dealID)))
        }
    }

    struct Done: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record a planned activity as done: when it happened (default today; never in the future) and whom it met.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Planned activity id (P12 or 12).") var id: String
        @Option(help: "The day it happened: YYYY-MM-DD, today, yesterday or -N.") var on: String?
        @Option(help: "Key persons met, by id or name, comma-separated: their last-met date follows.") var met: String?
        @Option(help: "What happened (default: the plan's text).") var notes: String = ""
        @Option(help: "How it went.") var outcome: String = ""

        func run() throws {
            guard let planID = Parse.id(id) else { throw CLIError("'\(id)' is not a planned activity id (e.g. P12)") }
            let db = try store.open()
            let plan = try db.plannedActivity(planID)
            let persons = try PlanText.persons(met ?? "", account: plan.accountID, in: db)
            let day = try on.map(Parse.day) ?? Day.today()
            let done = try db.completePlannedActivity(planID, PlanCompletion(on: day, met: persons.map(\.id), notes: notes, outcome: outcome),
                                                      expectedVersion: plan.version)
            let with = persons.isEmpty ? "" : " with " + persons.map(\.name).joined(separator: ", ")
            Output.line("done \(done.plan.reference) on \(day): logged \(done.activity.kind.label.en) #\(done.activity.id)\(with)")
            Output.line(try PlanText.nextStep(of: db.deal(plan.dealID)))
        }
    }

    struct Cancel: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Drop a planned activity that will not be done.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Planned activity id (P12 or 12).") var id: String

        func run() throws {
            guard let planID = Parse.id(id) else { throw CLIError("'\(id)' is not a planned activity id (e.g. P12)") }
            let db = try store.open()
            let plan = try db.plannedActivity(planID)
            try db.cancelPlannedActivity(planID, expectedVersion: plan.version)
            Output.line("cancelled \(plan.reference) \(plan.text)")
            Output.line(try PlanText.nextStep(of: db.deal(plan.dealID)))
        }
    }
}

/// How the plan commands read and word their values.
enum PlanText {
    static func time(_ text: String) throws -> TimeOfDay {
        guard let time = TimeOfDay(text) else { throw CLIError("--time: '\(text)' is not a time: use HH:MM, e.g. 09:30 or 14:00") }
        return time
    }

    /// "2026-11-24 10:00", "2026-11-24".
    static func when(_ plan: PlannedActivity) -> String {
        [plan.due?.description ?? "no date", plan.time?.description].compactMap { $0 }.joined(separator: " ")
    }

    static func nextStep(of deal: Deal) -> String {
        guard !deal.nextStep.isEmpty || deal.nextStepDue != nil else { return "deal #\(deal.id) has no next step planned" }
        let overdue: Bool
        if case .overdue = NextStepState(nextStep: deal.nextStep, due: deal.nextStepDue, today: Day.today()) { overdue = true } else { overdue = false }
        let due = deal.nextStepDue.map { " (\($0)\(overdue ? ", overdue" : ""))" } ?? ""
        return "next step of deal #\(deal.id): \(deal.nextStep)\(due)"
    }

    /// Persons of the account named by id or by name; each must be one of its key persons.
    static func persons(_ list: String, account: Int64, in db: any CLIStore) throws -> [Person] {
        let names = Parse.list(list)
        guard !names.isEmpty else { return [] }
        let known = try db.persons(PersonQuery(accountID: account, limit: 10_000)).rows
        return try names.map { name in
            if let id = Parse.id(name), let person = known.first(where: { $0.id == id }) { return person }
            let matches = known.filter { $0.name == name }
            if matches.count == 1 { return matches[0] }
            if matches.count > 1 {
                throw CLIError("--met: \(matches.count) key persons of the account are called \(name): use the id (\(matches.map { "#\($0.id)" }.joined(separator: ", ")))")
            }
            let names = known.prefix(8).map { "#\($0.id) \($0.name)" }.joined(separator: ", ")
            throw CLIError("--met: '\(name)' is not a key person of this deal's account" + (known.isEmpty ? " (it has none)" : " (\(names))"))
        }
    }
}
