import CloserCore
import Foundation
import StoreTestSupport
import Testing

/// The deal and account tables' footers, added up by the store over every row the filter
/// selects (StoreFixture.pipeline: sinopec A alice d1 100 000, d2 250 000, d5 1 000 000 lost;
/// acme B bob d3 33 335, d4 500 000, d6 USD 10 000 alice's).
@Suite("Table totals: count and amounts of every row a filter selects")
struct TableTotalsTests {
    private func amounts(_ totals: TableTotals) -> [String] { totals.amounts.map { "\($0.currency) \($0.amount)" } }

    @Test(arguments: Backend.allCases, [
        // Open deals only unless closed ones are asked for; largest currency total first.
        (DealFilter(), 5, ["CNY 883335", "USD 10000"]),
        (DealFilter(owner: "alice"), 3, ["CNY 350000", "USD 10000"]),
        (DealFilter(owner: "alice", includeClosed: true), 4, ["CNY 1350000", "USD 10000"]),
        (DealFilter(grades: [.b]), 3, ["CNY 533335", "USD 10000"]),
        (DealFilter(text: "tank"), 0, []),
    ]) func dealTotals(_ backend: Backend, _ row: (DealFilter, Int, [String])) throws {
        let (filter, count, expected) = row
        let p = try StoreFixture.pipeline(backend)
        let totals = try p.store.dealTotals(filter)
        #expect(totals.count == count)
        #expect(amounts(totals) == expected)
        #expect(totals.count == (try p.store.deals(DealQuery(filter: filter, limit: 100)).total), "the footer counts what the table pages through")
    }

    @Test(arguments: Backend.allCases, [
        // The accounts' open deals: d5 (lost) is not in sinopec's.
        (AccountQuery(), 2, ["CNY 883335", "USD 10000"]),
        (AccountQuery(grades: [.a]), 1, ["CNY 350000"]),
        (AccountQuery(text: "acme"), 1, ["CNY 533335", "USD 10000"]),
        (AccountQuery(text: "nobody"), 0, []),
    ]) func accountTotals(_ backend: Backend, _ row: (AccountQuery, Int, [String])) throws {
        let (query, count, expected) = row
        let p = try StoreFixture.pipeline(backend)
        let totals = try p.store.accountTotals(query)
        #expect(totals.count == count)
        #expect(amounts(totals) == expected)
    }

    /// A rep sees the totals of what they may see: bob holds acme alone.
    @Test(arguments: Backend.allCases) func totalsFollowWhatTheUserMaySee(_ backend: Backend) throws {
        let p = try StoreFixture.pipeline(backend)
        let bob = try p.store.viewing(Viewer(name: "bob", role: .rep))
        #expect(amounts(try bob.dealTotals(DealFilter())) == ["CNY 533335", "USD 10000"])
        #expect(try bob.accountTotals(AccountQuery()).count == 1)
    }
}
