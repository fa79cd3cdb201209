import CloserCore
import TerminalUI

/// What the rates overlay's line says: "USD 7.10" (from today) or "USD 7.10 2026-12-01"; a base
/// currency is one code. Bad input is refused in one line, in the reader's language.
struct RateEntry: Equatable, Sendable {
    var currency: String
    var micros: Int64
    var from: Day

    static func parse(_ text: String, base: String, today: Day) -> Result<RateEntry, RateRefusal> {
        let words = text.split(whereSeparator: \.isWhitespace).map(String.init)
        guard words.count == 2 || words.count == 3 else {
            return .failure(RateRefusal(en: "write CODE RATE [FROM]: USD 7.10 2026-12-01", zh: "格式：币种 汇率 [起始日]，如 USD 7.10 2026-12-01"))
        }
        let code: String
        switch Self.code(words[0]) {
        case .success(let checked): code = checked
        case .failure(let refusal): return .failure(refusal)
        }
        guard code != base else {
            return .failure(RateRefusal(en: "\(code) is the base currency: its rate is always 1", zh: "\(code) 是基准货币，汇率恒为 1"))
        }
        let micros: Int64
        do { micros = try ExchangeRate.parse(words[1]) } catch {
            if case .rateNotPositive = error {
                return .failure(RateRefusal(en: "a rate must be more than 0: \(words[1])", zh: "汇率必须大于 0：\(words[1])"))
            }
            return .failure(RateRefusal(en: "not a rate: \(words[1]) (e.g. 7.10, at most six decimals)", zh: "汇率格式错误：\(words[1])（如 7.10，最多六位小数）"))
        }
        var from = today
        if words.count == 3 {
            guard let day = Day(typed: words[2], today: today) else {
                return .failure(RateRefusal(en: "not a date: \(words[2]) (YYYY-MM-DD, today, +N)", zh: "日期格式错误：\(words[2])（YYYY-MM-DD、today、+N）"))
            }
            from = day
        }
        return .success(RateEntry(currency: code, micros: micros, from: from))
    }

    /// A currency code in use (ISO 4217), in capitals.
    static func code(_ text: String) -> Result<String, RateRefusal> {
        do { return .success(try CurrencyCodes.check(text)) } catch {
            let shown = Sanitizer.clean(text)
            return .failure(RateRefusal(en: "unknown currency: \(shown) (ISO 4217, like CNY, USD, EUR)", zh: "未知币种：\(shown)（ISO 4217，如 CNY、USD、EUR）"))
        }
    }
}

/// Why a typed rate or base is refused, in both languages.
struct RateRefusal: Error, Equatable {
    let text: LocalizedText

    init(en: String, zh: String) {
        text = LocalizedText(en: en, zh: zh)
    }

    subscript(lang: Language) -> String { text[lang] }
}
