import CloserStoreKit
import GRDB

/// What a rebuild's new history rows add to the review's daily sums, counted in memory from the
/// rows it has just written (and added by one upsert per sum row): grouping them again in SQL
/// read the 362k rows of the 100k demo four times through the deal index, 3 s of the load.
/// Each sum counts what the history's insert trigger (`stage_day_insert`) adds
/// for a row, and the rebuild test holds both to the same tables.
struct StageHistorySums {
    private struct StageDayKey: Hashable {
        var process: String, day: Int64, owner: String, position: Int64, advanced: Bool, leftStage: String
    }

    private struct ListDayKey: Hashable {
        var day: Int64, list: String, owner: String, currency: String
    }

    private var stageDays = [StageDayKey: (entries: Int64, exits: Int64, seconds: Double)]()
    private var listDays = [ListDayKey: (deals: Int64, amount: Int64)]()

    init(_ rows: [StageEventRecord]) {
        for row in rows { add(row) }
    }

    private mutating func add(_ row: StageEventRecord) {
        let event = row.event, history = row.history, deal = row.deal
        let day = Int64(event.at / 86_400)
        // A first entry into a stage, and whether the deal went further.
        if let position = history.entryPosition, history.prevEntryAt == nil {
            let key = StageDayKey(process: deal.process, day: day, owner: deal.owner, position: position,
                                  advanced: history.advancedAt != nil, leftStage: "")
            stageDays[key, default: (0, 0, 0)].entries += 1
        }
        // An exit: the stage left and how long the deal stood in it.
        if let entered = history.enteredAt, let left = history.leftStage {
            let key = StageDayKey(process: deal.process, day: day, owner: deal.owner, position: -1, advanced: false, leftStage: left)
            let sums = stageDays[key, default: (0, 0, 0)]
            stageDays[key] = (sums.entries, sums.exits + 1, sums.seconds + event.at - entered)
        }
        // The review's lists count each deal's last event of a list in the period.
        if let list = StageHistoryReplay.list(kind: event.kind, step: history.step), history.nextSameAt == nil {
            addToList(list, day: day, deal: deal)
        }
        if event.kind == "forced", history.nextForcedAt == nil {
            addToList("forced", day: day, deal: deal)
        }
    }

    private mutating func addToList(_ list: String, day: Int64, deal: StageEventRecord.Deal) {
        let key = ListDayKey(day: day, list: list, owner: deal.owner, currency: deal.currency)
        let sums = listDays[key, default: (0, 0)]
        listDays[key] = (sums.deals + 1, sums.amount + deal.amount)
    }

    /// Adds the counts to the sums already stored (deleting the deals' old rows took theirs away).
    func add(to db: Database) throws {
        let stageDay = try db.makeStatement(sql: """
            INSERT INTO stage_day (process_key, day, owner, position, advanced, left_stage, entries, exits, seconds)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT DO UPDATE SET entries = entries + excluded.entries, exits = exits + excluded.exits, seconds = seconds + excluded.seconds
            """)
        for (key, sums) in stageDays {
            try stageDay.execute(arguments: [key.process, key.day, key.owner, key.position, key.advanced ? 1 : 0, key.leftStage,
                                             sums.entries, sums.exits, sums.seconds])
        }
        let listDay = try db.makeStatement(sql: """
            INSERT INTO stage_list_day (day, list, owner, currency, deals, amount) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT DO UPDATE SET deals = deals + excluded.deals, amount = amount + excluded.amount
            """)
        for (key, sums) in listDays {
            try listDay.execute(arguments: [key.day, key.list, key.owner, key.currency, sums.deals, sums.amount])
        }
    }
}
