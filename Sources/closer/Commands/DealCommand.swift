import ArgumentParser
import CloserCore
import CloserSQLite
import Foundation

struct DealCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deal", abstract: "Deals: add, list, show, edit, delete, move through gates, tick milestones, set the next step, close.",
        subcommands: [Add.self, List.self, Show.self, Edit.self, Delete.self, Move.self, Milestone.self, NextStep.self,
                      Won.self, Lost.self, Withdraw.self, Reopen.self])

    struct Fields: ParsableArguments {
        @Option(help: "Amount, e.g. 1200000, 1,200,000.50, 120万, 1.5M.") var amount: String?
        @Option(help: "Currency code (default CNY).") var currency: String?
        @Option(name: .customLong("close"), help: "Expected close date (YYYY-MM-DD).") var expectedClose: String?
        @Option(help: "Owning rep (default: you).") var owner: String?
        @Option(help: "Competitors on the deal, comma-separated.") var competitors: String?
        @Option(name: .customLong("budget-known"), help: "yes if the customer's budget is known.") var budgetKnown: String?
        @Option(help: "Forecast category: pipeline, best-case or commit.") var forecast: String?

        func apply(to deal: inout Deal) throws {
            if amount != nil || currency != nil {
                deal.amount = try Parse.money(amount ?? String(deal.amount.minorUnits / 100), currency: currency ?? deal.amount.currency)
            }
            if let expectedClose { deal.expectedClose = try Parse.day(expectedClose) }
            if let owner { deal.owner = owner }
            if let competitors { deal.competitors = Parse.list(competitors) }
            if let budgetKnown { deal.budgetKnown = ["yes", "y", "true", "1", "是"].contains(budgetKnown.lowercased()) }
            if let forecast { deal.forecastCategory = try Parse.coded(forecast, as: ForecastCategory.self, field: "forecast") }
        }
    }

    /// The customer's needs as heard (taboo #3): added with who stated them, cleared or removed one by one.
    struct NeedOptions: ParsableArguments {
        @Option(name: .customLong("need"), help: "A need the customer stated, in their words (repeat for several).") var needs: [String] = []
        @Option(name: .customLong("stated-by"), help: "The key person (id or name, of the deal's account) who stated the --need(s).") var statedBy: String?
        @Flag(name: .customLong("clear-needs"), help: "Remove every recorded need first.") var clear = false
        @Option(name: .customLong("remove-need"), help: "Remove the need with this number (as `deal show` lists them).") var remove: [Int] = []

        func validate() throws {
            if statedBy != nil, needs.isEmpty { throw ValidationError("--stated-by names who stated a --need; give the need too") }
            if needs.contains(where: { $0.trimmingCharacters(in: .whitespaces).isEmpty }) { throw ValidationError("--need must say what the customer needs") }
        }

        var isEmpty: Bool { needs.isEmpty && !clear && remove.isEmpty }

        /// The --stated-by person, looked up before the write (the edit runs inside it).
        func person(ofAccount accountID: Int64, in db: any CLIStore) throws -> Int64? {
            try statedBy.map { try Parse.person($0, ofAccount: accountID, in: db).id }
        }

        func apply(to deal: inout Deal, person: Int64?) throws {
            if clear { deal.needs = [] }
            for number in remove.sorted(by: >) {
                guard deal.needs.indices.contains(number - 1) else {
                    throw CLIError("--remove-need \(number): the deal has \(deal.needs.count) need(s)")
                }
                deal.needs.remove(at: number - 1)
            }
            deal.needs += needs.map { CustomerNeed(text: $0.trimmingCharacters(in: .whitespaces), statedBy: person) }
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a deal to an account.")
        @OptionGroup var store: StoreOptions
        @Option(help: "Account id or name.") var account: String
        @Argument(help: "The deal's title.") var title: String
        @Option(help: "Process: project, technical, transactional or your own.") var process: String = "project"
        @Option(help: "Starting stage (key, number or name; default: the first).") var stage: String?
        @Option(name: .customLong("next-step"), help: "The next step.") var nextStep: String?
        @Option(help: "Due date of the next step.") var due: String?
        @OptionGroup var fields: Fields
        @OptionGroup var needs: NeedOptions

        func run() throws {
            let db = try store.open()
            let customer = try Parse.account(account, in: db)
            guard let template = try db.processCatalog().resolve(process) else {
                throw CLIError("--process: unknown process '\(process)'; see `closer process list`")
            }
            var startStage = template.stages[0]
            if let stage {
                guard let found = template.resolveStage(stage) else {
                    throw CLIError("--stage: '\(stage)' is not a stage of \(template.key): \(template.stages.map(\.key).joined(separator: ", "))")
                }
                startStage = found
            }
            var deal = Deal(accountID: customer.id, title: title, processKey: template.key, stageKey: startStage.key, owner: store.actor)
            try fields.apply(to: &deal)
            if let nextStep { deal.nextStep = nextStep }
            if let due { deal.nextStepDue = try Parse.day(due) }
            try needs.apply(to: &deal, person: try needs.person(ofAccount: customer.id, in: db))
            let saved = try db.addDeal(deal)
            Output.line("added deal #\(saved.id) \(saved.title) — \(customer.name), \(startStage.name.both), \(Output.money(saved.amount))")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List deals.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var list: ListOptions
        @Option(help: "Text or pinyin initials matched against title and account.") var search: String?
        @Option(help: "Only this process.") var process: String?
        @Option(help: "Only this owner ('me' for you).") var owner: String?
        @Option(help: "Only accounts of these grades, e.g. A,B.") var grade: String?
        @Option(help: "Only this account (id or name).") var account: String?
        @Flag(help: "Include won, lost and withdrawn deals.") var all = false
        @Flag(name: .customLong("at-risk"), help: "Only deals forced past a gate that is still unmet.") var atRisk = false
        @Option(name: .customLong("where"),
                help: "An account query the deal's account must meet, e.g. \"grade:A,B region:华东 pipeline>500k\".") var query: String?
        @Option(help: "A saved account filter (closer filter list) the deal's account must meet.") var filter: String?
        @Option(help: "Sort by amount, weighted, title, account, stage, close, due, updated, probability, owner or id.") var sort: String = "amount"
        @Flag(help: "Sort ascending.") var asc = false

        func run() throws {
            let db = try store.open()
            guard let sortKey = DealSortKey(rawValue: sort) else {
                throw CLIError("--sort: '\(sort)' is not one of \(DealSortKey.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            var processKey: String?
            if let process {
                guard let template = try db.processCatalog().resolve(process) else { throw CLIError("--process: unknown process '\(process)'") }
                processKey = template.key
            }
            let filter = DealFilter(
                owner: owner == "me" ? store.actor : owner, grades: try Set((grade.map(Parse.list) ?? []).map(Parse.grade)),
                processKey: processKey, accountID: try account.map { try Parse.account($0, in: db).id }, text: search ?? "",
                includeClosed: all, atRiskOnly: atRisk,
                accountConditions: AccountQueryLanguage.resolvingMe(try QueryText.conditions(where: query, filter: filter, in: db), as: store.actor))
            let page = try db.deals(DealQuery(filter: filter, sort: sortKey, ascending: asc, offset: list.offset, limit: list.limit, nameOrder: .pinyin))
            if list.json { return try Output.json(page.rows.map(DealJSON.init)) }
            let today = Day.today()
            Output.table(["ID", "DEAL", "ACCOUNT", "STAGE", "AMOUNT", "PROB", "NEXT STEP DUE", "OWNER", ""], page.rows.map { d in
                let due: String
                switch d.nextStepState(today: today) {
                case .missing: due = "— none"
                case .overdue(let days): due = "\(d.nextStepDue?.description ?? "") (\(days)d late)"
                case .dueToday: due = "today"
                case .upcoming: due = d.nextStepDue?.description ?? ""
                }
                let flags = [d.atRisk ? "RISK" : "", d.outcome == .open ? "" : d.outcome.rawValue].filter { !$0.isEmpty }.joined(separator: " ")
                return ["#\(d.id)", d.title, d.accountName, d.stageKey, Money.compact(d.amount.minorUnits), "\(d.probability)%", due, d.owner, flags]
            }, rightAligned: [4, 5])
            Output.line("\(page.rows.count) of \(page.total) deals")
        }
    }

    /// The stable JSON shape of a deal list row, for scripts.
    struct DealJSON: Encodable {
        let id: Int64, title: String, accountID: Int64, account: String, process: String, stage: String
        let amountMinor: Int64, currency: String, probability: Int, weightedMinor: Int64, atRisk: Bool
        let nextStep: String, nextStepDue: String?, expectedClose: String?, owner: String, outcome: String, version: Int

        init(_ d: DealSummary) {
            id = d.id; title = d.title; accountID = d.accountID; account = d.accountName; process = d.processKey; stage = d.stageKey
            amountMinor = d.amount.minorUnits; currency = d.amount.currency; probability = d.probability; weightedMinor = d.weighted
            atRisk = d.atRisk; nextStep = d.nextStep; nextStepDue = d.nextStepDue?.description; expectedClose = d.expectedClose?.description
            owner = d.owner; outcome = d.outcome.rawValue; version = d.version
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a deal: stage, gates, next step, history.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Deal id.") var id: String
        @Flag(help: "Print JSON.") var json = false
        @Option(help: "Language of the health warnings, zh or en (default from LANG / LC_ALL).") var lang: TUICommand.LanguageOption?

        func run() throws {
            let db = try store.open()
            let deal = try db.deal(try Parse.dealID(id))
            if json { return try Output.json(deal) }
            let catalog = try db.processCatalog()
            let account = try db.account(deal.accountID)
            let evidence = try db.evidence(accountID: deal.accountID)
            guard let process = catalog.process(deal.processKey) else { throw StoreError.rule(.unknownProcess(deal.processKey)) }
            let probability = DealRules.probability(deal, process: process, evidence: evidence)
            Output.fields([
                ("Deal", "#\(deal.id) \(deal.title)"), ("Account", "#\(account.id) \(account.name) (grade \(account.grade.rawValue))"),
                ("Process", process.name.both), ("Stage", process.stage(deal.stageKey)?.name.both ?? deal.stageKey),
                ("Amount", Output.money(deal.amount)), ("Probability", "\(probability)%" + (DealRules.isAtRisk(deal, process: process, evidence: evidence) ? "  AT RISK: forced past a gate" : "")),
                ("Weighted", Money(minorUnits: DealRules.weighted(deal.amount.minorUnits, probability: probability), currency: deal.amount.currency).description),
                ("Expected close", deal.expectedClose?.description ?? ""),
                ("Next step", deal.nextStep.isEmpty ? "— none (plan one)" : deal.nextStep + (deal.nextStepDue.map { " — due \($0)" } ?? "")),
                ("Owner", deal.owner), ("Competitors", deal.competitors.joined(separator: ", ")), ("Budget known", deal.budgetKnown ? "yes" : "no"),
                ("Forecast", deal.forecastCategory.label.both), ("Outcome", deal.outcome.label.both + (deal.outcomeReason.isEmpty ? "" : " — \(deal.outcomeReason)")),
                ("Version", String(deal.version)),
            ])
            Output.line()
            Output.line("Milestones 关键节点")
            for stage in process.stages {
                for milestone in stage.milestones {
                    let status = deal.status(of: milestone, in: stage, evidence: evidence)
                    let mark = switch status { case .done: "[x]"; case .proven: "[✓]"; case .forced: "[!]"; case .open: "[ ]" }
                    let current = stage.key == deal.stageKey ? " ◀ current stage" : ""
                    Output.line("  \(mark) \(stage.name.en) · \(milestone.key): \(milestone.name.both)\(status == .proven ? " (proven from key persons)" : "")\(current)")
                }
            }
            for override in deal.overrides {
                Output.line("  forced past \(override.milestoneKey) by \(override.by): \(override.reason)")
            }
            Output.line()
            Output.line("Customer needs 客户需求")
            if deal.needs.isEmpty { Output.line("  none recorded (add with --need \"…\" --stated-by NAME)") }
            let names = Dictionary(try db.persons(PersonQuery(accountID: deal.accountID, limit: 1_000)).rows.map { ($0.id, $0.name) },
                                   uniquingKeysWith: { first, _ in first })
            for (index, need) in deal.needs.enumerated() {
                let who = need.statedBy.map { names[$0] ?? "#\($0) (no longer on the org chart)" }
                Output.line("  \(index + 1). \(need.text)" + (who.map { " — \($0)" } ?? ""))
            }
            Output.line()
            Output.line("Health 健康 (the taboos the data proves; closer report health)")
            HealthLines.lines(try db.dealHealth(deal.id, today: Day.today()), lang: lang.language).forEach { Output.line($0) }
            let events = try db.events(EventQuery(entity: "deal", entityID: deal.id, limit: 10))
            if !events.isEmpty {
                Output.line()
                Output.line("History")
                let formatter = ISO8601DateFormatter()
                let wording = ChangeWording(catalog: try db.processCatalog(), lang: .en)
                for event in events {
                    Output.line("  \(formatter.string(from: event.at))  \(event.user)  \(wording.line(event))")
                }
            }
        }
    }

    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Change fields of a deal (stage and outcome have their own commands).")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Deal id.") var id: String
        @Option(help: "New title.") var title: String?
        @OptionGroup var fields: Fields
        @OptionGroup var needs: NeedOptions
        @Option(name: .customLong("expect-version"), help: "Refuse if the deal changed since you read this version.") var expectVersion: Int?

        func run() throws {
            // Only the fields named here change, on the deal as it is when the write runs: without
            // --expect-version another person's change to other fields is kept, not overwritten.
            let db = try store.open()
            let dealID = try Parse.dealID(id)
            let person = needs.isEmpty ? nil : try needs.person(ofAccount: try db.deal(dealID).accountID, in: db)
            let saved = try db.editDeal(dealID, expectedVersion: expectVersion) { deal in
                if let title { deal.title = title }
                try fields.apply(to: &deal)
                try needs.apply(to: &deal, person: person)
            }
            Output.line("saved deal #\(saved.id) (version \(saved.version))")
        }
    }

    struct Delete: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Delete a deal.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Deal id.") var id: String

        func run() throws {
            let id = try Parse.dealID(id)
            try store.open().deleteDeal(id)
            Output.line("deleted deal #\(id)")
        }
    }

    struct Move: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Move a deal to another stage. Passing an unmet milestone needs --force and --reason.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Deal id.") var id: String
        @Argument(help: "Target stage (key, number or name).") var stage: String
        @Flag(help: "Pass unmet milestones anyway: the deal is marked at risk.") var force = false
        @Option(help: "Why the gate is forced (required with --force).") var reason: String?
        @Option(name: .customLong("expect-version"), help: "Refuse if the deal changed since you read this version.") var expectVersion: Int?

        func run() throws {
            if force, (reason ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
                throw CLIError("--force needs --reason \"…\": forcing a gate is recorded with why")
            }
            let db = try store.open()
            let moved = try db.moveDeal(try Parse.dealID(id), to: stage, forceReason: force ? reason : nil, expectedVersion: expectVersion)
            let risk = moved.overrides.isEmpty ? "" : " — AT RISK until \(moved.overrides.map(\.milestoneKey).joined(separator: ", ")) met"
            Output.line("moved deal #\(moved.id) to \(moved.stageKey)\(risk)")
        }
    }

    struct Milestone: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Tick (--done) or untick (--undone) a milestone.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Deal id.") var id: String
        @Argument(help: "Milestone key (see `closer deal show`).") var key: String
        @Flag(exclusivity: .exclusive, help: "Mark it met, or not met.") var state: MilestoneState = .done

        enum MilestoneState: String, EnumerableFlag { case done, undone }

        func run() throws {
            let deal = try store.open().setMilestone(dealID: try Parse.dealID(id), key: key, done: state == .done, expectedVersion: nil)
            Output.line("deal #\(deal.id): milestone \(key) \(state == .done ? "met" : "not met")")
        }
    }

    struct NextStep: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "next-step", abstract: "Set the next step and its due date.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Deal id.") var id: String
        @Argument(help: "What happens next.") var text: String
        @Option(help: "Due date (YYYY-MM-DD, today, tomorrow, +N).") var due: String?

        func run() throws {
            let day = try due.map(Parse.day)
            if text.trimmingCharacters(in: .whitespaces).isEmpty { throw CLIError("the next step must say what happens next") }
            let deal = try store.open().setNextStep(dealID: try Parse.dealID(id), text: text, due: day, expectedVersion: nil)
            Output.line("deal #\(deal.id): next step “\(deal.nextStep)”\(deal.nextStepDue.map { " due \($0)" } ?? " (no date: add --due)")")
        }
    }

    /// Won, lost and withdrawn differ only in the outcome and whether the reason is required.
    static func close(_ id: String, as outcome: Outcome, reason: String, store: StoreOptions) throws {
        let deal = try store.open().closeDeal(try Parse.dealID(id), as: outcome, reason: reason, expectedVersion: nil)
        Output.line("deal #\(deal.id) \(outcome.label.both)" + (deal.outcomeReason.isEmpty ? "" : ": \(deal.outcomeReason)"))
    }

    struct Won: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Mark a deal won.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Deal id.") var id: String
        @Option(help: "Why we won (optional).") var reason: String = ""

        func run() throws { try DealCommand.close(id, as: .won, reason: reason, store: store) }
    }

    struct Lost: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Mark a deal lost: a reason from the team's list (closer reason list), or other with a note, and who won it.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Deal id.") var id: String
        @Option(help: "Why it was lost: a reason of the list, or any text (recorded as other).") var reason: String
        @Option(help: "What else to say about it (required with --reason other).") var note: String = ""
        @Option(help: "The competitor who won the deal.") var competitor: String = ""

        func run() throws {
            let db = try store.open()
            let list = try db.lostReasons()
            let loss: DealLoss
            do {
                loss = try DealLoss.resolve(reason, note: note, competitor: competitor, in: list)
            } catch {
                throw CLIError(error.description)
            }
            let deal = try db.loseDeal(try Parse.dealID(id), loss, expectedVersion: nil)
            let said = [deal.outcomeReason, deal.lostTo.map { "won by \($0)" } ?? ""].filter { !$0.isEmpty }.joined(separator: "; ")
            Output.line("deal #\(deal.id) \(Outcome.lost.label.both): \(said)" + (deal.lossReason == LostReason.other ? " (other)" : ""))
        }
    }

    struct Withdraw: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Walk away from a deal (e.g. a tender set against us), with the reason.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Deal id.") var id: String
        @Option(help: "Why we withdraw (required).") var reason: String

        func run() throws { try DealCommand.close(id, as: .withdrawn, reason: reason, store: store) }
    }

    struct Reopen: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Reopen a won, lost or withdrawn deal.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Deal id.") var id: String

        func run() throws {
            let deal = try store.open().reopenDeal(try Parse.dealID(id))
            Output.line("deal #\(deal.id) reopened in \(deal.stageKey)")
        }
    }
}
