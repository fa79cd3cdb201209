import CloserCore
@testable import CloserSQLite
import Foundation
import GRDB
import Testing

/// A whole store's activities and log go in through `BulkInsert`, bound column by column; each
/// row must be the one GRDB's boxed arguments write, value for value and storage class for
/// storage class (a Double where an Int was meant sorts and compares differently).
@Suite("Bulk insert")
struct BulkInsertTests {
    /// Every column of one row as "storage class:value", in `columns` order.
    static func stored(_ db: Database, table: String, columns: [String], id: Int64) throws -> [String] {
        let select = columns.filter { $0 != "id" }.map { "typeof(\($0)) || ':' || quote(\($0))" }.joined(separator: ", ")
        guard let row = try Row.fetchOne(db, sql: "SELECT \(select) FROM \(table) WHERE id = ?", arguments: [id]) else { return [] }
        return (0..<row.count).map { row[$0] ?? "missing" }
    }

    /// The record written both ways (the bound one under its id + 1000); the two stored rows.
    static func bothWays<Record: ColumnWriting>(_ db: Database, _ record: Record, table: String,
                                               id: WritableKeyPath<Record, Int64>) throws -> (boxed: [String], bound: [String]) {
        try db.execute(sql: SQLText.insert(into: table, columns: Record.columns), arguments: StatementArguments(record.columnValues))
        var bulk = try BulkInsert<Record>(db, into: table, what: table)
        var renumbered = record
        renumbered[keyPath: id] += 1000
        let boundID = try bulk.insert(renumbered)
        return (try stored(db, table: table, columns: Record.columns, id: record[keyPath: id]),
                try stored(db, table: table, columns: Record.columns, id: boundID))
    }

    @Test("an activity bound column by column is stored as the boxed values store it, nil deal included")
    func activities() throws {
        let store = try StoreFixture.store()
        let account = try store.acting(as: "alice").addAccount(StoreFixture.account("客户 1 有限公司"))
        let at = Date(timeIntervalSince1970: 1_795_000_000.25)
        let day = try #require(Day(year: 2027, month: 1, day: 2))
        let samples = [
            Activity(id: 11, accountID: account.id, dealID: nil, kind: .visit, day: day,
                     personIDs: [3, 5], notes: "拜访 \u{1F600}", outcome: "", by: "alice", createdAt: at),
            Activity(id: 12, accountID: account.id, dealID: nil, kind: .call, day: day.adding(days: 1),
                     personIDs: [], notes: "", outcome: "ok", by: "", createdAt: at),
        ]
        try store.write { db in
            for activity in samples {
                let rows = try Self.bothWays(db, activity, table: "activity", id: \.id)
                #expect(rows.bound.count == Activity.columns.count - 1)
                #expect(rows.bound == rows.boxed)
            }
        }
    }

    @Test("a log row bound column by column is stored as the boxed values store it; id 0 lets SQLite pick one")
    func events() throws {
        let store = try StoreFixture.store()
        let at = Date(timeIntervalSince1970: 1_795_000_000.5)
        let full = ChangeEvent(id: 500, at: at, user: "alice", entity: "deal", entityID: 7, action: "moved",
                               changes: ["stage": FieldChange(old: "develop", new: "proposal"), "备注": FieldChange(old: nil, new: "新")],
                               note: "gate", accountID: 3, version: 4)
        let bare = ChangeEvent(id: 501, at: at, user: "", entity: "store", entityID: 0, action: "imported")
        try store.write { db in
            for event in [full, bare] {
                let rows = try Self.bothWays(db, event, table: "event", id: \.id)
                #expect(rows.bound.count == ChangeEvent.columns.count - 1)
                #expect(rows.bound == rows.boxed)
            }
            var bulk = try BulkInsert<ChangeEvent>(db, into: "event", what: "a log row")
            var unnumbered = bare
            unnumbered.id = 0
            let picked = try bulk.insert(unnumbered)
            #expect(picked > 1501)
        }
    }
}
