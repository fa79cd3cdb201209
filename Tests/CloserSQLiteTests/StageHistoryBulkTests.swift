import CloserCore
@testable import CloserSQLite
import Foundation
import GRDB
import Testing

/// An import's new deals get their "created" rows and stage history set-based; what the review
/// reads must be what the log's trigger writes for the same deals added one by one.
@Suite struct StageHistoryBulkTests {
    static let now = StoreFixture.now

    static let projectStages = ["develop", "entry", "proposal"]

    static func deal(_ i: Int, account: Int64) -> Deal {
        let technical = i % 3 == 0
        let stage: String = technical ? "evaluate-options" : projectStages[i % 3]
        let owner: String = i % 2 == 0 ? "alice" : "bob"
        return Deal(accountID: account, title: "商机\(i)", processKey: technical ? "technical" : "project", stageKey: stage,
                    amount: Money(minorUnits: Int64(i) * 1_000), owner: owner)
    }

    static func deals(_ accountID: Int64) -> [Deal] { (1...40).map { deal($0, account: accountID) } }

    /// The history and sums, without the event ids and times that differ between the two paths.
    static func history(_ store: SQLiteStore) throws -> [[String]] {
        try store.database.read { db in
            func texts(_ sql: String) throws -> [[String]] {
                try Row.fetchAll(db, sql: sql).map { row in row.databaseValues.map { value in value.description } }
            }
            let rows = try texts("""
                SELECT deal_id, process_key, owner, amount, currency, kind, to_stage, entry_position, prev_entry_at, stage, left_stage,
                       next_same_at IS NULL, next_forced_at IS NULL
                FROM stage_event ORDER BY deal_id, event_id
                """)
            let days = try texts("SELECT * FROM stage_day ORDER BY 1, 2, 3, 4, 5, 6")
            let flows = try texts("SELECT * FROM stage_list_day ORDER BY 1, 2, 3, 4")
            let separator: [[String]] = [["—"]]
            return rows + separator + days + separator + flows
        }
    }

    @Test func theBulkPathWritesWhatTheTriggerWrites() throws {
        let oneByOne = try SQLiteStore(inMemoryWithClock: { Self.now }, actor: "alice")
        let account = try oneByOne.addAccount(Account(name: "宝钢股份", owner: "alice"))
        for deal in Self.deals(account.id) { _ = try oneByOne.addDeal(deal) }

        let bulk = try SQLiteStore(inMemoryWithClock: { Self.now }, actor: "alice")
        _ = try bulk.addAccount(Account(name: "宝钢股份", owner: "alice"))
        try bulk.database.write { db in
            var first: Int64?
            for var deal in Self.deals(account.id) {
                try bulk.insertDeal(db, &deal, catalog: try SQLiteStore.catalog(db), accountName: "宝钢股份", user: "alice")
                first = first ?? deal.id
            }
            try StageHistoryBulk.logCreated(db, dealsFrom: try #require(first), by: "alice", at: Self.now)
            #expect(try Bool.fetchOne(db, sql: "SELECT 1 FROM meta WHERE key = ?", arguments: [StageHistoryBulk.flag]) == nil)
        }
        #expect(try Self.history(bulk) == Self.history(oneByOne))
        // The log's rows say what the per-deal path says.
        func created(_ store: SQLiteStore) throws -> [ChangeEvent] {
            try store.events(EventQuery(entity: "deal", limit: 100)).map { event in
                var event = event
                event.id = 0
                return event
            }
        }
        #expect(try created(bulk) == created(oneByOne))
        // The triggers are back for the next ordinary write.
        _ = try bulk.moveDeal(1, to: "bid", forceReason: "客户催", expectedVersion: nil)
        _ = try oneByOne.moveDeal(1, to: "bid", forceReason: "客户催", expectedVersion: nil)
        #expect(try Self.history(bulk) == Self.history(oneByOne))
    }
}
