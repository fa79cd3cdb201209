import Foundation

/// What the event log records of a recorded activity and of a new plan, the same from every
/// store and every door (one at a time, or a file imported whole).
public enum ActivityLog {
    /// The "created" row of an activity; `at` and `user` are the store's to fill.
    public static func recorded(_ activity: Activity) -> (changes: [String: FieldChange], note: String) {
        var changes = ["kind": FieldChange(old: nil, new: activity.kind.rawValue), "day": FieldChange(old: nil, new: activity.day.description)]
        if !activity.personIDs.isEmpty { changes["met"] = FieldChange(old: nil, new: activity.personIDs.map(String.init).joined(separator: ", ")) }
        return (changes, activity.dealID.map { "deal \($0)" } ?? "account \(activity.accountID)")
    }

    /// The "planned" row of a new plan.
    public static func planned(_ plan: PlannedActivity) -> [String: FieldChange] {
        var changes = ["text": FieldChange(old: nil, new: plan.text), "kind": FieldChange(old: nil, new: plan.kind.rawValue)]
        if let due = plan.due { changes["due"] = FieldChange(old: nil, new: due.description) }
        if let time = plan.time { changes["time"] = FieldChange(old: nil, new: time.description) }
        return changes
    }
}
