import CloserCore
import CloserSQLite
import Foundation

/// Forwards to a real store and records the read queries, so a test can see what a screen asked for.
final class SpyStore: Store, @unchecked Sendable {
    let inner: SQLiteStore
    private let lock = NSLock()
    private var _dealQueries: [DealQuery] = []
    private var _boardQueries: [BoardQuery] = []

    init(_ inner: SQLiteStore) { self.inner = inner }

    var dealQueries: [DealQuery] { lock.withLock { _dealQueries } }
    var boardQueries: [BoardQuery] { lock.withLock { _boardQueries } }
    func reset() { lock.withLock { _dealQueries = []; _boardQueries = [] } }

    /// While set, the change token and the review fail as a store locked by another program does.
    private var _locked = false
    var isLocked: Bool {
        get { lock.withLock { _locked } }
        set { lock.withLock { _locked = newValue } }
    }

    /// While set, the change token, the reads of the board and the open deal, and deal edits fail
    /// as a server that went away does.
    private var _unreachable = false
    var isUnreachable: Bool {
        get { lock.withLock { _unreachable } }
        set { lock.withLock { _unreachable = newValue } }
    }

    private func reach() throws {
        if isUnreachable { throw StoreError.unreachable("the connection to \(inner.location) was lost: nothing was written, try again in a moment") }
    }

    var location: String { inner.location }
    var actor: String { inner.actor }
    func whoIsActing() throws -> Actor { try inner.whoIsActing() }
    func editAccount(_ id: Int64, expectedVersion: Int?, _ change: (inout Account) throws -> Void) throws -> Account {
        try inner.editAccount(id, expectedVersion: expectedVersion, change)
    }
    func editPerson(_ id: Int64, expectedVersion: Int?, _ change: (inout Person) throws -> Void) throws -> Person {
        try inner.editPerson(id, expectedVersion: expectedVersion, change)
    }
    func editDeal(_ id: Int64, expectedVersion: Int?, _ change: (inout Deal) throws -> Void) throws -> Deal {
        try reach()
        return try inner.editDeal(id, expectedVersion: expectedVersion, change)
    }
    func processCatalog() throws -> ProcessCatalog { try inner.processCatalog() }
    func saveProcess(_ template: ProcessTemplate) throws { try inner.saveProcess(template) }
    func users() throws -> [User] { try inner.users() }
    func personRows(_ query: PersonTableQuery) throws -> Page<PersonRow> { try inner.personRows(query) }
    func eachDeal(_ query: DealQuery, batchSize: Int, _ body: ([DealSummary]) throws -> Void) throws { try inner.eachDeal(query, batchSize: batchSize, body) }
    func eachAccount(_ query: AccountQuery, batchSize: Int, _ body: ([AccountSummary]) throws -> Void) throws { try inner.eachAccount(query, batchSize: batchSize, body) }
    func eachPersonRow(_ query: PersonTableQuery, batchSize: Int, _ body: ([PersonRow]) throws -> Void) throws { try inner.eachPersonRow(query, batchSize: batchSize, body) }
    func weeklyReview(_ query: ReviewQuery) throws -> WeeklyReview {
        if isLocked { throw StoreError.locked(path: inner.location) }
        return try inner.weeklyReview(query)
    }
    func saveForecastCall(_ call: ForecastCall) throws { try inner.saveForecastCall(call) }
    func saveUser(_ user: User) throws { try inner.saveUser(user) }
    func addAccount(_ account: Account) throws -> Account { try inner.addAccount(account) }
    func account(_ id: Int64) throws -> Account { try inner.account(id) }
    func updateAccount(_ account: Account) throws -> Account { try inner.updateAccount(account) }
    func deleteAccount(_ id: Int64) throws { try inner.deleteAccount(id) }
    func accounts(_ query: AccountQuery) throws -> Page<AccountSummary> { try inner.accounts(query) }
    func accountTotals(_ query: AccountQuery) throws -> TableTotals { try inner.accountTotals(query) }
    func dealTotals(_ filter: DealFilter) throws -> TableTotals { try inner.dealTotals(filter) }
    func addPerson(_ person: Person) throws -> Person { try inner.addPerson(person) }
    func person(_ id: Int64) throws -> Person { try inner.person(id) }
    func updatePerson(_ person: Person) throws -> Person { try inner.updatePerson(person) }
    func deletePerson(_ id: Int64) throws { try inner.deletePerson(id) }
    func persons(_ query: PersonQuery) throws -> Page<Person> { try inner.persons(query) }
    func addDeal(_ deal: Deal) throws -> Deal { try inner.addDeal(deal) }
    func deal(_ id: Int64) throws -> Deal { try reach(); return try inner.deal(id) }
    func updateDeal(_ deal: Deal) throws -> Deal { try inner.updateDeal(deal) }
    func deleteDeal(_ id: Int64) throws { try inner.deleteDeal(id) }
    func moveDeal(_ id: Int64, to stageKey: String, forceReason: String?, expectedVersion: Int?) throws -> Deal {
        try inner.moveDeal(id, to: stageKey, forceReason: forceReason, expectedVersion: expectedVersion)
    }
    func setMilestone(dealID: Int64, key: String, done: Bool, expectedVersion: Int?) throws -> Deal {
        try inner.setMilestone(dealID: dealID, key: key, done: done, expectedVersion: expectedVersion)
    }
    func setNextStep(dealID: Int64, text: String, due: Day?, expectedVersion: Int?) throws -> Deal {
        try reach()
        return try inner.setNextStep(dealID: dealID, text: text, due: due, expectedVersion: expectedVersion)
    }
    func closeDeal(_ id: Int64, as outcome: Outcome, reason: String, expectedVersion: Int?) throws -> Deal {
        try inner.closeDeal(id, as: outcome, reason: reason, expectedVersion: expectedVersion)
    }
    func reopenDeal(_ id: Int64) throws -> Deal { try inner.reopenDeal(id) }
    func evidence(accountID: Int64) throws -> DealEvidence { try reach(); return try inner.evidence(accountID: accountID) }
    func deals(_ query: DealQuery) throws -> Page<DealSummary> {
        try reach()
        lock.withLock { _dealQueries.append(query) }
        return try inner.deals(query)
    }
    func quadrantMoves(since: Date) throws -> [Int64: QuadrantMove] { try inner.quadrantMoves(since: since) }
    func accountSummary(_ id: Int64) throws -> AccountSummary { try inner.accountSummary(id) }
    func quadrantSummary(_ query: AccountQuery, topPerQuadrant: Int, rankByLifetimeValue: Bool) throws -> QuadrantSummary {
        try inner.quadrantSummary(query, topPerQuadrant: topPerQuadrant, rankByLifetimeValue: rankByLifetimeValue)
    }
    func quadrantCell(_ query: AccountQuery, assistance: Int, loyalty: Int, top: Int, rankByLifetimeValue: Bool) throws -> [AccountSummary] {
        try inner.quadrantCell(query, assistance: assistance, loyalty: loyalty, top: top, rankByLifetimeValue: rankByLifetimeValue)
    }

    func boardCards(processKey: String, filter: DealFilter, stageKey: String, limit: Int, offset: Int) throws -> [DealSummary] {
        try reach()
        return try inner.boardCards(processKey: processKey, filter: filter, stageKey: stageKey, limit: limit, offset: offset)
    }

    func board(_ query: BoardQuery) throws -> Board {
        try reach()
        lock.withLock { _boardQueries.append(query) }
        return try inner.board(query)
    }
    func addActivity(_ activity: Activity) throws -> Activity { try inner.addActivity(activity) }
    func activity(_ id: Int64) throws -> Activity { try inner.activity(id) }
    func activities(accountID: Int64?, dealID: Int64?, limit: Int) throws -> [Activity] {
        try inner.activities(accountID: accountID, dealID: dealID, limit: limit)
    }
    func deleteActivity(_ id: Int64) throws { try inner.deleteActivity(id) }
    func events(_ query: EventQuery) throws -> [ChangeEvent] { try inner.events(query) }
    func changeToken() throws -> Int64 {
        try reach()
        if isLocked { throw StoreError.locked(path: inner.location) }
        return try inner.changeToken()
    }
    func exportSnapshot() throws -> Snapshot { try inner.exportSnapshot() }
    func importSnapshot(_ snapshot: Snapshot) throws -> ImportSummary { try inner.importSnapshot(snapshot) }

    // Ownership and saved filters: forwarded as they are.
    func ownership(of id: Int64) throws -> AccountOwnership { try inner.ownership(of: id) }
    func heldCount(of user: String) throws -> Int { try inner.heldCount(of: user) }
    func assign(_ id: Int64, to rep: String) throws -> Account { try inner.assign(id, to: rep) }
    func share(_ id: Int64, with reps: [String]) throws -> Account { try inner.share(id, with: reps) }
    func unshare(_ id: Int64, from reps: [String]) throws -> Account { try inner.unshare(id, from: reps) }
    func makeExclusive(_ id: Int64) throws -> Account { try inner.makeExclusive(id) }
    func makeOwned(_ id: Int64) throws -> Account { try inner.makeOwned(id) }
    func returnToPool(_ id: Int64, reason: String) throws -> Account { try inner.returnToPool(id, reason: reason) }
    func claim(_ id: Int64) throws -> Account { try inner.claim(id) }
    func protect(_ id: Int64) throws -> Account { try inner.protect(id) }
    func unprotect(_ id: Int64) throws -> Account { try inner.unprotect(id) }
    func poolRules() throws -> PoolRules { try inner.poolRules() }
    func savePoolRules(_ rules: PoolRules) throws { try inner.savePoolRules(rules) }
    func poolDue(today: Day) throws -> [PoolDue] { try inner.poolDue(today: today) }
    func sweepPool(today: Day) throws -> PoolSweepReport { try inner.sweepPool(today: today) }
    func poolWarnings(for user: String?, today: Day) throws -> [PoolWarning] { try inner.poolWarnings(for: user, today: today) }
    func savedFilters() throws -> [SavedFilter] { try inner.savedFilters() }
    func saveFilter(_ filter: SavedFilter) throws { try inner.saveFilter(filter) }
    func deleteFilter(named name: String) throws { try inner.deleteFilter(named: name) }
    func savedFilter(named name: String) throws -> SavedFilter { try inner.savedFilter(named: name) }

    // Health, plans, undo, the duplicate check and the team's numbers: forwarded as they are.
    func healthSettings() throws -> HealthSettings { try inner.healthSettings() }
    func saveHealthSettings(_ settings: HealthSettings) throws { try inner.saveHealthSettings(settings) }
    func dealWarnings(_ dealIDs: [Int64], today: Day) throws -> [Int64: [HealthWarning]] { try inner.dealWarnings(dealIDs, today: today) }
    func healthReport(_ query: HealthReportQuery) throws -> HealthReport { try inner.healthReport(query) }
    func planActivity(_ plan: PlannedActivity) throws -> PlannedActivity { try inner.planActivity(plan) }
    func plannedActivity(_ id: Int64) throws -> PlannedActivity { try inner.plannedActivity(id) }
    func plannedActivities(_ query: PlanQuery) throws -> [PlannedActivity] { try inner.plannedActivities(query) }
    func updatePlannedActivity(_ plan: PlannedActivity) throws -> PlannedActivity { try inner.updatePlannedActivity(plan) }
    func completePlannedActivity(_ id: Int64, _ completion: PlanCompletion, expectedVersion: Int?) throws -> CompletedPlan { try inner.completePlannedActivity(id, completion, expectedVersion: expectedVersion) }
    func cancelPlannedActivity(_ id: Int64, expectedVersion: Int?) throws { try inner.cancelPlannedActivity(id, expectedVersion: expectedVersion) }
    func lastUndoableChange(since: Date) throws -> ChangeEvent? { try inner.lastUndoableChange(since: since) }
    func undo(eventID: Int64) throws -> ChangeEvent { try inner.undo(eventID: eventID) }
    func hiddenAccounts(_ query: HiddenAccountQuery) throws -> HiddenAccounts { try inner.hiddenAccounts(query) }
    func baseCurrency() throws -> String { try inner.baseCurrency() }
    func setBaseCurrency(_ code: String) throws { try inner.setBaseCurrency(code) }
    func rateTable() throws -> RateTable { try inner.rateTable() }
    func dealCurrencies() throws -> [String] { try inner.dealCurrencies() }
    func setExchangeRate(currency: String, micros: Int64, from: Day) throws -> ExchangeRate { try inner.setExchangeRate(currency: currency, micros: micros, from: from) }
    func deleteExchangeRate(currency: String, from: Day) throws { try inner.deleteExchangeRate(currency: currency, from: from) }
    func targets(period: Period?) throws -> [SalesTarget] { try inner.targets(period: period) }
    func setTarget(_ target: SalesTarget) throws { try inner.setTarget(target) }
    func deleteTarget(period: Period, rep: String) throws { try inner.deleteTarget(period: period, rep: rep) }
    func lostReasons() throws -> [LostReason] { try inner.lostReasons() }
    func addLostReason(_ name: String) throws -> LostReason { try inner.addLostReason(name) }
    func deleteLostReason(_ name: String) throws { try inner.deleteLostReason(name) }
    func loseDeal(_ id: Int64, _ loss: DealLoss, expectedVersion: Int?) throws -> Deal { try inner.loseDeal(id, loss, expectedVersion: expectedVersion) }
    func winLoss(_ query: WinLossQuery) throws -> WinLossReport { try inner.winLoss(query) }
}
