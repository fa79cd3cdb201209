import Foundation

/// The seam between the model and a file or server store. Every write validates, checks the
/// row version it was given, appends to the event log and commits in one transaction.
/// Reads return read models sized to what a screen shows.
///
/// A store handle acts for one user, `actor`: every read returns only what they may see and
/// every write is checked against what they may change and logged under their name, by the one
/// rule of `AccountOwnership.access(for:)` — for accounts and everything that hangs from them.
/// No caller passes a viewer or a user name, so no door can forget to.
/// Every backend keeps the whole model (plans, undo, the duplicate check, the team's numbers,
/// deal health), so a caller knows what a store can do from its type, never by asking at run time.
public protocol Store: OwnershipStore, SavedFilterStore, HealthStore, PlanStore, UndoStore, DuplicateCheck, TeamNumbersStore, Sendable {
    /// Where the store lives, for status lines and messages.
    var location: String { get }
    /// The user this handle acts for.
    var actor: String { get }
    /// The actor as the user table knows them now.
    func whoIsActing() throws -> Actor

    // Processes
    func processCatalog() throws -> ProcessCatalog
    func saveProcess(_ template: ProcessTemplate) throws

    // Users
    func users() throws -> [User]
    func saveUser(_ user: User) throws

    // Accounts
    func addAccount(_ account: Account) throws -> Account
    func account(_ id: Int64) throws -> Account
    /// Saves every field of `account` (owner and sharing go through the ownership actions),
    /// refused when someone saved it after `account.version`.
    func updateAccount(_ account: Account) throws -> Account
    /// Applies `change` to the account as it is now and saves only the fields it changed, in one
    /// transaction; refused when `expectedVersion` is given and someone saved it since.
    func editAccount(_ id: Int64, expectedVersion: Int?, _ change: (inout Account) throws -> Void) throws -> Account
    func deleteAccount(_ id: Int64) throws
    func accounts(_ query: AccountQuery) throws -> Page<AccountSummary>
    /// How many accounts `query` selects and their open deals' amounts per currency (the table's footer).
    func accountTotals(_ query: AccountQuery) throws -> TableTotals
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
    func addPerson(_ person: Person) throws -> Person
    func person(_ id: Int64) throws -> Person
    func updatePerson(_ person: Person) throws -> Person
    /// As `editAccount`: only the fields `change` changed, onto the person as they are now.
    func editPerson(_ id: Int64, expectedVersion: Int?, _ change: (inout Person) throws -> Void) throws -> Person
    func deletePerson(_ id: Int64) throws
    func persons(_ query: PersonQuery) throws -> Page<Person>
    /// A page of the person table: persons with their account's name, searched and sorted in SQL.
    func personRows(_ query: PersonTableQuery) throws -> Page<PersonRow>

    // Deals
    func addDeal(_ deal: Deal) throws -> Deal
    func deal(_ id: Int64) throws -> Deal
    /// Saves edited fields; stage, milestones and outcome change only through the calls below.
    func updateDeal(_ deal: Deal) throws -> Deal
    /// As `editAccount`: only the fields `change` changed, onto the deal as it is now (stage,
    /// milestones and outcome still change only through the calls below).
    func editDeal(_ id: Int64, expectedVersion: Int?, _ change: (inout Deal) throws -> Void) throws -> Deal
    func deleteDeal(_ id: Int64) throws
    func moveDeal(_ id: Int64, to stageKey: String, forceReason: String?, expectedVersion: Int?) throws -> Deal
    func setMilestone(dealID: Int64, key: String, done: Bool, expectedVersion: Int?) throws -> Deal
    func setNextStep(dealID: Int64, text: String, due: Day?, expectedVersion: Int?) throws -> Deal
    func closeDeal(_ id: Int64, as outcome: Outcome, reason: String, expectedVersion: Int?) throws -> Deal
    func reopenDeal(_ id: Int64) throws -> Deal
    func evidence(accountID: Int64) throws -> DealEvidence
    func deals(_ query: DealQuery) throws -> Page<DealSummary>
    /// How many deals `filter` selects and their amounts per currency (the deal table's footer).
    func dealTotals(_ filter: DealFilter) throws -> TableTotals
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
    func addActivity(_ activity: Activity) throws -> Activity
    func activity(_ id: Int64) throws -> Activity
    func activities(accountID: Int64?, dealID: Int64?, limit: Int) throws -> [Activity]
    func deleteActivity(_ id: Int64) throws

    // Weekly review
    /// The funnel review of a period: open deals now, and what the event log says happened.
    func weeklyReview(_ query: ReviewQuery) throws -> WeeklyReview
    /// Records the manager's own call for a period (a month "2026-12" or a quarter "2026-Q4").
    func saveForecastCall(_ call: ForecastCall) throws

    // Event log
    func events(_ query: EventQuery) throws -> [ChangeEvent]

    /// Changes whenever any process commits a write: polled to notice other people's changes.
    func changeToken() throws -> Int64

    // Our own exchange format
    func exportSnapshot() throws -> Snapshot
    /// All or nothing: one bad row and nothing is written.
    func importSnapshot(_ snapshot: Snapshot) throws -> ImportSummary
}
