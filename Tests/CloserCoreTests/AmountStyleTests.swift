import Testing
@testable import CloserCore

@Suite("Amounts in both number styles")
struct AmountStyleTests {
    @Test("Chinese counts in 万 and 亿", arguments: [
        (Int64(850_000_000), "850万"),        // 8 500 000 yuan
        (160_000_000_000, "16亿"),
        (16_000_000_000, "1.6亿"),
        (98_000_000, "98万"),
        (8_500_000, "8.5万"),
        (1_000_000, "1万"),
        (980_000, "9800"),
        (98_000, "980"),
        (0, "0"),
        (-850_000_000, "-850万"),
        (1_234_500_000, "1235万"),           // three figures at most past 100
        (12_345_000_000, "1.2亿"),
    ])
    func chinese(minorUnits: Int64, text: String) {
        #expect(Money.compact(minorUnits, .zh) == text)
    }

    @Test func roundingIntoTheNextUnit() {
        #expect(Money.compact(9_999_960_000, .zh) == "1亿", "9999.96万 would read 10000万")
        #expect(Money.compact(999_999, .zh) == "1万", "9999.99 yuan would read 10000")
        #expect(Money.compact(99_999_999, .en) == "1M")
    }

    @Test func englishIsUnchanged() {
        #expect(Money.compact(850_000_000, .en) == "8.5M")
        #expect(Money.compact(16_000_000_000, .en) == "160M")
        #expect(Money.compact(160_000_000_000, .en) == "1.6B")
        #expect(Money(minorUnits: 6_980_000, currency: "USD").compact(.en) == "USD 69.8k")
        #expect(Money(minorUnits: 6_980_000, currency: "USD").compact(.zh) == "USD 7万")
    }

    @Test("every shown form reads back", arguments: [Int64(850_000_000), 16_000_000_000, 8_500_000, 98_000, 160_000_000_000])
    func readsBack(minorUnits: Int64) {
        for lang in Language.allCases {
            let shown = Money.compact(minorUnits, lang)
            #expect(Money.parse(shown)?.minorUnits == minorUnits, "\(shown) in \(lang)")
            #expect(ImportValue.amount(shown, currency: "CNY")?.minorUnits == minorUnits, "\(shown) through the importer")
        }
    }

    @Test("both styles are read everywhere amounts are", arguments: [
        ("850万", Int64(850_000_000)), ("850万元", 850_000_000), ("1.6亿", 16_000_000_000), ("1.6B", 160_000_000_000),
        ("2.5b", 250_000_000_000), ("3千", 300_000), ("8.5M", 850_000_000), ("12k", 1_200_000),
    ])
    func parsesBothStyles(text: String, minorUnits: Int64) {
        #expect(Money.parse(text)?.minorUnits == minorUnits, "Money.parse \(text)")
        #expect(ImportValue.amount(text, currency: "CNY")?.minorUnits == minorUnits, "import \(text)")
        if let fast = PlainAmount.parse(text, currency: "CNY") { #expect(fast.minorUnits == minorUnits, "fast path \(text)") }
    }

    @Test func theUnitTableIsTheOnlyOne() {
        #expect(AmountUnits.trailingUnit(of: "5万")?.factor == 10_000)
        #expect(AmountUnits.trailingUnit(of: "5B")?.factor == 1_000_000_000)
        #expect(AmountUnits.trailingUnit(of: "5") == nil)
        #expect(PlainAmount.parse("1.6B", currency: "CNY")?.minorUnits == 160_000_000_000, "the import's byte path reads B too")
    }
}
