import CloserCore
@testable import CloserSQLite
import Foundation
import GRDB
import Testing

/// v11 trades three deal indexes for one: the table's search and the review's largest-deal
/// lists walk the same open-deals-by-amount index, and nothing reads the table to test a row.
@Suite("Fewer deal indexes (v11)")
struct DealIndexMigrationTests {
    static func dealIndexes(_ db: Database) throws -> Set<String> {
        Set(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'deal' AND sql IS NOT NULL"))
    }

    static func plan(_ db: Database, _ sql: String) throws -> String {
        try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql).map { $0["detail"] as String }.joined(separator: " | ")
    }

    @Test func aV10StoreLosesThreeIndexesAndGainsOne() throws {
        let queue = try DatabaseQueue()
        try Schema.migrator.migrate(queue, upTo: "v10-review-history")
        let before = try queue.read(Self.dealIndexes)
        #expect(before.isSuperset(of: ["deal_owner", "deal_amount_search", "deal_attention_top"]))
        try Schema.migrator.migrate(queue, upTo: "v11-fewer-deal-indexes")
        let after = try queue.read(Self.dealIndexes)
        #expect(after == before.subtracting(["deal_owner", "deal_amount_search", "deal_attention_top"]).union(["deal_amount_cover"]))
        let closedOn = try queue.read { db in try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = 'deal_closed_on'") }
        #expect(closedOn?.hasSuffix("WHERE closed_on IS NOT NULL") == true, "\(closedOn ?? "-")")
    }

    @Test func searchAndReviewListsReadTheIndexAlone() throws {
        let store = try StoreFixture.store()
        let account = try store.acting(as: "alice").addAccount(StoreFixture.account("中国石化 长春分公司"))
        for n in 0..<30 {
            _ = try store.acting(as: "alice").addDeal(Deal(accountID: account.id, title: "项目 \(n)", processKey: "project", stageKey: "develop",
                                       amount: Money(minorUnits: Int64(n) * 100_000, currency: "CNY"), owner: n % 2 == 0 ? "alice" : "bob"))
        }
        try store.read { db in
            let search = try Self.plan(db, "SELECT COUNT(*) FROM deal d WHERE d.outcome = 'open' AND d.search_key LIKE '%zgsh%'")
            #expect(search.contains("COVERING INDEX"), "\(search)")
            let page = try Self.plan(db, "SELECT d.id FROM deal d WHERE d.outcome = 'open' AND d.owner = 'bob' AND d.search_key LIKE '%xm%' ORDER BY d.amount DESC, d.id LIMIT 40")
            #expect(page.contains("COVERING INDEX"), "\(page)")
            let won = try Self.plan(db, "SELECT d.currency, SUM(d.amount) FROM deal d WHERE d.outcome = 'won' AND d.closed_on >= '2026-10-01' AND d.closed_on < '2027-01-01' GROUP BY d.currency")
            #expect(won.contains("COVERING INDEX deal_closed_on"), "the won-in-period figure reads the closed deals' index: \(won)")
        }
        let found = try store.deals(DealQuery(filter: DealFilter(owner: "bob", text: "zgsh"), sort: .amount, limit: 5))
        #expect(found.total == 15 && found.rows.first?.title == "项目 29")
        let today = try #require(Day(year: 2030, month: 1, day: 7))
        let review = try store.weeklyReview(ReviewQuery(today: today))
        #expect(review.stalled.count == 30 && review.stalled.items.first?.title == "项目 29")
    }
}
