import Foundation
import Testing
@testable import CloserCore

@Suite("Periods, targets and attainment")
struct TargetTests {
    @Test("periods as typed", arguments: [("2026-12", "2026-12"), ("2026-Q4", "2026-Q4"), ("2026-q4", "2026-Q4"), ("2026Q4", "2026-Q4"),
                                          ("2026-1", "2026-01"), ("2026年12月", "2026-12"), ("2026年第4季度", "2026-Q4"), (" 2026-03 ", "2026-03")])
    func parses(text: String, shown: String) throws {
        #expect(try Period(parsing: text).description == shown)
    }

    @Test("not periods", arguments: ["2026-Q5", "2026-Q0", "2026-13", "2026-00", "26-Q4", "2026", "Q4", "2026-Q", "2026-12-01", ""])
    func refuses(text: String) {
        #expect(throws: PeriodError(text: text)) { try Period(parsing: text) }
        #expect(PeriodError(text: "2026-Q5").description == "'2026-Q5' is not a period: use YYYY-MM (2026-12) or YYYY-Qn (2026-Q4)")
    }

    @Test func daysAndParts() throws {
        let q4 = try Period(parsing: "2026-Q4")
        #expect(q4.start == Fixture.day("2026-10-01") && q4.end == Fixture.day("2027-01-01"))
        #expect(q4.months.map(\.description) == ["2026-10", "2026-11", "2026-12"])
        let feb = try Period(parsing: "2028-02")
        #expect(feb.end == Fixture.day("2028-03-01") && feb.quarter.description == "2028-Q1")
        #expect(Period.quarter(containing: Fixture.today).description == "2026-Q4" && Period.month(containing: Fixture.today).description == "2026-11")
        #expect(q4.label(.zh) == "2026年第4季度" && feb.label(.zh) == "2028年2月")
        let encoded = try JSONEncoder().encode([q4])
        #expect(String(decoding: encoded, as: UTF8.self) == #"["2026-Q4"]"#)
        #expect(try JSONDecoder().decode([Period].self, from: encoded) == [q4])
    }

    static func target(_ period: String, _ rep: String, _ yuan: Int64, currency: String = "CNY") throws -> SalesTarget {
        SalesTarget(period: try Period(parsing: period), rep: rep, amount: Money(minorUnits: yuan * 100, currency: currency))
    }

    @Test func targetsSetAndImplied() throws {
        let rates = RateTable(base: "CNY", rates: [ExchangeRate(currency: "USD", base: "CNY", from: Fixture.day("2026-01-01"), micros: 7_000_000)])
        let book = TargetBook([
            try Self.target("2026-Q4", "wang.lei", 5_000_000), try Self.target("2026-Q4", "li.na", 3_000_000),
            try Self.target("2026-10", "chen.jing", 100_000), try Self.target("2026-11", "chen.jing", 100_000),
            try Self.target("2026-12", "chen.jing", 200_000, currency: "USD"),
            try Self.target("2026-11", "li.na", 1_000_000),
        ], rates: rates)
        let q4 = try Period(parsing: "2026-Q4"), november = try Period(parsing: "2026-11")
        #expect(book.target(rep: "wang.lei", period: q4)?.amount.minorUnits == 500_000_000)
        #expect(book.target(rep: "wang.lei", period: q4)?.source == .set)
        let chen = try #require(book.target(rep: "chen.jing", period: q4))
        #expect(chen.source == .months && chen.amount.minorUnits == (100_000 + 100_000 + 1_400_000) * 100, "200k USD at 7.00 is 1.4M")
        #expect(book.target(rep: "li.na", period: november)?.amount.minorUnits == 100_000_000)
        let team = try #require(book.target(rep: nil, period: q4))
        #expect(team.source == .reps && team.amount.minorUnits == (5_000_000 + 3_000_000 + 1_600_000) * 100)
        #expect(book.reps(in: q4) == ["chen.jing", "li.na", "wang.lei"])
        #expect(book.target(rep: "nobody", period: q4) == nil)
        let withTeam = TargetBook([try Self.target("2026-Q4", "", 20_000_000), try Self.target("2026-Q4", "li.na", 3_000_000)], rates: rates)
        #expect(withTeam.target(rep: nil, period: q4)?.source == .set && withTeam.target(rep: nil, period: q4)?.amount.minorUnits == 2_000_000_000)
    }

    @Test func attainmentAndGapByHand() throws {
        // Target 5,000,000; won 1,500,000; commit 2,000,000: attainment 30%, gap 1,500,000.
        func yuan(_ amount: Int64) -> BaseTotal { BaseTotal(currency: "CNY", minorUnits: amount * 100) }
        let q4 = try Period(parsing: "2026-Q4")
        var standing = Attainment(period: q4, rep: "wang.lei", target: ResolvedTarget(amount: yuan(5_000_000), source: .set),
                                  won: yuan(1_500_000), commit: yuan(2_000_000), bestCase: yuan(900_000))
        #expect(standing.ratio == 0.3 && standing.ratioText == "30%")
        #expect(standing.gap == 150_000_000)
        standing.commit = yuan(4_000_000)
        #expect(standing.gap == -50_000_000, "more than covered: a negative gap")
        standing.target = nil
        #expect(standing.ratio == nil && standing.gap == nil && standing.ratioText == "—")
        standing.won = BaseTotal(currency: "CNY", minorUnits: 0, unconverted: ["EUR": 100], unconvertedDeals: 1)
        #expect(!standing.isComplete)
    }
}
