import CloserCore
import CloserExchange
import CloserStoreKit
import Foundation
import GRDB

extension SQLiteStore {
    /// Imports rows read from another program's file. All or nothing: with any rejected row
    /// nothing is written unless `skipBad`, which writes the good rows and leaves the
    /// rejected ones to the caller. `dryRun` works the plan out and writes nothing.
    /// A rep's rows are matched against every account (a second copy of a customer is not made
    /// behind another rep's back) but change only accounts the rep may change: a row for another
    /// rep's account is rejected naming its holder, and the report says nothing more of it.
    public func importForeign(_ batch: ForeignBatch, dryRun: Bool, skipBad: Bool) throws -> ForeignImportReport {
        try ForeignImportRule.run(batch, dryRun: dryRun, skipBad: skipBad, read: { try read($0) }, write: { try write($0) },
                                  plan: { [self] in try plan(batch, $0) }, apply: { [self] in try apply($0, $1) },
                                  logImported: { [self] note, db in try log(db, event("store", 0, "imported", note: note, account: nil)) })
    }

    private func plan(_ batch: ForeignBatch, _ db: Database) throws -> ForeignPlan {
        try ForeignPlan(batch: batch, store: SQLiteImportSource(store: self, db: db, importer: try knownActor(db)))
    }

    private func apply(_ plan: ForeignPlan, _ db: Database) throws {
        let user = actor
        let now = clock()
        var newAccountIDs = [Int64]()
        var names = [Int64: String]()
        // The holding rules for every owner the file names, as adding the accounts one by one would ask them.
        try NewAccountsCheck(SQLiteTeam(db: db)).check(plan.newAccounts, by: try knownActor(db))
        for account in plan.newAccounts {
            let id = try insert(db, account, user: user, now: now)
            newAccountIDs.append(id)
            names[id] = account.name
        }
        if let first = newAccountIDs.first {
            try db.execute(sql: "UPDATE account SET owned_since = ? WHERE owner IS NOT NULL AND owned_since IS NULL", arguments: [ColumnCoding.time(now)])
            // One "created" row per new account, made in one statement (as `log` would, one by one).
            try db.execute(sql: """
                INSERT INTO event (at, user, entity, entity_id, action, changes, note, account_id)
                SELECT MAX(?, (SELECT COALESCE(MAX(at), 0) FROM event)), ?, 'account', a.id, 'created', '{}', a.name, a.id
                FROM account a WHERE a.id >= ? ORDER BY a.id
                """, arguments: [ColumnCoding.time(now), user, first])
        }
        func id(_ ref: AccountRef) -> Int64 {
            switch ref {
            case .stored(let id): id
            case .new(let position): newAccountIDs[position]
            }
        }
        for (old, new) in plan.accountUpdates {
            try update(db, old: old, new: new, user: user, now: now)
            try log(db, event("account", new.id, "updated", FieldDiff.between(old, new), account: new.id))
        }
        var touched = Set<Int64>(plan.accountUpdates.filter { $0.old.name != $0.new.name }.map(\.new.id))
        for account in plan.accountUpdates where account.old.name != account.new.name {
            try backend.refreshDealSearchKeys(db, accountID: account.new.id, accountName: account.new.name)
        }

        var insertedPersons = [Int: Int64]()
        for (draft, ref, line) in plan.personInserts {
            var person = draft
            person.accountID = id(ref)
            let personID = try insert(db, person, user: user, now: now)
            insertedPersons[line] = personID
            try log(db, event("person", personID, "created", note: person.name, account: person.accountID))
            touched.insert(person.accountID)
        }
        for (old, new, _) in plan.personUpdates {
            try update(db, old: old, new: new, user: user, now: now)
            try log(db, event("person", new.id, "updated", FieldDiff.between(old, new), account: new.accountID))
            touched.insert(new.accountID)
        }
        // A new manager line may close a loop with the store's other lines: checked once all are written.
        for (old, new, line) in plan.personUpdates where new.reportsTo != nil && new.reportsTo != old.reportsTo {
            do { try backend.checkPersonReferences(db, new) } catch { throw StoreError.invalid(.importLine(line, ErrorText.text(error))) }
        }
        for link in plan.managerLinks {
            try linkManager(db, link, account: id(link.account), inserted: insertedPersons)
        }
        // Persons prove milestones: re-derive the deals of accounts whose persons changed.
        if !plan.personInserts.isEmpty || !plan.personUpdates.isEmpty {
            for accountID in touched { try backend.refreshDerived(db, accountID: accountID) }
        }

        let lastDealID = plan.dealInserts.isEmpty ? 0 : try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM deal") ?? 0
        try BulkIndexes.inserting(plan.dealInserts.count, into: "deal", db) {
            try writeDeals(plan, db, user: user, now: now, accountID: id, names: &names, touched: &touched)
        }
        // A next step from the file is a planned activity: the new deals' in one statement; an
        // updated deal's rewrites its earliest plan, as setting the next step does.
        if !plan.dealInserts.isEmpty {
            let lastPlanID = try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(id), 0) FROM planned_activity") ?? 0
            try PlanSchema.plansFromNextSteps(db, dealsAfter: lastDealID, fresh: true)
            // Each made plan is logged as planning it by hand logs it.
            for row in try Row.fetchAll(db, sql: "SELECT * FROM planned_activity WHERE id > ? ORDER BY id", arguments: [lastPlanID]) {
                let made = PlannedActivity(row: row)
                try log(db, event("plan", made.id, "planned", ActivityLog.planned(made), note: made.subject, account: made.accountID,
                                  version: made.version))
            }
        }
        let rescheduled = plan.dealUpdates.filter { $0.old.nextStep != $0.new.nextStep || $0.old.nextStepDue != $0.new.nextStepDue }
        for (old, new) in rescheduled {
            try backend.replaceNextStep(db, deal: old, text: new.nextStep.trimmingCharacters(in: .whitespacesAndNewlines), due: new.nextStepDue)
        }
        try Self.deriveNextSteps(db, dealIDs: rescheduled.map(\.old.id))

        let insertActivity = try db.makeStatement(sql: SQLText.insert(into: "activity", columns: Activity.columns))
        try HealthBulk.begin(db)
        for (draft, ref) in plan.activityInserts {
            var activity = draft
            activity.accountID = id(ref)
            activity.createdAt = now
            var values = activity.columnValues
            values[0] = nil
            try insertActivity.execute(arguments: StatementArguments(values))
            activity.id = db.lastInsertedRowID
            try log(db, recorded(activity))
            touched.insert(activity.accountID)
        }
        try HealthBulk.end(db, accounts: [], deals: HealthBulk.deals(of: plan.activityInserts.map(\.0)))
        if !plan.activityInserts.isEmpty {
            try db.execute(sql: """
                UPDATE deal SET last_activity = (SELECT MAX(day) FROM activity WHERE activity.deal_id = deal.id)
                WHERE id IN (SELECT DISTINCT deal_id FROM activity WHERE deal_id IS NOT NULL)
                """)
        }
        if touched.count > 500 {
            try Self.refreshAllAccountRollups(db)
        } else {
            for accountID in touched { try Self.refreshAccountRollup(db, accountID: accountID) }
        }
        if plan.dealInserts.count + plan.personInserts.count + plan.newAccounts.count > 1_000 {
            try BulkIndexes.refreshStatistics(db)
        }
    }

    private func writeDeals(_ plan: ForeignPlan, _ db: Database, user: String, now: Date, accountID: (AccountRef) -> Int64,
                            names: inout [Int64: String], touched: inout Set<Int64>) throws {
        guard !plan.dealInserts.isEmpty || !plan.dealUpdates.isEmpty else { return }
        let catalog = try Self.catalog(db)
        // Many deals: every account's evidence and name in two queries; a few: looked up as needed.
        let bulk = plan.dealInserts.count + plan.dealUpdates.count > 200
        var evidence = bulk ? try Self.allEvidence(db) : [:]
        if bulk {
            for row in try Row.fetchAll(db, sql: "SELECT id, name FROM account") { names[row["id"]] = row["name"] }
        }
        func evidenceFor(_ id: Int64) throws -> DealEvidence {
            if let known = evidence[id] { return known }
            if bulk { return DealEvidence() }
            let found = try Self.evidence(db, accountID: id)
            evidence[id] = found
            return found
        }
        func name(_ id: Int64) throws -> String {
            if let known = names[id] { return known }
            let found = try String.fetchOne(db, sql: "SELECT name FROM account WHERE id = ?", arguments: [id]) ?? ""
            names[id] = found
            return found
        }
        let drafts = plan.dealInserts.map { draft, ref -> Deal in
            var deal = draft
            deal.accountID = accountID(ref)
            deal.version = 1
            deal.createdAt = now
            deal.updatedAt = now
            deal.stageEnteredAt = now
            return deal
        }
        if !bulk {
            for deal in drafts {
                _ = try evidenceFor(deal.accountID)
                _ = try name(deal.accountID)
            }
        }
        // With every account's evidence and name at hand, a deal's derived figures and search key
        // need no database: worked out one slice per core for a bulk write, then written in order.
        let (knownEvidence, knownNames) = (evidence, names)
        let prepared = ParallelSlices(count: drafts.count, minimumPerSlice: 5_000).map { range in
            // Many deals share an account: its part of the search key (folded name, pinyin initials) is made once.
            var accountKeys = [Int64: String]()
            return drafts[range].map { deal -> (derived: DealDerived, searchKey: String) in
                let accountKey = accountKeys[deal.accountID] ?? {
                    let key = SearchText.key(for: [knownNames[deal.accountID] ?? ""])
                    accountKeys[deal.accountID] = key
                    return key
                }()
                return (DealDerived(deal: deal, process: catalog.process(deal.processKey), evidence: knownEvidence[deal.accountID] ?? DealEvidence()),
                        SearchText.joined(SearchText.key(for: [deal.title]), accountKey))
            }
        }.flatMap { $0 }
        var insertDeal = try DealInsertStatement(db)
        var firstDealID: Int64?
        for (deal, row) in zip(drafts, prepared) {
            let id = try insertDeal.insert(deal, derived: row.derived, searchKey: row.searchKey, updatedBy: user)
            if firstDealID == nil { firstDealID = id }
            touched.insert(deal.accountID)
        }
        // Each new deal's "created" row starts its stage history: the review counts imported deals
        // as it counts deals added by hand.
        if let firstDealID { try StageHistoryBulk.logCreated(db, dealsFrom: firstDealID, by: actor, at: now) }
        let updateDeal = try db.makeStatement(sql: SQLText.update("deal", columns: Deal.columns))
        for (old, new) in plan.dealUpdates {
            var deal = new
            deal.version = old.version + 1
            deal.updatedAt = now
            if old.stageKey != deal.stageKey { deal.stageEnteredAt = now }
            let derived = DealDerived(deal: deal, process: catalog.process(deal.processKey), evidence: try evidenceFor(deal.accountID))
            var values = deal.columnValues(derived: derived, searchKey: Deal.searchKey(title: deal.title, accountName: try name(deal.accountID)), updatedBy: user)
            values.removeFirst()
            try updateDeal.execute(arguments: StatementArguments(values + [deal.id, old.version]))
            try log(db, event("deal", deal.id, DealLog.action(old, deal), DealLog.changes(old, deal), account: deal.accountID))
            touched.insert(deal.accountID)
        }
    }

    /// Sets a person's manager to the person of that name in the account (the first, if two
    /// share it), both now written; a line that would close a loop refuses the whole import.
    private func linkManager(_ db: Database, _ link: ManagerLink, account: Int64, inserted: [Int: Int64]) throws {
        let personID: Int64?
        switch link.person {
        case .stored(let id): personID = id
        case .inserted(let line): personID = inserted[line]
        }
        guard let personID,
              let managerID = try Int64.fetchOne(db, sql: "SELECT id FROM person WHERE account_id = ? AND name = ? AND id != ? ORDER BY id LIMIT 1",
                                                 arguments: [account, link.manager, personID]) else {
            throw StoreError.invalid(.importManagerUnknown(line: link.line, manager: link.manager))
        }
        var person = Person(row: try Self.fetchRow(db, "person", id: personID))
        person.reportsTo = managerID
        do {
            try backend.checkPersonReferences(db, person)
        } catch {
            throw StoreError.invalid(.importLine(link.line, ErrorText.text(error)))
        }
        try db.execute(sql: "UPDATE person SET reports_to = ? WHERE id = ?", arguments: [managerID, personID])
    }

    /// A new row at version 1, its id chosen by SQLite; the statement is compiled once per import.
    private func insert<Record: VersionedRecord>(_ db: Database, _ record: Record, user: String, now: Date) throws -> Int64 {
        var record = record
        record.version = 1
        record.createdAt = now
        record.updatedAt = now
        var values = record.columnValues(searchKey: record.searchKey, updatedBy: user)
        values[0] = nil
        try db.cachedStatement(sql: SQLText.insert(into: Record.table, columns: Record.columns)).execute(arguments: StatementArguments(values))
        return db.lastInsertedRowID
    }

    private func update<Record: VersionedRecord>(_ db: Database, old: Record, new: Record, user: String, now: Date) throws {
        var updated = new
        updated.version = old.version + 1
        updated.updatedAt = now
        var values = updated.columnValues(searchKey: updated.searchKey, updatedBy: user)
        values.removeFirst()
        try db.cachedStatement(sql: SQLText.update(Record.table, columns: Record.columns)).execute(arguments: StatementArguments(values + [old.id, old.version]))
    }
}

extension SQLiteStore: ForeignBatchImporting {}
