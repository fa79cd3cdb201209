import CloserCore
import CloserStoreKit
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
                try backend.replaceNextStep(db, deal: deal, text: deal.nextStep, due: deal.nextStepDue)
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

    public func deal(_ id: Int64) throws -> Deal { try backend.readDeal(id) }

    static func fetchDeal(_ db: Database, _ id: Int64) throws -> Deal {
        let row = try Self.fetchRow(db, "deal", id: id)
        return Deal(row: row)
    }

    // MARK: Edits (the flows are CloserStoreKit's Deals, the SQL SQLiteBackend+Deals')

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
}
