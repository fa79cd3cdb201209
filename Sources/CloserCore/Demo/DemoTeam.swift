/// The demo team's numbers: a CNY base with USD and EUR rates (USD's changed a month ago, so the
/// demo shows conversion at the rate in force on each day), the lost reasons its losses use, and a
/// target per rep for this quarter a little above what they have won and committed. Worked out
/// from the deals, without drawing on the random stream, so the rest of the demo stays as it was.
extension DemoBuilder {
    static let lossesWonByACompetitor: Set<String> = ["价格太高", "竞争对手关系更好", "技术方案未通过评审", "交期无法满足"]

    /// A demo loss as a reason of the list, and the deal's first competitor where one won it.
    static func recordLoss(_ deal: inout Deal, reason: String) {
        deal.lossReason = reason
        if lossesWonByACompetitor.contains(reason) { deal.lostTo = deal.competitors.first }
    }

    func teamSettings() -> TeamSettings {
        let longAgo = today.adding(days: -1_000), monthAgo = today.adding(days: -30)
        let manager = DemoData.manager.login
        let rates = [
            ExchangeRate(currency: "USD", base: "CNY", from: longAgo, micros: 7_100_000, by: manager),
            ExchangeRate(currency: "USD", base: "CNY", from: monthAgo, micros: 7_200_000, by: manager),
            ExchangeRate(currency: "EUR", base: "CNY", from: longAgo, micros: 7_800_000, by: manager),
        ]
        let table = RateTable(base: "CNY", rates: rates)
        let quarter = Period.quarter(containing: today)
        var expected: [String: BaseTotalBuilder] = [:]
        for deal in deals {
            let won = deal.outcome == .won && deal.closedOn.map(quarter.contains) == true
            let coming = deal.outcome == .open && deal.forecastCategory != .pipeline && deal.expectedClose.map(quarter.contains) == true
            guard won || coming else { continue }
            expected[deal.owner, default: BaseTotalBuilder(rates: table)].add(deal.amount, on: deal.closedOn ?? today)
        }
        let step: Int64 = 10_000_000  // targets in whole 10万
        let targets = DemoData.reps.map { rep in
            let base = (expected[rep.login]?.total.minorUnits ?? 0) / 4 * 5
            return SalesTarget(period: quarter, rep: rep.login, amount: Money(minorUnits: max(step, (base + step - 1) / step * step)), by: manager)
        }
        return TeamSettings(baseCurrency: "CNY", exchangeRates: rates, targets: targets, lostReasons: DemoData.lostReasons)
    }
}
