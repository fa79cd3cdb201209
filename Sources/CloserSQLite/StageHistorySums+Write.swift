import CloserStoreKit
import GRDB

extension StageHistorySums {
    /// Adds the counts to the sums the file already holds (deleting the deals' old rows took theirs away).
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
