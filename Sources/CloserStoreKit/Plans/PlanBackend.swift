import CloserCore
import Foundation

/// What the planned activities need of a backend, beyond `DealBackend` (a deal's next step is
/// its earliest open plan, so plans and deal edits go together).
package protocol PlanBackend: DealBackend {
    /// The plan as stored, or a not-found refusal.
    func fetchPlan(_ transaction: Transaction, _ id: Int64) throws -> PlannedActivity
    /// The plan a write starts from, held until the transaction ends; refused if it is no longer at `expected`.
    func currentPlan(_ transaction: Transaction, _ id: Int64, expected: Int?) throws -> PlannedActivity
    /// The deal's earliest open plan (in `PlannedActivity.precedes` order), nil for none.
    func firstOpenPlan(_ transaction: Transaction, dealID: Int64) throws -> PlannedActivity?
    /// Inserts the plan's row as it is (by the actor) and returns its id.
    func insertPlanRow(_ transaction: Transaction, _ plan: PlannedActivity) throws -> Int64
    /// Writes `plan` over the row at `version`; false when the row was no longer at that version.
    func updatePlanRow(_ transaction: Transaction, _ plan: PlannedActivity, at version: Int) throws -> Bool
    func deletePlanRow(_ transaction: Transaction, _ id: Int64) throws
    /// Logs an activity (the one a completed plan leaves), its id set.
    func insertActivity(_ transaction: Transaction, _ activity: inout Activity) throws
}
