import Foundation
import Testing
@testable import CloserCore

@Suite("Exchange rates and base totals")
struct ExchangeRateTests {
    static func day(_ text: String) -> Day { Fixture.day(text) }
    static func rate(_ currency: String, _ micros: Int64, from: String, base: String = "CNY") -> ExchangeRate {
        ExchangeRate(currency: currency, base: base, from: day(from), micros: micros)
    }

    @Test("typed rates", arguments: [("7.10", Int64(7_100_000)), ("7.1", 7_100_000), ("0.138", 138_000), ("7.103456", 7_103_456), ("1", 1_000_000), (".5", 500_000)])
    func parses(text: String, micros: Int64) throws {
        #expect(try ExchangeRate.parse(text) == micros)
        #expect(try ExchangeRate.parse(ExchangeRate.text(micros)) == micros, "what a rate shows reads back")
    }

    @Test func shownAsTyped() {
        #expect(ExchangeRate.text(7_100_000) == "7.1" && ExchangeRate.text(138_000) == "0.138" && ExchangeRate.text(1_000_000) == "1")
    }

    @Test func refusals() {
        #expect(throws: CurrencyError.rateNotPositive("0")) { try ExchangeRate.parse("0") }
        #expect(throws: CurrencyError.rateNotPositive("0.000")) { try ExchangeRate.parse("0.000") }
        #expect(throws: CurrencyError.rateNotPositive("-7.1")) { try ExchangeRate.parse("-7.1") }
        #expect(throws: CurrencyError.notARate("abc")) { try ExchangeRate.parse("abc") }
        #expect(throws: CurrencyError.notARate("")) { try ExchangeRate.parse("") }
        #expect(throws: CurrencyError.tooPrecise("1.1234567")) { try ExchangeRate.parse("1.1234567") }
        #expect(throws: CurrencyError.rateTooLarge("99999999")) { try ExchangeRate.parse("99999999") }
        #expect(CurrencyError.rateNotPositive("0").description.contains("more than 0"))
    }

    @Test func currencyCodes() throws {
        #expect(try CurrencyCodes.check("usd") == "USD")
        #expect(throws: CurrencyError.unknownCurrency("XYZ")) { try CurrencyCodes.check("XYZ") }
        #expect(throws: CurrencyError.unknownCurrency("RMB")) { try CurrencyCodes.check("RMB") }
    }

    @Test func conversionRoundsHalfAwayFromZero() {
        // 1.00 USD at 7.10 is 7.10 CNY; 0.01 USD at 7.15 is 0.0715 → 0.07; 0.07 USD at 7.15 is 0.5005 → 0.50;
        // 0.01 at 0.5 is half a fen → 0.01, and -0.01 → -0.01.
        #expect(ExchangeRate.convert(100, micros: 7_100_000) == 710)
        #expect(ExchangeRate.convert(1, micros: 7_150_000) == 7)
        #expect(ExchangeRate.convert(7, micros: 7_150_000) == 50)
        #expect(ExchangeRate.convert(1, micros: 500_000) == 1)
        #expect(ExchangeRate.convert(-1, micros: 500_000) == -1)
        #expect(ExchangeRate.convert(3, micros: 500_000) == 2)
    }

    @Test func largeSumsConvertWithoutOverflow() {
        // 10¹⁵ minor units × 7.1e6 is 7.1e21, past 64 bits, though the result (7.1e15) is not.
        #expect(ExchangeRate.convert(1_000_000_000_000_000, micros: 7_100_000) == 7_100_000_000_000_000)
        #expect(ExchangeRate.convert(Int64.max, micros: 7_100_000) == nil, "a result past Int64 is refused, not wrapped")
    }

    @Test func theRateInForceOnADay() {
        let table = RateTable(base: "CNY", rates: [
            Self.rate("USD", 7_000_000, from: "2026-11-01"), Self.rate("USD", 7_100_000, from: "2026-12-01"),
            Self.rate("EUR", 7_800_000, from: "2026-11-15"), Self.rate("USD", 1_000_000, from: "2026-11-01", base: "EUR"),
        ])
        #expect(table.rate("USD", on: Self.day("2026-10-31")) == nil, "before the first rate: none, never the next one")
        #expect(table.rate("USD", on: Self.day("2026-11-01"))?.micros == 7_000_000)
        #expect(table.rate("USD", on: Self.day("2026-11-30"))?.micros == 7_000_000)
        #expect(table.rate("USD", on: Self.day("2026-12-01"))?.micros == 7_100_000)
        #expect(table.rate("USD", on: Self.day("2027-06-01"))?.micros == 7_100_000)
        #expect(table.rate("EUR", on: Self.day("2026-11-14")) == nil)
        #expect(table.currencies == ["EUR", "USD"], "the rate quoted against EUR does not apply with a CNY base")
        #expect(table.convert(Money(minorUnits: 100, currency: "CNY"), on: Self.day("2020-01-01")) == Money(minorUnits: 100, currency: "CNY"))
        #expect(table.convert(Money(minorUnits: 100, currency: "GBP"), on: Self.day("2026-12-01")) == nil)
        #expect(table.changeDays(after: Self.day("2026-11-01"), before: Self.day("2026-12-31")).map(\.description) == ["2026-11-15", "2026-12-01"])
        let pieces = RatePieces(table, from: Self.day("2026-11-10"), until: Self.day("2026-12-10"))
        #expect(pieces.starts.map(\.description) == ["2026-11-10", "2026-11-15", "2026-12-01"])
        #expect(pieces.day(ofPiece: 2).description == "2026-12-01")
    }

    @Test func aTotalConvertsEachCurrencyAndRateOnceAndSaysWhatItLeftOut() {
        let table = RateTable(base: "CNY", rates: [Self.rate("USD", 7_150_000, from: "2026-11-01"), Self.rate("USD", 7_200_000, from: "2026-12-01")])
        var builder = BaseTotalBuilder(rates: table)
        builder.add(100_000, currency: "CNY", on: Self.day("2026-11-05"))
        builder.add(1, currency: "USD", on: Self.day("2026-11-05"))       // 0.0715
        builder.add(1, currency: "USD", on: Self.day("2026-11-20"))       // with the one above: 0.02 × 7.15 = 0.143 → 0.14
        builder.add(10_000, currency: "USD", on: Self.day("2026-12-02"))  // 100 × 7.2 = 720.00
        builder.add(5_000, currency: "EUR", on: Self.day("2026-12-02"), deals: 2)
        builder.add(700, currency: "EUR", on: Self.day("2026-12-03"))
        let total = builder.total
        #expect(total.minorUnits == 100_000 + 14 + 72_000, "per deal it would be 0.07 + 0.07: the rule adds first")
        #expect(total.unconverted == ["EUR": 5_700] && total.unconvertedDeals == 3 && !total.isComplete)
        #expect(total.missingCurrencies == ["EUR"])
        #expect(ReviewWording.total(total, lang: .en) == "1.7k (+ EUR 57: no rate)")
        #expect(ReviewWording.total(total, lang: .zh) == "1720（另 EUR 57：无汇率）")
        #expect(ReviewWording.total(BaseTotal(currency: "CNY", minorUnits: 850_000_000), lang: .zh) == "850万")
    }

    @Test func aDealShowsItsOwnAmountAndTheBaseBeside() {
        var item = ReviewItem(dealID: 1, title: "", accountID: 1, accountName: "", owner: "", amount: Money(minorUnits: 10_000_000, currency: "USD"), stage: "")
        #expect(ReviewWording.amount(item, base: "CNY", lang: .en) == "USD 100k (no rate)")
        item.converted = Money(minorUnits: 71_000_000, currency: "CNY")
        #expect(ReviewWording.amount(item, base: "CNY", lang: .zh) == "USD 10万 ≈ 71万")
        item.amount = Money(minorUnits: 850_000_000, currency: "CNY")
        #expect(ReviewWording.amount(item, base: "CNY", lang: .zh) == "850万")
    }
}
