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

    var location: String { inner.location }
    func processCatalog() throws -> ProcessCatalog { try inner.processCatalog() }
    func saveProcess(_ template: ProcessTemplate, by user: String) throws { try inner.saveProcess(template, by: user) }
    func users() throws -> [User] { try inner.users() }
    func personRows(_ query: PersonTableQuery) throws -> Page<PersonRow> { try inner.personRows(query) }
    func eachDeal(_ query: DealQuery, batchSize: Int, _ body: ([DealSummary]) throws -> Void) throws { try inner.eachDeal(query, batchSize: batchSize, body) }
    func eachAccount(_ query: AccountQuery, batchSize: Int, _ body: ([AccountSummary]) throws -> Void) throws { try inner.eachAccount(query, batchSize: batchSize, body) }
    func eachPersonRow(_ query: PersonTableQuery, batchSize: Int, _ body: ([PersonRow]) throws -> Void) throws { try inner.eachPersonRow(query, batchSize: batchSize, body) }
    func weeklyReview(_ query: ReviewQuery) throws -> WeeklyReview {
        if isLocked { throw StoreError.locked(path: inner.location) }
        return try inner.weeklyReview(query)
    }
    func saveForecastCall(_ call: ForecastCall, by user: String) throws { try inner.saveForecastCall(call, by: user) }
    func saveUser(_ user: User, by actor: String) throws { try inner.saveUser(user, by: actor) }
    func addAccount(_ account: Account, by user: String) throws -> Account { try inner.addAccount(account, by: user) }
    func account(_ id: Int64) throws -> Account { try inner.account(id) }
    func updateAccount(_ account: Account, by user: String) throws -> Account { try inner.updateAccount(account, by: user) }
    func deleteAccount(_ id: Int64, by user: String) throws { try inner.deleteAccount(id, by: user) }
    func accounts(_ query: AccountQuery) throws -> Page<AccountSummary> { try inner.accounts(query) }
    func addPerson(_ person: Person, by user: String) throws -> Person { try inner.addPerson(person, by: user) }
    func person(_ id: Int64) throws -> Person { try inner.person(id) }
    func updatePerson(_ person: Person, by user: String) throws -> Person { try inner.updatePerson(person, by: user) }
    func deletePerson(_ id: Int64, by user: String) throws { try inner.deletePerson(id, by: user) }
    func persons(_ query: PersonQuery) throws -> Page<Person> { try inner.persons(query) }
    func addDeal(_ deal: Deal, by user: String) throws -> Deal { try inner.addDeal(deal, by: user) }
    func deal(_ id: Int64) throws -> Deal { try inner.deal(id) }
    func updateDeal(_ deal: Deal, by user: String) throws -> Deal { try inner.updateDeal(deal, by: user) }
    func deleteDeal(_ id: Int64, by user: String) throws { try inner.deleteDeal(id, by: user) }
    func moveDeal(_ id: Int64, to stageKey: String, forceReason: String?, expectedVersion: Int?, by user: String) throws -> Deal {
        try inner.moveDeal(id, to: stageKey, forceReason: forceReason, expectedVersion: expectedVersion, by: user)
    }
    func setMilestone(dealID: Int64, key: String, done: Bool, expectedVersion: Int?, by user: String) throws -> Deal {
        try inner.setMilestone(dealID: dealID, key: key, done: done, expectedVersion: expectedVersion, by: user)
    }
    func setNextStep(dealID: Int64, text: String, due: Day?, expectedVersion: Int?, by user: String) throws -> Deal {
        try inner.setNextStep(dealID: dealID, text: text, due: due, expectedVersion: expectedVersion, by: user)
    }
    func closeDeal(_ id: Int64, as outcome: Outcome, reason: String, expectedVersion: Int?, by user: String) throws -> Deal {
        try inner.closeDeal(id, as: outcome, reason: reason, expectedVersion: expectedVersion, by: user)
    }
    func reopenDeal(_ id: Int64, by user: String) throws -> Deal { try inner.reopenDeal(id, by: user) }
    func evidence(accountID: Int64) throws -> DealEvidence { try inner.evidence(accountID: accountID) }
    func deals(_ query: DealQuery) throws -> Page<DealSummary> {
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
        try inner.boardCards(processKey: processKey, filter: filter, stageKey: stageKey, limit: limit, offset: offset)
    }

    func board(_ query: BoardQuery) throws -> Board {
        lock.withLock { _boardQueries.append(query) }
        return try inner.board(query)
    }
    func addActivity(_ activity: Activity, by user: String) throws -> Activity { try inner.addActivity(activity, by: user) }
    func activity(_ id: Int64) throws -> Activity { try inner.activity(id) }
    func activities(accountID: Int64?, dealID: Int64?, limit: Int) throws -> [Activity] {
        try inner.activities(accountID: accountID, dealID: dealID, limit: limit)
    }
    func deleteActivity(_ id: Int64, by user: String) throws { try inner.deleteActivity(id, by: user) }
    func events(_ query: EventQuery) throws -> [ChangeEvent] { try inner.events(query) }
    func changeToken() throws -> Int64 {
        if isLocked { throw StoreError.locked(path: inner.location) }
        return try inner.changeToken()
    }
    func exportSnapshot() throws -> Snapshot { try inner.exportSnapshot() }
    func importSnapshot(_ snapshot: Snapshot, by user: String) throws -> ImportSummary { try inner.importSnapshot(snapshot, by: user) }
}
