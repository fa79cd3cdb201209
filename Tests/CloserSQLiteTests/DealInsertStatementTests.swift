import CloserCore
@testable import CloserSQLite
import Foundation
import GRDB
import Testing

/// The bulk import binds a new deal's columns itself; the row must be the one the boxed
/// `columnValues` path writes, value for value and storage class for storage class.
@Suite("Deal insert statement")
struct DealInsertStatementTests {
    static let columns = Deal.columns.filter { $0 != "id" }

    /// Every column of one row as (storage class, value), in `Deal.columns` order.
    static func stored(_ db: Database, id: Int64) throws -> [String] {
        let select = columns.map { "typeof(\($0)) || ':' || quote(\($0))" }.joined(separator: ", ")
        guard let row = try Row.fetchOne(db, sql: "SELECT \(select) FROM deal WHERE id = ?", arguments: [id]) else { return [] }
        return (0..<row.count).map { row[$0] ?? "missing" }
    }

    static func deals(account: Int64) -> [Deal] {
        let at = Date(timeIntervalSince1970: 1_795_000_000.25)
        var full = Deal(accountID: account, title: "项目 7 设备改造 \u{1F600}", processKey: "project", stageKey: "proposal",
                        milestonesDone: ["needs", "budget"], amount: Money(minorUnits: 120_000_000, currency: "CNY"),
                        expectedClose: Day(year: 2027, month: 3, day: 9), nextStep: "电话跟进, 报价", nextStepDue: Day(year: 2027, month: 1, day: 2),
                        budgetKnown: true, competitors: ["Siemens", "ABB"], owner: "rep7",
                        overrides: [GateOverride(stageKey: "proposal", milestoneKey: "needs", reason: "agreed", by: "bob", at: at)],
                        outcome: .won, outcomeReason: "imported as 'Closed Won'", forecastCategory: .commit, stageEnteredAt: at,
                        closedOn: Day(year: 2027, month: 3, day: 9), externalID: "OPP-7", version: 1, createdAt: at, updatedAt: at)
        full.id = 0
        let bare = Deal(accountID: account, title: "", processKey: "project", stageKey: "develop", owner: "", version: 1)
        return [full, bare]
    }

    @Test("a deal bound column by column is stored exactly as the boxed values store it")
    func sameRow() throws {
        let store = try StoreFixture.store()
        let account = try store.acting(as: "alice").addAccount(StoreFixture.account("客户 1 有限公司"))
        try store.write { db in
            var statement = try DealInsertStatement(db)
            for (number, deal) in Self.deals(account: account.id).enumerated() {
                let derived = DealDerived(probability: 40 + number, weighted: 4_800_000, atRisk: number == 0, milestonesMet: 2, milestonesTotal: 5)
                let key = "xm7 sbgz kh1"
                var values = deal.columnValues(derived: derived, searchKey: key, updatedBy: "bench")
                values[0] = nil
                var boxed = deal
                boxed.externalID = deal.externalID.map { $0 + "-boxed" }
                var boxedValues = boxed.columnValues(derived: derived, searchKey: key, updatedBy: "bench")
                boxedValues[0] = nil
                try db.execute(sql: SQLText.insert(into: "deal", columns: Deal.columns), arguments: StatementArguments(boxedValues))
                let boxedRow = try Self.stored(db, id: db.lastInsertedRowID)
                try statement.insert(deal, derived: derived, searchKey: key, updatedBy: "bench")
                var boundRow = try Self.stored(db, id: db.lastInsertedRowID)
                #expect(boundRow.count == Self.columns.count)
                // The two rows differ only where the test made them (unique external ids).
                if let external = Self.columns.firstIndex(of: "external_id"), deal.externalID != nil {
                    #expect(boundRow[external] == "text:'OPP-7'")
                    boundRow[external] = "text:'OPP-7-boxed'"
                }
                #expect(boundRow == boxedRow)
            }
        }
    }

    @Test("the statement is reused: many rows in a row, each its own")
    func reused() throws {
        let store = try StoreFixture.store()
        let account = try store.acting(as: "alice").addAccount(StoreFixture.account("Acme"))
        let titles = try store.write { db -> [String] in
            var statement = try DealInsertStatement(db)
            let derived = DealDerived(probability: 10, weighted: 0, atRisk: false, milestonesMet: 0, milestonesTotal: 0)
            for n in 0..<50 {
                let deal = Deal(accountID: account.id, title: "Deal \(n)", processKey: "project", stageKey: "develop", owner: "alice", version: 1)
                try statement.insert(deal, derived: derived, searchKey: "deal \(n)", updatedBy: "alice")
            }
            return try String.fetchAll(db, sql: "SELECT title FROM deal ORDER BY id")
        }
        #expect(titles == (0..<50).map { "Deal \($0)" })
    }
}
