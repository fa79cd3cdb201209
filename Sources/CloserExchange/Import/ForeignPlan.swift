import CloserCore
import Foundation

/// An account a row belongs to: one in the store, or one the import creates.
public enum AccountRef: Hashable, Sendable {
    case stored(Int64)
    case new(Int)
}

/// What an import will write, worked out against the store before anything is written:
/// every row matched by external id, else by its natural key (account name; person name in
/// its account; deal title in its account), so importing the same file twice updates.
public struct ForeignPlan {
    public var report: ForeignImportReport
    public var newAccounts: [Account] = []
    public var accountUpdates: [(old: Account, new: Account)] = []
    public var personInserts: [(person: Person, account: AccountRef, line: Int)] = []
    public var personUpdates: [(old: Person, new: Person, line: Int)] = []
    /// Persons whose manager this file itself adds: linked once both are written.
    public var managerLinks: [ManagerLink] = []
    public var dealInserts: [(deal: Deal, account: AccountRef)] = []
    public var dealUpdates: [(old: Deal, new: Deal)] = []
    public var activityInserts: [(activity: Activity, account: AccountRef)] = []
    /// Lines whose rows were rejected, for `--skip-bad`'s file of rejects.
    public var rejectedLines: Set<Int> { Set(report.rejections.map(\.line)) }

    /// Works the plan out row by row (`ForeignPlanner`) against what `store` holds, then refuses
    /// persons whose manager is nowhere to be found. Every store plans the same way; only the
    /// reading of its rows differs.
    public init(batch: ForeignBatch, store: some ForeignPlanSource) throws {
        var planner = try ForeignPlanner(batch: batch, store: store)
        for record in batch.records {
            switch record {
            case .account(let draft): try planner.planAccount(draft)
            case .person(let draft): try planner.planPerson(draft)
            case .deal(let draft): try planner.planDeal(draft)
            case .activity(let draft): try planner.planActivity(draft)
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
    static func roomForAccounts(_ store: some ForeignPlanSource) throws -> Int {
        guard store.importer.isRestricted else { return .max }
        let rules = try store.poolRules()
        guard rules.maxAccountsPerRep > 0 else { return .max }
        return max(0, rules.maxAccountsPerRep - (try store.heldCount(store.importer.name)))
    }
}

/// Works out a `ForeignPlan` one record at a time: what each row matches in the store (or in
/// the rows before it), whether the actor may write it, and what it will create or change.
struct ForeignPlanner<Source: ForeignPlanSource> {
    var plan: ForeignPlan
    let store: Source
    let batch: ForeignBatch
    let actor: Actor
    let index: ImportMatchIndex
    /// A rep's new accounts are theirs or the pool's, within the per-rep limit, as `addAccount` rules.
    var roomForAccounts: Int
    var newAccountByName = [String: Int](), newAccountByExternal = [String: Int]()
    /// The line each record was first seen on: a second row for the same record is refused.
    var seen: [RecordKey: Int]
    /// The line that matched each stored row: two rows that land on one row are refused, whatever
    /// keys led them there.
    var matched: [StoredRecord: Int]
    /// Where each account name (without external id) led, so later rows of the same
    /// account skip the String-keyed lookups; rejections are not kept (each line reports its own).
    var accountByExactName = [ExactText: AccountRef]()
    var personsInFile = Set<PersonInFile>()
    /// How many rows of a file of deals give each title in each account.
    let dealTitlesInFile: [TitleInFile: Int]

    init(batch: ForeignBatch, store: Source) throws {
        plan = ForeignPlan(batch: batch)
        self.store = store
        self.batch = batch
        self.actor = store.importer
        index = try ImportMatchIndex(store: store, entity: batch.mapping.entity)
        roomForAccounts = try ForeignPlan.roomForAccounts(store)
        seen = [RecordKey: Int](minimumCapacity: batch.records.count)
        matched = [StoredRecord: Int](minimumCapacity: batch.records.count)
        var titles = [TitleInFile: Int]()
        for case .deal(let draft) in batch.records { titles[TitleInFile(account: draft.account, title: draft.value.title), default: 0] += 1 }
        dealTitlesInFile = titles
        plan.report.actions.reserveCapacity(batch.records.count)
    }

    // MARK: Rows

    mutating func planAccount(_ draft: ForeignDraft<Account>) throws {
        let a = draft.value
        guard firstSighting(RecordKey(.accounts, draft, a.externalID, nil, a.name), draft.line, identityColumn(draft, a.externalID, .account)) else { return }
        let stored = index.account(closerID: draft.closerID, named: a.name)
            ?? a.externalID.flatMap { index.accountByExternal[$0] }
            ?? (index.accountsByName[a.name]?.count == 1 ? index.accountsByName[a.name]?.first : nil)
        if let id = stored {
            guard firstMatch(.accounts, id, draft.line, .account) else { return }
            if let refusal = index.refusal(id) { reject(draft.line, .account, refusal); return }
            let old = try store.storedAccount(id)
            let merged = ForeignMerge.account(old, a, draft.present)
            if let issue = Validation.issues(merged).first { reject(draft.line, nil, issue.text); return }
            do { try store.checkAccountEdit(old: old, new: merged) } catch { reject(draft.line, .account, ErrorText.text(error)); return }
            if merged != old { plan.accountUpdates.append((old, merged)) }
            act(draft.line, verb(merged != old), .accounts, a.name)
        } else if (index.accountsByName[a.name]?.count ?? 0) > 1 {
            reject(draft.line, .account, LocalizedText(en: "\(index.accountsByName[a.name]?.count ?? 0) accounts are named '\(a.name)'; add an external id column to say which",
                                                     zh: "有 \(index.accountsByName[a.name]?.count ?? 0) 个客户名为「\(a.name)」；请加一列外部编号以区分"))
        } else {
            if let issue = Validation.issues(a).first { reject(draft.line, nil, issue.text); return }
            if let hidden = try store.hiddenAccountRefusal(named: a.name) { reject(draft.line, .account, hidden); return }
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

    mutating func planPerson(_ draft: ForeignDraft<Person>) throws {
        var p = draft.value
        guard let ref = try account(draft.account, line: draft.line) else { return }
        guard firstSighting(RecordKey(.persons, draft, p.externalID, ref, p.name), draft.line, identityColumn(draft, p.externalID, .person)) else { return }
        var storedID = index.person(closerID: draft.closerID, in: ref) ?? p.externalID.flatMap { index.personByExternal[$0] }
        if storedID == nil, case .stored(let accountID) = ref {
            switch index.person(named: p.name, in: accountID) {
            case .none: break
            case .one(let id): storedID = id
            case .ambiguous(let n): reject(draft.line, .person, Self.samePersonName(n, p.name, draft.account.name)); return
            }
        }
        // The manager: a person the account has now, else one this file adds (linked once written).
        var managerInFile = false
        if !draft.reportsTo.isEmpty {
            let manager = if case .stored(let accountID) = ref { index.person(named: draft.reportsTo, in: accountID) } else { NaturalMatch.none }
            switch manager {
            case .one(let managerID) where managerID != storedID: p.reportsTo = managerID
            case .ambiguous(let n): reject(draft.line, .reportsTo, Self.samePersonName(n, draft.reportsTo, draft.account.name)); return
            default: managerInFile = true
            }
        }
        if let id = storedID {
            guard firstMatch(.persons, id, draft.line, .person) else { return }
            let old = try store.storedPerson(id)
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

    mutating func planDeal(_ draft: ForeignDraft<Deal>) throws {
        let d = draft.value
        guard let ref = try account(draft.account, line: draft.line) else { return }
        guard firstSighting(RecordKey(.deals, draft, d.externalID, ref, d.title), draft.line, identityColumn(draft, d.externalID, .deal)) else { return }
        var storedID = index.deal(closerID: draft.closerID, in: ref) ?? d.externalID.flatMap { index.dealByExternal[$0] }
        if storedID == nil, case .stored(let accountID) = ref {
            let closes = d.outcome != .open && !draft.present.isDisjoint(with: [.stage, .outcome])
            let titleInFile = TitleInFile(account: draft.account, title: d.title)
            switch index.deal(titled: d.title, in: accountID, preferOpen: !closes && dealTitlesInFile[titleInFile, default: 0] < 2) {
            case .none: break
            case .one(let id): storedID = id
            case .ambiguous(let n): reject(draft.line, .deal, Self.sameDealTitle(n, d.title, draft.account.name)); return
            }
        }
        if let id = storedID {
            guard firstMatch(.deals, id, draft.line, .deal) else { return }
            // Most rows of a re-import are unchanged: tell from the importable columns
            // alone, and decode the whole deal only for the ones that change.
            let importable = try store.importableDeal(id)
            if ForeignMerge.deal(importable, d, draft.present) == importable {
                act(draft.line, .unchanged, .deals, d.title)
                return
            }
            let old = try store.storedDeal(id)
            let merged = ForeignMerge.deal(old, d, draft.present)
            if let issue = Validation.issues(merged, catalog: index.catalog).first { reject(draft.line, nil, issue.text); return }
            // A row of our export for a deal changed since would undo that change: whose write wins
            // is said here as for any stale edit, not by which file came last.
            if merged != old, id == draft.closerID, let version = draft.closerVersion, version != old.version {
                reject(draft.line, .closerVersion, Self.changedSinceExport(id, exported: version, now: old.version))
                return
            }
            if merged != old { plan.dealUpdates.append((old, merged)) }
            act(draft.line, verb(merged != old), .deals, d.title)
        } else {
            if let issue = Validation.issues(d, catalog: index.catalog).first { reject(draft.line, nil, issue.text); return }
            plan.dealInserts.append((d, ref))
            act(draft.line, .create, .deals, d.title)
        }
    }

    mutating func planActivity(_ draft: ForeignDraft<Activity>) throws {
        var a = draft.value
        guard let ref = try account(draft.account, line: draft.line) else { return }
        if !draft.dealTitle.isEmpty {
            let found = if case .stored(let accountID) = ref { index.deal(titled: draft.dealTitle, in: accountID, preferOpen: true) } else { NaturalMatch.none }
            switch found {
            case .one(let dealID): a.dealID = dealID
            case .ambiguous(let n): reject(draft.line, .deal, Self.sameDealTitle(n, draft.dealTitle, draft.account.name)); return
            case .none:
                reject(draft.line, .deal, LocalizedText(en: "no deal '\(draft.dealTitle)' at account '\(draft.account.name)'",
                                                      zh: "客户「\(draft.account.name)」没有商机「\(draft.dealTitle)」"))
                return
            }
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
    mutating func account(_ key: AccountKey, line: Int) throws -> AccountRef? {
        guard key.externalID == nil, !key.name.isEmpty else { return try resolveAccount(key, line: line) }
        let exact = ExactText(key.name)
        if let known = accountByExactName[exact] { return known }
        let found = try resolveAccount(key, line: line)
        if let found { accountByExactName[exact] = found }
        return found
    }

    /// By external id, else by name; a name nobody has yet becomes a new account of the actor's.
    mutating func resolveAccount(_ key: AccountKey, line: Int) throws -> AccountRef? {
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
            if let hidden = try store.hiddenAccountRefusal(named: key.name) {
                reject(line, .account, hidden)
                return nil
            }
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

    /// A second row that matched a stored row an earlier row already matched.
    mutating func firstMatch(_ entity: ImportEntity, _ id: Int64, _ line: Int, _ column: ImportField) -> Bool {
        if let earlier = matched[StoredRecord(entity: entity, id: id)] {
            reject(line, column, LocalizedText(en: "matches the same stored \(entity.singular) as line \(earlier)", zh: "与第 \(earlier) 行匹配到同一条已有记录"))
            return false
        }
        matched[StoredRecord(entity: entity, id: id)] = line
        return true
    }

    /// The column a repeated row is reported in: the id that said it is the same record.
    func identityColumn<Value>(_ draft: ForeignDraft<Value>, _ externalID: String?, _ name: ImportField) -> ImportField {
        draft.closerID != nil ? .closerID : externalID != nil ? .externalID : name
    }

    static func sameDealTitle(_ count: Int, _ title: String, _ account: String) -> LocalizedText {
        LocalizedText(en: "\(count) deals at '\(account)' are titled '\(title)'; none is clearly meant, so nothing was matched — add the Closer Deal ID column (closer export deals writes it) or the other program's id to say which",
                      zh: "客户「\(account)」有 \(count) 个商机名为「\(title)」，无法确定是哪一个——请加上「Closer 商机编号」列（closer export deals 会导出）或外部编号以区分")
    }

    static func changedSinceExport(_ id: Int64, exported: Int, now: Int) -> LocalizedText {
        LocalizedText(en: "deal #\(id) was changed after this file was exported (version \(exported) in the file, \(now) now): its row would undo that change — export again and redo this row's edit, or see `closer deal show \(id)`",
                      zh: "商机 #\(id) 在导出本文件后已被修改（文件中为版本 \(exported)，现在为 \(now)）：导入这一行会撤销那次修改——请重新导出后再改这一行，或用 `closer deal show \(id)` 查看")
    }

    static func samePersonName(_ count: Int, _ name: String, _ account: String) -> LocalizedText {
        LocalizedText(en: "\(count) persons at '\(account)' are named '\(name)'; none is clearly meant — add the Closer Contact ID column (closer export persons writes it) or the other program's id to say which",
                      zh: "客户「\(account)」有 \(count) 位人员名为「\(name)」，无法确定是哪一位——请加上「Closer 联系人编号」列（closer export persons 会导出）或外部编号以区分")
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
public struct ManagerLink: Sendable {
    public enum Target: Sendable { case stored(Int64), inserted(line: Int) }
    public var line: Int
    public var account: AccountRef
    public var person: Target
    public var manager: String
}

/// One record in a file: by our own id when it has one, else by its external id, else by its
/// name in its account.
struct RecordKey: Hashable {
    enum Identity: Hashable {
        case closer(Int64)
        case external(String)
        case name(AccountRef?, String)
    }

    var entity: ImportEntity
    var identity: Identity

    init(_ entity: ImportEntity, _ externalID: String?, _ account: AccountRef?, _ name: String) {
        self.entity = entity
        identity = externalID.map(Identity.external) ?? .name(account, name)
    }

    init<Value>(_ entity: ImportEntity, _ draft: ForeignDraft<Value>, _ externalID: String?, _ account: AccountRef?, _ name: String) {
        self.init(entity, externalID, account, name)
        if let closerID = draft.closerID { identity = .closer(closerID) }
    }
}

/// A deal title under an account, as a file's rows name them.
struct TitleInFile: Hashable {
    var account: AccountKey
    var title: String
}

/// A row of the store a file row matched.
struct StoredRecord: Hashable {
    var entity: ImportEntity
    var id: Int64
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
