/// One deal's stage history made from its logged stage events, in the log's order: the rows the
/// log's per-event triggers leave behind, computed in one pass over the deal's events instead of
/// by window functions over a whole store's log. For a whole store (362k events in the 100k demo)
/// the set-based SQL sorted the wide rows once per window, four times: 6 s of the load, and the
/// rows' INSERT with its correlated lookups another 6 s. Here it is one sort by deal and a walk.
///
/// The meaning of each column is the trigger's (CloserSQLite's StageHistorySchema): an event
/// reads the deal's earlier events, and a later event marks the earlier ones it follows.
package enum StageHistoryReplay {
    /// A stage event as the log holds it, with the positions of its stages in the deal's process.
    package struct Event: Sendable {
        package var eventID: Int64
        package var at: Double
        package var kind: String
        package var fromStage: String?
        package var toStage: String?
        package var fromPosition: Int64?
        package var toPosition: Int64?

        package init(eventID: Int64, at: Double, kind: String, fromStage: String?, toStage: String?,
                     fromPosition: Int64?, toPosition: Int64?) {
            self.eventID = eventID
            self.at = at
            self.kind = kind
            self.fromStage = fromStage
            self.toStage = toStage
            self.fromPosition = fromPosition
            self.toPosition = toPosition
        }
    }

    /// What the history row of an event says beyond the event itself.
    package struct Row: Equatable, Sendable {
        /// A move: stages forward (+) or back (−); nil when either stage is not in the process.
        package var step: Int64?
        package var entryPosition: Int64?
        /// The last earlier entry into the same stage, for an entry into a stage of the process.
        package var prevEntryAt: Double?
        /// The first later entry into a stage further on.
        package var advancedAt: Double?
        /// The stage the deal stands in after the event; nil once it is closed.
        package var stage: String?
        /// An exit (a move out or a close): the stage left, and when the deal had entered it.
        package var leftStage: String?
        package var enteredAt: Double?
        /// The next event of the same review list, and the next forced gate.
        package var nextSameAt: Double?
        package var nextForcedAt: Double?
    }

    static let entries: Set<String> = ["created", "moved", "forced", "reopened"]
    static let moves: Set<String> = ["moved", "forced"]
    static let closes: Set<String> = ["won", "lost", "withdrawn"]

    /// The review list an event counts in (StageListSchema.list).
    package static func list(kind: String, step: Int64?) -> String? {
        if moves.contains(kind) {
            guard let step else { return nil }
            return step > 0 ? "advanced" : step < 0 ? "slipped" : nil
        }
        return ["created", "won", "lost", "withdrawn"].contains(kind) ? kind : nil
    }

    /// The rows of one deal's events, which must be in the log's order (time, then event id).
    package static func rows(_ events: [Event]) -> [Row] {
        var rows = [Row](repeating: Row(), count: events.count)
        var lastEntryAt = [String: Double]()
        var previous = [Int?](repeating: nil, count: events.count)
        var lastNotCloseDate: Int?
        for (index, event) in events.enumerated() {
            previous[index] = lastNotCloseDate
            if event.kind != "close-date" { lastNotCloseDate = index }
            if moves.contains(event.kind), let to = event.toPosition, let from = event.fromPosition { rows[index].step = to - from }
            guard entries.contains(event.kind) else { continue }
            rows[index].entryPosition = event.toPosition
            if event.toPosition != nil, let stage = event.toStage {
                rows[index].prevEntryAt = lastEntryAt[stage]
                lastEntryAt[stage] = event.at
            }
        }
        markFollowers(events, &rows)
        resolveStages(events, previous, &rows)
        for (index, event) in events.enumerated() {
            let before = previous[index].map { rows[$0] }
            let beforeAt = previous[index].map { events[$0].at }
            if event.kind == "close-date" { rows[index].stage = before?.stage }
            if moves.contains(event.kind) {
                rows[index].leftStage = event.fromStage ?? before?.stage
            } else if closes.contains(event.kind) {
                rows[index].leftStage = before?.stage
            }
            if moves.contains(event.kind) || closes.contains(event.kind), before?.stage != nil { rows[index].enteredAt = beforeAt }
        }
        return rows
    }

    /// What later events tell an earlier one: the next of its list, the next forced gate, the
    /// first entry further on.
    private static func markFollowers(_ events: [Event], _ rows: inout [Row]) {
        var nextOfList = [String: Double]()
        var nextForced: Double?
        for index in events.indices.reversed() {
            let event = events[index]
            if let list = list(kind: event.kind, step: rows[index].step) {
                rows[index].nextSameAt = nextOfList[list]
                nextOfList[list] = event.at
            }
            if event.kind == "forced" {
                rows[index].nextForcedAt = nextForced
                nextForced = event.at
            }
            guard entries.contains(event.kind), let position = event.toPosition else { continue }
            // The later entries are few for a deal; the earliest further on wins.
            rows[index].advancedAt = events[(index + 1)...].lazy
                .filter { entries.contains($0.kind) && ($0.toPosition ?? Int64.min) > position }
                .map(\.at).min()
        }
    }

    /// The stage after each event: an entry's own; a reopening that names no stage returns to
    /// the stage before the close it undoes (or before itself).
    private static func resolveStages(_ events: [Event], _ previous: [Int?], _ rows: inout [Row]) {
        for (index, event) in events.enumerated() where entries.contains(event.kind) {
            guard event.kind == "reopened", event.toStage == nil else {
                rows[index].stage = event.toStage
                continue
            }
            guard let before = previous[index] else { continue }
            let returnTo = closes.contains(events[before].kind) ? previous[before] : before
            // Earlier rows are settled already: the pointer always goes back.
            rows[index].stage = returnTo.flatMap { rows[$0].stage }
        }
    }
}
