import CloserCore
import Foundation
import GRDB

extension SQLiteStore {
    public func addDeal(_ deal: Deal) throws -> Deal {
        var deal = deal
        let now = clock()
        deal.version = 1
        deal.createdAt = now
        deal.updatedAt = now
        deal.stageEnteredAt = now
        return try write { db in
            let catalog = try Self.catalog(db)
            let issues = Validation.issues(deal, catalog: catalog)
            guard issues.isEmpty else { throw Self.invalid(issues) }
            guard let accountName = try String.fetchOne(db, sql: "SELECT name FROM account WHERE id = ?", arguments: [deal.accountID]) else {
                throw StoreError.notFound(entity: "account", id: deal.accountID)
            }
            try requireAccess(db, account: deal.accountID, .write)
            try Self.checkNeeds(db, deal)
            try insertDeal(db, &deal, catalog: catalog, accountName: accountName, user: actor)
            try Self.refreshAccountRollup(db, accountID: deal.accountID)
            try log(db, DealLog.created(deal, by: actor, at: clock()))
            // A next step given with the deal is its first planned activity.
            if !deal.nextStep.isEmpty || deal.nextStepDue != nil {
                try replaceNextStep(db, deal: deal, text: deal.nextStep, due: deal.nextStepDue)
            }
            return deal
        }
    }

    func insertDeal(_ db: Database, _ deal: inout Deal, catalog: ProcessCatalog, accountName: String, user: String) throws {
        let evidence = try Self.evidence(db, accountID: deal.accountID)
        let derived = DealDerived(deal: deal, process: catalog.process(deal.processKey), evidence: evidence)
        var values = deal.columnValues(derived: derived, searchKey: Deal.searchKey(title: deal.title, accountName: accountName), updatedBy: user)
        if deal.id == 0 { values[0] = nil }
        try db.execute(sql: SQLText.insert(into: "deal", columns: Deal.columns), arguments: StatementArguments(values))
        deal.id = db.lastInsertedRowID
    }


    public func deal(_ id: Int64) throws -> Deal {
        try read { db in
            let deal = try Self.fetchDeal(db, id)
            try requireAccess(db, account: deal.accountID, .read, subject: .deal(id))
            return deal
        }
    }

    static func fetchDeal(_ db: Database, _ id: Int64) throws -> Deal {
        let row = try Self.fetchRow(db, "deal", id: id)
        return Deal(row: row)
    }

    public func updateDeal(_ deal: Deal) throws -> Deal {
        try editDeal(deal.id, expectedVersion: deal.version) { $0 = deal }
    }

    /// An edited next step reschedules or rewrites the earliest planned activity (as `setNextStep`);
    /// the deal then shows whichever plan is earliest.
    public func editDeal(_ id: Int64, expectedVersion: Int?, _ change: (inout Deal) throws -> Void) throws -> Deal {
        try write { db in try editDeal(db, id, expectedVersion: expectedVersion, note: "", change) }
    }

    /// `editDeal` inside an open transaction, its log row noted (an undo says which change it takes back).
    func editDeal(_ db: Database, _ id: Int64, expectedVersion: Int?, note: String, _ change: (inout Deal) throws -> Void) throws -> Deal {
        let stored = try Self.fetchDeal(db, id)
        try requireAccess(db, account: stored.accountID, .write, subject: .deal(id))
        let old = Deal(row: try currentRow(db, table: "deal", id: id, expected: expectedVersion))
        var edited = old
        try change(&edited)
        let text = edited.nextStep.trimmingCharacters(in: .whitespacesAndNewlines)
        if text != old.nextStep || edited.nextStepDue != old.nextStepDue {
            try replaceNextStep(db, deal: old, text: text, due: edited.nextStepDue)
            (edited.nextStep, edited.nextStepDue) = try Self.derivedNextStep(db, dealID: id)
        }
        return try edit(db, id, expectedVersion: old.version, edited, note: note)
    }

    private func edit(_ db: Database, _ id: Int64, expectedVersion: Int?, _ change: Deal, note: String) throws -> Deal {
        try mutateDeal(db, id, expectedVersion: expectedVersion) { old, _, _ in
            DealChanges.edit(old, to: change, note: note)
        }
    }

    public func moveDeal(_ id: Int64, to stageKey: String, forceReason: String?, expectedVersion: Int?) throws -> Deal {
        let user = actor
        return try mutateDeal(id, expectedVersion: expectedVersion) { old, process, evidence in
            try DealChanges.move(old, to: stageKey, process: process, evidence: evidence, forceReason: forceReason, by: user, at: clock())
        }
    }

    public func setMilestone(dealID: Int64, key: String, done: Bool, expectedVersion: Int?) throws -> Deal {
        try mutateDeal(dealID, expectedVersion: expectedVersion) { old, process, evidence in
            try DealChanges.milestone(old, key: key, done: done, process: process, evidence: evidence)
        }
    }

    /// The next step is the earliest open planned activity: this reschedules or rewrites it (a
    /// new plan when there is none; empty text cancels it), and the deal shows whichever open
    /// plan is then earliest.
    public func setNextStep(dealID: Int64, text: String, due: Day?, expectedVersion: Int?) throws -> Deal {
        try write { db in
            let stored = try Self.fetchDeal(db, dealID)
            try requireAccess(db, account: stored.accountID, .write, subject: .deal(dealID))
            let old = Deal(row: try currentRow(db, table: "deal", id: dealID, expected: expectedVersion))
            try replaceNextStep(db, deal: old, text: text.trimmingCharacters(in: .whitespacesAndNewlines), due: due)
            return try syncNextStep(db, dealID: dealID) ?? old
        }
    }

    public func closeDeal(_ id: Int64, as outcome: Outcome, reason: String, expectedVersion: Int?) throws -> Deal {
        try mutateDeal(id, expectedVersion: expectedVersion) { old, _, _ in
            let closed = try ruled { try DealRules.close(old, as: outcome, reason: reason, on: Day(clock())) }
            return (closed, outcome.rawValue, closed.outcomeReason)
        }
    }

    public func reopenDeal(_ id: Int64) throws -> Deal {
        try mutateDeal(id, expectedVersion: nil) { old, _, _ in
            guard old.outcome != .open else { throw StoreError.refused(.dealAlreadyOpen(id)) }
            var reopened = old
            reopened.outcome = .open
            reopened.outcomeReason = ""
            reopened.lossReason = nil
            reopened.lostTo = nil
            reopened.closedOn = nil
            return (reopened, "reopened", "")
        }
    }

    public func deleteDeal(_ id: Int64) throws {
        try write { db in
            let deal = try Self.fetchDeal(db, id)
            try requireAccess(db, account: deal.accountID, .write, subject: .deal(id))
            try db.execute(sql: "DELETE FROM deal WHERE id = ?", arguments: [id])
            try Self.refreshAccountRollup(db, accountID: deal.accountID)
            try log(db, event("deal", id, "deleted", note: deal.title, account: deal.accountID))
        }
    }

    /// Lifts a model rule's refusal into the store's error type.
    func ruled<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as DealRuleError { throw StoreError.rule(error) }
    }

    /// Reads the deal, applies `change`, re-derives the columns the board aggregates, writes it
    /// back only if nobody saved it in between, and logs what changed.
    func mutateDeal(
        _ id: Int64, expectedVersion: Int?,
        _ change: (Deal, ProcessTemplate, DealEvidence) throws -> (deal: Deal, action: String, note: String)
    ) throws -> Deal {
        try write { db in try mutateDeal(db, id, expectedVersion: expectedVersion, change) }
    }

    /// `mutateDeal` inside a transaction already open: for writes that change other rows too.
    func mutateDeal(
        _ db: Database, _ id: Int64, expectedVersion: Int?,
        _ change: (Deal, ProcessTemplate, DealEvidence) throws -> (deal: Deal, action: String, note: String)
    ) throws -> Deal {
        let user = actor
        let stored = try Self.fetchDeal(db, id)
        // Who may touch it first: a stale version is reported only to those who may see the deal.
        try requireAccess(db, account: stored.accountID, .write, subject: .deal(id))
        let old = Deal(row: try currentRow(db, table: "deal", id: id, expected: expectedVersion))
        let currentVersion = old.version
        let catalog = try Self.catalog(db)
        guard let process = catalog.process(old.processKey) else {
            throw StoreError.rule(.unknownProcess(old.processKey))
        }
        let evidence = try Self.evidence(db, accountID: old.accountID)
        var (updated, action, note) = try change(old, process, evidence)
        let issues = Validation.issues(updated, catalog: catalog)
        guard issues.isEmpty else { throw Self.invalid(issues) }
        try Self.checkNeeds(db, updated, keeping: old)
        updated.id = id
        updated.version = currentVersion + 1
        updated.createdAt = old.createdAt
        updated.updatedAt = clock()
        guard let accountName = try String.fetchOne(db, sql: "SELECT name FROM account WHERE id = ?", arguments: [updated.accountID]) else {
            throw StoreError.notFound(entity: "account", id: updated.accountID)
        }
        if updated.accountID != old.accountID { try requireAccess(db, account: updated.accountID, .write) }
        let derived = DealDerived(deal: updated, process: process, evidence: updated.accountID == old.accountID
                                  ? evidence : try Self.evidence(db, accountID: updated.accountID))
        var values = updated.columnValues(derived: derived, searchKey: Deal.searchKey(title: updated.title, accountName: accountName),
                                          updatedBy: user)
        values.removeFirst()
        try db.execute(sql: SQLText.update("deal", columns: Deal.columns), arguments: StatementArguments(values + [id, currentVersion]))
        guard db.changesCount == 1 else {
            throw StoreError.staleVersion(entity: "deal", id: id, expected: currentVersion, current: currentVersion + 1, lastChangedBy: "another session")
        }
        try log(db, event("deal", id, action, DealLog.changes(old, updated), note: note, account: updated.accountID, version: updated.version))
        try Self.refreshAccountRollup(db, accountID: updated.accountID)
        if old.accountID != updated.accountID { try Self.refreshAccountRollup(db, accountID: old.accountID) }
        return updated
    }
}
