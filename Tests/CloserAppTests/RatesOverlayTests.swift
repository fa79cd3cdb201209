@testable import CloserApp
import CloserCore
import CloserSQLite
import Foundation
import Testing
import TerminalUI

/// `$`: the base currency and the dated rates shown and edited over any screen
/// (ManagerNumbersFixture: base CNY, USD 7.10 from 2026-11-01, set by wang.lei).
@Suite("Exchange rates in the dashboard")
struct RatesOverlayTests {
    static func open(_ lang: Language, width: Int = 80, height: Int = 24) throws -> (App, SQLiteStore) {
        let store = try ManagerNumbersFixture.store()
        let app = Fixture.app(store, lang, width: width, height: height)
        app.press("$")
        return (app, store)
    }

    static func rates(_ app: App) -> RatesState? {
        if case .rates(let rates) = app.state.overlay { return rates }
        return nil
    }

    @Test func listsTheBaseAndEveryRateWithItsFirstDay() throws {
        let (app, _) = try Self.open(.en)
        let text = app.screenText()
        #expect(text.contains("Base currency: CNY"))
        #expect(app.lines().contains { $0.contains("USD") && $0.contains("7.1 ") && $0.contains("2026-11-01") && $0.contains("in force") })
        let (zh, _) = try Self.open(.zh)
        #expect(zh.screenText().contains("基准货币：CNY"))
        #expect(zh.lines().contains { $0.contains("USD") && $0.contains("7.1 ") && $0.contains("2026-11-01") && $0.contains("生效") })
    }

    @Test(arguments: [
        (Language.en, "XYZ 7", "unknown currency: XYZ (ISO 4217, like CNY, USD, EUR)"),
        (Language.zh, "XYZ 7", "未知币种：XYZ（ISO 4217，如 CNY、USD、EUR）"),
        (Language.en, "EUR 0", "a rate must be more than 0: 0"),
        (Language.zh, "EUR -1.5", "汇率必须大于 0：-1.5"),
        (Language.en, "EUR abc", "not a rate: abc (e.g. 7.10, at most six decimals)"),
        (Language.zh, "CNY 1", "CNY 是基准货币，汇率恒为 1"),
    ]) func badRatesAreRefusedInOneLine(_ lang: Language, _ typed: String, _ refusal: String) throws {
        let (app, store) = try Self.open(lang)
        app.press("a")
        app.type(typed)
        app.key(.enter)
        let rates = try #require(Self.rates(app))
        #expect(rates.error == refusal)
        #expect(rates.field.text == typed, "what was typed is kept for fixing")
        #expect(app.lines().contains { $0.contains(refusal) })
        #expect(try store.rateTable().rates.count == 1, "nothing saved")
    }

    /// The store's refusal of a rep is said under the line typed, in the UI's language, whole at both sizes.
    @Test(arguments: [
        (Language.en, 80, 24, "only a manager can set exchange rates; you are zhao.min (rep)"),
        (Language.en, 160, 48, "only a manager can set exchange rates; you are zhao.min (rep)"),
        (Language.zh, 80, 24, "只有经理可以设置汇率；您是 zhao.min（销售）"),
        (Language.zh, 160, 48, "只有经理可以设置汇率；您是 zhao.min（销售）"),
    ]) func aRepIsRefusedInTheLanguageOfTheScreen(_ lang: Language, _ width: Int, _ height: Int, _ refusal: String) throws {
        let store = try ManagerNumbersFixture.store()
        try store.saveUser(User(name: "zhao.min", role: .rep, displayName: "赵敏"))
        let app = Fixture.app(store, lang, width: width, height: height, user: "zhao.min")
        app.press("$")
        app.press("a")
        app.type("USD 7.3")
        app.key(.enter)
        app.runPendingWork()
        #expect(Self.rates(app)?.error == refusal)
        let line = try #require(app.lines().first { $0.contains(refusal) }, "\(app.screenText())")
        #expect(line.contains("│ \(refusal)"), "the refusal is whole, inside the box: \(line)")
        #expect(try store.rateTable().rates.count == 1, "nothing saved")
    }

    @Test func aRateFromADayIsSavedAndEveryFigureFollows() throws {
        let (app, store) = try Self.open(.en)
        app.press("a")
        app.type("eur 7.8 2026-12-01")
        app.key(.enter)
        let saved = try store.rateTable().rate("EUR", on: Day(year: 2026, month: 12, day: 1)!)
        #expect(saved?.micros == 7_800_000)
        let rates = try #require(Self.rates(app))
        #expect(rates.entry == nil && rates.error == nil)
        #expect(app.state.message?.text == "1 EUR = 7.8 CNY from 2026-12-01")
        #expect(app.lines().contains { $0.contains("EUR") && $0.contains("7.8 ") && $0.contains("2026-12-01") && $0.contains("later") })
        app.key(.escape)
        #expect(app.state.overlay == nil)
    }

    @Test func theBaseChanges() throws {
        let (app, store) = try Self.open(.zh)
        app.press("b")
        for _ in 0..<3 { app.key(.backspace) }
        app.type("ZZZ")
        app.key(.enter)
        #expect(Self.rates(app)?.error == "未知币种：ZZZ（ISO 4217，如 CNY、USD、EUR）")
        for _ in 0..<3 { app.key(.backspace) }
        app.type("usd")
        app.key(.enter)
        #expect(try store.baseCurrency() == "USD")
        #expect(app.state.numbers.base == "USD", "every screen's totals follow the new base")
        #expect(app.screenText().contains("基准货币：USD"))
    }

    @Test func thePaletteAndHelpNameIt() throws {
        let (app, _) = try Fixture.handMade(.zh)
        app.press(":")
        app.type("bzyhl")  // 币种与汇率
        guard case .palette(let palette) = app.state.overlay else { Issue.record("palette closed"); return }
        #expect(palette.matches(app.state).first?.command == .showRates)
        app.key(.enter)
        #expect(Self.rates(app) != nil)
        #expect(KeyMap.helpSections(.en).contains { $0.entries.contains { $0.key == "$" && $0.label == "Currencies and exchange rates" } })
    }
}
