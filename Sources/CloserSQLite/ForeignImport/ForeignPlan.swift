import CloserCore
import Foundation
import GRDB

/// An account a row belongs to: one in the store, or one the import creates.
enum AccountRef: Hashable {
    case stored(Int64)
    case new(Int)
}

/// What an import will write, worked out against the store before anything is written:
/// every row matched by external id, else by its natural key (account name; person name in
/// its account; deal title in its account), so importing the same file twice updates.
struct ForeignPlan {
    var report: ForeignImportReport
    var newAccounts: [Account] = []
    var accountUpdates: [(old: Account, new: Account)] = []
    var personInserts: [(person: Person, account: AccountRef, line: Int)] = []
    var personUpdates: [(old: Person, new: Person, line: Int)] = []
    /// Persons whose manager this file itself adds: linked once both are written.
    var managerLinks: [ManagerLink] = []
    var dealInserts: [(deal: Deal, account: AccountRef)] = []
    var dealUpdates: [(old: Deal, new: Deal)] = []
    var activityInserts: [(activity: Activity, account: AccountRef)] = []
    /// Lines whose rows were rejected, for `--skip-bad`'s file of rejects.
    var rejectedLines: Set<Int> { Set(report.rejections.map(\.line)) }

    /// Works the plan out row by row (`ForeignPlanner`), then refuses persons whose manager is
    /// nowhere to be found.
    init(batch: ForeignBatch, db: Database, actor: Actor, checkEdit: (Account, Account) throws -> Void) throws {
        var planner = try ForeignPlanner(batch: batch, db: db, actor: actor)
        for record in batch.records {
            switch record {
            case .account(let draft): try planner.planAccount(draft, db: db, checkEdit: checkEdit)
            case .person(let draft): try planner.planPerson(draft, db: db)
            case .deal(let draft): try planner.planDeal(draft, db: db)
            case .activity(let draft): planner.planActivity(draft)
            }
        }
        planner.rejectUnknownManagers()
        planner.plan.report.rejections.sort { $0.line < $1.line }
        self = planner.plan
    }

    /// An empty plan for `batch`: its file's rejections and column findings, nothing to write yet.
    fileprivate init(batch: ForeignBatch) {
        report = ForeignImportReport(fileName: batch.fileName, entity: batch.mapping.entity)
        report.rejections = batch.rejections
        report.unmappedColumns = batch.mapping.unmapped
        report.unusedColumns = batch.mapping.unused
        report.unmappedStages = batch.unmappedStages
    }

    /// How many more accounts the importing rep may come to hold; unbounded for managers and in
    /// a store without users.
    static func roomForAccounts(_ db: Database, _ actor: Actor) throws -> Int {
        guard actor.isRestricted else { return .max }
        let rules = try SQLiteStore.poolRules(db)
        guard rules.maxAccountsPerRep > 0 else { return .max }
        return max(0, rules.maxAccountsPerRep - (try SQLiteStore.heldCount(db, actor.name)))
    }
}

/// Works out a `ForeignPlan` one record at a time: what each row matches in the store (or in
/// the rows before it), whether the actor may write it, and what it will create or change.
struct ForeignPlanner {
    var plan: ForeignPlan
    let batch: ForeignBatch
    let actor: Actor
    let index: StoreIndex
    /// A rep's new accounts are theirs or the pool's, within the per-rep limit, as `addAccount` rules.
    var roomForAccounts: Int
    var newAccountByName = [String: Int](), newAccountByExternal = [String: Int]()
    /// The line each record was first seen on: a second row for the same record is refused.
    var seen: [RecordKey: Int]
    /// Where each account name (without external id) led, so later rows of the same
    /// account skip the String-keyed lookups; rejections are not kept (each line reports its own).
    var accountByExactName = [ExactText: AccountRef]()
    var personsInFile = Set<PersonInFile>()

    init(batch: ForeignBatch, db: Database, actor: Actor) throws {
        plan = ForeignPlan(batch: batch)
        self.batch = batch
        self.actor = actor
        index = try StoreIndex(db: db, entity: batch.mapping.entity, actor: actor)
        roomForAccounts = try ForeignPlan.roomForAccounts(db, actor)
        seen = [RecordKey: Int](minimumCapacity: batch.records.count)
        plan.report.actions.reserveCapacity(batch.records.count)
    }

    // MARK: Rows

    mutating func planAccount(_ draft: ForeignDraft<Account>, db: Database, checkEdit: (Account, Account) throws -> Void) throws {
        let a = draft.value
        guard firstSighting(RecordKey(.accounts, a.externalID, nil, a.name), draft.line, a.externalID == nil ? .account : .externalID) else { return }
        let stored = a.externalID.flatMap { index.accountByExternal[$0] }
            ?? (index.accountsByName[a.name]?.count == 1 ? index.accountsByName[a.name]?.first : nil)
        if let id = stored {
            if let refusal = index.refusal(id) { reject(draft.line, .account, refusal); return }
            let old = Account(row: try index.row(db, "account", id: id))
            let merged = ForeignMerge.account(old, a, draft.present)
            if let issue = Validation.issues(merged).first { reject(draft.line, nil, issue.text); return }
            do { try checkEdit(old, merged) } catch { reject(draft.line, .account, ErrorText.text(error)); return }
            if merged != old { plan.accountUpdates.append((old, merged)) }
            act(draft.line, verb(merged != old), .accounts, a.name)
        } else if (index.accountsByName[a.name]?.count ?? 0) > 1 {
            reject(draft.line, .account, LocalizedText(en: "\(index.accountsByName[a.name]?.count ?? 0) accounts are named '\(a.name)'; add an external id column to say which",
                                                     zh: "有 \(index.accountsByName[a.name]?.count ?? 0) 个客户名为「\(a.name)」；请加一列外部编号以区分"))
        } else {
            if let issue = Validation.issues(a).first { reject(draft.line, nil, issue.text); return }
            if actor.isRestricted, let owner = a.owner, owner != actor.name, a.visibility != .pool {
                reject(draft.line, .owner, LocalizedText(en: "only a manager imports an account for someone else: '\(a.name)' would belong to \(owner)",
                                                       zh: "只有经理可以为他人导入客户：「\(a.name)」将归 \(owner) 负责"))
                return
            }
            if a.owner != nil, a.visibility != .pool {
                guard roomForAccounts > 0 else {
                    reject(draft.line, .account, LocalizedText(en: "the per-rep limit of accounts is reached: '\(a.name)' was not added — return one to the pool first",
                                                             zh: "已达到每位销售的客户上限：「\(a.name)」未添加——请先退回一个到公海"))
                    return
                }
                roomForAccounts -= 1
            }
            plan.newAccounts.append(a)
            newAccountByName[a.name] = plan.newAccounts.count - 1
            accountByExactName.removeAll()  // a name may now lead to this account instead
            act(draft.line, .create, .accounts, a.name)
        }
    }

    mutating func planPerson(_ draft: ForeignDraft<Person>, db: Database) throws {
        var p = draft.value
        guard let ref = account(draft.account, line: draft.line) else { return }
        guard firstSighting(RecordKey(.persons, p.externalID, ref, p.name), draft.line, p.externalID == nil ? .person : .externalID) else { return }
        var storedID = p.externalID.flatMap { index.personByExternal[$0] }
        if storedID == nil, case .stored(let accountID) = ref { storedID = index.personByAccountName[NameInAccount(accountID, p.name)] }
        // The manager: a person the account has now, else one this file adds (linked once written).
        var managerInFile = false
        if !draft.reportsTo.isEmpty {
            if case .stored(let accountID) = ref, let managerID = index.personByAccountName[NameInAccount(accountID, draft.reportsTo)], managerID != storedID {
                p.reportsTo = managerID
            } else {
                managerInFile = true
            }
        }
        if let id = storedID {
            let old = Person(row: try index.row(db, "person", id: id))
            let merged = ForeignMerge.person(old, p, draft.present)
            if let issue = Validation.issues(merged).first { reject(draft.line, nil, issue.text); return }
            let changed = merged != old || managerInFile
            if changed { plan.personUpdates.append((old, merged, draft.line)) }
            if managerInFile { plan.managerLinks.append(ManagerLink(line: draft.line, account: ref, person: .stored(id), manager: draft.reportsTo)) }
            act(draft.line, verb(changed), .persons, p.name)
        } else {
            if let issue = Validation.issues(p).first { reject(draft.line, nil, issue.text); return }
            plan.personInserts.append((p, ref, draft.line))
            if managerInFile { plan.managerLinks.append(ManagerLink(line: draft.line, account: ref, person: .inserted(line: draft.line), manager: draft.reportsTo)) }
            act(draft.line, .create, .persons, p.name)
        }
        personsInFile.insert(PersonInFile(account: ref, name: p.name))
    }

    mutating func planDeal(_ draft: ForeignDraft<Deal>, db: Database) throws {
        let d = draft.value
        guard let ref = account(draft.account, line: draft.line) else { return }
        guard firstSighting(RecordKey(.deals, d.externalID, ref, d.title), draft.line, d.externalID == nil ? .deal : .externalID) else { return }
        var storedID = d.externalID.flatMap { index.dealByExternal[$0] }
        if storedID == nil, case .stored(let accountID) = ref { storedID = index.dealByAccountTitle[NameInAccount(accountID, d.title)] }
        if let id = storedID {
            // Most rows of a re-import are unchanged: tell from the importable columns
            // alone, and decode the whole deal only for the ones that change.
            let importable = try index.importableDeal(db, id: id)
            if ForeignMerge.deal(importable, d, draft.present) == importable {
                act(draft.line, .unchanged, .deals, d.title)
                return
            }
            let old = Deal(row: try index.row(db, "deal", id: id))
            let merged = ForeignMerge.deal(old, d, draft.present)
            if let issue = Validation.issues(merged, catalog: index.catalog).first { reject(draft.line, nil, issue.text); return }
            if merged != old { plan.dealUpdates.append((old, merged)) }
            act(draft.line, verb(merged != old), .deals, d.title)
        } else {
            if let issue = Validation.issues(d, catalog: index.catalog).first { reject(draft.line, nil, issue.text); return }
            plan.dealInserts.append((d, ref))
            act(draft.line, .create, .deals, d.title)
        }
    }

    mutating func planActivity(_ draft: ForeignDraft<Activity>) {
        var a = draft.value
        guard let ref = account(draft.account, line: draft.line) else { return }
        if !draft.dealTitle.isEmpty {
            guard case .stored(let accountID) = ref, let dealID = index.dealByAccountTitle[NameInAccount(accountID, draft.dealTitle)] else {
                reject(draft.line, .deal, LocalizedText(en: "no deal '\(draft.dealTitle)' at account '\(draft.account.name)'",
                                                      zh: "客户「\(draft.account.name)」没有商机「\(draft.dealTitle)」"))
                return
            }
            a.dealID = dealID
        }
        if let issue = Validation.issues(a).first { reject(draft.line, nil, issue.text); return }
        let key = ActivityKey(account: ref, kind: a.kind.rawValue, day: a.day.description, notes: a.notes)
        guard firstSighting(RecordKey(.activities, nil, ref, "\(a.kind.rawValue)|\(a.day)|\(a.notes)"), draft.line, .day) else { return }
        if index.activityKeys.contains(key) {
            act(draft.line, .unchanged, .activities, "\(a.kind.rawValue) \(a.day)")
        } else {
            plan.activityInserts.append((a, ref))
            act(draft.line, .create, .activities, "\(a.kind.rawValue) \(a.day)")
        }
    }

    /// A manager named but neither in the account nor in this file: the row is rejected whole.
    mutating func rejectUnknownManagers() {
        let unknownManagers = plan.managerLinks.filter { !personsInFile.contains(PersonInFile(account: $0.account, name: $0.manager)) }
        guard !unknownManagers.isEmpty else { return }
        for link in unknownManagers {
            reject(link.line, .reportsTo, LocalizedText(en: "reports to '\(link.manager)', who is not a person of this account (in the store or in this file)",
                                                      zh: "上级「\(link.manager)」不是该客户的人员（存储和本文件中都没有）"))
        }
        let lines = Set(unknownManagers.map(\.line))
        plan.personInserts.removeAll { lines.contains($0.line) }
        plan.personUpdates.removeAll { lines.contains($0.line) }
        plan.managerLinks.removeAll { lines.contains($0.line) }
        plan.report.actions.removeAll { $0.entity == .persons && lines.contains($0.line) }
    }

    // MARK: Accounts a row belongs to

    /// The account a person, deal or activity row names, remembered by its exact name.
    mutating func account(_ key: AccountKey, line: Int) -> AccountRef? {
        guard key.externalID == nil, !key.name.isEmpty else { return resolveAccount(key, line: line) }
        let exact = ExactText(key.name)
        if let known = accountByExactName[exact] { return known }
        let found = resolveAccount(key, line: line)
        if let found { accountByExactName[exact] = found }
        return found
    }

    /// By external id, else by name; a name nobody has yet becomes a new account of the actor's.
    mutating func resolveAccount(_ key: AccountKey, line: Int) -> AccountRef? {
        if let external = key.externalID {
            if let id = index.accountByExternal[external] { return writable(id, line: line, column: .accountExternalID) }
            if let position = newAccountByExternal[external] { return .new(position) }
        }
        if !key.name.isEmpty {
            switch index.accountsByName[key.name]?.count ?? 0 {
            case 0: break
            case 1: if let id = index.accountsByName[key.name]?.first { return writable(id, line: line, column: .account) }
            case let n:
                reject(line, .account, LocalizedText(en: "\(n) accounts are named '\(key.name)'; add the account's external id column to say which",
                                                     zh: "有 \(n) 个客户名为「\(key.name)」；请加一列客户外部编号以区分"))
                return nil
            }
            if let position = newAccountByName[key.name] { return .new(position) }
        } else {
            reject(line, .accountExternalID, LocalizedText(en: "no account has the external id '\(key.externalID ?? "")'",
                                                       zh: "没有外部编号为「\(key.externalID ?? "")」的客户"))
            return nil
        }
        guard roomForAccounts > 0 else {
            reject(line, .account, LocalizedText(en: "the per-rep limit of accounts is reached: new account '\(key.name)' was not added — return one to the pool first",
                                                 zh: "已达到每位销售的客户上限：新客户「\(key.name)」未添加——请先退回一个到公海"))
            return nil
        }
        roomForAccounts -= 1
        plan.newAccounts.append(Account(name: key.name, owner: actor.name, externalID: key.externalID))
        newAccountByName[key.name] = plan.newAccounts.count - 1
        if let external = key.externalID { newAccountByExternal[external] = plan.newAccounts.count - 1 }
        act(line, .create, .accounts, key.name)
        return .new(plan.newAccounts.count - 1)
    }

    /// A stored account the rows of this file add to or change: the actor must be allowed to
    /// change it, else the row is refused naming its holder — and nothing else of it.
    mutating func writable(_ id: Int64, line: Int, column: ImportField) -> AccountRef? {
        if let refusal = index.refusal(id) {
            reject(line, column, refusal)
            return nil
        }
        return .stored(id)
    }

    // MARK: Findings

    mutating func reject(_ line: Int, _ column: ImportField?, _ reason: LocalizedText) {
        let name = column.flatMap { batch.mapping.column($0) }.map { batch.mapping.header[$0] } ?? ""
        plan.report.rejections.append(Rejection(fileName: batch.fileName, line: line, column: name, reason: reason))
    }

    /// The second row in the file for the same record is refused: which one should win?
    mutating func firstSighting(_ key: RecordKey, _ line: Int, _ column: ImportField) -> Bool {
        if let earlier = seen[key] {
            reject(line, column, LocalizedText(en: "the same record as line \(earlier)", zh: "与第 \(earlier) 行是同一条记录"))
            return false
        }
        seen[key] = line
        return true
    }

    mutating func act(_ line: Int, _ verb: ForeignImportReport.Verb, _ entity: ImportEntity, _ name: String) {
        plan.report.actions.append(.init(line: line, verb: verb, entity: entity, name: name))
    }

    func verb(_ changed: Bool) -> ForeignImportReport.Verb { changed ? .update : .unchanged }
}

/// A person of this file by name in its account: who a reports-to line may name.
struct PersonInFile: Hashable {
    var account: AccountRef
    var name: String
}

/// A person whose manager is a person this file adds: the link is made once both are written.
struct ManagerLink {
    enum Target { case stored(Int64), inserted(line: Int) }
    var line: Int
    var account: AccountRef
    var person: Target
    var manager: String
}

/// One record in a file: by its external id when it has one, else by its name in its account.
struct RecordKey: Hashable {
    var entity: ImportEntity
    var externalID: String?
    var account: AccountRef?
    var name: String

    init(_ entity: ImportEntity, _ externalID: String?, _ account: AccountRef?, _ name: String) {
        self.entity = entity
        self.externalID = externalID
        self.account = externalID == nil ? account : nil
        self.name = externalID == nil ? name : ""
    }
}

/// A deal title or person name within one stored account.
struct NameInAccount: Hashable {
    var accountID: Int64
    var name: String
    init(_ accountID: Int64, _ name: String) {
        self.accountID = accountID
        self.name = name
    }
}

/// An activity already logged: same account, kind, day and notes.
struct ActivityKey: Hashable {
    var account: AccountRef
    var kind: String
    var day: String
    var notes: String
}

/// The keys an import matches rows by, read once per import (one query per table).
struct StoreIndex {
    var catalog: ProcessCatalog
    var accountByExternal = [String: Int64]()
    var accountsByName = [String: [Int64]]()
    var personByExternal = [String: Int64]()
    var personByAccountName = [NameInAccount: Int64]()
    var dealByExternal = [String: Int64]()
    var dealByAccountTitle = [NameInAccount: Int64]()
    var activityKeys = Set<ActivityKey>()
    /// Why the actor may not change each stored account they may not change (none for a manager).
    var refusals = [Int64: LocalizedText]()

    init(db: Database, entity: ImportEntity, actor: Actor) throws {
        catalog = try SQLiteStore.catalog(db)
        for row in try Row.fetchAll(db, sql: """
            SELECT id, name, external_id, owner, visibility, shared_with, (protected = 1 OR visibility = 'protected') AS protected FROM account
            """) {
            let id: Int64 = row["id"]
            if let external: String = row["external_id"] { accountByExternal[external] = id }
            accountsByName[row["name"], default: []].append(id)
            if actor.isRestricted {
                let holding = AccountOwnership(accountID: id, owner: row["owner"], visibility: Visibility(rawValue: row["visibility"]) ?? .owned,
                                               sharedWith: ColumnCoding.strings(from: row["shared_with"]), isProtected: row["protected"],
                                               ownedSince: nil, returnedReason: nil)
                if holding.access(for: actor) < .write {
                    refusals[id] = holding.refusal(for: actor, subject: .namedAccount(id, row["name"])).text
                }
            }
        }
        switch entity {
        case .persons:
            for row in try Row.fetchAll(db, sql: "SELECT id, account_id, name, external_id FROM person") {
                let id: Int64 = row["id"], accountID: Int64 = row["account_id"], name: String = row["name"]
                if let external: String = row["external_id"] { personByExternal[external] = id }
                personByAccountName[NameInAccount(accountID, name)] = personByAccountName[NameInAccount(accountID, name)] ?? id
            }
        case .deals, .activities:
            for row in try Row.fetchAll(db, sql: "SELECT id, account_id, title, external_id FROM deal") {
                let id: Int64 = row["id"], accountID: Int64 = row["account_id"], title: String = row["title"]
                if let external: String = row["external_id"] { dealByExternal[external] = id }
                dealByAccountTitle[NameInAccount(accountID, title)] = dealByAccountTitle[NameInAccount(accountID, title)] ?? id
            }
            if entity == .activities {
                for row in try Row.fetchAll(db, sql: "SELECT account_id, kind, day, notes FROM activity") {
                    let accountID: Int64 = row["account_id"], kind: String = row["kind"], day: String = row["day"], notes: String = row["notes"]
                    activityKeys.insert(ActivityKey(account: .stored(accountID), kind: kind, day: day, notes: notes))
                }
            }
        case .accounts:
            break
        }
    }

    /// A deal with only the columns an import can change read (by position: this runs per row
    /// of a re-import); the rest keep their defaults.
    func importableDeal(_ db: Database, id: Int64) throws -> Deal {
        let statement = try db.cachedStatement(sql: """
            SELECT account_id, title, process_key, stage_key, amount, currency, expected_close, next_step, next_step_due,
                   competitors, owner, outcome, outcome_reason, closed_on, external_id, loss_reason, lost_to FROM deal WHERE id = ?
            """)
        guard let row = try Row.fetchOne(statement, arguments: [id]) else { throw StoreError.notFound(entity: "deal", id: id) }
        let competitors: String = row[9]
        return Deal(id: id, accountID: row[0], title: row[1], processKey: row[2], stageKey: row[3],
                    amount: Money(minorUnits: row[4], currency: row[5]), expectedClose: ColumnCoding.day(row[6]), nextStep: row[7],
                    nextStepDue: ColumnCoding.day(row[8]), competitors: competitors == "[]" ? [] : ColumnCoding.strings(from: competitors),
                    owner: row[10], outcome: Outcome(rawValue: row[11]) ?? .open, outcomeReason: row[12], lossReason: row[15], lostTo: row[16],
                    closedOn: ColumnCoding.day(row[13]), externalID: row[14])
    }

    func refusal(_ accountID: Int64) -> LocalizedText? { refusals[accountID] }

    /// A stored row by id, through a statement compiled once per import (not once per row).
    func row(_ db: Database, _ table: String, id: Int64) throws -> Row {
        guard let row = try Row.fetchOne(try db.cachedStatement(sql: "SELECT * FROM \(table) WHERE id = ?"), arguments: [id]) else {
            throw StoreError.notFound(entity: table, id: id)
        }
        return row
    }

}
