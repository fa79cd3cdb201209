import CloserCore
import CloserExchange
import CloserPostgres
@testable import CloserSQLite
import Foundation
import StoreTestSupport
import Testing

/// Every entry point of the store protocols × who acts × how the account is held.
///
/// The rows are read from the protocols' source, so a method added without a row here fails
/// `everyProtocolMethodHasARow`. Each cell runs in a world of five accounts held five ways (all
/// owned by `owner.rep`; the shared and protected ones shared with `other.rep`), each with a
/// person, an open deal (no next step, so it is on the review's lists) and an activity.
///
/// What each role may do with each account is written out by hand below (`MatrixCase.access`),
/// not taken from the rule under test.
@Suite("Visibility matrix: every store entry point × role × how the account is held")
struct VisibilityMatrixTests {
    @Test func everyProtocolMethodHasARow() throws {
        let declared = try ProtocolMethods.declared()
        #expect(declared.count > 50, "the protocols were read: \(declared)")
        let rows = Set(MatrixRows.all.map(\.method))
        #expect(rows.count == MatrixRows.all.count, "one row per method")
        let missing = declared.subtracting(rows).sorted()
        let stale = rows.subtracting(declared).sorted()
        #expect(missing.isEmpty, "store methods without a row in the visibility matrix: \(missing)")
        #expect(stale.isEmpty, "rows for methods the protocols no longer declare: \(stale)")
    }

    @Test(arguments: Backend.allCases, MatrixRows.all) func everyCellHolds(_ backend: Backend, row: MatrixRow) throws {
        for role in MatrixRole.allCases {
            let world = try MatrixWorld(backend)
            for matrixCase in MatrixCase.allCases {
                let expected = row.expect(role, matrixCase)
                try row.prepare(world, matrixCase)
                let before = try world.manager.events(EventQuery(limit: 1)).first?.id
                let observed = MatrixObservation.of { try row.run(world, world.store(as: role), matrixCase) }
                let where_ = "\(row.method) as \(role) on the \(matrixCase) account"
                if expected {
                    #expect(observed == .sees, "\(where_) should be allowed: \(observed)")
                } else if role == .stranger {
                    #expect(observed.refusal?.contains("is not a user of this store") == true, "\(where_): \(observed)")
                } else {
                    #expect(observed != .sees, "\(where_) should be refused or hidden: \(observed)")
                }
                if observed.refusal != nil {
                    #expect(try world.manager.events(EventQuery(limit: 1)).first?.id == before, "\(where_): refused, yet logged a change")
                }
            }
        }
    }
}

// MARK: The world

enum MatrixRole: String, CaseIterable, CustomStringConvertible, Sendable {
    case ownerRep = "owner.rep", otherRep = "other.rep", manager = "boss", stranger = "nobody"
    var description: String { rawValue }
}

enum MatrixCase: Int, CaseIterable, CustomStringConvertible, Sendable {
    case own = 1, shared, pool, exclusive, protected
    var description: String { ["own", "shared", "pool", "exclusive", "protected"][rawValue - 1] }
    var accountID: Int64 { Int64(rawValue) }
    /// Each account's deal, person and activity carry its id.
    var dealID: Int64 { Int64(rawValue) }
    var personID: Int64 { Int64(rawValue) }
    var activityID: Int64 { Int64(rawValue) }

    /// What each member may do, by hand (DOMAIN §5): the owner works their accounts; the other
    /// rep sees the pool and what is shared with them, and changes the shared one unless it is
    /// protected; a pool account is read until claimed; a manager does everything.
    func access(_ role: MatrixRole) -> AccountAccess {
        switch (role, self) {
        case (.manager, _): .write
        case (.stranger, _): .none
        case (_, .pool): .read
        case (.ownerRep, _): .write
        case (.otherRep, .shared): .write
        case (.otherRep, .protected): .read
        case (.otherRep, _): .none
        }
    }

    var isHeld: Bool { self != .pool }
}

/// Five accounts, one per case, with what hangs from them; the store's clock stands a year on,
/// so every held, unprotected account is due back to the pool.
final class MatrixWorld: @unchecked Sendable {
    static let today = Day(year: 2026, month: 11, day: 23)!
    static let now = Date(timeIntervalSince1970: Double(today.ordinal) * 86_400 + 12 * 3_600)
    let root: any TestStore
    var manager: any TestStore { root }

    /// Built once per backend; each cell's world is a private copy of it (an in-memory copy of
    /// the file store, a database made from the server's template).
    private static let fileTemplate = Result { () throws -> SQLiteStore in
        let store = try SQLiteStore(inMemoryWithClock: { now }, actor: MatrixRole.manager.rawValue)
        try populate(store)
        return store
    }
    private static let serverTemplate = Result { () throws -> String in
        let settings = try TestServer.initializedDatabase()
        let store = try PostgresStore(settings: settings, actor: MatrixRole.manager.rawValue, clock: { now })
        try populate(store)
        store.close()
        return settings.database
    }

    init(_ backend: Backend) throws {
        switch backend {
        case .sqlite:
            root = try SQLiteStore(inMemoryCopyOf: try Self.fileTemplate.get(), actor: MatrixRole.manager.rawValue)
        case .postgres:
            root = try TestServer.store(on: try TestServer.copy(of: try Self.serverTemplate.get()), actor: MatrixRole.manager.rawValue,
                                        clock: { Self.now })
        }
    }

    private static func populate(_ root: any TestStore) throws {
        for (name, role) in [("boss", UserRole.manager), ("owner.rep", .rep), ("other.rep", .rep), ("third.rep", .rep)] {
            try root.saveUser(User(name: name, role: role))
        }
        let owner = MatrixRole.ownerRep.rawValue, other = MatrixRole.otherRep.rawValue
        let old = now.addingTimeInterval(-400 * 86_400)
        var accounts: [Account] = []
        for matrixCase in MatrixCase.allCases {
            var account = Account(id: matrixCase.accountID, name: "客户\(matrixCase)", grade: .a, assistance: 5, loyalty: 5,
                                  owner: owner, visibility: .owned, createdAt: old, updatedAt: old)
            switch matrixCase {
            case .own: break
            case .shared: account.visibility = .shared; account.sharedWith = [other]
            case .pool: account.owner = nil; account.visibility = .pool
            case .exclusive: account.visibility = .exclusive
            case .protected: account.visibility = .shared; account.sharedWith = [other]
            }
            accounts.append(account)
        }
        let persons = MatrixCase.allCases.map { Person(id: $0.personID, accountID: $0.accountID, name: "联系人\($0.rawValue)") }
        let deals = MatrixCase.allCases.map {
            Deal(id: $0.dealID, accountID: $0.accountID, title: "商机\($0.rawValue)", processKey: "project", stageKey: "develop",
                 amount: Money(minorUnits: 100_000), owner: owner, createdAt: old, updatedAt: old)
        }
        let activities = MatrixCase.allCases.map {
            Activity(id: $0.activityID, accountID: $0.accountID, dealID: $0.dealID, kind: .visit, day: today.adding(days: -400), by: owner)
        }
        let events = MatrixCase.allCases.map {
            ChangeEvent(id: Int64($0.rawValue), at: old, user: owner, entity: "deal", entityID: $0.dealID, action: "created",
                        changes: ["stage": FieldChange(old: nil, new: "develop")])
        }
        _ = try root.importSnapshot(Snapshot(accounts: accounts, persons: persons, deals: deals, activities: activities, events: events))
        _ = try root.protect(MatrixCase.protected.accountID)
        for matrixCase in MatrixCase.allCases {
            _ = try root.editAccount(matrixCase.accountID, expectedVersion: nil) { $0.loyalty = 9 }
        }
        try root.acting(as: owner).saveFilter(SavedFilter(name: "owner.rep's", query: "grade:A", owner: owner))
    }

    func store(as role: MatrixRole) -> any TestStore { root.acting(as: role.rawValue) }
}

// MARK: Rows

struct MatrixRow: Sendable, CustomTestStringConvertible {
    var method: String
    var expect: @Sendable (MatrixRole, MatrixCase) -> Bool
    /// Done by the manager before the call (closing the deal a reopen needs, say): not the call's change.
    var prepare: @Sendable (MatrixWorld, MatrixCase) throws -> Void
    var run: @Sendable (MatrixWorld, any TestStore, MatrixCase) throws -> Bool
    var testDescription: String { method }
}

/// What a call did: succeeded and showed (or changed) the case's row, succeeded without it, or was refused.
enum MatrixObservation: Equatable, CustomStringConvertible {
    case sees, hidden, refused(String)

    static func of(_ body: () throws -> Bool) -> MatrixObservation {
        do { return try body() ? .sees : .hidden } catch { return .refused("\(error)") }
    }

    var refusal: String? { if case .refused(let text) = self { text } else { nil } }
    var description: String {
        switch self {
        case .sees: "allowed/seen"
        case .hidden: "not in the result"
        case .refused(let text): "refused: \(text)"
        }
    }
}

enum MatrixRows {
    // Expectations, by hand from `MatrixCase.access`.
    static let reads: @Sendable (MatrixRole, MatrixCase) -> Bool = { $1.access($0) >= .read }
    static let writes: @Sendable (MatrixRole, MatrixCase) -> Bool = { $1.access($0) == .write }
    static let members: @Sendable (MatrixRole, MatrixCase) -> Bool = { role, _ in role != .stranger }
    static let managers: @Sendable (MatrixRole, MatrixCase) -> Bool = { role, _ in role == .manager }
    static let ownerOrManager: @Sendable (MatrixRole, MatrixCase) -> Bool = { role, c in c.isHeld && (role == .ownerRep || role == .manager) }
    /// The review: a rep's is their own deals; the manager's is the team's.
    static let ownDeals: @Sendable (MatrixRole, MatrixCase) -> Bool = { role, c in
        c.access(role) >= .read && (role == .manager || role == .ownerRep)
    }
    /// The pool lists: held, unprotected accounts the actor may see.
    static let poolLists: @Sendable (MatrixRole, MatrixCase) -> Bool = { role, c in
        c.access(role) >= .read && [.own, .shared, .exclusive].contains(c)
    }

    static func row(_ method: String, _ expect: @escaping @Sendable (MatrixRole, MatrixCase) -> Bool,
                    prepare: @escaping @Sendable (MatrixWorld, MatrixCase) throws -> Void = { _, _ in },
                    _ run: @escaping @Sendable (MatrixWorld, any TestStore, MatrixCase) throws -> Bool) -> MatrixRow {
        MatrixRow(method: method, expect: expect, prepare: prepare, run: run)
    }

    static let query = ReviewQuery(today: MatrixWorld.today, timeZone: TimeZone(identifier: "UTC") ?? .current)

    /// Built group by group: one literal of every row overflows a test thread's stack in a debug build.
    static let all: [MatrixRow] = team() + accounts() + persons() + deals() + activities() + reviewLogExports() + ownership() + filters() + health()
        + plans() + undo() + duplicates() + teamNumbers()

    // Who acts, the team's settings
    static func team() -> [MatrixRow] { [
        row("whoIsActing()", members) { _, s, _ in
            if case .stranger(let name) = try s.whoIsActing() { throw StoreError.refused(.notAUser(name)) }
            return true
        },
        row("processCatalog()", members) { _, s, _ in try !s.processCatalog().processes.isEmpty },
        row("saveProcess(_:)", managers) { _, s, c in
            let stage = StageTemplate(key: "a", name: LocalizedText(en: "A", zh: "甲"), probability: 50, milestones: [])
            try s.saveProcess(ProcessTemplate(key: "p\(c.rawValue)", name: LocalizedText(en: "P", zh: "乙"), stages: [stage]))
            return true
        },
        row("users()", members) { _, s, _ in try s.users().count == 4 },
        row("saveUser(_:)", managers) { _, s, c in
            try s.saveUser(User(name: "new\(c.rawValue)", role: .rep))
            return true
        },
        row("changeToken()", { _, _ in true }) { _, s, _ in _ = try s.changeToken(); return true },
    ] }

    // Accounts
    static func accounts() -> [MatrixRow] { [
        row("addAccount(_:)", members) { _, s, c in
            _ = try s.addAccount(Account(name: "新客户\(c.rawValue)", owner: s.actor))
            return true
        },
        row("account(_:)", reads) { _, s, c in try s.account(c.accountID).id == c.accountID },
        row("updateAccount(_:)", writes) { w, s, c in
            var account = try w.manager.account(c.accountID)
            account.notes = "edited"
            return try s.updateAccount(account).notes == "edited"
        },
        row("editAccount(_:expectedVersion:_:)", writes) { _, s, c in
            try s.editAccount(c.accountID, expectedVersion: nil) { $0.notes = "edited" }.notes == "edited"
        },
        row("deleteAccount(_:)", { role, c in role == .manager || (role == .ownerRep && c.isHeld) },
            prepare: { w, c in try w.manager.deleteDeal(c.dealID) }) { _, s, c in
            try s.deleteAccount(c.accountID)
            return true
        },
        row("accounts(_:)", reads) { _, s, c in try s.accounts(AccountQuery(limit: 100)).rows.contains { $0.id == c.accountID } },
        row("accountTotals(_:)", reads) { _, s, c in
            let totals = try s.accountTotals(AccountQuery(text: "客户\(c)"))
            return totals.count == 1 && totals.amounts == [CurrencyTotal(currency: "CNY", amount: 100_000, weighted: totals.amounts.first?.weighted ?? 0)]
        },
        row("quadrantMoves(since:)", reads) { _, s, c in
            try s.quadrantMoves(since: Date(timeIntervalSince1970: 0))[c.accountID] != nil
        },
        row("accountSummary(_:)", reads) { _, s, c in try s.accountSummary(c.accountID).id == c.accountID },
        row("quadrantSummary(_:topPerQuadrant:rankByLifetimeValue:)", reads) { _, s, c in
            try s.quadrantSummary(AccountQuery(), topPerQuadrant: 10, rankByLifetimeValue: false)
                .quadrants.values.flatMap(\.top).contains { $0.id == c.accountID }
        },
        row("quadrantCell(_:assistance:loyalty:top:rankByLifetimeValue:)", reads) { _, s, c in
            try s.quadrantCell(AccountQuery(), assistance: 5, loyalty: 9, top: 10, rankByLifetimeValue: false).contains { $0.id == c.accountID }
        },
        row("eachAccount(_:batchSize:_:)", reads) { _, s, c in
            var ids: [Int64] = []
            try s.eachAccount(AccountQuery(), batchSize: 2) { ids += $0.map(\.id) }
            return ids.contains(c.accountID)
        },
    ] }

    // Persons
    static func persons() -> [MatrixRow] { [
        row("addPerson(_:)", writes) { _, s, c in
            _ = try s.addPerson(Person(accountID: c.accountID, name: "新人"))
            return true
        },
        row("person(_:)", reads) { _, s, c in try s.person(c.personID).id == c.personID },
        row("updatePerson(_:)", writes) { w, s, c in
            var person = try w.manager.person(c.personID)
            person.title = "总工"
            return try s.updatePerson(person).title == "总工"
        },
        row("editPerson(_:expectedVersion:_:)", writes) { _, s, c in
            try s.editPerson(c.personID, expectedVersion: nil) { $0.title = "总工" }.title == "总工"
        },
        row("deletePerson(_:)", writes) { _, s, c in
            try s.deletePerson(c.personID)
            return true
        },
        row("persons(_:)", reads) { _, s, c in try s.persons(PersonQuery(limit: 100)).rows.contains { $0.id == c.personID } },
        row("personRows(_:)", reads) { _, s, c in
            try s.personRows(PersonTableQuery(limit: 100)).rows.contains { $0.person.id == c.personID }
        },
        row("eachPersonRow(_:batchSize:_:)", reads) { _, s, c in
            var ids: [Int64] = []
            try s.eachPersonRow(PersonTableQuery(), batchSize: 2) { ids += $0.map(\.person.id) }
            return ids.contains(c.personID)
        },
        row("evidence(accountID:)", reads) { _, s, c in _ = try s.evidence(accountID: c.accountID); return true },
    ] }

    // Deals
    static func deals() -> [MatrixRow] { [
        row("addDeal(_:)", writes) { _, s, c in
            _ = try s.addDeal(Deal(accountID: c.accountID, title: "新商机", processKey: "project", stageKey: "develop",
                                   amount: Money(minorUnits: 1), owner: s.actor))
            return true
        },
        row("deal(_:)", reads) { _, s, c in try s.deal(c.dealID).id == c.dealID },
        row("updateDeal(_:)", writes) { w, s, c in
            var deal = try w.manager.deal(c.dealID)
            deal.amount = Money(minorUnits: 7)
            return try s.updateDeal(deal).amount.minorUnits == 7
        },
        row("editDeal(_:expectedVersion:_:)", writes) { _, s, c in
            try s.editDeal(c.dealID, expectedVersion: nil) { $0.amount = Money(minorUnits: 7) }.amount.minorUnits == 7
        },
        row("deleteDeal(_:)", writes) { _, s, c in
            try s.deleteDeal(c.dealID)
            return true
        },
        row("moveDeal(_:to:forceReason:expectedVersion:)", writes) { _, s, c in
            try s.moveDeal(c.dealID, to: "entry", forceReason: "matrix", expectedVersion: nil).stageKey == "entry"
        },
        row("setMilestone(dealID:key:done:expectedVersion:)", writes) { _, s, c in
            try s.setMilestone(dealID: c.dealID, key: "graded", done: true, expectedVersion: nil).milestonesDone.contains("graded")
        },
        row("setNextStep(dealID:text:due:expectedVersion:)", writes) { _, s, c in
            try s.setNextStep(dealID: c.dealID, text: "拜访", due: MatrixWorld.today, expectedVersion: nil).nextStep == "拜访"
        },
        row("closeDeal(_:as:reason:expectedVersion:)", writes) { _, s, c in
            try s.closeDeal(c.dealID, as: .lost, reason: "价格", expectedVersion: nil).outcome == .lost
        },
        row("reopenDeal(_:)", writes, prepare: { w, c in _ = try w.manager.closeDeal(c.dealID, as: .lost, reason: "价格", expectedVersion: nil) }) { _, s, c in
            try s.reopenDeal(c.dealID).outcome == .open
        },
        row("deals(_:)", reads) { _, s, c in try s.deals(DealQuery(limit: 100)).rows.contains { $0.id == c.dealID } },
        row("dealTotals(_:)", reads) { _, s, c in try s.dealTotals(DealFilter(accountID: c.accountID)).count == 1 },
        row("board(_:)", reads) { _, s, c in
            try s.board(BoardQuery(processKey: "project")).columns.flatMap(\.cards).contains { $0.id == c.dealID }
        },
        row("boardCards(processKey:filter:stageKey:limit:offset:)", reads) { _, s, c in
            try s.boardCards(processKey: "project", filter: DealFilter(), stageKey: "develop", limit: 10, offset: 0).contains { $0.id == c.dealID }
        },
        row("eachDeal(_:batchSize:_:)", reads) { _, s, c in
            var ids: [Int64] = []
            try s.eachDeal(DealQuery(), batchSize: 2) { ids += $0.map(\.id) }
            return ids.contains(c.dealID)
        },
    ] }

    // Activities
    static func activities() -> [MatrixRow] { [
        row("addActivity(_:)", writes) { _, s, c in
            _ = try s.addActivity(Activity(accountID: c.accountID, dealID: c.dealID, kind: .call, day: MatrixWorld.today))
            return true
        },
        row("activity(_:)", reads) { _, s, c in try s.activity(c.activityID).id == c.activityID },
        row("activities(accountID:dealID:limit:)", reads) { _, s, c in
            try s.activities(accountID: nil, dealID: nil, limit: 100).contains { $0.id == c.activityID }
        },
        row("deleteActivity(_:)", writes) { _, s, c in
            try s.deleteActivity(c.activityID)
            return true
        },
    ] }

    // The review, the log, exports
    static func reviewLogExports() -> [MatrixRow] { [
        // The account's own planned action (owner.rep's) is listed exactly where the account's deal is.
        row("weeklyReview(_:)", ownDeals, prepare: { w, c in
            _ = try w.manager.planActivity(PlannedActivity(dealID: nil, accountID: c.accountID, text: "联合促销", due: MatrixWorld.today,
                                                          owner: MatrixRole.ownerRep.rawValue))
        }) { _, s, c in
            let review = try s.weeklyReview(query)
            let deal = review.missingNextStep.items.contains { $0.dealID == c.dealID }
            let plan = review.accountPlans.items.contains { $0.accountID == c.accountID }
            // A plan seen without its deal is seen (where hidden, the cell fails); a deal seen without its plan is an error.
            if deal && !plan { throw MatrixFailure("the account's planned action is missing beside its deal") }
            return deal || plan
        },
        row("saveForecastCall(_:)", managers) { _, s, c in
            try s.saveForecastCall(ForecastCall(period: "2026-Q\(c.rawValue % 4 + 1)", amount: Money(minorUnits: 1), by: s.actor, at: Date()))
            return true
        },
        row("events(_:)", reads) { _, s, c in
            try s.events(EventQuery(limit: 1_000)).contains { $0.entity == "deal" && $0.entityID == c.dealID }
        },
        row("exportSnapshot()", reads) { _, s, c in
            let snapshot = try s.exportSnapshot()
            let deal = snapshot.deals.contains { $0.id == c.dealID }
            let log = snapshot.events.contains { $0.entity == "deal" && $0.entityID == c.dealID }
            // A snapshot carries the whole account or nothing of it.
            guard deal == log, deal == snapshot.accounts.contains(where: { $0.id == c.accountID }),
                  deal == snapshot.persons.contains(where: { $0.id == c.personID }),
                  deal == snapshot.activities.contains(where: { $0.id == c.activityID }) else {
                throw MatrixFailure("a snapshot with part of account \(c.accountID)")
            }
            return deal
        },
        // Another program's file: a row naming the account adds a deal to it only where the user may write.
        row("importForeign(_:dryRun:skipBad:)", writes) { _, s, c in
            let text = "商机名称,客户名称,金额,阶段\n导入商机\(c.rawValue),客户\(c),10万,开发\n"
            let file = try ForeignFile(Data(text.utf8), fileName: "deals.csv", mapping: nil, catalog: try s.processCatalog(), user: s.actor)
            let report = try s.importForeign(file.batch, dryRun: false, skipBad: false)
            return report.written && report.rejections.isEmpty && report.count(.create, .accounts) == 0
        },
        row("importSnapshot(_:)", managers) { _, s, c in
            _ = try s.importSnapshot(Snapshot(accounts: [Account(id: 100 + c.accountID, name: "导入\(c.rawValue)", visibility: .pool)]))
            return true
        },
    ] }

    // Ownership
    static func ownership() -> [MatrixRow] { [
        row("ownership(of:)", reads) { _, s, c in try s.ownership(of: c.accountID).accountID == c.accountID },
        row("heldCount(of:)", members) { _, s, _ in try s.heldCount(of: "owner.rep") == 4 },
        row("assign(_:to:)", { role, c in role == .manager || (role == .ownerRep && c.isHeld) }) { _, s, c in try s.assign(c.accountID, to: "third.rep").owner == "third.rep" },
        row("share(_:with:)", ownerOrManager) { _, s, c in try s.share(c.accountID, with: ["third.rep"]).sharedWith.contains("third.rep") },
        row("unshare(_:from:)", { role, c in ownerOrManager(role, c) && [.shared, .protected].contains(c) }) { _, s, c in
            try !s.unshare(c.accountID, from: ["other.rep"]).sharedWith.contains("other.rep")
        },
        row("makeExclusive(_:)", { role, c in ownerOrManager(role, c) && c != .exclusive }) { _, s, c in
            try s.makeExclusive(c.accountID).visibility == .exclusive
        },
        row("makeOwned(_:)", { role, c in ownerOrManager(role, c) && c != .own }) { _, s, c in try s.makeOwned(c.accountID).visibility == .owned },
        row("returnToPool(_:reason:)", ownerOrManager) { _, s, c in try s.returnToPool(c.accountID, reason: "跟不动").owner == nil },
        row("claim(_:)", { role, c in role != .stranger && c == .pool }) { _, s, c in try s.claim(c.accountID).owner == s.actor },
        row("protect(_:)", { role, c in ownerOrManager(role, c) && c != .protected }) { _, s, c in
            _ = try s.protect(c.accountID)
            return true
        },
        row("unprotect(_:)", { role, c in ownerOrManager(role, c) && c == .protected }) { _, s, c in
            _ = try s.unprotect(c.accountID)
            return true
        },
        row("poolRules()", members) { _, s, _ in _ = try s.poolRules(); return true },
        row("savePoolRules(_:)", managers) { _, s, _ in try s.savePoolRules(.defaults); return true },
        row("poolDue(today:)", poolLists) { _, s, c in
            try s.poolDue(today: MatrixWorld.today.adding(days: 400)).contains { $0.accountID == c.accountID }
        },
        row("sweepPool(today:)", managers) { _, s, _ in _ = try s.sweepPool(today: MatrixWorld.today.adding(days: 400)); return true },
        row("poolWarnings(for:today:)", poolLists) { _, s, c in
            try s.poolWarnings(for: nil, today: MatrixWorld.today.adding(days: 400)).contains { $0.accountID == c.accountID }
        },
    ] }

    // Deal health: the deal's warnings and the report follow the deal's account; the settings are the team's.
    static func health() -> [MatrixRow] { [
        row("healthSettings()", members) { _, s, _ in try s.healthSettings().routeDays > 0 },
        row("saveHealthSettings(_:)", managers) { _, s, c in
            try s.saveHealthSettings(HealthSettings(routeDays: 30 + c.rawValue))
            return true
        },
        // Each case's deal has no next step: it trips #9, so it is on the report's list and has warnings.
        row("dealWarnings(_:today:)", reads) { _, s, c in
            try s.dealWarnings([c.dealID], today: MatrixWorld.today)[c.dealID]?.contains { $0.rule == .noNextStep } == true
        },
        row("healthReport(_:)", reads) { _, s, c in
            try s.healthReport(HealthReportQuery(today: MatrixWorld.today, listLimit: 100)).list(.noNextStep)?.items.contains { $0.dealID == c.dealID } == true
        },
    ] }

    // Saved filters: owner.rep's own; the other rep neither sees nor changes it.
    static func filters() -> [MatrixRow] { [
        row("savedFilters()", { role, _ in role == .ownerRep || role == .manager }) { _, s, _ in
            try s.savedFilters().contains { $0.name == "owner.rep's" }
        },
        row("savedFilter(named:)", { role, _ in role == .ownerRep || role == .manager }) { _, s, _ in
            try s.savedFilter(named: "owner.rep's").owner == "owner.rep"
        },
        row("saveFilter(_:)", members) { _, s, c in
            try s.saveFilter(SavedFilter(name: "\(s.actor) \(c.rawValue)", query: "grade:A", owner: s.actor))
            return true
        },
        row("deleteFilter(named:)", { role, c in (role == .ownerRep || role == .manager) && c == .own }) { _, s, _ in
            try s.deleteFilter(named: "owner.rep's")
            return true
        },
    ] }
}

extension MatrixRows {
    /// The plan on the case's deal, made by the manager before the call.
    static let planned: @Sendable (MatrixWorld, MatrixCase) throws -> Void = { w, c in
        _ = try w.manager.planActivity(PlannedActivity(dealID: c.dealID, text: "回访", due: MatrixWorld.today.adding(days: 2)))
        // And an action on the account alone, which follows the same account.
        _ = try w.manager.planActivity(PlannedActivity(dealID: nil, accountID: c.accountID, text: "联合促销", due: MatrixWorld.today.adding(days: 3)))
    }

    static func plan(_ w: MatrixWorld, _ c: MatrixCase) throws -> PlannedActivity {
        guard let plan = try w.manager.plannedActivities(PlanQuery(dealID: c.dealID)).first else { throw MatrixFailure("no plan") }
        return plan
    }

    // Planned activities follow their deal's account.
    static func plans() -> [MatrixRow] { [
        // On the case's deal, and on its account alone (an action toward Strategic): the same rule.
        row("planActivity(_:)", writes) { _, s, c in
            try s.planActivity(PlannedActivity(dealID: c.dealID, text: "拜访", due: MatrixWorld.today)).id > 0
                && s.planActivity(PlannedActivity(dealID: nil, accountID: c.accountID, text: "培训", due: MatrixWorld.today)).dealID == nil
        },
        row("plannedActivity(_:)", reads, prepare: planned) { w, s, c in try s.plannedActivity(try plan(w, c).id).dealID == c.dealID },
        row("plannedActivities(_:)", reads, prepare: planned) { _, s, c in
            let seen = try s.plannedActivities(PlanQuery(limit: 100))
            let onAccount = seen.contains { $0.dealID == nil && $0.accountID == c.accountID }
            // The account's own plan is seen exactly where its deal's is.
            guard seen.contains(where: { $0.dealID == c.dealID }) == onAccount else { throw MatrixFailure("the account's plan and its deal's disagree") }
            return onAccount
        },
        row("updatePlannedActivity(_:)", writes, prepare: planned) { w, s, c in
            var changed = try plan(w, c)
            changed.text = "改期回访"
            return try s.updatePlannedActivity(changed).text == "改期回访"
        },
        row("completePlannedActivity(_:_:expectedVersion:)", writes, prepare: planned) { w, s, c in
            try s.completePlannedActivity(try plan(w, c).id, PlanCompletion(on: MatrixWorld.today), expectedVersion: nil).plan.isDone
        },
        row("cancelPlannedActivity(_:expectedVersion:)", writes, prepare: planned) { w, s, c in
            try s.cancelPlannedActivity(try plan(w, c).id, expectedVersion: nil)
            return true
        },
    ] }

    // Undo: one's own change, where one may still write.
    static func undo() -> [MatrixRow] { [
        row("lastUndoableChange(since:)", writes) { _, s, c in
            _ = try s.editAccount(c.accountID, expectedVersion: nil) { $0.notes = "撤销我" }
            return try s.lastUndoableChange(since: .distantPast)?.entityID == c.accountID
        },
        row("undo(eventID:)", writes) { _, s, c in
            _ = try s.editAccount(c.accountID, expectedVersion: nil) { $0.notes = "撤销我" }
            guard let change = try s.lastUndoableChange(since: .distantPast) else { return false }
            _ = try s.undo(eventID: change.id)
            return try s.account(c.accountID).notes.isEmpty
        },
    ] }

    // The duplicate check says exactly the accounts a member may not see exist (and who holds them).
    static func duplicates() -> [MatrixRow] { [
        row("hiddenAccounts(_:)", { role, c in role != .stranger && c.access(role) == .none }) { _, s, c in
            let hidden = try s.hiddenAccounts(.name("客户\(c)"))
            return hidden.exist && hidden.holders == ["owner.rep"]
        },
    ] }
}

// MARK: The protocols, as declared

/// Method selectors ("moveDeal(_:to:forceReason:expectedVersion:)") of the store protocols,
/// read from their source files.
enum ProtocolMethods {
    static let files = ["Store.swift", "OwnershipStore.swift", "SavedFilterStore.swift", "HealthStore.swift", "PlanStore.swift", "UndoStore.swift",
                        "DuplicateCheck.swift", "TeamNumbersStore.swift", "ForeignBatchImporting.swift"]

    static func declared() throws -> Set<String> {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/CloserCore/Store")
        var selectors = Set<String>()
        for file in files {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            selectors.formUnion(selectorsInProtocols(text))
        }
        return selectors
    }

    /// The `func` requirements inside `protocol … {` blocks.
    static func selectorsInProtocols(_ text: String) -> [String] {
        var result: [String] = []
        var inProtocol = false, depth = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if !inProtocol, trimmed.hasPrefix("public protocol ") || trimmed.hasPrefix("protocol ") {
                inProtocol = true
                depth = 0
            }
            if inProtocol, trimmed.hasPrefix("func "), depth == 1, let selector = selector(of: trimmed) {
                result.append(selector)
            }
            if inProtocol {
                depth += line.filter { $0 == "{" }.count - line.filter { $0 == "}" }.count
                if depth == 0, line.contains("}") { inProtocol = false }
            }
        }
        return result
    }

    static func selector(of declaration: String) -> String? {
        guard let open = declaration.firstIndex(of: "(") else { return nil }
        let name = declaration[declaration.index(declaration.startIndex, offsetBy: 5)..<open]
        var depth = 0, parameters: [String] = [], current = ""
        for character in declaration[declaration.index(after: open)...] {
            if character == "(" { depth += 1 }
            if character == ")" {
                if depth == 0 { break }
                depth -= 1
            }
            if character == ",", depth == 0 {
                parameters.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        if !current.trimmingCharacters(in: .whitespaces).isEmpty { parameters.append(current) }
        let labels = parameters.compactMap { $0.trimmingCharacters(in: .whitespaces).split(separator: " ").first.map { $0.replacingOccurrences(of: ":", with: "") } }
        return "\(name)(" + labels.map { "\($0):" }.joined() + ")"
    }
}

/// A matrix row's own check that failed: not a refusal of the store.
struct MatrixFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
