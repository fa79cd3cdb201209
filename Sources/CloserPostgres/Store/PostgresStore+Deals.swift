import CloserCore
import Foundation

extension PostgresStore {
    public func addDeal(_ deal: Deal) throws -> Deal {
        var deal = deal
        let now = clock()
        deal.version = 1
        deal.createdAt = now
        deal.updatedAt = now
        deal.stageEnteredAt = now
        return try write { connection in
            try insertDeal(connection, &deal)
            return deal
        }
    }

    /// `addDeal` inside an open transaction: checked, written at version 1 with its derived
    /// columns, logged, and its next step made its first planned activity.
    func insertDeal(_ connection: Connection, _ deal: inout Deal) throws {
        let catalog = try StagePositions.catalog(connection)
        let issues = Validation.issues(deal, catalog: catalog)
        guard issues.isEmpty else { throw Self.invalid(issues) }
        guard let accountName = try connection.queryOne("SELECT name FROM account WHERE id = ?", [.int(deal.accountID)])?.string("name") else {
            throw StoreError.notFound(entity: "account", id: deal.accountID)
        }
        try requireAccess(connection, account: deal.accountID, .write)
        try Self.checkNeeds(connection, deal)
        try Self.lockAccount(connection, deal.accountID)
        let evidence = try Self.evidence(connection, accountID: deal.accountID)
        let derived = DealDerived(deal: deal, process: catalog.process(deal.processKey), evidence: evidence)
        deal.id = try Self.insert(connection, into: "deal", columns: Deal.pgColumns,
                                  values: deal.pgValues(derived: derived, accountName: accountName, updatedBy: actor))
        try Self.refreshAccountRollup(connection, accountID: deal.accountID)
        try log(connection, DealLog.created(deal, by: actor, at: clock()))
        // A next step given with the deal is its first planned activity.
        if !deal.nextStep.isEmpty || deal.nextStepDue != nil {
            try replaceNextStep(connection, deal: deal, text: deal.nextStep, due: deal.nextStepDue)
        }
    }

    public func deal(_ id: Int64) throws -> Deal {
        try read { connection in
            let deal = try Deal(pg: try Self.fetchRow(connection, "deal", id: id))
            try requireAccess(connection, account: deal.accountID, .read, subject: .deal(id))
            return deal
        }
    }

    public func updateDeal(_ deal: Deal) throws -> Deal {
        try editDeal(deal.id, expectedVersion: deal.version) { $0 = deal }
    }

    /// An edited next step reschedules or rewrites the earliest planned activity (as `setNextStep`);
    /// the deal then shows whichever plan is earliest.
    public func editDeal(_ id: Int64, expectedVersion: Int?, _ change: (inout Deal) throws -> Void) throws -> Deal {
        try write { connection in try editDeal(connection, id, expectedVersion: expectedVersion, note: "", change) }
    }

    /// `editDeal` inside an open transaction, its log row noted (an undo says which change it takes back).
    func editDeal(_ connection: Connection, _ id: Int64, expectedVersion: Int?, note: String, _ change: (inout Deal) throws -> Void) throws -> Deal {
        let held = try writableDeal(connection, id, expected: expectedVersion)
        let old = held.deal
        var edited = old
        try change(&edited)
        try settleNextStep(connection, old: old, &edited)
        let change = edited
        return try mutateDeal(connection, id, expectedVersion: old.version, held: held) { old, _, _ in
            DealChanges.edit(old, to: change, note: note)
        }
    }

    /// A changed next step rewrites the deal's earliest planned activity, and the deal shows the
    /// step its plans now derive.
    func settleNextStep(_ connection: Connection, old: Deal, _ edited: inout Deal) throws {
        let text = edited.nextStep.trimmingCharacters(in: .whitespacesAndNewlines)
        guard text != old.nextStep || edited.nextStepDue != old.nextStepDue else { return }
        try replaceNextStep(connection, deal: old, text: text, due: edited.nextStepDue)
        (edited.nextStep, edited.nextStepDue) = try Self.derivedNextStep(connection, dealID: old.id)
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
        try write { connection in
            let held = try writableDeal(connection, dealID, expected: expectedVersion)
            try replaceNextStep(connection, deal: held.deal, text: text.trimmingCharacters(in: .whitespacesAndNewlines), due: due)
            return try syncNextStep(connection, dealID: dealID, held: held) ?? held.deal
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
        try write { connection in
            let deal = try Deal(pg: try Self.fetchRow(connection, "deal", id: id))
            try requireAccess(connection, account: deal.accountID, .write, subject: .deal(id))
            try Self.lockAccount(connection, deal.accountID)
            try connection.execute("DELETE FROM deal WHERE id = ?", [.int(id)])
            try Self.refreshAccountRollup(connection, accountID: deal.accountID)
            try log(connection, event("deal", id, "deleted", note: deal.title, account: deal.accountID))
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
        try write { connection in try mutateDeal(connection, id, expectedVersion: expectedVersion, change) }
    }

    /// A deal a write starts from, with its account: the account locked once the actor may write
    /// it, then the deal locked and refused if it is no longer at the version the caller read.
    struct HeldDeal {
        let deal: Deal
        let account: Account
    }

    func writableDeal(_ connection: Connection, _ id: Int64, expected: Int?) throws -> HeldDeal {
        // Who may touch it first: a stale version is reported only to those who may see the deal.
        var account = try lockWritableAccount(connection, .accountOfDeal(id), subject: .deal(id))
        let deal = try Deal(pg: try currentRow(connection, table: "deal", id: id, expected: expected))
        // Moved to another account meanwhile: that one is the account to hold.
        if deal.accountID != account.id {
            account = try lockWritableAccount(connection, .account(deal.accountID), subject: .deal(id))
        }
        return HeldDeal(deal: deal, account: account)
    }

    /// `mutateDeal` inside a transaction already open: for writes that change other rows too.
    /// `held` is the deal as this transaction already locked it (nothing has changed it since).
    func mutateDeal(
        _ connection: Connection, _ id: Int64, expectedVersion: Int?, held: HeldDeal? = nil,
        _ change: (Deal, ProcessTemplate, DealEvidence) throws -> (deal: Deal, action: String, note: String)
    ) throws -> Deal {
        let user = actor
        do {
            let held = try held ?? writableDeal(connection, id, expected: expectedVersion)
            let old = held.deal
            let currentVersion = old.version
            let catalog = try StagePositions.catalog(connection)
            guard let process = catalog.process(old.processKey) else {
                throw StoreError.rule(.unknownProcess(old.processKey))
            }
            let evidence = try Self.evidence(connection, accountID: old.accountID)
            var (updated, action, note) = try change(old, process, evidence)
            let issues = Validation.issues(updated, catalog: catalog)
            guard issues.isEmpty else { throw Self.invalid(issues) }
            try Self.checkNeeds(connection, updated, keeping: old)
            updated.id = id
            updated.version = currentVersion + 1
            updated.createdAt = old.createdAt
            updated.updatedAt = clock()
            let accountName: String
            if updated.accountID == held.account.id {
                accountName = held.account.name
            } else if let name = try connection.queryOne("SELECT name FROM account WHERE id = ?", [.int(updated.accountID)])?.string("name") {
                accountName = name
            } else {
                throw StoreError.notFound(entity: "account", id: updated.accountID)
            }
            if updated.accountID != old.accountID {
                try requireAccess(connection, account: updated.accountID, .write)
                try Self.lockAccount(connection, updated.accountID)
            }
            let derived = DealDerived(deal: updated, process: process, evidence: updated.accountID == old.accountID
                                      ? evidence : try Self.evidence(connection, accountID: updated.accountID))
            var values = updated.pgValues(derived: derived, accountName: accountName, updatedBy: user)
            values.removeFirst()
            let changed = try connection.execute(StatementText.update("deal", columns: Deal.pgColumns), values + [.int(id), .int(currentVersion)])
            guard changed == 1 else {
                throw StoreError.staleVersion(entity: "deal", id: id, expected: currentVersion, current: currentVersion + 1, lastChangedBy: "another session")
            }
            try log(connection, event("deal", id, action, DealLog.changes(old, updated), note: note, account: updated.accountID,
                                      version: updated.version))
            try Self.refreshAccountRollup(connection, accountID: updated.accountID)
            if old.accountID != updated.accountID { try Self.refreshAccountRollup(connection, accountID: old.accountID) }
            return updated
        }
    }

    /// A need is stated by a key person of the deal's own account. Needs kept from `old` (same
    /// account) are not checked again: a person deleted since must not block every later edit.
    static func checkNeeds(_ connection: Connection, _ deal: Deal, keeping old: Deal? = nil) throws {
        var ids = Set(deal.needs.compactMap(\.statedBy))
        if let old, old.accountID == deal.accountID { ids.subtract(old.needs.compactMap(\.statedBy)) }
        guard !ids.isEmpty else { return }
        let sorted = ids.sorted()
        let found = Set(try connection.query("SELECT id FROM person WHERE account_id = ? AND id IN (\(sorted.map { _ in "?" }.joined(separator: ",")))",
                                             [.int(deal.accountID)] + sorted.map(SQLValue.int)).map { try $0.int64("id") })
        if let missing = sorted.first(where: { !found.contains($0) }) {
            throw StoreError.invalid(.needByStranger(person: missing, account: deal.accountID))
        }
    }
}
