import CloserCore
import Foundation
import Testing
@testable import CloserSQLite

/// The account table's page: one pass finds, orders and counts a filtered query's accounts
/// (a second counts a broad one), in the covering index for a text search.
@Suite("Account page: one pass for a filtered query")
struct AccountPageTests {
    /// `count` accounts "acct 00001"… plus two others; grades cycle A, B, C, D.
    static func store(count: Int) throws -> SQLiteStore {
        let store = try StoreFixture.store()
        let grades: [Grade] = [.a, .b, .c, .d]
        var accounts = (1...count).map { i in
            Account(id: Int64(i), name: String(format: "acct %05d", i), grade: grades[i % 4], assistance: 5, loyalty: 5, owner: "alice")
        }
        accounts.append(Account(id: Int64(count + 1), name: "中国石化", grade: .a, owner: "bob"))
        accounts.append(Account(id: Int64(count + 2), name: "Other", grade: .b, visibility: .pool))
        _ = try store.acting(as: "alice").importSnapshot(Snapshot(accounts: accounts))
        return store
    }

    @Test func pagesAndTotalsOfASmallMatch() throws {
        let store = try Self.store(count: 30)
        let query = AccountQuery(conditions: [.text("acct 0001")], sort: .name, ascending: false, offset: 3, limit: 4)
        let page = try store.accounts(query)
        // acct 00010 … acct 00019, names descending, from the 4th.
        #expect(page.total == 10 && page.offset == 3)
        #expect(page.rows.map(\.account.name) == ["acct 00016", "acct 00015", "acct 00014", "acct 00013"])
        #expect(try store.accounts(AccountQuery(conditions: [.text("acct 0001")], offset: 10)).rows.isEmpty)
        #expect(try store.accounts(AccountQuery(conditions: [.text("nothing")])).total == 0)
        // No condition at all: the whole table, counted without a filter.
        #expect(try store.accounts(AccountQuery(sort: .id, ascending: true, limit: 2)).rows.map(\.id) == [1, 2])
        #expect(try store.accounts(AccountQuery(limit: 0)).total == 32)
    }

    @Test func aBroadMatchIsCountedWholeAndPagedPastTheProbe() throws {
        let limit = SQLiteStore.accountProbeLimit
        let store = try Self.store(count: limit + 10)
        let all = AccountQuery(conditions: [.text("acct")], sort: .name, ascending: true, limit: 3)
        #expect(try store.accounts(all).total == limit + 10)
        #expect(try store.accounts(all).rows.map(\.id) == [1, 2, 3])
        var deep = all
        deep.offset = limit - 1   // the page straddles the end of the probe
        #expect(try store.accounts(deep).rows.map(\.id) == [Int64(limit), Int64(limit + 1), Int64(limit + 2)])
        deep.offset = limit + 8
        #expect(try store.accounts(deep).rows.map(\.id) == [Int64(limit + 9), Int64(limit + 10)])
        // Grades in SQL agree with grades counted in Swift.
        let gradeA = AccountQuery(conditions: [.grades([.a])], limit: 1)
        #expect(try store.accounts(gradeA).total == (1...(limit + 10)).filter { $0 % 4 == 0 }.count + 1)
    }

    @Test func aRepsTextSearchIsTestedInTheCoveringIndex() throws {
        let store = try Self.store(count: 10)
        let rep = Viewer(name: "alice", role: .rep)
        let plan = try store.viewing(rep).accountPagePlan(AccountQuery(conditions: [.text("zgsh")], sort: .name))
        #expect(plan.contains { $0.contains("COVERING INDEX account_name_search_cover") }, "\(plan)")
        // Names tie-break by id in the index's order, either way: the walk stops at the page, no sort.
        for ascending in [true, false] {
            let byName = try store.accountPagePlan(AccountQuery(conditions: [.text("a")], sort: .name, ascending: ascending))
            #expect(byName.contains { $0.contains("COVERING INDEX account_name_search_cover") } && !byName.contains { $0.contains("TEMP B-TREE") },
                    "\(byName)")
        }
        // bob's 中国石化 is not alice's to see; the pool is.
        #expect(try store.viewing(rep).accounts(AccountQuery(conditions: [.text("zgsh")])).total == 0)
        #expect(try store.accounts(AccountQuery(conditions: [.text("zgsh")])).total == 1)
    }

    @Test func aRollupRangeDoesNotWalkTheRollupIndex() throws {
        let store = try Self.store(count: 10)
        // `pipeline>500k` holds for most accounts: a range walk of account_pipeline with a table read each
        // costs more than the scan (without the `+` SQLite takes that walk, here as on 20k accounts).
        let ranged = try store.accountPagePlan(AccountQuery(conditions: try AccountQueryLanguage.parse("grade:A,B pipeline>500k")))
        #expect(!ranged.contains { $0.contains("account_pipeline") }, "\(ranged)")
    }
}
