import CloserCore
import Foundation

/// What an activity's read and delete need of a backend, beyond `PlanBackend` (a deleted activity
/// reopens the plan it recorded as done).
package protocol ActivityBackend: PlanBackend {
    /// The activity as stored, or a not-found refusal.
    func fetchActivity(_ transaction: Transaction, _ id: Int64) throws -> Activity
    /// The account of an activity about to be deleted (held), nil for no such activity.
    func accountOfActivityToDelete(_ transaction: Transaction, _ id: Int64) throws -> Int64?
    /// The plans the activity recorded as done, with their deals.
    func plansDone(_ transaction: Transaction, byActivity id: Int64) throws -> [(planID: Int64, dealID: Int64?)]
    func deleteActivityRow(_ transaction: Transaction, _ id: Int64) throws
    /// Opens a done plan again (no day done, no activity), its version bumped, by the actor.
    func reopenPlanRow(_ transaction: Transaction, _ planID: Int64) throws
}
