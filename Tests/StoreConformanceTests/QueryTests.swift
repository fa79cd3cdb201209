import CloserCore
import CloserSQLite
import Foundation
import StoreTestSupport
import Testing

@Suite("Board, deal table and account table")
struct QueryTests {
    private func column(_ board: Board, _ stage: String) throws -> BoardColumn {
        try #require(board.columns.first { $0.stage.key == stage })
    }

    @Test(arguments: Backend.allCases) func boardTotalsPerStage(_ backend: Backend) throws {
        let p = try StoreFixture.pipeline(backend)
        let board = try p.store.board(BoardQuery(processKey: "project"))
        #expect(board.process.key == "project")
        #expect(board.columns.map(\.stage.key) == ["develop", "entry", "proposal", "bid", "negotiation", "implementation"])
        #expect(board.columns.map(\.count) == [4, 1, 0, 0, 0, 0])   // d5 (proposal) is lost: not on the board

        let develop = try column(board, "develop")
        // CNY: 100 000 + 250 000 + 33 335 = 383 335; weighted at 10 %: 10 000 + 25 000 + 3 334 (3 333.5 up) = 38 334.
        // USD: 10 000, weighted 1 000. Largest total first.
        #expect(develop.totals == [CurrencyTotal(currency: "CNY", amount: 383_335, weighted: 38_334),
                                   CurrencyTotal(currency: "USD", amount: 10_000, weighted: 1_000)])
        #expect(develop.cards.map(\.id) == [p.d2.id, p.d1.id, p.d3.id, p.d6.id])   // amount desc
        // entry 20 % of 500 000
        #expect(try column(board, "entry").totals == [CurrencyTotal(currency: "CNY", amount: 500_000, weighted: 100_000)])
        #expect(try column(board, "proposal").totals.isEmpty && column(board, "proposal").cards.isEmpty)

        let card = try #require(develop.cards.first)
        #expect(card.title == "Pipeline valves" && card.accountName == "中国石化" && card.accountGrade == .a)
        #expect(card.probability == 10 && card.weighted == 25_000 && card.milestonesMet == 0 && card.milestonesTotal == 2)
    }

    @Test(arguments: Backend.allCases) func boardCardsAreLimitedAndOffset(_ backend: Backend) throws {
        let p = try StoreFixture.pipeline(backend)
        let first = try p.store.board(BoardQuery(processKey: "project", cardsPerStage: 2))
        #expect(try column(first, "develop").cards.map(\.id) == [p.d2.id, p.d1.id])
        #expect(try column(first, "develop").count == 4)
        let scrolled = try p.store.board(BoardQuery(processKey: "project", cardsPerStage: 2, offsets: ["develop": 2]))
        #expect(try column(scrolled, "develop").cards.map(\.id) == [p.d3.id, p.d6.id])
        #expect(try column(scrolled, "develop").offset == 2)
        #expect(try column(scrolled, "entry").cards.map(\.id) == [p.d4.id])
        let none = try p.store.board(BoardQuery(processKey: "project", cardsPerStage: 0))
        #expect(try column(none, "develop").cards.isEmpty && column(none, "develop").count == 4)
        #expect(throws: StoreError.rule(.unknownProcess("barter"))) { try p.store.board(BoardQuery(processKey: "barter")) }
    }

    @Test(arguments: Backend.allCases, [
        (DealFilter(owner: "alice"), ["d1", "d2", "d6"]),
        (DealFilter(owner: "bob"), ["d3", "d4"]),
        (DealFilter(grades: [.b]), ["d3", "d4", "d6"]),
        (DealFilter(grades: [.a]), ["d1", "d2"]),
        (DealFilter(grades: [.a], text: "valves"), ["d2"]),
        (DealFilter(text: "zgsh"), ["d1", "d2"]),           // pinyin initials of 中国石化
        (DealFilter(text: "石化"), ["d1", "d2"]),
        (DealFilter(text: "acme"), ["d3", "d4", "d6"]),
        (DealFilter(text: "FURNACE"), ["d4"]),                // deal title, any case
        (DealFilter(text: "tank"), []),                       // d5 is closed
        (DealFilter(owner: "alice", grades: [.b]), ["d6"]),
        (DealFilter(owner: "nobody"), []),
    ]) func boardFilters(_ backend: Backend, _ arguments: (DealFilter, [String])) throws {
        let (filter, expected) = arguments
        let p = try StoreFixture.pipeline(backend)
        let names = [p.d1.id: "d1", p.d2.id: "d2", p.d3.id: "d3", p.d4.id: "d4", p.d5.id: "d5", p.d6.id: "d6"]
        let board = try p.store.board(BoardQuery(processKey: "project", filter: filter))
        let shown = board.columns.flatMap(\.cards).compactMap { names[$0.id] }.sorted()
        #expect(shown == expected)
        #expect(board.columns.map(\.count).reduce(0, +) == expected.count)
        // The deal table agrees with the board.
        let table = try p.store.deals(DealQuery(filter: filter))
        #expect(table.total == expected.count)
        #expect(table.rows.compactMap { names[$0.id] }.sorted() == expected)
    }

    @Test(arguments: Backend.allCases) func dealsPagingAndSorting(_ backend: Backend) throws {
        let p = try StoreFixture.pipeline(backend)
        let store = p.store
        // Open deals by amount: d4 500 000, d2 250 000, d1 100 000, d3 33 335, d6 10 000.
        let page1 = try store.deals(DealQuery(sort: .amount, ascending: false, offset: 0, limit: 2))
        #expect(page1.total == 5 && page1.offset == 0)
        #expect(page1.rows.map(\.id) == [p.d4.id, p.d2.id])
        #expect(try store.deals(DealQuery(sort: .amount, ascending: false, offset: 2, limit: 2)).rows.map(\.id) == [p.d1.id, p.d3.id])
        #expect(try store.deals(DealQuery(sort: .amount, ascending: false, offset: 4, limit: 2)).rows.map(\.id) == [p.d6.id])
        #expect(try store.deals(DealQuery(sort: .amount, ascending: false, offset: 6, limit: 2)).rows.isEmpty)
        #expect(try store.deals(DealQuery(sort: .amount, ascending: true)).rows.map(\.id) == [p.d6.id, p.d3.id, p.d1.id, p.d2.id, p.d4.id])
        // Weighted: d4 100 000, d2 25 000, d1 10 000, d3 3 334, d6 1 000.
        #expect(try store.deals(DealQuery(sort: .weighted)).rows.map(\.weighted) == [100_000, 25_000, 10_000, 3_334, 1_000])
        #expect(try store.deals(DealQuery(sort: .title, ascending: true)).rows.map(\.title)
            == ["Furnace upgrade", "Pipeline valves", "Refinery pumps", "Rolling mill sensors", "Spare parts"])
        // Totals honour filters, including the one that needs the account join.
        #expect(try store.deals(DealQuery(filter: DealFilter(owner: "alice"), limit: 1)).total == 3)
        #expect(try store.deals(DealQuery(filter: DealFilter(grades: [.b]), limit: 1)).total == 3)
        let withClosed = try store.deals(DealQuery(filter: DealFilter(includeClosed: true)))
        #expect(withClosed.total == 6 && withClosed.rows.first?.id == p.d5.id && withClosed.rows.first?.outcome == .lost)
    }

    @Test(arguments: Backend.allCases) func accountSearchAndPipeline(_ backend: Backend) throws {
        let p = try StoreFixture.pipeline(backend)
        let store = p.store
        #expect(try store.accounts(AccountQuery(text: "zgsh")).rows.map(\.account.name) == ["中国石化"])
        #expect(try store.accounts(AccountQuery(text: "石化")).rows.map(\.account.name) == ["中国石化"])
        #expect(try store.accounts(AccountQuery(text: "国")).rows.map(\.account.name) == ["中国石化"])
        #expect(try store.accounts(AccountQuery(text: "steel")).rows.map(\.account.name) == ["Acme Steel"])
        #expect(try store.accounts(AccountQuery(text: "xyz")).total == 0)
        #expect(try store.accounts(AccountQuery(grades: [.a])).rows.map(\.account.name) == ["中国石化"])
        #expect(try store.accounts(AccountQuery(owner: "bob")).rows.map(\.account.name) == ["Acme Steel"])

        let all = try store.accounts(AccountQuery(sort: .id))
        #expect(all.total == 2)
        let sinopec = try #require(all.rows.first { $0.id == p.sinopec.id })
        // Open deals only: d1 + d2 (d5 is lost).
        #expect(sinopec.openDeals == 2 && sinopec.pipeline == 350_000 && sinopec.weighted == 35_000)
        #expect(try store.accounts(AccountQuery(sort: .name, ascending: true, limit: 1)).rows.map(\.account.name) == ["Acme Steel"])
        #expect(try store.accounts(AccountQuery(sort: .name, ascending: true, offset: 1, limit: 1)).rows.map(\.account.name) == ["中国石化"])
    }

    @Test(arguments: Backend.allCases) func renamingAnAccountRefreshesDealSearch(_ backend: Backend) throws {
        let p = try StoreFixture.pipeline(backend)
        var acme = try p.store.account(p.acme.id)
        acme.name = "宝钢"
        _ = try p.store.acting(as: "bob").updateAccount(acme)
        #expect(try p.store.deals(DealQuery(filter: DealFilter(text: "bg"))).total == 3)
        #expect(try p.store.deals(DealQuery(filter: DealFilter(text: "acme"))).total == 0)
    }

    @Test(arguments: Backend.allCases) func personSearch(_ backend: Backend) throws {
        let store = try StoreFixture.store(backend)
        let account = try store.acting(as: "alice").addAccount(StoreFixture.account("Acme"))
        let wang = try store.acting(as: "alice").addPerson(Person(accountID: account.id, name: "王建国", title: "总经理"))
        _ = try store.acting(as: "alice").addPerson(Person(accountID: account.id, name: "Li Ming", title: "Engineer"))
        #expect(try store.persons(PersonQuery(text: "wjg")).rows.map(\.id) == [wang.id])
        #expect(try store.persons(PersonQuery(text: "总经理")).rows.map(\.id) == [wang.id])
        #expect(try store.persons(PersonQuery(text: "engineer")).total == 1)
        #expect(try store.persons(PersonQuery(accountID: account.id, limit: 1)).total == 2)
    }
}
