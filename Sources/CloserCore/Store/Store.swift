import Foundation

/// The seam between the model and a file or server store. Every write validates, checks the
/// row version it was given, appends to the event log and commits in one transaction.
/// Reads return read models sized to what a screen shows.
public protocol Store: Sendable {
    /// Where the store lives, for status lines and messages.
    var location: String { get }

    // Processes
    func processCatalog() throws -> ProcessCatalog
    func saveProcess(_ template: ProcessTemplate, by user: String) throws

    // Users
    func users() throws -> [User]
    func saveUser(_ user: User, by actor: String) throws

    // Accounts
    func addAccount(_ account: Account, by user: String) throws -> Account
    func account(_ id: Int64) throws -> Account
    func updateAccount(_ account: Account, by user: String) throws -> Account
    func deleteAccount(_ id: Int64, by user: String) throws
    func accounts(_ query: AccountQuery) throws -> Page<AccountSummary>
    /// Accounts whose quadrant changed since a date (the grid marks them with their direction).
    func quadrantMoves(since: Date) throws -> [Int64: QuadrantMove]
    /// One account with its rollup figures (pipeline, won, last activity), as a table row shows it.
    func accountSummary(_ id: Int64) throws -> AccountSummary
    /// The quadrant screen's aggregates over the accounts `query` selects (its text, grades, owner,
    /// conditions and viewer; sort, offset and limit are ignored): per quadrant the count, sums and
    /// its `topPerQuadrant` leading accounts; per score cell the count and sums, and the account
    /// itself when it is alone in the cell. Leaders rank by open pipeline or by lifetime value
    /// (won + weighted), then name and id. Never reads every account into memory.
    func quadrantSummary(_ query: AccountQuery, topPerQuadrant: Int, rankByLifetimeValue: Bool) throws -> QuadrantSummary
    /// The `top` leading accounts of one score cell among those `query` selects, ranked as the summary ranks them.
    func quadrantCell(_ query: AccountQuery, assistance: Int, loyalty: Int, top: Int, rankByLifetimeValue: Bool) throws -> [AccountSummary]

    // Persons
    func addPerson(_ person: Person, by user: String) throws -> Person
    func person(_ id: Int64) throws -> Person
    func updatePerson(_ person: Person, by user: String) throws -> Person
    func deletePerson(_ id: Int64, by user: String) throws
    func persons(_ query: PersonQuery) throws -> Page<Person>
    /// A page of the person table: persons with their account's name, searched and sorted in SQL.
    func personRows(_ query: PersonTableQuery) throws -> Page<PersonRow>

    // Deals
    func addDeal(_ deal: Deal, by user: String) throws -> Deal
    func deal(_ id: Int64) throws -> Deal
    /// Saves edited fields; stage, milestones and outcome change only through the calls below.
    func updateDeal(_ deal: Deal, by user: String) throws -> Deal
    func deleteDeal(_ id: Int64, by user: String) throws
    func moveDeal(_ id: Int64, to stageKey: String, forceReason: String?, expectedVersion: Int?, by user: String) throws -> Deal
    func setMilestone(dealID: Int64, key: String, done: Bool, expectedVersion: Int?, by user: String) throws -> Deal
    func setNextStep(dealID: Int64, text: String, due: Day?, expectedVersion: Int?, by user: String) throws -> Deal
    func closeDeal(_ id: Int64, as outcome: Outcome, reason: String, expectedVersion: Int?, by user: String) throws -> Deal
    func reopenDeal(_ id: Int64, by user: String) throws -> Deal
    func evidence(accountID: Int64) throws -> DealEvidence
    func deals(_ query: DealQuery) throws -> Page<DealSummary>
    func board(_ query: BoardQuery) throws -> Board
    /// One column's cards from `offset`: what scrolling a column needs.
    func boardCards(processKey: String, filter: DealFilter, stageKey: String, limit: Int, offset: Int) throws -> [DealSummary]

    // Whole tables, for exports: every row the query selects (its offset and limit ignored), in
    // its order, read in one pass of one snapshot of the store and handed to `body` `batchSize`
    // rows at a time. An export neither pages by OFFSET (each page walking every row before it)
    // nor sees another person's write land between two of its pages.
    func eachDeal(_ query: DealQuery, batchSize: Int, _ body: ([DealSummary]) throws -> Void) throws
    func eachAccount(_ query: AccountQuery, batchSize: Int, _ body: ([AccountSummary]) throws -> Void) throws
    func eachPersonRow(_ query: PersonTableQuery, batchSize: Int, _ body: ([PersonRow]) throws -> Void) throws

    // Activities
    func addActivity(_ activity: Activity, by user: String) throws -> Activity
    func activity(_ id: Int64) throws -> Activity
    func activities(accountID: Int64?, dealID: Int64?, limit: Int) throws -> [Activity]
    func deleteActivity(_ id: Int64, by user: String) throws

    // Weekly review
    /// The funnel review of a period: open deals now, and what the event log says happened.
    func weeklyReview(_ query: ReviewQuery) throws -> WeeklyReview
    /// Records the manager's own call for a period (a month "2026-12" or a quarter "2026-Q4").
    func saveForecastCall(_ call: ForecastCall, by user: String) throws

    // Event log
    func events(_ query: EventQuery) throws -> [ChangeEvent]

    /// Changes whenever any process commits a write: polled to notice other people's changes.
    func changeToken() throws -> Int64

    // Our own exchange format
    func exportSnapshot() throws -> Snapshot
    /// All or nothing: one bad row and nothing is written.
    func importSnapshot(_ snapshot: Snapshot, by user: String) throws -> ImportSummary
}
