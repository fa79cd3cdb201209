import CloserCore
@testable import CloserSQLite
import Foundation
import GRDB
import Testing

/// A whole store's log goes in with the history's triggers standing aside, and the history is
/// made from it set-based (StageHistoryRebuild). Logged one event at a time instead, through
/// the triggers, the same log must leave the same rows, the same daily sums and the same review.
@Suite("Stage history made set-based equals the per-event triggers")
struct StageHistoryRebuildTests {
    typealias History = StageHistoryTableTests.History
    static let today = StageHistoryTableTests.today
    static let clock = { @Sendable in Date(timeIntervalSince1970: Double(StageHistoryTableTests.today.ordinal) * 86_400 + 21 * 3_600) }

    /// The file's rows without its log, then the log one row at a time with every trigger listening.
    static func perEvent(_ snapshot: Snapshot) throws -> SQLiteStore {
        let store = try SQLiteStore(inMemoryWithClock: clock, actor: "carol")
        var rows = snapshot
        rows.events = []
        _ = try store.importSnapshot(rows)
        try store.database.write { db in
            // The import's own line in the log stands where the file's first row goes.
            try db.execute(sql: "DELETE FROM event WHERE entity = 'store'")
            let insert = try db.makeStatement(sql: SQLText.insert(into: "event", columns: ChangeEvent.columns))
            for event in snapshot.events.sorted(by: { ($0.at, $0.id) < ($1.at, $1.id) }) {
                try insert.execute(arguments: StatementArguments(event.columnValues))
            }
            try EventAccounts.fill(db)
        }
        return store
    }

    static func bulk(_ snapshot: Snapshot) throws -> SQLiteStore {
        let store = try SQLiteStore(inMemoryWithClock: clock, actor: "carol")
        _ = try store.importSnapshot(snapshot)
        return store
    }

    /// Every column of the history; the sums that are not zero (the triggers leave a zero behind
    /// where a row moved from one sum to another), seconds to the microsecond (float sums added
    /// in another order).
    struct Tables: Equatable {
        var rows: [Row]
        var days: [Row]
        var seconds: [Double]
        var lists: [Row]

        init(_ store: SQLiteStore) throws {
            (rows, days, seconds, lists) = try store.database.read { db in
                (try Row.fetchAll(db, sql: "SELECT * FROM stage_event ORDER BY event_id"),
                 try Row.fetchAll(db, sql: """
                    SELECT process_key, day, owner, position, advanced, left_stage, entries, exits FROM stage_day
                    WHERE entries <> 0 OR exits <> 0 ORDER BY 1, 2, 3, 4, 5, 6
                    """),
                 try Double.fetchAll(db, sql: "SELECT ROUND(seconds, 6) FROM stage_day WHERE entries <> 0 OR exits <> 0 ORDER BY process_key, day, owner, position, advanced, left_stage"),
                 try Row.fetchAll(db, sql: "SELECT * FROM stage_list_day WHERE deals <> 0 ORDER BY 1, 2, 3, 4"))
            }
        }
    }

    static func reviews(_ store: SQLiteStore, reps: [String?]) throws -> [WeeklyReview] {
        try reps.flatMap { rep in
            try [nil, today.adding(days: -20), today.adding(days: -60)].map { until in
                try store.weeklyReview(ReviewQuery(today: today, until: until, rep: rep, timeZone: TimeZone(identifier: "Asia/Shanghai")!,
                                                   listLimit: 500))
            }
        }
    }

    @Test(arguments: [UInt64(1), 2, 3, 4, 5, 6])
    func randomLivesGiveTheSameRowsSumsAndReview(seed: UInt64) throws {
        let history = History(seed: seed, deals: 80)
        let snapshot = Snapshot(users: [User(name: "alice", role: .rep), User(name: "bob", role: .rep), User(name: "carol", role: .manager)],
                                accounts: [Account(id: 1, name: "宝钢股份", owner: "alice")], deals: history.deals, events: history.events)
        let bulk = try Self.bulk(snapshot), perEvent = try Self.perEvent(snapshot)
        let tables = try Tables(bulk)
        #expect(tables.rows.count == history.events.count)
        #expect(tables.rows.contains { $0["kind"] == "reopened" } && tables.rows.contains { $0["advanced_at"] != nil })
        let expected = try Tables(perEvent)
        #expect(tables.rows == expected.rows)
        #expect(tables.days == expected.days)
        #expect(tables.seconds == expected.seconds)
        #expect(tables.lists == expected.lists)
        #expect(try Self.reviews(bulk, reps: [nil, "bob"]) == Self.reviews(perEvent, reps: [nil, "bob"]))
    }

    @Test func theDemoCompanyGivesTheSameRowsSumsAndReview() throws {
        let snapshot = DemoCompany.generate(seed: 3, scale: 400, today: Self.today, user: "carol", now: Self.clock())
        let bulk = try Self.bulk(snapshot), perEvent = try Self.perEvent(snapshot)
        let tables = try Tables(bulk)
        #expect(tables.rows.count > 1_000 && tables.days.count > 100 && tables.lists.count > 50)
        #expect(tables == (try Tables(perEvent)))
        let manager = try #require(snapshot.users.first { $0.role == .manager }?.name)
        let rep = try #require(snapshot.users.first { $0.role == .rep }?.name)
        #expect(try Self.reviews(bulk.acting(as: manager), reps: [nil, rep]) == Self.reviews(perEvent.acting(as: manager), reps: [nil, rep]))
    }

    /// A file whose log adds to deals that already have a history: their history is made again
    /// whole, and the sums lose what the old rows counted.
    @Test func eventsForDealsWithAHistoryRebuildTheirWholeHistory() throws {
        let history = History(seed: 8, deals: 30)
        let users = [User(name: "alice", role: .rep), User(name: "bob", role: .rep), User(name: "carol", role: .manager)]
        let accounts = [Account(id: 1, name: "宝钢股份", owner: "alice")]
        // In time order, the later rows numbered after the first file's own line in the log.
        let cut = Date(timeIntervalSince1970: Double(Self.today.ordinal - 60) * 86_400)
        let events = history.events.sorted { ($0.at, $0.id) < ($1.at, $1.id) }.enumerated().map { index, event in
            var event = event
            event.id = Int64(index + 1) + (event.at < cut ? 0 : 10)
            return event
        }
        let early = events.filter { $0.at < cut }, late = events.filter { $0.at >= cut }
        #expect(!early.isEmpty && !late.isEmpty)
        let bulk = try Self.bulk(Snapshot(users: users, accounts: accounts, deals: history.deals, events: early))
        _ = try bulk.importSnapshot(Snapshot(events: late))
        let perEvent = try Self.perEvent(Snapshot(users: users, accounts: accounts, deals: history.deals, events: events))
        #expect(try Tables(bulk) == Tables(perEvent))
        #expect(try Self.reviews(bulk, reps: [nil]) == Self.reviews(perEvent, reps: [nil]))
    }
}
