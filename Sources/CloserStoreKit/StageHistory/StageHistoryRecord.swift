import CloserCore

/// A stage history row as a bulk rebuild writes it: the deal as it is now, the logged event, and
/// what its replay says. Each store writes these rows with its own statements (a batch insert on
/// the file, COPY on the server), in `columns`' order.
package struct StageHistoryRecord: Sendable {
    package struct Deal: Sendable {
        package var id: Int64
        package var process: String
        package var owner: String
        package var amount: Int64
        package var currency: String

        package init(id: Int64, process: String, owner: String, amount: Int64, currency: String) {
            self.id = id
            self.process = process
            self.owner = owner
            self.amount = amount
            self.currency = currency
        }
    }

    package var deal: Deal
    package var event: StageHistoryReplay.Event
    package var closeOld: String?
    package var closeNew: String?
    package var history: StageHistoryReplay.Row

    package init(deal: Deal, event: StageHistoryReplay.Event, closeOld: String?, closeNew: String?, history: StageHistoryReplay.Row) {
        self.deal = deal
        self.event = event
        self.closeOld = closeOld
        self.closeNew = closeNew
        self.history = history
    }

    /// The history table's columns, as both stores name them.
    package static let columns = ["event_id", "deal_id", "process_key", "owner", "amount", "currency", "at", "kind", "from_stage", "to_stage",
                                  "step", "entry_position", "prev_entry_at", "advanced_at", "stage", "left_stage", "entered_at",
                                  "close_old", "close_new", "next_same_at", "next_forced_at"]

    /// The row's cells in `columns`' order (what a copy between stores carries).
    package var cells: [CellValue] {
        func integer(_ value: Int64?) -> CellValue { value.map(CellValue.integer) ?? .null }
        func real(_ value: Double?) -> CellValue { value.map(CellValue.real) ?? .null }
        func text(_ value: String?) -> CellValue { value.map(CellValue.text) ?? .null }
        return [.integer(event.eventID), .integer(deal.id), .text(deal.process), .text(deal.owner), .integer(deal.amount), .text(deal.currency),
                .real(event.at), .text(event.kind), text(event.fromStage), text(event.toStage), integer(history.step),
                integer(history.entryPosition), real(history.prevEntryAt), real(history.advancedAt), text(history.stage),
                text(history.leftStage), real(history.enteredAt), text(closeOld), text(closeNew), real(history.nextSameAt),
                real(history.nextForcedAt)]
    }
}
