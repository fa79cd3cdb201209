@testable import CloserApp
import CloserCore
import CloserSQLite
import Foundation

/// The hand-made pipeline as a manager reviews it on Monday 11-23 (the fixture's clock), with the
/// team's numbers set, every figure worked out by hand:
///
///   users          wang.lei 王磊, li.na 李娜 (both managers)
///   rate           USD 7.10 from 2026-11-01: #5's USD 500k is 355万
///   targets Q4     the team 1000万, 王磊 600万, 李娜 300万
///   #1 120万 王磊   expected close 11-21: past its close date (2 days)
///   #2  30万 王磊   close date moved today to 2027-05-11 (a date in another year shows its year)
///   #3   8万 李娜   won today: Q4 won 8万
///   #4 250万 王磊   commit, closing 12-15
///   #5 USD 500k 李娜 best case, closing 12-20 (355万)
///
/// So Q4: won 8万, commit 250万, attainment 8万 ÷ 1000万 = 1%, gap 1000 − 8 − 250 = 742万;
/// 王磊 0 of 600万, gap 350万; 李娜 8万 of 300万 = 3%, gap 292万. Open now: 120 + 30 + 250 + 355 = 755万.
enum ManagerNumbersFixture {
    static func store() throws -> SQLiteStore {
        var snapshot = Fixture.snapshot()
        snapshot.users = [User(name: "wang.lei", role: .manager, displayName: "王磊"), User(name: "li.na", role: .manager, displayName: "李娜")]
        snapshot.deals = snapshot.deals.map { deal in
            var deal = deal
            switch deal.id {
            case 1: deal.expectedClose = Day(year: 2026, month: 11, day: 21)
            case 4: deal.expectedClose = Day(year: 2026, month: 12, day: 15); deal.forecastCategory = .commit
            case 5: deal.expectedClose = Day(year: 2026, month: 12, day: 20); deal.forecastCategory = .bestCase
            default: break
            }
            return deal
        }
        let store = try Fixture.memoryStore(snapshot)
        _ = try store.setExchangeRate(currency: "USD", micros: 7_100_000, from: Day(year: 2026, month: 11, day: 1)!)
        let q4 = try Period(parsing: "2026-Q4")
        try store.setTarget(SalesTarget(period: q4, amount: Money(minorUnits: 1_000_000_000)))
        try store.setTarget(SalesTarget(period: q4, rep: "wang.lei", amount: Money(minorUnits: 600_000_000)))
        try store.setTarget(SalesTarget(period: q4, rep: "li.na", amount: Money(minorUnits: 300_000_000)))
        _ = try store.acting(as: "li.na").closeDeal(3, as: .won, reason: "客户高层支持", expectedVersion: nil)
        _ = try store.editDeal(2, expectedVersion: nil) { $0.expectedClose = Day(year: 2027, month: 5, day: 11) }
        return store
    }

    /// The review of this week (`]` from last week), as the manager wang.lei.
    static func review(_ lang: Language, width: Int, height: Int) throws -> (App, SQLiteStore) {
        let store = try store()
        let app = Fixture.app(store, lang, width: width, height: height)
        app.press("6")
        app.press("]")
        return (app, store)
    }

    static func select(_ section: ReviewState.Section, in app: App) {
        app.press("g")
        while app.state.review.currentSection != section, app.state.review.section < ReviewState.sections.count - 1 { app.press("j") }
    }
}
