import CloserCore
@testable import CloserSQLite
import Foundation
import GRDB
import Testing

/// The store computes the review's conversions and days in stage in SQL over `stage_event`, a
/// table a trigger keeps from the log. `StageHistory` is the same arithmetic as a plain replay of
/// the log; on random histories the two must agree exactly.
@Suite("Stage history table agrees with the replay")
struct StageHistoryTableTests {
    static let process = ProcessCatalog().process("project")!
    static let today = Day(year: 2026, month: 11, day: 25)!
    static let utc = TimeZone(identifier: "UTC")!

    /// Deals with random lives from May to today: created, moved on or back, forced, closed,
    /// reopened, close dates changed; every deal's events at strictly increasing times.
    struct History {
        var deals: [Deal] = []
        var events: [ChangeEvent] = []
        var replay: [StageEvent] = []

        init(seed: UInt64, deals count: Int = 60) {
            var random = SeededGenerator(seed: seed)
            let stages = StageHistoryTableTests.process.stages.map(\.key)
            let start = Double(Day(year: 2026, month: 5, day: 1)!.ordinal) * 86_400
            let end = Double(StageHistoryTableTests.today.ordinal) * 86_400 + 20 * 3_600
            var id: Int64 = 0
            for dealID in Int64(1)...Int64(count) {
                var at = start + Double(random.below(Int(end - start) / 2))
                var stage: Int? = random.below(3)
                var closedIn = stage
                func log(_ action: String, _ changes: [String: FieldChange], kind: StageEvent.Kind, from: String? = nil, to: String? = nil) {
                    id += 1
                    events.append(ChangeEvent(id: id, at: Date(timeIntervalSince1970: at), user: "alice", entity: "deal", entityID: dealID,
                                              action: action, changes: changes))
                    replay.append(StageEvent(dealID: dealID, at: Date(timeIntervalSince1970: at), kind: kind, fromStage: from, toStage: to))
                }
                log("created", ["stage": FieldChange(old: nil, new: stages[stage ?? 0])], kind: .created, to: stages[stage ?? 0])
                for _ in 0..<random.int(0...7) {
                    at += Double(random.int(1...40 * 86_400))
                    guard at < end else { break }
                    if let current = stage {
                        switch random.below(10) {
                        case 0...4:
                            let next = min(stages.count - 1, current + random.int(1...2))
                            let kind: StageEvent.Kind = random.chance(20) ? .forced : .moved
                            log(kind.rawValue, ["stage": FieldChange(old: stages[current], new: stages[next])], kind: kind,
                                from: stages[current], to: stages[next])
                            stage = next
                        case 5, 6:
                            let back = max(0, current - 1)
                            log("moved", ["stage": FieldChange(old: stages[current], new: stages[back])], kind: .moved, from: stages[current], to: stages[back])
                            stage = back
                        case 7:
                            log("close-date", ["expectedClose": FieldChange(old: "2026-12-01", new: "2027-01-15")], kind: .closeDate)
                        default:
                            let kind = random.pick([StageEvent.Kind.won, .lost, .withdrawn])
                            log(kind.rawValue, ["outcome": FieldChange(old: "open", new: kind.rawValue)], kind: kind)
                            closedIn = current
                            stage = nil
                        }
                    } else {
                        log("reopened", ["outcome": FieldChange(old: "lost", new: "open")], kind: .reopened)
                        stage = closedIn
                    }
                }
                deals.append(Deal(id: dealID, accountID: 1, title: "D\(dealID)", processKey: "project", stageKey: stages[stage ?? closedIn ?? 0],
                                  amount: Money(minorUnits: 100_000), owner: dealID % 3 == 0 ? "bob" : "alice",
                                  outcome: stage == nil ? .lost : .open, outcomeReason: stage == nil ? "价格" : "", createdAt: Date(timeIntervalSince1970: start), updatedAt: Date(timeIntervalSince1970: start)))
            }
        }

        func store() throws -> SQLiteStore {
            let store = try SQLiteStore(inMemoryWithClock: { Date(timeIntervalSince1970: Double(StageHistoryTableTests.today.ordinal) * 86_400 + 21 * 3_600) },
                                        actor: "carol")
            _ = try store.importSnapshot(Snapshot(users: [User(name: "alice", role: .rep), User(name: "bob", role: .rep), User(name: "carol", role: .manager)],
                                                  accounts: [Account(id: 1, name: "宝钢股份", owner: "alice")], deals: deals, events: events))
            return store
        }
    }

    /// The team and one rep; the week as today ends it and three weeks back (deals have gone further
    /// since); in time zones whose midnight is not UTC's, by whole and half hours.
    static let zones = ["UTC", "Asia/Shanghai", "Asia/Kolkata", "America/New_York"].compactMap(TimeZone.init(identifier:))

    @Test(arguments: [UInt64(1), 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])
    func conversionsAndDaysInStageMatchTheReplay(seed: UInt64) throws {
        let history = History(seed: seed)
        let store = try history.store()
        #expect(Self.zones.count == 4)
        for rep in [nil, "bob"] as [String?] {
            for zone in Self.zones {
                for until in [nil, Self.today.adding(days: -20)] as [Day?] {
                    let q = ReviewQuery(today: Self.today, until: until, rep: rep, timeZone: zone)
                    let label = "seed \(seed) rep \(rep ?? "-") \(zone.identifier) until \(q.until)"
                    let review = try store.weeklyReview(q)
                    let mine = Set(history.deals.filter { rep == nil || $0.owner == rep }.map(\.id))
                    let events = history.replay.filter { mine.contains($0.dealID) }
                    let from = q.start(of: q.windowStart), end = q.start(of: q.until)
                    #expect(review.conversions == StageHistory.conversions(Self.process, events: events, from: from, until: end), "\(label)")
                    let expected = StageHistory.durations(Self.process, events: events, priorEntry: [:], from: from, until: end)
                    #expect(review.daysInStage.map(\.exits) == expected.map(\.exits), "\(label)")
                    for (got, want) in zip(review.daysInStage, expected) {
                        #expect(abs(got.averageDays - want.averageDays) < 1e-6, "\(label) \(got.stage): \(got.averageDays) vs \(want.averageDays)")
                    }
                    // The period's lists count the deals of the period's events, each once, whatever the day boundaries.
                    let period = events.filter { $0.at >= q.start(of: q.since) && $0.at < end }
                    let step = { (e: StageEvent) in StageHistory.direction(Self.process, from: e.fromStage, to: e.toStage) }
                    func deals(_ test: (StageEvent) -> Bool) -> Int { Set(period.filter(test).map(\.dealID)).count }
                    #expect(review.newDeals.count == deals { $0.kind == .created }, "\(label)")
                    #expect(review.won.count == deals { $0.kind == .won }, "\(label)")
                    #expect(review.advanced.count == deals { $0.kind.isMove && step($0) > 0 }, "\(label)")
                    #expect(review.slipped.count == deals { $0.kind.isMove && step($0) < 0 }, "\(label)")
                    #expect(review.forced.count == deals { $0.kind == .forced }, "\(label)")
                    // A rep's moved deals are their advanced and slipped ones (a deal that went both ways is in both lists).
                    #expect(review.reps.map(\.moved).reduce(0, +) == review.advanced.count + review.slipped.count, "\(label)")
                }
            }
        }
    }

    @Test func theDailyRollupStaysTheSumOfItsRows() throws {
        let store = try History(seed: 9).store()
        var deal = try store.deal(4)
        deal.owner = "bob"
        _ = try store.acting(as: "alice").updateDeal(deal)
        try store.acting(as: "alice").deleteDeal(5)
        _ = try store.importSnapshot(Snapshot(events: [ChangeEvent(id: 10_000, at: Date(timeIntervalSince1970: Double(Self.today.ordinal) * 86_400),
                                                                   user: "alice", entity: "deal", entityID: 6, action: "moved",
                                                                   changes: ["stage": FieldChange(old: "develop", new: "bid")])]))
        let sums = """
            SELECT process_key, day, owner, position, advanced, left_stage, SUM(entries) AS entries, SUM(exits) AS exits, SUM(seconds) AS seconds
            FROM (SELECT process_key, CAST(at / 86400 AS INTEGER) AS day, owner, entry_position AS position, advanced_at IS NOT NULL AS advanced,
                         '' AS left_stage, 1 AS entries, 0 AS exits, 0.0 AS seconds
                  FROM stage_event WHERE entry_position IS NOT NULL AND prev_entry_at IS NULL
                  UNION ALL
                  SELECT process_key, CAST(at / 86400 AS INTEGER), owner, -1, 0, left_stage, 0, 1, at - entered_at
                  FROM stage_event WHERE entered_at IS NOT NULL AND left_stage IS NOT NULL)
            GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6
            """
        let (rollup, recount) = try store.read { db in
            (try Row.fetchAll(db, sql: """
                SELECT process_key, day, owner, position, advanced, left_stage, entries, exits, seconds FROM stage_day
                WHERE entries <> 0 OR exits <> 0 ORDER BY 1, 2, 3, 4, 5, 6
                """), try Row.fetchAll(db, sql: sums))
        }
        #expect(rollup.count > 20)
        #expect(rollup == recount)
    }

    @Test func eachEventKnowsWhenItsDealNextDidTheSameAndTheListRollupAddsTheLastOnes() throws {
        let store = try History(seed: 5).store()
        var deal = try store.deal(4)
        deal.amount = Money(minorUnits: 123_456, currency: "USD")
        _ = try store.acting(as: "alice").updateDeal(deal)
        try store.acting(as: "alice").deleteDeal(7)
        // An event older than the deal's latest arrives late: it takes its place in the chain.
        _ = try store.importSnapshot(Snapshot(events: [ChangeEvent(id: 10_001, at: Date(timeIntervalSince1970: Double(Self.today.ordinal - 150) * 86_400),
                                                                   user: "alice", entity: "deal", entityID: 3, action: "moved",
                                                                   changes: ["stage": FieldChange(old: "develop", new: "entry")])]))
        let list = StageListSchema.list("s"), later = StageListSchema.list("y")
        let (stored, recomputed, rollup, recount) = try store.read { db in
            (try Row.fetchAll(db, sql: "SELECT event_id, next_same_at, next_forced_at FROM stage_event s WHERE \(list) IS NOT NULL ORDER BY event_id"),
             try Row.fetchAll(db, sql: """
                SELECT s.event_id,
                       (SELECT MIN(y.at) FROM stage_event y WHERE y.deal_id = s.deal_id AND \(later) = \(list)
                          AND (y.at > s.at OR (y.at = s.at AND y.event_id > s.event_id))) AS next_same_at,
                       CASE WHEN s.kind = 'forced' THEN (SELECT MIN(y.at) FROM stage_event y WHERE y.deal_id = s.deal_id AND y.kind = 'forced'
                          AND (y.at > s.at OR (y.at = s.at AND y.event_id > s.event_id))) END AS next_forced_at
                FROM stage_event s WHERE \(list) IS NOT NULL ORDER BY s.event_id
                """),
             try Row.fetchAll(db, sql: "SELECT day, list, owner, currency, deals, amount FROM stage_list_day WHERE deals <> 0 ORDER BY 1, 2, 3, 4"),
             try Row.fetchAll(db, sql: """
                SELECT day, list, owner, currency, COUNT(*) AS deals, SUM(amount) AS amount
                FROM (SELECT CAST(s.at / 86400 AS INTEGER) AS day, \(list) AS list, s.owner, s.currency, s.amount FROM stage_event s
                      WHERE \(list) IS NOT NULL AND s.next_same_at IS NULL
                      UNION ALL
                      SELECT CAST(s.at / 86400 AS INTEGER), 'forced', s.owner, s.currency, s.amount FROM stage_event s
                      WHERE s.kind = 'forced' AND s.next_forced_at IS NULL)
                GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
                """))
        }
        #expect(stored.count > 100 && stored == recomputed)
        #expect(rollup.count > 20 && rollup == recount)
    }

    @Test func anOldLogIsFilledWithTheTriggersOwnRows() throws {
        let store = try History(seed: 42).store()
        let columns = "event_id, deal_id, process_key, owner, amount, at, kind, from_stage, to_stage, step, entry_position, prev_entry_at, "
            + "advanced_at, stage, left_stage, entered_at, close_old, close_new"
        let byTrigger = try store.read { db in try Row.fetchAll(db, sql: "SELECT \(columns) FROM stage_event ORDER BY event_id") }
        let filled = try store.write { db in
            try db.execute(sql: "DELETE FROM stage_event")
            try StageHistorySchema.fill(db)
            return try Row.fetchAll(db, sql: "SELECT \(columns) FROM stage_event ORDER BY event_id")
        }
        #expect(byTrigger.count > 100)
        #expect(filled == byTrigger)
    }

    @Test func aDeletedDealLeavesTheHistoryAndAMovedProcessTakesItAlong() throws {
        let store = try History(seed: 7, deals: 5).store()
        let count = { (sql: String) in try store.read { db in try Int.fetchOne(db, sql: sql) ?? -1 } }
        #expect(try count("SELECT COUNT(*) FROM stage_event WHERE deal_id = 2") > 0)
        try store.acting(as: "alice").deleteDeal(2)
        #expect(try count("SELECT COUNT(*) FROM stage_event WHERE deal_id = 2") == 0)
        try store.write { db in try db.execute(sql: "UPDATE deal SET process_key = 'technical' WHERE id = 3") }
        #expect(try count("SELECT COUNT(*) FROM stage_event WHERE deal_id = 3 AND process_key <> 'technical'") == 0)
    }

    @Test func eventsOfOtherEntitiesAndOtherActionsStayOut() throws {
        let store = try History(seed: 3, deals: 4).store()
        _ = try store.acting(as: "alice").setNextStep(dealID: 1, text: "回访", due: Self.today, expectedVersion: nil)
        let kinds = try store.read { db in try String.fetchAll(db, sql: "SELECT DISTINCT kind FROM stage_event") }
        #expect(Set(kinds).isSubset(of: ["created", "moved", "forced", "won", "lost", "withdrawn", "reopened", "close-date"]))
        let logged = try store.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM event WHERE entity = 'deal' AND action IN \(StageHistorySchema.stageActions)")
        }
        #expect(try store.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM stage_event") } == logged)
    }
}

@Suite("An older store's stage history")
struct StageHistoryUpgradeTests {
    @Test func aStoreFromBeforeTheTableIsFilledWhenItOpens() throws {
        let queue = try DatabaseQueue()
        try Schema.migrator.migrate(queue, upTo: "v9-person-table")
        try queue.write { db in
            try db.execute(sql: "INSERT INTO account (id, name, grade, assistance, loyalty, quadrant, visibility, search_key, version, created_at, updated_at) VALUES (1, '宝钢', 'A', 3, 3, 'market', 'owned', '', 1, 0, 0)")
            try db.execute(sql: """
                INSERT INTO deal (id, account_id, title, process_key, stage_key, amount, currency, owner, outcome, forecast_category,
                                  stage_entered_at, probability, weighted, at_risk, milestones_met, milestones_total, search_key, version, created_at, updated_at)
                VALUES (1, 1, '热轧', 'project', 'entry', 100, 'CNY', 'alice', 'open', 'pipeline', 0, 20, 20, 0, 0, 0, '', 1, 0, 0)
                """)
            try db.execute(sql: """
                INSERT INTO event (at, user, entity, entity_id, action, changes) VALUES
                  (1000, 'alice', 'deal', 1, 'created', '{"stage":{"new":"develop"}}'),
                  (87400, 'alice', 'deal', 1, 'moved', '{"stage":{"old":"develop","new":"entry"}}'),
                  (90000, 'alice', 'deal', 1, 'updated', '{"amount":{"old":"1","new":"100"}}')
                """)
        }
        try Schema.migrator.migrate(queue)
        let rows = try queue.read { db in try Row.fetchAll(db, sql: "SELECT kind, left_stage, entered_at, advanced_at FROM stage_event ORDER BY at") }
        #expect(rows.map { $0["kind"] as String } == ["created", "moved"])
        #expect(rows[0]["advanced_at"] as Double? == 87_400 && rows[1]["left_stage"] as String? == "develop" && rows[1]["entered_at"] as Double? == 1_000)
    }
}

@Suite("Bringing an older store up to this version")
struct StoreUpgradeNoticeTests {
    @Test func anOlderFileIsAnnouncedBeforeItsMigrationANewOrCurrentOneIsNot() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("closer-upgrade-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let old = directory.appendingPathComponent("old.sqlite").path, fresh = directory.appendingPathComponent("new.sqlite").path
        do {
            let queue = try DatabaseQueue(path: old)
            try Schema.migrator.migrate(queue, upTo: "v9-person-table")
        }
        var notices: [String] = []
        _ = try SQLiteStore(path: old, actor: "admin", willMigrate: { notices.append("old") })
        _ = try SQLiteStore(path: old, actor: "admin", willMigrate: { notices.append("old again") })
        _ = try SQLiteStore(path: fresh, actor: "admin", willMigrate: { notices.append("new") })
        #expect(notices == ["old"])
        let store = try SQLiteStore(path: old, actor: "admin")
        #expect(try store.read { db in try Schema.migrator.hasCompletedMigrations(db) })
    }
}
