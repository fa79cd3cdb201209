import CloserCore
import Foundation

/// The stage history rows of many deals, made from their logged stage events read in one pass
/// ordered by deal, then time, then event id: each deal's events are gathered, and replayed
/// (`StageHistoryReplay`) as soon as the next deal's first event shows they are complete. A store
/// reads its log in whatever pieces it likes (all at once, or a cursor's batches); a deal's
/// events may straddle two pieces.
package struct StageHistoryLogReplay {
    /// A logged stage event and the deal it is about.
    package struct Entry {
        package var dealID: Int64
        package var eventID: Int64
        package var at: Double
        package var kind: String
        package var fromStage: String?
        package var toStage: String?
        package var closeOld: String?
        package var closeNew: String?

        package init(dealID: Int64, eventID: Int64, at: Double, kind: String, fromStage: String?, toStage: String?,
                     closeOld: String?, closeNew: String?) {
            self.dealID = dealID
            self.eventID = eventID
            self.at = at
            self.kind = kind
            self.fromStage = fromStage
            self.toStage = toStage
            self.closeOld = closeOld
            self.closeNew = closeNew
        }
    }

    /// Each process's stages and their positions (a stage not in its deal's process has none).
    private let positions: [String: [String: Int64]]
    private var deal: StageHistoryRecord.Deal?
    private var events: [StageHistoryReplay.Event] = []
    private var closeDates: [(old: String?, new: String?)] = []

    package init(positions: [String: [String: Int64]]) {
        self.positions = positions
    }

    /// Takes the log's next stage event; the rows of the deal before it, now complete, are added
    /// to `records`. `deal` (the deal as it is now) is read once per deal, at its first event.
    package mutating func add(_ entry: Entry, deal readDeal: () throws -> StageHistoryRecord.Deal,
                              to records: inout [StageHistoryRecord]) rethrows {
        if deal?.id != entry.dealID {
            finish(to: &records)
            deal = try readDeal()
        }
        let process = deal.flatMap { positions[$0.process] }
        events.append(StageHistoryReplay.Event(eventID: entry.eventID, at: entry.at, kind: entry.kind, fromStage: entry.fromStage,
                                               toStage: entry.toStage, fromPosition: entry.fromStage.flatMap { process?[$0] },
                                               toPosition: entry.toStage.flatMap { process?[$0] }))
        closeDates.append((entry.closeOld, entry.closeNew))
    }

    /// Adds the rows of the deal read last: call once the log is read to its end.
    package mutating func finish(to records: inout [StageHistoryRecord]) {
        guard let deal else { return }
        for (index, row) in StageHistoryReplay.rows(events).enumerated() {
            records.append(StageHistoryRecord(deal: deal, event: events[index], closeOld: closeDates[index].old,
                                              closeNew: closeDates[index].new, history: row))
        }
        self.deal = nil
        events.removeAll(keepingCapacity: true)
        closeDates.removeAll(keepingCapacity: true)
    }
}

extension StageHistoryLogReplay {
    /// The log's actions that make a stage history row.
    package static let stageActions: Set<String> = ["created", "moved", "forced", "won", "lost", "withdrawn", "reopened", "close-date"]

    /// The rows of the stage events among `events` when the caller holds them all, and the deals
    /// they are about as the store now holds them (a whole store's load: the rows it has just
    /// written need not be read back). Nil when an event is about a deal not in `deals`.
    package static func rows(of events: [ChangeEvent], deals: [Int64: StageHistoryRecord.Deal],
                             positions: [String: [String: Int64]]) -> [StageHistoryRecord]? {
        let staged = events.filter { $0.entity == "deal" && stageActions.contains($0.action) }
        // The log's order within each deal: time, then event id.
        let ordered = staged.sorted { ($0.entityID, $0.at, $0.id) < ($1.entityID, $1.at, $1.id) }
        var replay = StageHistoryLogReplay(positions: positions)
        var records = [StageHistoryRecord]()
        records.reserveCapacity(ordered.count)
        for event in ordered {
            guard let deal = deals[event.entityID] else { return nil }
            let entry = Entry(dealID: event.entityID, eventID: event.id, at: event.at.timeIntervalSince1970, kind: event.action,
                              fromStage: event.changes["stage"]?.old, toStage: event.changes["stage"]?.new,
                              closeOld: event.changes["expectedClose"]?.old, closeNew: event.changes["expectedClose"]?.new)
            replay.add(entry, deal: { deal }, to: &records)
        }
        replay.finish(to: &records)
        return records
    }
}
