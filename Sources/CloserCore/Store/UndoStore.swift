import Foundation

/// Taking back one's own change (the dashboard's `u`): a move, a milestone tick, a score change
/// or an edit is reverted as a new logged change by the same user — never by rewriting the log —
/// and only while the row is still as that change left it.
public protocol UndoStore: Sendable {
    /// The actor's latest change since `since` that `undo` can take back and that was not taken
    /// back already; nil when there is none.
    func lastUndoableChange(since: Date) throws -> ChangeEvent?
    /// Reverts the fields change `eventID` changed and returns the change that did it (logged
    /// like the change it reverts, noted "undo of change N"). Refused — with nothing written —
    /// when the change is someone else's, is not a move, milestone, score change or edit, was
    /// undone already, or when the row has changed since (the refusal names who changed it).
    func undo(eventID: Int64) throws -> ChangeEvent
}

/// How an undo's log row points at the change it took back.
public enum UndoNote {
    public static func note(undoing eventID: Int64) -> String { "undo of change \(eventID)" }

    /// The change an undo row took back, nil for any other row.
    public static func undoneEvent(_ event: ChangeEvent) -> Int64? {
        guard event.note.hasPrefix("undo of change ") else { return nil }
        return Int64(event.note.dropFirst("undo of change ".count))
    }

    /// Which changes can be taken back, by entity and action.
    public static func isUndoable(entity: String, action: String) -> Bool {
        switch entity {
        // A deal's "next-step" rows follow its planned activities: taken back through the plans, not here.
        case "deal": ["moved", "forced", "milestone", "updated", "close-date"].contains(action)
        case "account": ["updated", "scores"].contains(action)
        case "person": action == "updated"
        default: false
        }
    }

    /// "undone: moved · stage: Entry → Develop" / "已撤销：推进 · 阶段: 销售进入 → 开发", for the status line.
    public static func done(_ undo: ChangeEvent, catalog: ProcessCatalog) -> LocalizedText {
        let change = ChangeEvent(at: undo.at, user: undo.user, entity: undo.entity, entityID: undo.entityID, action: undo.action,
                                 changes: undo.changes)
        return LocalizedText(en: "undone: " + ChangeWording(catalog: catalog, lang: .en).line(change),
                             zh: "已撤销：" + ChangeWording(catalog: catalog, lang: .zh).line(change))
    }
}
