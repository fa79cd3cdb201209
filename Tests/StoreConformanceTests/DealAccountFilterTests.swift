import CloserCore
import CloserSQLite
import Foundation
import StoreTestSupport
import Testing

/// A saved account filter on the deal screens: the deal filter carries account query-language
/// conditions, applied in SQL to the deal's account, on the board, its columns and the deal table.
@Suite("Deal filter with an account query")
struct DealAccountFilterTests {
    /// The pipeline fixture's open deals: 中国石化 (A, alice, open pipeline 350 000) has d1 d2;
    /// Acme Steel (B, bob, 533 335 in CNY) has d3 d4 and alice's USD deal d6; d5 is lost.
    @Test(arguments: Backend.allCases, [
        ("grade:A", ["d1", "d2"]),
        ("owner:bob", ["d3", "d4", "d6"]),            // the account's owner, whoever owns the deal
        ("zgsh", ["d1", "d2"]),                       // text: the account's name, pinyin initials too
        ("pipeline>4k", ["d3", "d4", "d6"]),          // the account's rollup, not the deal's amount
        ("quadrant:market grade:A,B", ["d1", "d2", "d3", "d4", "d6"]),
        ("quadrant:strategic", []),
        ("region:华东", []),
    ]) func accountConditionsSelectTheDeals(_ backend: Backend, _ arguments: (String, [String])) throws {
        let (query, expected) = arguments
        let p = try StoreFixture.pipeline(backend)
        let names = [p.d1.id: "d1", p.d2.id: "d2", p.d3.id: "d3", p.d4.id: "d4", p.d5.id: "d5", p.d6.id: "d6"]
        let filter = DealFilter(accountConditions: try AccountQueryLanguage.parse(query))
        let table = try p.store.deals(DealQuery(filter: filter, sort: .id, ascending: true, limit: 50))
        #expect(table.rows.compactMap { names[$0.id] } == expected)
        #expect(table.total == expected.count)
        let board = try p.store.board(BoardQuery(processKey: "project", filter: filter))
        #expect(board.columns.map(\.count).reduce(0, +) == expected.count)
        #expect(board.columns.flatMap(\.cards).compactMap { names[$0.id] }.sorted() == expected)
    }

    @Test(arguments: Backend.allCases) func accountConditionsCombineWithTheDealFilter(_ backend: Backend) throws {
        let p = try StoreFixture.pipeline(backend)
        let bobs = try AccountQueryLanguage.parse("owner:bob")
        // alice's deal on bob's account.
        let mine = try p.store.deals(DealQuery(filter: DealFilter(owner: "alice", accountConditions: bobs)))
        #expect(mine.rows.map(\.id) == [p.d6.id] && mine.total == 1)
        // Closed deals too when asked: d5 (lost) is on 中国石化.
        let gradeA = try AccountQueryLanguage.parse("grade:A")
        let closed = try p.store.deals(DealQuery(filter: DealFilter(includeClosed: true, accountConditions: gradeA), sort: .id, ascending: true))
        #expect(closed.rows.map(\.id) == [p.d1.id, p.d2.id, p.d5.id])
        // Board columns: totals and a scrolled column's cards keep the account conditions.
        let board = try p.store.board(BoardQuery(processKey: "project", filter: DealFilter(accountConditions: bobs)))
        let develop = try #require(board.columns.first { $0.stage.key == "develop" })
        #expect(develop.count == 2 && develop.totals.map(\.currency) == ["CNY", "USD"])
        #expect(develop.totals.first?.amount == 33_335)
        let more = try p.store.boardCards(processKey: "project", filter: DealFilter(accountConditions: bobs), stageKey: "develop",
                                          limit: 5, offset: 1)
        #expect(more.map(\.id) == [p.d6.id])
    }

    @Test(arguments: Backend.allCases) func ownerMeNeedsResolvingFirst(_ backend: Backend) throws {
        let p = try StoreFixture.pipeline(backend)
        let me = try AccountQueryLanguage.parse("owner:me")
        // A deal query has no viewer: an unresolved `me` matches no account rather than every one.
        #expect(try p.store.deals(DealQuery(filter: DealFilter(accountConditions: me))).total == 0)
        let resolved = AccountQueryLanguage.resolvingMe(me, as: "bob")
        #expect(try p.store.deals(DealQuery(filter: DealFilter(accountConditions: resolved))).total == 3)
    }
}
