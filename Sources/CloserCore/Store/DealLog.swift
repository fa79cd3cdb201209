import Foundation

/// What the event log records of a deal's changes, the same from every store: the weekly review
/// and the stage history read these rows.
public enum DealLog {
    /// The "created" row a new deal's stage history starts from, for every path that adds deals.
    public static func created(_ deal: Deal, by user: String, at time: Date) -> ChangeEvent {
        ChangeEvent(at: time, user: user, entity: "deal", entityID: deal.id, action: "created",
                    changes: ["stage": FieldChange(old: nil, new: deal.stageKey), "amount": FieldChange(old: nil, new: String(deal.amount.minorUnits))],
                    note: deal.title, accountID: deal.accountID)
    }

    /// What the log records of a deal's change: its fields' differences, the stage under
    /// "stage", the milestones forced, and one milestone per event, as the weekly review reads them.
    public static func changes(_ old: Deal, _ updated: Deal) -> [String: FieldChange] {
        var changes = FieldDiff.between(old, updated)
        changes.removeValue(forKey: "stageEnteredAt")
        if old.stageKey != updated.stageKey { changes["stage"] = FieldChange(old: old.stageKey, new: updated.stageKey) }
        changes.removeValue(forKey: "stageKey")
        // The override list is bookkeeping; the log names the milestones that were forced.
        changes.removeValue(forKey: "overrides")
        let forced = updated.overrides.filter { !old.overrides.contains($0) }.map(\.milestoneKey)
        if !forced.isEmpty { changes["forced"] = FieldChange(old: nil, new: forced.joined(separator: ", ")) }
        if changes.removeValue(forKey: "milestonesDone") != nil {
            let added = updated.milestonesDone.subtracting(old.milestonesDone).sorted()
            let removed = old.milestonesDone.subtracting(updated.milestonesDone).sorted()
            changes["milestone"] = FieldChange(old: removed.first, new: added.first)
        }
        return changes
    }

    /// The log's action for a change made outside the deal calls (an import's update): the
    /// outcome, else a move, else a new close date, else an edit.
    public static func action(_ old: Deal, _ updated: Deal) -> String {
        if old.outcome != updated.outcome { return updated.outcome == .open ? "reopened" : updated.outcome.rawValue }
        if old.stageKey != updated.stageKey { return "moved" }
        if old.expectedClose != updated.expectedClose { return "close-date" }
        return "updated"
    }
}
