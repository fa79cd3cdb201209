import CloserCore
import CloserStoreKit
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
        try backend.checkNeeds(connection, deal, keeping: nil)
        try Self.lockAccount(connection, deal.accountID)
        let evidence = try Self.evidence(connection, accountID: deal.accountID)
        let derived = DealDerived(deal: deal, process: catalog.process(deal.processKey), evidence: evidence)
        deal.id = try Self.insert(connection, into: "deal", columns: Deal.pgColumns,
                                  values: deal.pgValues(derived: derived, accountName: accountName, updatedBy: actor))
        try Self.refreshAccountRollup(connection, accountID: deal.accountID)
        try log(connection, DealLog.created(deal, by: actor, at: clock()))
        // A next step given with the deal is its first planned activity.
        if !deal.nextStep.isEmpty || deal.nextStepDue != nil {
            try backend.replaceNextStep(connection, deal: deal, text: deal.nextStep, due: deal.nextStepDue)
        }
    }

    public func deal(_ id: Int64) throws -> Deal { try backend.readDeal(id) }

    // MARK: Edits (the flows are CloserStoreKit's Deals, the SQL PostgresBackend+Deals')

    public func updateDeal(_ deal: Deal) throws -> Deal {
        try editDeal(deal.id, expectedVersion: deal.version) { $0 = deal }
    }

    public func editDeal(_ id: Int64, expectedVersion: Int?, _ change: (inout Deal) throws -> Void) throws -> Deal {
        try backend.editDeal(id, expectedVersion: expectedVersion, change)
    }

    public func moveDeal(_ id: Int64, to stageKey: String, forceReason: String?, expectedVersion: Int?) throws -> Deal {
        try backend.moveDeal(id, to: stageKey, forceReason: forceReason, expectedVersion: expectedVersion)
    }

    public func setMilestone(dealID: Int64, key: String, done: Bool, expectedVersion: Int?) throws -> Deal {
        try backend.setMilestone(dealID: dealID, key: key, done: done, expectedVersion: expectedVersion)
    }

    public func setNextStep(dealID: Int64, text: String, due: Day?, expectedVersion: Int?) throws -> Deal {
        try backend.setNextStep(dealID: dealID, text: text, due: due, expectedVersion: expectedVersion)
    }

    public func closeDeal(_ id: Int64, as outcome: Outcome, reason: String, expectedVersion: Int?) throws -> Deal {
        try backend.closeDeal(id, as: outcome, reason: reason, expectedVersion: expectedVersion)
    }

    public func reopenDeal(_ id: Int64) throws -> Deal { try backend.reopenDeal(id) }
    public func deleteDeal(_ id: Int64) throws { try backend.deleteDeal(id) }

    // MARK: Inside an open write (an import's update of a deal)

    /// A changed next step rewrites the deal's earliest planned activity (see `PlanBackend.settleNextStep`).
    func settleNextStep(_ connection: Connection, old: Deal, _ edited: inout Deal) throws {
        try backend.settleNextStep(connection, old: old, &edited)
    }

    /// A deal's change inside a transaction already open (see `DealBackend.mutateDeal`).
    func mutateDeal(
        _ connection: Connection, _ id: Int64, expectedVersion: Int?,
        _ change: (Deal, ProcessTemplate, DealEvidence) throws -> (deal: Deal, action: String, note: String)
    ) throws -> Deal {
        try backend.mutateDeal(connection, id, expectedVersion: expectedVersion, change)
    }
}
