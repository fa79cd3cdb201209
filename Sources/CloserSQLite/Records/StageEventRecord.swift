import CloserStoreKit

/// A `stage_event` row as a bulk rebuild writes it: the deal as it is now, the logged event, and
/// what its replay says.
struct StageEventRecord: ColumnWriting {
    struct Deal {
        var id: Int64
        var process: String
        var owner: String
        var amount: Int64
        var currency: String
    }

    var deal: Deal
    var event: StageHistoryReplay.Event
    var closeOld: String?
    var closeNew: String?
    var history: StageHistoryReplay.Row

    static let columns = ["event_id", "deal_id", "process_key", "owner", "amount", "currency", "at", "kind", "from_stage", "to_stage",
                          "step", "entry_position", "prev_entry_at", "advanced_at", "stage", "left_stage", "entered_at",
                          "close_old", "close_new", "next_same_at", "next_forced_at"]

    func writeColumns(to row: inout some ColumnSink) {
        row.int(event.eventID)
        row.int(deal.id)
        row.text(deal.process)
        row.text(deal.owner)
        row.int(deal.amount)
        row.text(deal.currency)
        row.double(event.at)
        row.text(event.kind)
        row.text(event.fromStage)
        row.text(event.toStage)
        row.int(history.step)
        row.int(history.entryPosition)
        row.double(history.prevEntryAt)
        row.double(history.advancedAt)
        row.text(history.stage)
        row.text(history.leftStage)
        row.double(history.enteredAt)
        row.text(closeOld)
        row.text(closeNew)
        row.double(history.nextSameAt)
        row.double(history.nextForcedAt)
    }
}
