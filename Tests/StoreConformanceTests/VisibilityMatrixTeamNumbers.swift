import CloserCore
import StoreTestSupport
import Foundation

/// The matrix rows of TeamNumbersStore: the team's settings are read by every user and changed by
/// managers; a loss is recorded by whoever may change the deal; win/loss and the currencies in use
/// follow the accounts the user may see.
extension MatrixRows {
    static let currencies = ["USD", "EUR", "GBP", "JPY", "HKD"]

    static func currency(_ c: MatrixCase) -> String { currencies[c.rawValue - 1] }

    static func teamNumbers() -> [MatrixRow] { [
        row("baseCurrency()", members) { _, s, _ in try s.baseCurrency() == "CNY" },
        row("setBaseCurrency(_:)", managers) { _, s, c in
            try s.setBaseCurrency(currency(c))
            return try s.baseCurrency() == currency(c)
        },
        row("rateTable()", members, prepare: { w, c in
            _ = try w.manager.setExchangeRate(currency: currency(c), micros: 7_000_000, from: MatrixWorld.today)
        }) { _, s, c in try s.rateTable().rate(currency(c), on: MatrixWorld.today) != nil },
        row("dealCurrencies()", reads, prepare: { w, c in
            var deal = try w.manager.deal(c.dealID)
            deal.amount = Money(minorUnits: 100_000, currency: currency(c))
            _ = try w.manager.updateDeal(deal)
        }) { _, s, c in try s.dealCurrencies().contains(currency(c)) },
        row("setExchangeRate(currency:micros:from:)", managers) { _, s, c in
            try s.setExchangeRate(currency: currency(c), micros: 7_100_000, from: MatrixWorld.today).micros == 7_100_000
        },
        row("deleteExchangeRate(currency:from:)", managers, prepare: { w, c in
            _ = try w.manager.setExchangeRate(currency: currency(c), micros: 7_000_000, from: MatrixWorld.today)
        }) { _, s, c in
            try s.deleteExchangeRate(currency: currency(c), from: MatrixWorld.today)
            return true
        },
        row("targets(period:)", members, prepare: { w, c in
            try w.manager.setTarget(SalesTarget(period: try period(c), rep: "owner.rep", amount: Money(minorUnits: 100)))
        }) { _, s, c in try s.targets(period: try period(c)).contains { $0.rep == "owner.rep" } },
        row("setTarget(_:)", managers) { _, s, c in
            try s.setTarget(SalesTarget(period: try period(c), rep: "owner.rep", amount: Money(minorUnits: 100)))
            return true
        },
        row("deleteTarget(period:rep:)", managers, prepare: { w, c in
            try w.manager.setTarget(SalesTarget(period: try period(c), rep: "", amount: Money(minorUnits: 100)))
        }) { _, s, c in
            try s.deleteTarget(period: try period(c), rep: "")
            return true
        },
        row("lostReasons()", members, prepare: { w, c in _ = try w.manager.addLostReason("原因\(c.rawValue)") }) { _, s, c in
            try s.lostReasons().contains { $0.name == "原因\(c.rawValue)" }
        },
        row("addLostReason(_:)", managers) { _, s, c in try s.addLostReason("原因\(c.rawValue)").name == "原因\(c.rawValue)" },
        row("deleteLostReason(_:)", managers, prepare: { w, c in _ = try w.manager.addLostReason("原因\(c.rawValue)") }) { _, s, c in
            try s.deleteLostReason("原因\(c.rawValue)")
            return true
        },
        row("loseDeal(_:_:expectedVersion:)", writes) { _, s, c in
            try s.loseDeal(c.dealID, DealLoss(reason: LostReason.other, note: "价格", competitor: "对手"), expectedVersion: nil).lostTo == "对手"
        },
        row("winLoss(_:)", reads, prepare: { w, c in
            _ = try w.manager.loseDeal(c.dealID, DealLoss(reason: LostReason.other, note: "价格", competitor: "对手\(c.rawValue)"), expectedVersion: nil)
        }) { _, s, c in
            try s.winLoss(WinLossQuery(since: MatrixWorld.today.adding(days: -30), until: MatrixWorld.today.adding(days: 30)))
                .byCompetitor.contains { $0.key == "对手\(c.rawValue)" }
        },
    ] }

    static func period(_ c: MatrixCase) throws -> Period { try Period(parsing: "2026-0\(c.rawValue)") }
}
