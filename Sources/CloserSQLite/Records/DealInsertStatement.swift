import CloserCore
import Foundation
import GRDB

/// New deal rows written by binding each column straight into one compiled INSERT: a large
/// import writes 100k of them, and the array of boxed values that `columnValues` makes for
/// each row (then converted, validated and bound by GRDB) cost more than SQLite's insert.
/// The columns and what each holds are `Deal.columns` and `columnValues`, value for value;
/// a test checks that both write the same row.
struct DealInsertStatement {
    private var row: RowBinder

    init(_ db: Database) throws {
        row = try RowBinder(db, insertingInto: "deal", columns: Deal.columns)
    }

    /// Inserts the deal as a new row; returns the id SQLite picked, or the deal's own with
    /// `keepingID` (a whole store restored from its file).
    @discardableResult
    mutating func insert(_ deal: Deal, derived: DealDerived, searchKey: String, updatedBy: String, keepingID: Bool = false) throws -> Int64 {
        row.reset()
        if keepingID { row.int(deal.id) } else { row.null() }
        row.int(deal.accountID)
        row.text(deal.title)
        row.text(deal.processKey)
        row.text(deal.stageKey)
        row.text(deal.milestonesDone.isEmpty ? "[]" : ColumnCoding.strings(deal.milestonesDone.sorted()))
        row.int(deal.amount.minorUnits)
        row.text(deal.amount.currency)
        row.text(deal.expectedClose?.description)
        row.text(deal.nextStep)
        row.text(deal.nextStepDue?.description)
        row.int(deal.budgetKnown ? 1 : 0)
        row.text(deal.competitors.isEmpty ? "[]" : ColumnCoding.strings(deal.competitors))
        row.text(deal.owner)
        row.text(deal.overrides.isEmpty ? "[]" : ColumnCoding.codable(deal.overrides))
        row.text(deal.outcome.rawValue)
        row.text(deal.outcomeReason)
        row.text(deal.forecastCategory.rawValue)
        row.double(ColumnCoding.time(deal.stageEnteredAt))
        row.text(deal.closedOn?.description)
        row.text(deal.externalID)
        row.int(Int64(derived.probability))
        row.int(derived.weighted)
        row.int(derived.atRisk ? 1 : 0)
        row.int(Int64(derived.milestonesMet))
        row.int(Int64(derived.milestonesTotal))
        row.text(searchKey)
        row.int(Int64(deal.version))
        row.double(ColumnCoding.time(deal.createdAt))
        row.double(ColumnCoding.time(deal.updatedAt))
        row.text(updatedBy)
        row.text(ColumnCoding.needs(deal.needs))
        row.int(deal.hasStatedNeeds ? 1 : 0)
        row.text(deal.nextStepKey)
        row.text(deal.lossReason)
        row.text(deal.lostTo)
        return try row.execute(what: "a new deal")
    }
}
