import CloserStoreKit

/// A stage history row as the file's bulk insert writes it, in `StageHistoryRecord.columns`' order.
extension StageHistoryRecord: ColumnWriting {
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
