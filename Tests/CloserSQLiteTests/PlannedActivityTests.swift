import CloserCore
import CloserExchange
@testable import CloserSQLite
import Foundation
import GRDB
import Testing

/// Planned activities where only the file store has them: its schema upgrade, and another
/// program's import (the plans' store behaviour is in the conformance suite).
@Suite("Planned activities in the file store")
struct PlannedActivityFileTests {
    @Test("a store from before plans: each next step becomes the deal's first planned activity")
    func migration() throws {
        let queue = try DatabaseQueue()
        try Schema.migrator.migrate(queue, upTo: "v11-fewer-deal-indexes")
        try queue.write { db in
            try db.execute(sql: "INSERT INTO account (id, name, grade, assistance, loyalty, quadrant, owner, visibility, search_key, version, created_at, updated_at) VALUES (1, 'A', 'B', 5, 5, 'market', 'alice', 'owned', 'a', 1, 0, 0)")
            for (id, step, due) in [(1, "报价", "2026-12-01"), (2, "", nil), (3, "回访", nil)] as [(Int, String, String?)] {
                try db.execute(sql: """
                    INSERT INTO deal (id, account_id, title, process_key, stage_key, amount, currency, next_step, next_step_due, owner, outcome,
                                      forecast_category, stage_entered_at, probability, weighted, at_risk, milestones_met, milestones_total,
                                      search_key, version, created_at, updated_at, updated_by)
                    VALUES (?, 1, 'd', 'project', 'develop', 0, 'CNY', ?, ?, 'bob', 'open', 'pipeline', 0, 10, 0, 0, 0, 1, 'd', 3, 0, 50, 'carol')
                    """, arguments: [id, step, due])
            }
        }
        try Schema.migrator.migrate(queue)
        let plans = try queue.read { db in try Row.fetchAll(db, sql: "SELECT * FROM planned_activity ORDER BY deal_id").map(PlannedActivity.init(row:)) }
        #expect(plans.map(\.dealID) == [1, 3])
        #expect(plans.map(\.text) == ["报价", "回访"] && plans.map(\.due) == [Day(year: 2026, month: 12, day: 1), nil])
        #expect(plans.allSatisfy { $0.owner == "bob" && $0.kind == .other && $0.version == 1 && !$0.isDone && $0.accountID == 1 })
    }

    @Test("a foreign file's next steps become plans; a re-import with another next step rewrites the earliest")
    func foreignImport() throws {
        let store = try StoreFixture.store().acting(as: "alice")
        let csv = "Deal Name,Account Name,Next Step,Next Step Date\nPumps,宝钢,报价,2026-12-01\nValves,宝钢,,\n"
        let file = try ForeignFile(Data(csv.utf8), fileName: "d.csv", catalog: try store.processCatalog(), user: "alice")
        _ = try store.importForeign(file.batch, dryRun: false, skipBad: false)
        let pumps = try #require(try store.exportSnapshot().deals.first { $0.title == "Pumps" })
        #expect(try store.plannedActivities(PlanQuery(dealID: pumps.id)).map(\.text) == ["报价"])
        #expect(try store.plannedActivities(PlanQuery()).count == 1)
        _ = try store.planActivity(PlannedActivity(dealID: pumps.id, text: "送样", due: Day(year: 2026, month: 12, day: 9)))
        let again = "Deal Name,Account Name,Next Step,Next Step Date\nPumps,宝钢,改报价,2026-12-20\n"
        let second = try ForeignFile(Data(again.utf8), fileName: "d.csv", catalog: try store.processCatalog(), user: "alice")
        _ = try store.importForeign(second.batch, dryRun: false, skipBad: false)
        #expect(try store.plannedActivities(PlanQuery(dealID: pumps.id)).map(\.text) == ["送样", "改报价"])
        #expect(try store.deal(pumps.id).nextStep == "送样")
    }
}
