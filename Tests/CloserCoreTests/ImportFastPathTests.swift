@testable import CloserCore
import Foundation
import Testing

/// The byte-level readers an import runs per row must answer exactly as the general ones
/// wherever they answer at all (elsewhere they return nil and the general one reads).
@Suite("Import fast paths")
struct ImportFastPathTests {
    /// Amount-like text: digits, separators, symbols, suffixes and noise, in random order.
    static func amounts() -> [String] {
        var generator = SystemRandomNumberGenerator()
        let pieces = ["0", "1", "2", "5", "9", "00", "123", ",", ".", "¥", "￥", "$", "万", "亿", "k", "K", "m", "M", "元", "，", " ", "-", "_", "e", "\u{00A0}", "\u{0301}"]
        var texts = ["1200000", "¥1,200,000.00", "120万", "1.2M", "1.25万", "0.1", "12.", ".5", "1,,2", "¥,100", "007", "¥5万", "￥3.5k",
                     "999999999999999999", "9999999999999999999", "92233720368.54775807", "1.123456789", "1.12345678", "5亿", "99999999999亿",
                     "1.0,5", "¥¥1", "5万k", "", "¥", "万", "k", "1 万", "1\u{0301}万", "12300002,200", "1234,567", "12,5", "1,2345", ",123"]
        for _ in 0..<20_000 {
            texts.append((0..<Int.random(in: 1...7, using: &generator)).map { _ in pieces.randomElement(using: &generator) ?? "" }.joined())
        }
        return texts
    }

    @Test("an amount read from the bytes is the amount read by Characters")
    func amounts() {
        var answered = 0
        for text in Self.amounts() {
            for currency in ["CNY", "USD"] {
                guard let plain = PlainAmount.parse(text, currency: currency) else { continue }
                answered += 1
                #expect(plain == ImportValue.amountByCharacters(text, currency: currency), "'\(text)' in \(currency)")
            }
        }
        #expect(answered > 1_000, "the fast path answers the common shapes")
        #expect(PlainAmount.parse("¥1,200,000.00", currency: "CNY") == Money(minorUnits: 120_000_000))
        #expect(PlainAmount.parse("120万", currency: "CNY") == Money(minorUnits: 120_000_000))
        #expect(ImportValue.amount(" ¥ 1，200元 ", currency: "CNY") == Money(minorUnits: 120_000), "the rest still reads the long way")
    }

    @Test("amounts with a decimal comma, as German and French exports write them; forms read the US way stay so", arguments: [
        ("1.200.000,00", "CNY", Int64(120_000_000)), ("1.200.000", "CNY", 120_000_000), ("1200000,5", "CNY", 120_000_050),
        ("12,5", "CNY", 1_250), ("1.200,75", "CNY", 120_075), ("1 200 000,00 €", "CNY", 120_000_000), ("1.200.000,00 €", "CNY", 120_000_000),
        ("€1.200,50", "CNY", 120_050), ("1\u{202F}200,50", "CNY", 120_050),
        // Read as before: a comma before three digits groups thousands; a single dot is a decimal point.
        ("1,200", "CNY", 120_000), ("1,200.50", "CNY", 120_050), ("1.200", "CNY", 120), ("1,200,000", "CNY", 120_000_000), ("¥1,200,000.00", "CNY", 120_000_000),
    ])
    func decimalComma(text: String, currency: String, minorUnits: Int64) {
        let money = ImportValue.amount(text, currency: currency)
        #expect(money?.minorUnits == minorUnits, "'\(text)' → \(String(describing: money))")
        #expect(money?.currency == (text.contains("€") ? "EUR" : currency))
    }

    @Test("ambiguous or broken decimal commas are not amounts")
    func notAmounts() {
        for text in ["1,2,3", "1.20.000", "1.200,000,5", "12,5,", ",5", "1.2000,5", "1,20,000", "12300002,200", "1234,567"] {
            #expect(PlainAmount.parse(text, currency: "CNY") == nil, "'\(text)': the fast path leaves it to the long way")
            #expect(ImportValue.amount(text, currency: "CNY") == nil, "'\(text)' → \(String(describing: ImportValue.amount(text, currency: "CNY")))")
        }
    }

    @Test("a date read from the bytes is the date the general parsers read")
    func days() {
        var generator = SystemRandomNumberGenerator()
        let years = ["2026", "2028", "202", "20260", "1999", "0000"], parts = ["1", "01", "12", "13", "0", "29", "31", "123", ""]
        let separators = ["-", "/", ".", "", " ", "年", "--"]
        func any(_ list: [String]) -> String { list.randomElement(using: &generator) ?? "" }
        var answered = 0
        for _ in 0..<20_000 {
            let text = any(years) + any(separators) + any(parts) + any(separators) + any(parts) + (Bool.random(using: &generator) ? "" : any(separators))
            guard let fast = Day.digits(text) else { continue }
            answered += 1
            let parts = text.split(whereSeparator: { $0 == "-" || $0 == "/" })
            #expect(parts.count == 3 && fast == Day(year: Int(parts[0]) ?? 0, month: Int(parts[1]) ?? 0, day: Int(parts[2]) ?? 0), "'\(text)'")
        }
        #expect(answered > 20)
        #expect(Day.digits("2027/2/29") == nil && Day.digits("2028/2/29") == Day(year: 2028, month: 2, day: 29))
        #expect(Day.digits("2026-12-") == nil && Day.digits("2026-12-1-") == nil && Day.digits("02026-1-1") == nil)
        #expect(ImportValue.day("2026年12月1日") == Day(year: 2026, month: 12, day: 1) && ImportValue.day("12/01/2026") == Day(year: 2026, month: 12, day: 1))
    }

    @Test("no whitespace character starts or ends with a byte the trim's quick check lets through")
    func whitespaceBytes() {
        var found = 0
        for value in 0...0x10FFFF {
            guard let scalar = Unicode.Scalar(value), scalar.properties.isWhitespace else { continue }
            found += 1
            let bytes = Array(String(scalar).utf8)
            #expect(ImportValue.mayStartWhitespace(bytes[0]) && ImportValue.mayEndWhitespace(bytes[bytes.count - 1]), "U+\(String(value, radix: 16))")
        }
        #expect(found >= 25)
        #expect(ImportValue.trim("\u{3000}客户 1 有限公司\u{00A0}") == "客户 1 有限公司")
        #expect(ImportValue.trim("项目 1 设备改造") == "项目 1 设备改造")
    }

    @Test("blank is what trimming spaces and tabs leaves empty")
    func blank() {
        for text in ["", " ", "\t", "\u{3000}", "\u{00A0} ", " a", "a", "\n", " \n", "中", "\u{2003}\t", "\r", "\u{200B}"] {
            #expect(Validation.isBlank(text) == text.trimmingCharacters(in: .whitespaces).isEmpty, "\(text.debugDescription)")
        }
        // Every scalar that is any kind of space, separator or control character, alone and doubled.
        var checked = 0
        for value in 0...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let properties = scalar.properties
            guard properties.isWhitespace || [.spaceSeparator, .lineSeparator, .paragraphSeparator, .control, .format].contains(properties.generalCategory) else { continue }
            checked += 1
            for text in [String(scalar), String(scalar) + String(scalar)] {
                #expect(Validation.isBlank(text) == text.trimmingCharacters(in: .whitespaces).isEmpty, "U+\(String(value, radix: 16))")
            }
        }
        #expect(checked > 100)
    }
}
