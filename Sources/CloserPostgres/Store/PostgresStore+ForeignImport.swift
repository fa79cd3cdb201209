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
        try ForeignPlan(batch: batch, store: PostgresImportSource(store: self, connection: connection, importer: try knownActor(connection)))
    }

    private func apply(_ plan: ForeignPlan, _ connection: Connection, fileName: String) throws {
        let note = "imported from \(fileName)"
        var newAccountIDs = [Int64]()
        for draft in plan.newAccounts {
            var account = draft
            account.version = 1
            (account.createdAt, account.updatedAt) = (clock(), clock())
            try insertAccount(connection, &account)
            newAccountIDs.append(account.id)
        }
        func id(_ ref: AccountRef) -> Int64 {
            switch ref {
            case .stored(let id): id
            case .new(let position): newAccountIDs[position]
            }
        }
        for (old, new) in plan.accountUpdates {
            _ = try editAccount(connection, old.id, expectedVersion: old.version, note: note) { $0 = new }
        }

        var touched = Set<Int64>()
        var insertedPersons = [Int: Int64]()
        for (draft, ref, line) in plan.personInserts {
            var person = draft
            person.accountID = id(ref)
            person.version = 1
            (person.createdAt, person.updatedAt) = (clock(), clock())
            try atLine(line) { try insertPerson(connection, &person) }
            insertedPersons[line] = person.id
            touched.insert(person.accountID)
        }
        for (old, new, line) in plan.personUpdates {
            _ = try atLine(line) { try editPerson(connection, old.id, expectedVersion: old.version, note: note) { $0 = new } }
        }
        for link in plan.managerLinks {
            try linkManager(connection, link, account: id(link.account), inserted: insertedPersons, note: note)
        }
        // Persons prove milestones: the new persons' accounts' deals are re-derived once each.
        for accountID in touched.sorted() { try refreshDerived(connection, accountID: accountID) }

        for (draft, ref) in plan.dealInserts {
            var deal = draft
            deal.accountID = id(ref)
            deal.version = 1
            (deal.createdAt, deal.updatedAt, deal.stageEnteredAt) = (clock(), clock(), clock())
            try insertDeal(connection, &deal)
        }
        for (old, new) in plan.dealUpdates {
            try updateImportedDeal(connection, old: old, new: new, note: note)
        }
        for (draft, ref) in plan.activityInserts {
            var activity = draft
            activity.accountID = id(ref)
            try insertActivity(connection, &activity)
        }
    }

    /// The file's deal as it stands in the other program: its stage, outcome and process are
    /// taken as they are (an import records what happened elsewhere; it does not pass gates),
    /// logged as the file store logs them.
    private func updateImportedDeal(_ connection: Connection, old: Deal, new: Deal, note: String) throws {
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
            throw StoreError.invalid("line \(link.line): reports to '\(link.manager)', who is not a person of this account; nothing was imported")
        }
        _ = try atLine(link.line) { try editPerson(connection, personID, expectedVersion: nil, note: note) { $0.reportsTo = managerID } }
    }

    /// A row the plan accepted that the store still refuses (a reporting loop the file closes
    /// with the store's own lines): the whole import stops, naming the line.
    private func atLine<T>(_ line: Int, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as StoreError {
            throw StoreError.invalid("line \(line): \(error); nothing was imported")
        }
    }
}
