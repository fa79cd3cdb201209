import CloserCore

/// The keys an import matches rows by, read once per import (one pass per table), and the rules
/// that turn a row's keys into the one stored row it changes — or into a refusal when the keys
/// name several, because writing over the wrong deal loses data nobody sees go.
struct ImportMatchIndex {
    var catalog: ProcessCatalog
    var accountByExternal = [String: Int64]()
    var accountsByName = [String: [Int64]]()
    /// Each stored account's name: a row naming an account by our own id must also name it.
    var accountNameByID = [Int64: String]()
    var personByExternal = [String: Int64]()
    var personsByAccountName = [NameInAccount: NamedRows]()
    var personAccount = [Int64: Int64]()
    var dealByExternal = [String: Int64]()
    var dealsByAccountTitle = [NameInAccount: NamedRows]()
    var dealAccount = [Int64: Int64]()
    var activityKeys = Set<ActivityKey>()
    /// Why the importer may not change each stored account they may not change (none for a manager).
    var refusals = [Int64: LocalizedText]()

    init(store: some ForeignPlanSource, entity: ImportEntity) throws {
        catalog = try store.processCatalog()
        let actor = store.importer
        try store.eachAccountKey { key in
            if let external = key.externalID { accountByExternal[external] = key.id }
            accountsByName[key.name, default: []].append(key.id)
            accountNameByID[key.id] = key.name
            if actor.isRestricted, key.ownership.access(for: actor) < .write {
                refusals[key.id] = key.ownership.refusal(for: actor, subject: .namedAccount(key.id, key.name)).text
            }
        }
        switch entity {
        case .persons:
            try store.eachPersonKey { key in
                if let external = key.externalID { personByExternal[external] = key.id }
                personsByAccountName[NameInAccount(key.accountID, key.name), default: .none].add(key)
                personAccount[key.id] = key.accountID
            }
        case .deals, .activities:
            try store.eachDealKey { key in
                if let external = key.externalID { dealByExternal[external] = key.id }
                dealsByAccountTitle[NameInAccount(key.accountID, key.name), default: .none].add(key)
                dealAccount[key.id] = key.accountID
            }
            if entity == .activities {
                try store.eachActivityKey { accountID, kind, day, notes in
                    activityKeys.insert(ActivityKey(account: .stored(accountID), kind: kind, day: day, notes: notes))
                }
            }
        case .accounts:
            break
        }
    }

    func refusal(_ accountID: Int64) -> LocalizedText? { refusals[accountID] }

    // MARK: By our own id

    /// An id is taken only where it still fits the row (the same account, the same name): an
    /// export of another store carries ids that name unrelated rows here, and such a row is
    /// matched by its name, as another program's would be.
    func account(closerID: Int64?, named name: String) -> Int64? {
        guard let closerID, accountNameByID[closerID] == name else { return nil }
        return closerID
    }

    func person(closerID: Int64?, in account: AccountRef) -> Int64? { row(closerID, in: account, personAccount) }
    func deal(closerID: Int64?, in account: AccountRef) -> Int64? { row(closerID, in: account, dealAccount) }

    private func row(_ closerID: Int64?, in account: AccountRef, _ accounts: [Int64: Int64]) -> Int64? {
        guard let closerID, case .stored(let accountID) = account, accounts[closerID] == accountID else { return nil }
        return closerID
    }

    // MARK: By name in the account

    /// The person a name names in an account; two of one name are not guessed between.
    func person(named name: String, in accountID: Int64) -> NaturalMatch {
        personsByAccountName[NameInAccount(accountID, name), default: .none].match(preferOpen: false)
    }

    /// The deal a title names in an account. Of several, the one still open is meant (a won
    /// deal's title is often reused by its follow-up) when `preferOpen`; the planner says not
    /// when the row closes the deal or the file has other rows of that title — one of them may
    /// be the closed deal's own row — and then, as with two open deals, the row must say which.
    func deal(titled title: String, in accountID: Int64, preferOpen: Bool) -> NaturalMatch {
        dealsByAccountTitle[NameInAccount(accountID, title), default: .none].match(preferOpen: preferOpen)
    }
}

/// What a row's name found among the stored rows of its account.
enum NaturalMatch: Equatable {
    case none
    case one(Int64)
    /// This many rows share the name, and none of them is clearly meant.
    case ambiguous(Int)
}

/// The stored rows of one account that share a name or title: almost always one, kept without
/// an array so a 100k-row index costs no more than it did with one id each.
enum NamedRows {
    case none
    case one(id: Int64, isOpen: Bool)
    case several([(id: Int64, isOpen: Bool)])

    mutating func add(_ key: ImportRowKey) {
        switch self {
        case .none: self = .one(id: key.id, isOpen: key.isOpen)
        case .one(let id, let isOpen): self = .several([(id, isOpen), (key.id, key.isOpen)])
        case .several(var rows):
            rows.append((key.id, key.isOpen))
            self = .several(rows)
        }
    }

    func match(preferOpen: Bool) -> NaturalMatch {
        switch self {
        case .none: return .none
        case .one(let id, _): return .one(id)
        case .several(let rows):
            let open = rows.filter(\.isOpen)
            if preferOpen, open.count == 1, let only = open.first { return .one(only.id) }
            return .ambiguous(rows.count)
        }
    }
}
