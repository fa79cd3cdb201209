import Testing
@testable import CloserCore

@Suite("Win/loss analysis and lost reasons")
struct WinLossTests {
    static func deal(_ id: Int64, _ owner: String, _ outcome: Outcome, stage: String, reason: String? = nil, lostTo: String? = nil,
                     competitors: [String] = [], created: String, closed: String, yuan: Int64, currency: String = "CNY") -> ClosedDeal {
        ClosedDeal(id: id, owner: owner, outcome: outcome, stage: stage, lossReason: reason, lostTo: lostTo, competitors: competitors,
                   createdOn: Fixture.day(created), closedOn: Fixture.day(closed), amount: Money(minorUnits: yuan * 100, currency: currency))
    }

    /// Five closed deals, worked by hand:
    ///   1 alice won  bid        2026-09-01 → 10-01 (30 d)  1,000,000 CNY   competitors 西门子
    ///   2 alice lost proposal   2026-09-01 → 10-11 (40 d)    500,000 CNY   价格, won by 西门子
    ///   3 bob   won  negotiation 2026-10-01 → 11-20 (50 d)   100,000 USD   (7.00 from 11-01)
    ///   4 bob   lost entry      2026-11-01 → 11-21 (20 d)    200,000 CNY   other, won by ABB, competitors 西门子, ABB
    ///   5 bob   withdrawn entry 2026-11-01 → 11-22            300,000 CNY
    static let deals = [
        deal(1, "alice", .won, stage: "bid", competitors: ["西门子"], created: "2026-09-01", closed: "2026-10-01", yuan: 1_000_000),
        deal(2, "alice", .lost, stage: "proposal", reason: "价格", lostTo: "西门子", created: "2026-09-01", closed: "2026-10-11", yuan: 500_000),
        deal(3, "bob", .won, stage: "negotiation", created: "2026-10-01", closed: "2026-11-20", yuan: 100_000, currency: "USD"),
        deal(4, "bob", .lost, stage: "entry", reason: "other", lostTo: "ABB", competitors: ["西门子", "ABB"], created: "2026-11-01",
             closed: "2026-11-21", yuan: 200_000),
        deal(5, "bob", .withdrawn, stage: "entry", created: "2026-11-01", closed: "2026-11-22", yuan: 300_000),
    ]
    static let rates = RateTable(base: "CNY", rates: [ExchangeRate(currency: "USD", base: "CNY", from: Fixture.day("2026-11-01"), micros: 7_000_000)])

    @Test func totalsByHand() {
        let report = WinLoss.report(Self.deals, since: Fixture.day("2026-01-01"), until: Fixture.day("2027-01-01"), rep: nil, rates: Self.rates)
        let total = report.total
        #expect((total.won, total.lost, total.withdrawn) == (2, 2, 1))
        #expect(total.winRate == 0.5, "withdrawn is not a loss")
        #expect(total.averageCycleDays == 35, "(30 + 40 + 50 + 20) / 4")
        #expect(total.wonAmount.minorUnits == (1_000_000 + 700_000) * 100)
        #expect(total.averageWonSize == 85_000_000, "1.7M over 2 won")
        #expect(total.lostAmount.minorUnits == 70_000_000)
    }

    @Test func byEachDimension() {
        let report = WinLoss.report(Self.deals, since: Fixture.day("2026-01-01"), until: Fixture.day("2027-01-01"), rep: nil, rates: Self.rates)
        #expect(report.byReason.map(\.key) == ["other", "价格"] && report.byReason.map(\.lost) == [1, 1])
        let siemens = report.byCompetitor.first { $0.key == "西门子" }
        #expect(siemens?.won == 1 && siemens?.lost == 2 && siemens?.lostTo == 1, "beat them on 1, lost 2 and 4 where they bid, 2 to them")
        #expect(report.byCompetitor.first { $0.key == "ABB" }.map { ($0.lost, $0.lostTo) } ?? (0, 0) == (1, 1))
        #expect(report.byStage.first { $0.key == "entry" }.map { ($0.lost, $0.withdrawn) } ?? (0, 0) == (1, 1))
        let bob = report.byRep.first { $0.key == "bob" }
        #expect(bob?.winRate == 0.5 && bob?.averageCycleDays == 35 && bob?.averageWonSize == 70_000_000)
        #expect(report.byMonth.map(\.key) == ["2026-10", "2026-11"] && report.byQuarter.map(\.key) == ["2026-Q4"])
        #expect(report.byMonth[0].winRate == 0.5 && report.byMonth[1].won == 1 && report.byMonth[1].withdrawn == 1)
    }

    @Test func aWonDealWithoutARateIsCountedAndSaid() {
        let report = WinLoss.report(Self.deals, since: Fixture.day("2026-01-01"), until: Fixture.day("2027-01-01"), rep: "bob",
                                    rates: RateTable(base: "CNY"))
        #expect(report.total.won == 1 && report.total.wonAmount.unconverted == ["USD": 10_000_000])
        #expect(report.total.averageWonSize == nil, "nothing converted to average")
    }

    @Test func lostReasonsFromTheTeamsList() throws {
        let list = [LostReason(name: "价格", position: 1), LostReason(name: "No budget", position: 2)]
        #expect(try DealLoss.resolve("no budget", competitor: "ABB", in: list) == DealLoss(reason: "No budget", competitor: "ABB"))
        #expect(try DealLoss.resolve("价格", note: "对手低 20%", in: list).outcomeText == "价格 — 对手低 20%")
        let free = try DealLoss.resolve("客户搬迁", in: list)
        #expect(free.reason == LostReason.other && free.outcomeText == "客户搬迁", "text off the list is other, with the text kept")
        #expect(try DealLoss.resolve("other", note: "项目取消", in: list).outcomeText == "项目取消")
        #expect(throws: DealLossError.otherNeedsText) { try DealLoss.resolve("其他", in: list) }
        #expect(throws: LostReasonError.reserved("Other")) { try LostReason.check("Other") }
        #expect(throws: LostReasonError.empty) { try LostReason.check("  ") }
        let lost = try DealRules.lose(Fixture.deal(stage: "bid"), try DealLoss.resolve("价格", competitor: "西门子", in: list), on: Fixture.today)
        #expect(lost.outcome == .lost && lost.lossReason == "价格" && lost.lostTo == "西门子" && lost.outcomeReason == "价格" && lost.closedOn == Fixture.today)
    }
}
