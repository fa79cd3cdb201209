@testable import CloserApp
import CloserCore
import CloserSQLite
import Foundation
import Testing
import TerminalUI

/// The deal and account tables' footers: how many rows the filter selects and what they add up
/// to in the base currency (ManagerNumbersFixture, with #2 moved to EUR 300k, which has no rate):
/// open deals #4 250万, #1 120万, #5 USD 500k = 355万 at 7.10, #2 EUR 30万 → Σ 725万 and EUR 30万 unconverted.
@Suite("Table footers: count and total in the base currency")
struct TableFooterTotalsTests {
    static func app(_ lang: Language, width: Int = 80, height: Int = 24) throws -> App {
        let store = try ManagerNumbersFixture.store()
        _ = try store.editDeal(2, expectedVersion: nil) { $0.amount = Money(minorUnits: 30_000_000, currency: "EUR") }
        return Fixture.app(store, lang, width: width, height: height)
    }

    @Test(arguments: [
        (Language.en, 80, "                        1/4 deals · Σ 7.2M (+ EUR 300k: no rate) · s: Amount ▼"),
        (.zh, 80, "                       1/4 个商机 · Σ 725万（另 EUR 30万：无汇率） · s: 金额 ▼"),
    ]) func theDealTableSaysItsTotal(_ lang: Language, _ width: Int, _ footer: String) throws {
        let app = try Self.app(lang, width: width)
        app.press("2")
        #expect(app.lines()[22] == footer)
        #expect(app.canvas().wideCharactersIntact)
    }

    @Test(arguments: [Language.en, .zh]) func theDealTableAt160x48(_ lang: Language) throws {
        let app = try Self.app(lang, width: 160, height: 48)
        app.press("2")
        let said = lang == .en ? "1/4 deals · Σ 7.2M (+ EUR 300k: no rate) · s: Amount ▼" : "1/4 个商机 · Σ 725万（另 EUR 30万：无汇率） · s: 金额 ▼"
        #expect(app.lines()[46].hasSuffix(said))
    }

    /// The total follows the filter: 王磊's own are #1 120万, #4 250万 and #2 EUR 30万.
    @Test func theTotalFollowsTheFilter() throws {
        let app = try Self.app(.zh)
        app.press("2")
        app.press("m")
        #expect(app.state.table.totals?.count == 3)
        #expect(app.lines()[22].hasSuffix("1/3 个商机 · Σ 370万（另 EUR 30万：无汇率） · s: 金额 ▼"))
    }

    @Test(arguments: [
        (Language.en, "/ Search: press /  1/3 accounts · open Σ 7.2M (+ EUR 300k: no rate) · +3 Columns"),
        (.zh, "/ 搜索: 按 / 搜索       1/3 个客户 · 在途 Σ 725万（另 EUR 30万：无汇率） · +3 列"),
    ]) func theAccountTableSaysItsOpenTotal(_ lang: Language, _ line: String) throws {
        let app = try Self.app(lang)
        app.press("3")
        #expect(app.lines()[1] == line)
    }

    @Test func theAccountTotalFollowsTheSearch() throws {
        let app = try Self.app(.zh, width: 160, height: 48)
        app.press("3")
        app.press("/")
        app.type("grade:A")
        app.key(.enter)
        // 中国石化北京分公司 alone: #1 120万 + #4 250万.
        #expect(app.state.accounts.totals == TableTotals(count: 1, amounts: [CurrencyTotal(currency: "CNY", amount: 370_000_000, weighted: 112_000_000)]))
        #expect(app.lines()[1].hasSuffix("1/1 个客户 · 在途 Σ 370万"))
    }
}
