import CloserCore
import StoreTestSupport
import Foundation
import Testing

@Suite("Team numbers in the store: currency, rates, targets, lost reasons")
struct TeamNumbersStoreTests {
    static func storeWithTeam(_ backend: Backend) throws -> any TestStore {
        let store = try backend.store(actor: "chen.jing", clock: { StoreFixture.now })
        try store.saveUser(User(name: "chen.jing", role: .manager, displayName: "陈静"))
        try store.saveUser(User(name: "wang.lei", role: .rep, displayName: "王磊"))
        return store
    }

    @Test(arguments: Backend.allCases) func baseCurrencyAndRatesAreLogged(_ backend: Backend) throws {
        let store = try StoreFixture.store(backend)
        #expect(try store.baseCurrency() == "CNY", "CNY until one is set")
        _ = try store.acting(as: "boss").setExchangeRate(currency: "usd", micros: 7_100_000, from: Day(year: 2026, month: 12, day: 1)!)
        _ = try store.acting(as: "boss").setExchangeRate(currency: "USD", micros: 7_150_000, from: Day(year: 2026, month: 12, day: 1)!)
        let table = try store.rateTable()
        #expect(table.rates.count == 1 && table.rates[0].micros == 7_150_000 && table.rates[0].by == "boss", "the same day is replaced")
        let log = try store.events(EventQuery(entity: "rate", limit: 5))
        #expect(log.first?.changes["rate"] == FieldChange(old: "7.1", new: "7.15") && log.first?.note == "USD/CNY from 2026-12-01")
        try store.acting(as: "boss").setBaseCurrency("EUR")
        #expect(try store.rateTable().rates.isEmpty && (try store.events(EventQuery(entity: "setting", limit: 1))).first?.action == "base-currency")
        try store.acting(as: "boss").setBaseCurrency("CNY")
        #expect(try store.rateTable().rates.count == 1, "back on CNY its rates apply again")
    }

    @Test(arguments: Backend.allCases) func badCurrencyInputIsRefused(_ backend: Backend) throws {
        let store = try StoreFixture.store(backend)
        let day = StoreFixture.today
        #expect(throws: StoreError.invalid(.currency(.unknownCurrency("XYZ")))) { try store.acting(as: "boss").setBaseCurrency("XYZ") }
        #expect(throws: StoreError.invalid(.currency(.rateNotPositive("0")))) { try store.acting(as: "boss").setExchangeRate(currency: "USD", micros: 0, from: day) }
        #expect(throws: StoreError.invalid(.currency(.rateOfBase("CNY")))) {
            try store.acting(as: "boss").setExchangeRate(currency: "CNY", micros: 1_000_000, from: day)
        }
        #expect(throws: StoreError.refused(.noRate(currency: "USD", from: day, base: "CNY"))) { try store.acting(as: "boss").deleteExchangeRate(currency: "USD", from: day) }
    }

    @Test(arguments: Backend.allCases) func onlyAManagerChangesTheTeamsNumbers(_ backend: Backend) throws {
        let store = try Self.storeWithTeam(backend)
        let q4 = try Period(parsing: "2026-Q4")
        let refusal = "you are wang.lei (rep)"
        for attempt: () throws -> Void in [
            { try store.acting(as: "wang.lei").setBaseCurrency("USD") },
            { _ = try store.acting(as: "wang.lei").setExchangeRate(currency: "USD", micros: 7_000_000, from: StoreFixture.today) },
            { try store.acting(as: "wang.lei").setTarget(SalesTarget(period: q4, rep: "wang.lei", amount: Money(minorUnits: 1))) },
            { _ = try store.acting(as: "wang.lei").addLostReason("价格") },
        ] {
            #expect { try attempt() } throws: { error in "\(error)".contains(refusal) }
        }
        try store.acting(as: "chen.jing").setBaseCurrency("USD")
        #expect(try store.baseCurrency() == "USD")
    }

    @Test(arguments: Backend.allCases) func targetsForKnownRepsOnly(_ backend: Backend) throws {
        let store = try Self.storeWithTeam(backend)
        let q4 = try Period(parsing: "2026-Q4")
        try store.acting(as: "chen.jing").setTarget(SalesTarget(period: q4, rep: "wang.lei", amount: Money(minorUnits: 500_000_000)))
        try store.acting(as: "chen.jing").setTarget(SalesTarget(period: q4, rep: "", amount: Money(minorUnits: 2_000_000_000)))
        try store.acting(as: "chen.jing").setTarget(SalesTarget(period: try Period(parsing: "2026-11"), rep: "wang.lei", amount: Money(minorUnits: 100_000_000)))
        #expect(throws: StoreError.invalid(.notARep("zhang.san"))) {
            try store.acting(as: "chen.jing").setTarget(SalesTarget(period: q4, rep: "zhang.san", amount: Money(minorUnits: 1)))
        }
        #expect(try store.targets(period: q4).map { "\($0.period) \($0.rep)" } == ["2026-11 wang.lei", "2026-Q4 ", "2026-Q4 wang.lei"])
        #expect(try store.targets(period: try Period(parsing: "2026-12")).isEmpty)
        try store.acting(as: "chen.jing").deleteTarget(period: q4, rep: "")
        #expect(throws: StoreError.self) { try store.acting(as: "chen.jing").deleteTarget(period: q4, rep: "") }
    }

    @Test(arguments: Backend.allCases) func lostReasonsAndLosingADealForOne(_ backend: Backend) throws {
        let p = try StoreFixture.pipeline(backend)
        let store = p.store
        _ = try store.acting(as: "boss").addLostReason("价格")
        _ = try store.acting(as: "boss").addLostReason("No budget")
        #expect(throws: StoreError.invalid(.lostReason(.duplicate("价格")))) { try store.acting(as: "boss").addLostReason(" 价格 ") }
        #expect(throws: StoreError.invalid(.lostReason(.reserved("other")))) { try store.acting(as: "boss").addLostReason("other") }
        #expect(try store.lostReasons().map(\.name) == ["价格", "No budget"])
        let loss = try DealLoss.resolve("价格", note: "对手低 20%", competitor: "西门子", in: try store.lostReasons())
        let lost = try store.acting(as: "alice").loseDeal(p.d1.id, loss, expectedVersion: nil)
        #expect(lost.outcome == .lost && lost.lossReason == "价格" && lost.lostTo == "西门子" && lost.outcomeReason == "价格 — 对手低 20%")
        #expect(try store.deal(p.d1.id).lostTo == "西门子", "kept in the row")
        let logged = try store.events(EventQuery(entity: "deal", entityID: p.d1.id, limit: 1)).first
        #expect(logged?.action == "lost" && logged?.changes["lostTo"]?.new == "西门子")
        try store.acting(as: "boss").deleteLostReason("价格")
        #expect(try store.deal(p.d1.id).lossReason == "价格", "a deal keeps the reason it was lost for")
        let reopened = try store.acting(as: "alice").reopenDeal(p.d1.id)
        #expect(reopened.lossReason == nil && reopened.lostTo == nil)
        let exported = try store.exportSnapshot().deals.first { $0.id == p.d2.id }
        #expect(exported?.lossReason == nil)
    }

    @Test(arguments: Backend.allCases) func winLossInSQLIsTheReplayOfTheDeals(_ backend: Backend) throws {
        let today = Day(year: 2026, month: 11, day: 23)!
        let snapshot = DemoCompany.generate(seed: 7, scale: 1_500, today: today)
        let store = try backend.store(actor: "demo", clock: { StoreFixture.now })
        _ = try store.importSnapshot(snapshot)
        _ = try store.acting(as: "demo").setExchangeRate(currency: "USD", micros: 7_000_000, from: Day(year: 2026, month: 1, day: 1)!)
        _ = try store.acting(as: "demo").setExchangeRate(currency: "USD", micros: 7_200_000, from: Day(year: 2026, month: 7, day: 1)!)
        let utc = TimeZone(identifier: "UTC")!
        // A loss with a competitor on the deal but nobody named as the winner, alone in its row.
        let lostAlone = try #require(snapshot.deals.first { $0.outcome == .open })
        var edited = try store.deal(lostAlone.id)
        edited.competitors = ["独家对手"]
        _ = try store.updateDeal(edited)
        _ = try store.loseDeal(lostAlone.id, DealLoss(reason: LostReason.other, note: "项目取消"), expectedVersion: nil)
        let deals = try store.exportSnapshot().deals
        let closed = deals.compactMap { deal -> ClosedDeal? in
            guard deal.outcome != .open, let closedOn = deal.closedOn else { return nil }
            return ClosedDeal(id: deal.id, owner: deal.owner, outcome: deal.outcome, stage: deal.stageKey, lossReason: deal.lossReason, lostTo: deal.lostTo,
                              competitors: deal.competitors, createdOn: Day(deal.createdAt, timeZone: utc), closedOn: closedOn, amount: deal.amount)
        }
        #expect(closed.count > 50 && Set(closed.map(\.amount.currency)).count > 1, "the demo closes deals in several currencies")
        let since = Day(year: 2025, month: 12, day: 1)!, until = Day(year: 2026, month: 11, day: 24)!
        let sql = try store.winLoss(WinLossQuery(since: since, until: until, timeZone: utc))
        let replay = WinLoss.report(closed, since: since, until: until, rep: nil, rates: try store.rateTable())
        #expect(sql == replay)
        #expect(sql.byCompetitor.first { $0.key == "独家对手" }.map { ($0.lost, $0.lostTo) } ?? (0, 9) == (1, 0))
        let rep = try #require(closed.first?.owner)
        #expect(try store.winLoss(WinLossQuery(since: since, until: until, rep: rep, timeZone: utc))
                == WinLoss.report(closed, since: since, until: until, rep: rep, rates: try store.rateTable()))
    }
}
