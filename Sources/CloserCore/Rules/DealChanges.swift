import Foundation

/// A deal write as both stores log it: the new row, the log's action and its note. The stores
/// differ only in how they read, lock and write; what an edit may change and how a move or a
/// milestone is named in the log are decided here once.
public typealias LoggedDealChange = (deal: Deal, action: String, note: String)

public enum DealChanges {
    /// An edit of a deal's own fields: stage, gates, outcome and process keep their stored values
    /// (they have their own calls with their own rules); a new close date is logged as such.
    public static func edit(_ old: Deal, to change: Deal, note: String) -> LoggedDealChange {
        var edited = change
        edited.id = old.id
        edited.stageKey = old.stageKey
        edited.stageEnteredAt = old.stageEnteredAt
        edited.milestonesDone = old.milestonesDone
        edited.overrides = old.overrides
        edited.outcome = old.outcome
        edited.outcomeReason = old.outcomeReason
        edited.closedOn = old.closedOn
        edited.processKey = old.processKey
        return (edited, old.expectedClose != edited.expectedClose ? "close-date" : "updated", note)
    }

    /// A move to `stageKey` (a key or a stage's name) under the process's gates; "forced" with
    /// the reason when it passed a gate by force.
    public static func move(_ old: Deal, to stageKey: String, process: ProcessTemplate, evidence: DealEvidence,
                            forceReason: String?, by user: String, at time: Date) throws -> LoggedDealChange {
        guard let stage = process.resolveStage(stageKey) else {
            throw StoreError.rule(.unknownStage(stageKey, process: process.key))
        }
        let moved = try lifted { try DealRules.move(old, to: stage.key, process: process, evidence: evidence, forceReason: forceReason, by: user, at: time) }
        let forced = moved.overrides.contains { !old.overrides.contains($0) }
        return (moved, forced ? "forced" : "moved", forced ? (forceReason ?? "") : "")
    }

    /// A milestone ticked or unticked (one proven from data refuses a tick).
    public static func milestone(_ old: Deal, key: String, done: Bool, process: ProcessTemplate,
                                 evidence: DealEvidence) throws -> LoggedDealChange {
        let updated = try lifted { try DealRules.setMilestone(old, key: key, done: done, process: process, evidence: evidence) }
        return (updated, "milestone", "\(key) \(done ? "done" : "undone")")
    }

    /// A model rule's refusal as the store's error.
    private static func lifted<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as DealRuleError { throw StoreError.rule(error) }
    }
}
