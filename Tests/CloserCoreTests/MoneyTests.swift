import Testing
@testable import CloserCore

@Suite("Money")
struct MoneyTests {
    @Test(arguments: [
        ("1200000", Int64(120_000_000)),
        ("1,200,000.50", 120_000_050),
        ("¥1,200,000.00", 120_000_000),
        ("￥ 1,200,000", 120_000_000),
        ("120万", 120_000_000),          // 1 200 000.00 yuan
        ("1.25万", 1_250_000),            // 12 500.00
        ("3.5k", 350_000),                // 3 500.00
        ("3.5K", 350_000),
        ("1.2亿", 12_000_000_000),        // 120 000 000.00
        ("¥1.2m", 120_000_000),           // 1 200 000.00
        ("0.1", 10),                      // exact, no binary float
        ("0.29", 29),
        (".5", 50),
        ("0.005", 1),                     // half a fen rounds up
        ("0.0049", 0),
        ("RMB 1_000", 100_000),
        ("0", 0),
    ])
    func parses(text: String, minorUnits: Int64) throws {
        let money = try #require(Money.parse(text))
        #expect(money.minorUnits == minorUnits)
        #expect(money.currency == "CNY")
    }

    @Test(arguments: ["-5", "-1,000", "abc", "1.2.3", "", "万", "¥", "1.2x", "12 34", "1.123456789", "1.-5",
                      "99999999999999999999", "100000000000亿", "92233720368547758.08"])
    func rejects(text: String) {
        #expect(Money.parse(text) == nil)
    }

    @Test func loneDecimalPointIsNotAnAmount() {
        // Sources/CloserCore/Model/Money.swift: "." splits into two empty pieces, the whole part
        // defaults to "0" and the empty fraction passes, so "." parses as 0.00.
        #expect(Money.parse(".") == nil)
    }

    @Test func largestParsableAmount() {
        // Int64.max is 92 233 720 368 547 758.07 minor units; the 1e-8 working scale caps the
        // whole part at 92 233 720 368 yuan before a multiplier.
        #expect(Money.parse("92233720368")?.minorUnits == 9_223_372_036_800)
        #expect(Money.parse("92233720369") == nil)
    }

    @Test func keepsTheGivenCurrency() {
        #expect(Money.parse("$3.5k", currency: "USD") == Money(minorUnits: 350_000, currency: "USD"))
    }

    @Test(arguments: [
        (Int64(120_000_050), "1,200,000.50"), (0, "0.00"), (5, "0.05"), (-5, "-0.05"), (100, "1.00"),
        (99_999, "999.99"), (100_000, "1,000.00"), (-123_456_789, "-1,234,567.89"),
        (Int64.min, "-92,233,720,368,547,758.08"),
    ])
    func formats(minorUnits: Int64, text: String) {
        #expect(Money.format(minorUnits) == text)
    }

    @Test func plainAndDescription() {
        let money = Money(minorUnits: 1_250_000)
        #expect(money.plain == "12,500.00")
        #expect(money.description == "CNY 12,500.00")
    }

    @Test(arguments: [
        (Int64(120_000_000), "1.2M"), (35_000_000, "350k"), (98_000, "980"), (100_000, "1k"), (-250_000, "-2.5k"),
        (150_000_000_000, "1.5B"), (0, "0"), (5_000_000_000, "50M"), (12_345_678_900, "123M"),
    ])
    func compact(minorUnits: Int64, text: String) {
        #expect(Money.compact(minorUnits) == text)
    }

    @Test func compactRoundsUpIntoTheNextUnit() {
        // 999 999.99 yuan is 999.99999k; rounded to a whole number it reads "1000k" where "1M" is meant
        // (Sources/CloserCore/Model/Money.swift, compact: the unit is chosen before rounding).
        #expect(Money.compact(99_999_999) == "1M")
    }

    @Test(arguments: [("CNY", true), ("USD", true), ("cny", false), ("CN", false), ("CNYX", false), ("¥¥¥", false), ("", false)])
    func currencyCodes(code: String, valid: Bool) {
        #expect(Money.isValidCurrency(code) == valid)
    }
}

@Suite("Money overflow near Int64.max")
struct MoneyOverflowTests {
    @Test func amountNearTheLimitIsRefusedNotACrash() async {
        // Sources/CloserCore/Model/Money.swift, parse: `(multiplied + 500_000) / 1_000_000` is not
        // overflow-checked; 92 233 720 368.5477 gives multiplied = 9 223 372 036 854 770 000 and the
        // rounding addition traps. Expected: nil (or the rounded value), never a crash.
        await #expect(processExitsWith: .success) {
            _ = Money.parse("92233720368.5477")
        }
    }
}
