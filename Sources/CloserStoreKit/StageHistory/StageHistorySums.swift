/// What a rebuild's new history rows add to the review's daily sums, counted in memory from the
/// rows it writes (each store then adds them to its sum tables in one pass): grouping them again
/// in SQL read the 362k rows of the 100k demo four times, 3 s of the file store's load.
/// Each sum counts what the history's insert trigger adds for a row (`stage_day_insert` on the
/// file, `closer_stage_rollup_insert` on the server), and the rebuild tests hold both to the
/// same tables.
package struct StageHistorySums {
    /// A `stage_day` row's key: first entries carry the stage's position and no stage left;
    /// exits carry the stage left and position −1.
    package struct StageDay: Hashable {
        package var process: String, day: Int64, owner: String, position: Int64, advanced: Bool, leftStage: String
    }

    package struct StageDaySums {
        package var entries: Int64 = 0, exits: Int64 = 0, seconds: Double = 0
    }

    /// A `stage_list_day` row's key.
    package struct ListDay: Hashable {
        package var day: Int64, list: String, owner: String, currency: String
    }

    package struct ListDaySums {
        package var deals: Int64 = 0, amount: Int64 = 0
    }

    package private(set) var stageDays = [StageDay: StageDaySums]()
    package private(set) var listDays = [ListDay: ListDaySums]()

    package init() {}

    package init(_ rows: [StageHistoryRecord]) {
        for row in rows { add(row) }
    }

    package mutating func add(_ row: StageHistoryRecord) {
        let event = row.event, history = row.history, deal = row.deal
        let day = Int64(event.at / 86_400)
        // A first entry into a stage, and whether the deal went further.
        if let position = history.entryPosition, history.prevEntryAt == nil {
            let key = StageDay(process: deal.process, day: day, owner: deal.owner, position: position,
                               advanced: history.advancedAt != nil, leftStage: "")
            stageDays[key, default: StageDaySums()].entries += 1
        }
        // An exit: the stage left and how long the deal stood in it.
        if let entered = history.enteredAt, let left = history.leftStage {
            let key = StageDay(process: deal.process, day: day, owner: deal.owner, position: -1, advanced: false, leftStage: left)
            Self.addExit(seconds: event.at - entered, to: &stageDays[key, default: StageDaySums()])
        }
        // The review's lists count each deal's last event of a list in the period.
        if let list = StageHistoryReplay.list(kind: event.kind, step: history.step), history.nextSameAt == nil {
            addToList(list, day: day, deal: deal)
        }
        if event.kind == "forced", history.nextForcedAt == nil {
            addToList("forced", day: day, deal: deal)
        }
    }

    private mutating func addToList(_ list: String, day: Int64, deal: StageHistoryRecord.Deal) {
        let key = ListDay(day: day, list: list, owner: deal.owner, currency: deal.currency)
        Self.addDeal(amount: deal.amount, to: &listDays[key, default: ListDaySums()])
    }

    // One look-up of the key per row: the sums are changed where the dictionary holds them.
    private static func addExit(seconds: Double, to sums: inout StageDaySums) {
        sums.exits += 1
        sums.seconds += seconds
    }

    private static func addDeal(amount: Int64, to sums: inout ListDaySums) {
        sums.deals += 1
        sums.amount += amount
    }
}
