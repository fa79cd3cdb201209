@testable import CloserApp
import CloserCore
import Testing

/// How screens word amounts with the team's base currency and rates, and how review tables give way.
@Suite struct TeamNumbersTests {
    static let numbers = TeamNumbers(
        rates: RateTable(base: "CNY", rates: [ExchangeRate(currency: "USD", base: "CNY", from: Day(year: 2026, month: 11, day: 1)!, micros: 7_100_000)]),
        directory: TeamDirectory(users: [User(name: "li.na", displayName: "李娜"), User(name: "zhao.min")]))
    static let today = Day(year: 2026, month: 11, day: 23)!

    @Test func aDealKeepsItsCurrencyWithTheConvertedValueBeside() {
        let usd = Money(minorUnits: 50_000_000, currency: "USD")
        #expect(Self.numbers.amount(usd, on: Self.today, lang: .zh) == "USD 50万 ≈ 355万")
        #expect(Self.numbers.amount(usd, on: Self.today, lang: .en) == "USD 500k ≈ 3.5M")
        #expect(Self.numbers.amount(Money(minorUnits: 850_000_000), on: Self.today, lang: .zh) == "850万", "the base currency is not named")
        // Before the first USD rate there is none: said, not guessed.
        #expect(Self.numbers.amount(usd, on: Day(year: 2026, month: 10, day: 31)!, lang: .en) == "USD 500k (no rate)")
        #expect(Self.numbers.amount(Money(minorUnits: 100, currency: "EUR"), on: Self.today, lang: .zh) == "EUR 1（无汇率）")
        #expect(Self.numbers.ownAmount(usd, lang: .zh) == "USD 50万")
    }

    @Test func aTotalConvertsWhatItCanAndKeepsTheRestApart() {
        let total = Self.numbers.total([("CNY", 100_000_000), ("USD", 10_000_000), ("EUR", 5_000_000)], on: Self.today)
        #expect(total.minorUnits == 100_000_000 + 71_000_000)
        #expect(total.unconverted == ["EUR": 5_000_000])
        #expect(BoardView.missingRates(total, lang: .zh) == "+ EUR 5万 无汇率")
        #expect(BoardView.missingRates(total, lang: .en) == "+ EUR 50k: no rate")
    }

    @Test func repsByTheNameTheTeamUses() {
        #expect(Self.numbers.name("li.na") == "李娜")
        #expect(Self.numbers.name("zhao.min") == "zhao.min", "no display name: the login")
        #expect(Self.numbers.name("nobody") == "nobody")
    }
}

@Suite struct ReviewTableTests {
    static func column(_ header: String, _ cells: [String], keep: Int, shrinks: Bool = false, shortest: Int = 6, compact: [String]? = nil) -> ReviewColumn {
        ReviewColumn(header: header, cells: cells, keep: keep, shrinks: shrinks, shortest: shortest, compact: compact)
    }

    @Test func everythingFitsAsItIs() {
        let laid = ReviewTable.fit([Self.column("rep", ["李娜"], keep: 9), Self.column("won", ["8万"], keep: 5)], width: 40, rows: [0])
        #expect(laid.header == "rep   won")
        #expect(laid.row(0) == "李娜  8万")
    }

    @Test func theLeastNeededColumnIsLeftOutFirstAndNoHeadingIsCut() {
        let columns = [Self.column("rep", ["李娜"], keep: 9), Self.column("pipeline", ["355万"], keep: 3), Self.column("attained", ["3%"], keep: 7)]
        let laid = ReviewTable.fit(columns, width: 15, rows: [0])
        #expect(laid.columns.map(\.header) == ["rep", "attained"])
        #expect(laid.header == "rep   attained")
    }

    @Test func aShorterFormComesBeforeCuttingThenTheLeastNeededTextShrinks() {
        let columns = [
            Self.column("Title", ["汽轮机组长期服务合同"], keep: 98, shrinks: true, shortest: 10),
            Self.column("Amount", ["USD 50万 ≈ 355万"], keep: 90, shrinks: true, shortest: 8, compact: ["USD 50万"]),
            Self.column("What", ["idle 114 days"], keep: 97, shrinks: true, shortest: 8),
        ]
        // Natural: 20 + 16 + 13 + 4 = 53; the compact amount saves 8; then What gives 3 (it is needed less than the title).
        let laid = ReviewTable.fit(columns, width: 42, rows: [0])
        #expect(laid.widths == [20, 8, 10])
        #expect(laid.row(0) == "汽轮机组长期服务合同  USD 50万  idle 114 …")
    }
}
