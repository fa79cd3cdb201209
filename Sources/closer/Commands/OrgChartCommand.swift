import ArgumentParser
import CloserCore
import CloserSQLite
import Foundation

/// `closer orgchart ACCOUNT`: the buying organisation as text for a mail or a ticket.
struct OrgChartCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "orgchart",
        abstract: "Print an account's key-person org chart: the reports-to tree, coverage gaps, paths to the decision-makers.",
        discussion: """
            Each person shows name, title, [level·function], role badges, stance (+ supporter, · neutral, − opponent),
            influence and the day last met; ★ marks our inside coach (内线). Persons with no manager mapped are listed
            after the tree. Set a manager with `closer person edit ID --reports-to MANAGER_ID`.
            """)

    @OptionGroup var store: StoreOptions
    @Argument(help: "Account id or name (pinyin initials work).") var account: String
    @Option(help: "Language of the labels, zh or en (default from LANG / LC_ALL).") var lang: TUICommand.LanguageOption?
    @Option(name: .customLong("high-influence"), help: "An opponent at or above this influence is warned about.") var highInfluence = CoverageSettings().highInfluence
    @Option(name: .customLong("not-met-days"), help: "Key persons not met for more days than this are warned about.") var notMetDays = CoverageSettings().notMetDays
    @Flag(help: "Print JSON (persons with their manager, warnings, paths) instead of text.") var json = false

    static let maximumPersons = 10_000

    func validate() throws {
        guard Person.influenceRange.contains(highInfluence) else { throw ValidationError("--high-influence must be in 0…100") }
        guard notMetDays >= 0 else { throw ValidationError("--not-met-days must not be negative") }
    }

    func run() throws {
        let db = try store.open()
        // As `account show` does: a rep is refused another rep's private account.
        let owner = try db.account(try Parse.account(account, in: db).id)
        let page = try db.persons(PersonQuery(accountID: owner.id, limit: Self.maximumPersons))
        let tree = OrgTree(persons: page.rows)
        let settings = CoverageSettings(highInfluence: highInfluence, notMetDays: notMetDays)
        let today = Day.today()
        if json {
            try Output.json(OrgChartJSON(account: owner, tree: tree, today: today, settings: settings))
            return
        }
        let language = lang.language
        for line in OrgChartOutline.lines(accountName: owner.name, tree: tree, today: today, lang: language, settings: settings) {
            Output.line(line)
        }
        if page.total > page.rows.count { Output.error("showing the first \(page.rows.count) of \(page.total) persons") }
    }
}

/// The chart for scripts: stable keys, persons in display order.
struct OrgChartJSON: Encodable {
    struct Entry: Encodable {
        var id: Int64
        var name: String
        var title: String
        var level: String
        var function: String
        var roles: [String]
        var stance: String
        var influence: Int
        var insideCoach: Bool
        var reportsTo: Int64?
        var lastMet: String?
        var reports: [Int64]
    }

    struct Path: Encodable {
        var decisionMaker: Int64
        var steps: [Int64]?
    }

    var accountID: Int64
    var account: String
    var roots: [Int64]
    var unplaced: [Int64]
    var persons: [Entry]
    var warnings: [String]
    var paths: [Path]

    init(account: Account, tree: OrgTree, today: Day, settings: CoverageSettings) {
        accountID = account.id
        self.account = account.name
        roots = tree.roots
        unplaced = tree.unplaced
        persons = tree.ordered.compactMap { id in
            tree.persons[id].map { p in
                Entry(id: p.id, name: p.name, title: p.title, level: p.level.rawValue, function: p.function.rawValue,
                      roles: p.roles.sorted().map(\.rawValue), stance: p.stance.rawValue, influence: p.influence,
                      insideCoach: p.isInsideCoach, reportsTo: tree.parent(of: p.id), lastMet: p.lastMet?.description,
                      reports: tree.reports(of: p.id))
            }
        }
        warnings = OrgCoverage.warnings(tree.ordered.compactMap { tree.persons[$0] }, today: today, settings: settings).map(\.message.en)
        paths = RelationshipPaths.toDecisionMakers(in: tree).map { Path(decisionMaker: $0.decisionMaker, steps: $0.steps) }
    }
}
