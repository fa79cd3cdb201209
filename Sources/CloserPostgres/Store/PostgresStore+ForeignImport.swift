import CloserCore
import CloserExchange
import Foundation

extension PostgresStore: ForeignBatchImporting {
    /// Imports rows read from another program's file, planned as the file store plans them
    /// (`ForeignPlan`): all or nothing unless `skipBad`; `dryRun` writes nothing. Each row is
    /// written through the store's own checked inserts and edits, so row-level security, the
    /// per-rep limit, the duplicate check and the log apply to every row, in one transaction.
    public func importForeign(_ batch: ForeignBatch, dryRun: Bool, skipBad: Bool) throws -> ForeignImportReport {
        try ForeignImportRule.run(batch, dryRun: dryRun, skipBad: skipBad, read: { try read($0) }, write: { try write($0) },
                                  plan: { [self] in try plan(batch, $0) }, apply: { [self] in try apply($0, $1, fileName: batch.fileName) },
                                  logImported: { [self] note, connection in try log(connection, event("store", 0, "imported", note: note, account: nil)) })
    }

    private func plan(_ batch: ForeignBatch, _ connection: Connection) throws -> ForeignPlan {
        try ForeignPlan(batch: batch, store: PostgresImportSource(store: self, connection: connection, importer: try knownActor(connection),
                                                                  fileRows: batch.records.count))
    }

    /// New rows go in a table at a time (ImportedRowsWrite), changed deals too (ImportedDealChanges),
    /// changed accounts and persons through the checked edits one by one; the log comes out as the
    /// one-row writes would log it. The history's
    /// row trigger stands aside (`deferred`): the deals' stage history and its daily sums are
    /// made once, in one pass over the log (StageHistoryFill), for the deals the import wrote.
    private func apply(_ plan: ForeignPlan, _ connection: Connection, fileName: String) throws {
        let note = "imported from \(fileName)"
        let now = clock()
        try connection.execute("SET LOCAL closer.history = 'deferred'")
        var stored = Set<Int64>()
        for ref in plan.personInserts.map(\.account) + plan.dealInserts.map(\.account) + plan.activityInserts.map(\.account) {
            if case .stored(let id) = ref { stored.insert(id) }
        }
        try Self.lockAccounts(connection, stored)
        let newRows = plan.newAccounts.count + plan.personInserts.count + plan.dealInserts.count * 2 + plan.activityInserts.count
        let setAside = try BulkLoadSetAside.begin(connection, rows: [
            "account": plan.newAccounts.count, "person": plan.personInserts.count, "deal": plan.dealInserts.count,
            "planned_activity": plan.dealInserts.count, "activity": plan.activityInserts.count, "event": newRows,
        ])
        let newAccountIDs = try insertImportedAccounts(connection, plan.newAccounts, now: now)
        func id(_ ref: AccountRef) -> Int64 {
            switch ref {
            case .stored(let id): id
            case .new(let position): newAccountIDs[position]
            }
        }
        for (old, new) in plan.accountUpdates {
            _ = try editAccount(connection, old.id, expectedVersion: old.version, note: note) { $0 = new }
        }

        let personIDs = try insertImportedPersons(connection, plan.personInserts.map { draft, ref, _ in
            var person = draft
            person.accountID = id(ref)
            return person
        }, now: now)
        let insertedPersons = Dictionary(zip(plan.personInserts.map(\.line), personIDs), uniquingKeysWith: { first, _ in first })
        for (old, new, line) in plan.personUpdates {
            _ = try atLine(line) { try editPerson(connection, old.id, expectedVersion: old.version, note: note) { $0 = new } }
        }
        for link in plan.managerLinks {
            try linkManager(connection, link, account: id(link.account), inserted: insertedPersons, note: note)
        }
        // Persons prove milestones: the deals of stored accounts that gained persons are
        // re-derived once each (the accounts this import made have no deals yet).
        let gainedPersons = Set(plan.personInserts.compactMap { _, ref, _ in if case .stored(let id) = ref { id } else { nil } })
        for accountID in gainedPersons.sorted() { try refreshDerived(connection, accountID: accountID) }

        let dealIDs = try insertImportedDeals(connection, plan.dealInserts.map { draft, ref in
            var deal = draft
            deal.accountID = id(ref)
            return deal
        }, now: now)
        try updateImportedDeals(connection, plan.dealUpdates, note: note)
        try insertImportedActivities(connection, plan.activityInserts.map { draft, ref in
            var activity = draft
            activity.accountID = id(ref)
            return activity
        }, now: now)

        let dealAccounts = plan.dealInserts.map { id($0.account) } + plan.activityInserts.map { id($0.account) } + plan.dealUpdates.map(\.new.accountID)
        try Self.refreshAccountRollups(connection, Set(dealAccounts))
        let historyDeals = dealIDs + plan.dealUpdates.map(\.old.id)
        // The log goes in now (its lock held to the commit), so the history is made from it.
        if !historyDeals.isEmpty || setAside.isActive { try EventLog.flush(connection) }
        if !historyDeals.isEmpty {
            try StageHistoryFill.fill(connection, deals: historyDeals)
        }
        try setAside.end(connection)
        if newRows > 10_000 {
            // A bulk import changes the shape of the data: the planner's statistics follow.
            try connection.execute("ANALYZE account, person, deal, activity, planned_activity")
        }
    }

    /// The file's deal as it stands in the other program: its stage, outcome and process are
    /// taken as they are (an import records what happened elsewhere; it does not pass gates),
    /// logged as the file store logs them. One deal at a time: the reference `updateImportedDeals`
    /// is held to, and its path for a deal the file moves to another account.
    func updateImportedDeal(_ connection: Connection, old: Deal, new: Deal, note: String) throws {
        var imported = new
        try settleNextStep(connection, old: old, &imported)
        if old.stageKey != imported.stageKey { imported.stageEnteredAt = clock() }
        let change = imported
        _ = try mutateDeal(connection, old.id, expectedVersion: old.version) { stored, _, _ in
            (change, DealLog.action(stored, change), note)
        }
    }

    /// Sets a person's manager to the person of that name in the account (the first, if two
    /// share it), both now written; a line that would close a loop refuses the whole import.
    private func linkManager(_ connection: Connection, _ link: ManagerLink, account: Int64, inserted: [Int: Int64], note: String) throws {
        let personID: Int64? = switch link.person {
        case .stored(let id): id
        case .inserted(let line): inserted[line]
        }
        guard let personID,
              let managerID = try connection.queryOne("SELECT id FROM person WHERE account_id = ? AND name = ? AND id <> ? ORDER BY id LIMIT 1",
                                                      [.int(account), .text(link.manager), .int(personID)])?.int64("id") else {
            throw StoreError.invalid(.importManagerUnknown(line: link.line, manager: link.manager))
        }
        _ = try atLine(link.line) { try editPerson(connection, personID, expectedVersion: nil, note: note) { $0.reportsTo = managerID } }
    }

    /// A row the plan accepted that the store still refuses (a reporting loop the file closes
    /// with the store's own lines): the whole import stops, naming the line.
    private func atLine<T>(_ line: Int, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as StoreError {
            throw StoreError.invalid(.importLine(line, ErrorText.text(error)))
        }
    }
}
