import CloserCore
import Foundation

/// An activity's read and delete as every backend carries them out.
extension ActivityBackend {
    package func readActivity(_ id: Int64) throws -> Activity {
        try read { transaction in
            let activity = try fetchActivity(transaction, id)
            try requireAccess(transaction, account: activity.accountID, .read, subject: .activity(id))
            return activity
        }
    }

    package func deleteActivity(_ id: Int64) throws {
        try write { transaction in
            guard let accountID = try accountOfActivityToDelete(transaction, id) else {
                throw StoreError.notFound(entity: "activity", id: id)
            }
            try requireAccess(transaction, account: accountID, .write, subject: .activity(id))
            try lockAccount(transaction, accountID)
            // A plan it recorded as done is open again: what proved it is gone.
            let reopened = try plansDone(transaction, byActivity: id)
            try deleteActivityRow(transaction, id)
            for plan in reopened {
                try reopenPlanRow(transaction, plan.planID)
                try log(transaction, event("plan", plan.planID, "reopened", note: "activity \(id) deleted", account: accountID))
                try syncNextStep(transaction, dealID: plan.dealID)
            }
            try refreshAccountRollup(transaction, accountID: accountID)
            try log(transaction, event("activity", id, "deleted", account: accountID))
        }
    }
}
