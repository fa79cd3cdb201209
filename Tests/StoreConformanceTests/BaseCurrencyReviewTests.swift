import CloserCore
import StoreTestSupport
import Foundation
import Testing

/// Last week's review (Monday 11-16 to Sunday 11-22; today is Wednesday 2026-11-25, UTC) of deals in
/// three currencies, with rates that change inside the week:
///   USD 7.00 from 11-01, 7.20 from 11-19;  EUR 7.80 from 11-01, 7.50 from 11-21.
///
///   D1 alice CNY 1,000,000  develop 10-01; → entry 11-17; forced → proposal 11-20 (客户催); close 12-15 commit
///   D2 bob   USD   100,000  created develop 11-18 (new); close 12-20 best case
///   D3 bob   EUR    50,000  entry 09-01; → proposal 11-16 (advanced); → entry 11-21 (slipped); close 11-10 (past)
///   D4 alice USD   200,000  entry 09-16; won 11-19
///   D5 alice EUR    80,000  proposal 06-01; lost 11-20 (价格, won by 西门子)
///   D6 bob   CNY   300,000  develop 10-10; → entry 11-18; → proposal 11-19 (advanced twice: one deal); close 2027-01-20
///   D7 alice USD    10,000  develop 10-20; won 11-21
/// Targets for 2026-Q4: alice 3,000,000, bob 1,000,000 (no team target: the team's is their sum).
enum ThreeCurrencies {
    static let today = Day(year: 2026, month: 11, day: 25)!
    static let utc = TimeZone(identifier: "UTC")!

    static func noon(_ month: Int, _ day: Int) -> Date {
        Date(timeIntervalSince1970: Double(Day(year: 2026, month: month, day: day)!.ordinal) * 86_400 + 12 * 3_600)
    }

    static func day(_ month: Int, _ day: Int, year: Int = 2026) -> Day { Day(year: year, month: month, day: day)! }

    static func snapshot() -> Snapshot {
        func deal(_ id: Int64, _ owner: String, _ stage: String, _ amount: Int64, _ currency: String, created: Date, close: Day? = nil,
                  category: ForecastCategory = .pipeline, outcome: Outcome = .open, closedOn: Day? = nil, reason: String = "",
                  lossReason: String? = nil, lostTo: String? = nil) -> Deal {
            Deal(id: id, accountID: 1, title: "D\(id)", processKey: "project", stageKey: stage, amount: Money(minorUnits: amount * 100, currency: currency),
                 expectedClose: close, nextStep: "跟进", nextStepDue: day(12, 1), owner: owner, outcome: outcome, outcomeReason: reason,
                 lossReason: lossReason, lostTo: lostTo, forecastCategory: category, stageEnteredAt: created, closedOn: closedOn,
                 createdAt: created, updatedAt: created)
        }
        let deals = [
            deal(1, "alice", "proposal", 1_000_000, "CNY", created: noon(10, 1), close: day(12, 15), category: .commit),
            deal(2, "bob", "develop", 100_000, "USD", created: noon(11, 18), close: day(12, 20), category: .bestCase),
            deal(3, "bob", "entry", 50_000, "EUR", created: noon(9, 1), close: day(11, 10)),
            deal(4, "alice", "entry", 200_000, "USD", created: noon(9, 16), outcome: .won, closedOn: day(11, 19)),
            deal(5, "alice", "proposal", 80_000, "EUR", created: noon(6, 1), outcome: .lost, closedOn: day(11, 20), reason: "价格",
                 lossReason: "价格", lostTo: "西门子"),
            deal(6, "bob", "proposal", 300_000, "CNY", created: noon(10, 10), close: day(1, 20, year: 2027)),
            deal(7, "alice", "develop", 10_000, "USD", created: noon(10, 20), outcome: .won, closedOn: day(11, 21)),
        ]
        var id: Int64 = 0
        func event(_ at: Date, _ deal: Int64, _ action: String, _ changes: [String: FieldChange], note: String = "") -> ChangeEvent {
            id += 1
            return ChangeEvent(id: id, at: at, user: "alice", entity: "deal", entityID: deal, action: action, changes: changes, note: note)
        }
        func stage(_ old: String?, _ new: String) -> [String: FieldChange] { ["stage": FieldChange(old: old, new: new)] }
        let outcome: (String) -> [String: FieldChange] = { ["outcome": FieldChange(old: "open", new: $0)] }
        let events = [
            event(noon(6, 1), 5, "created", stage(nil, "proposal")),
            event(noon(9, 1), 3, "created", stage(nil, "entry")),
            event(noon(9, 16), 4, "created", stage(nil, "entry")),
            event(noon(10, 1), 1, "created", stage(nil, "develop")),
            event(noon(10, 10), 6, "created", stage(nil, "develop")),
            event(noon(10, 20), 7, "created", stage(nil, "develop")),
            event(noon(11, 16), 3, "moved", stage("entry", "proposal")),
            event(noon(11, 17), 1, "moved", stage("develop", "entry")),
            event(noon(11, 18), 2, "created", stage(nil, "develop")),
            event(noon(11, 18), 6, "moved", stage("develop", "entry")),
            event(noon(11, 19), 6, "moved", stage("entry", "proposal")),
            event(noon(11, 19), 4, "won", outcome("won")),
            event(noon(11, 20), 1, "forced", stage("entry", "proposal"), note: "客户催"),
            event(noon(11, 20), 5, "lost", outcome("lost"), note: "价格"),
            event(noon(11, 21), 3, "moved", stage("proposal", "entry")),
            event(noon(11, 21), 7, "won", outcome("won")),
        ]
        return Snapshot(users: [User(name: "alice", role: .rep, displayName: "艾丽丝"), User(name: "bob", role: .rep, displayName: "鲍勃"),
                                User(name: "boss", role: .manager, displayName: "陈静")],
                        accounts: [Account(id: 1, name: "宝钢股份", grade: .a, assistance: 4, loyalty: 6, owner: "alice")],
                        deals: deals, events: events)
    }

    static func store(_ backend: Backend) throws -> any TestStore {
        let store = try backend.store(actor: "boss", clock: { noon(11, 25) })
        _ = try store.importSnapshot(snapshot())
        for (currency, rate, from) in [("USD", "7.00", day(11, 1)), ("USD", "7.20", day(11, 19)), ("EUR", "7.80", day(11, 1)), ("EUR", "7.50", day(11, 21))] {
            _ = try store.acting(as: "boss").setExchangeRate(currency: currency, micros: try ExchangeRate.parse(rate), from: from)
        }
        let q4 = try Period(parsing: "2026-Q4")
        try store.acting(as: "boss").setTarget(SalesTarget(period: q4, rep: "alice", amount: Money(minorUnits: 300_000_000)))
        try store.acting(as: "boss").setTarget(SalesTarget(period: q4, rep: "bob", amount: Money(minorUnits: 100_000_000)))
        return store
    }

    static var query: ReviewQuery { ReviewQuery(today: today, period: .lastWeek(today: today), timeZone: utc, listLimit: 50) }

    /// The period's lists replayed from the log in plain Swift: a deal is in a list when one of its
    /// events in the period is of the list's kind; its amount converts on the day of its last such event.
    static func replay(_ snapshot: Snapshot, rates: RateTable, period: ReviewPeriod) -> [ReviewListKind: (deals: Set<Int64>, base: BaseTotal)] {
        let process = BuiltInProcesses.project
        let deals = Dictionary(uniqueKeysWithValues: snapshot.deals.map { ($0.id, $0) })
        var lastDay: [ReviewListKind: [Int64: Day]] = [:]
        for event in snapshot.events.sorted(by: { ($0.at, $0.id) < ($1.at, $1.id) }) where event.entity == "deal" {
            let day = Day(event.at, timeZone: utc)
            guard day >= period.since, day < period.until else { continue }
            let direction = StageHistory.direction(process, from: event.changes["stage"]?.old, to: event.changes["stage"]?.new)
            var kinds: [ReviewListKind] = []
            switch event.action {
            case "created": kinds = [.newDeals]
            case "won": kinds = [.won]
            case "lost": kinds = [.lost]
            case "withdrawn": kinds = [.withdrawn]
            case "moved", "forced":
                if direction > 0 { kinds.append(.advanced) }
                if direction < 0 { kinds.append(.slipped) }
                if event.action == "forced" { kinds.append(.forced) }
            default: break
            }
            for kind in kinds { lastDay[kind, default: [:]][event.entityID] = day }
        }
        return lastDay.mapValues { days in
            var builder = BaseTotalBuilder(rates: rates)
            for (id, day) in days { if let deal = deals[id] { builder.add(deal.amount, on: day) } }
            return (Set(days.keys), builder.total)
        }
    }
}

@Suite("The review in one currency, against a replay of the log")
struct BaseCurrencyReviewTests {
    static func fixture(_ backend: Backend) throws -> (store: any TestStore, review: WeeklyReview) {
        let store = try ThreeCurrencies.store(backend)
        return (store, try store.weeklyReview(ThreeCurrencies.query))
    }

    func yuan(_ amount: Int64) -> Int64 { amount * 100 }

    @Test(arguments: Backend.allCases) func thePeriodIsLastWeek(_ backend: Backend) throws {
        let review = try Self.fixture(backend).review
        #expect(review.since == ThreeCurrencies.day(11, 16) && review.until == ThreeCurrencies.day(11, 23) && review.baseCurrency == "CNY")
    }

    @Test(arguments: Backend.allCases) func thePeriodsListsMatchTheReplay(_ backend: Backend) throws {
        let (store, review) = try Self.fixture(backend)
        let replay = ThreeCurrencies.replay(ThreeCurrencies.snapshot(), rates: try store.rateTable(), period: .lastWeek(today: ThreeCurrencies.today))
        for (kind, list) in review.lists where ![.stalled, .missingNextStep, .overdueNextStep, .pastClose].contains(kind) {
            let expected = replay[kind]
            #expect(list.count == expected?.deals.count ?? 0, "\(kind) counts each deal once")
            #expect(Set(list.items.map(\.dealID)) == expected?.deals ?? [], "\(kind)")
            #expect(list.base == expected?.base ?? BaseTotal(currency: "CNY"), "\(kind) in the base currency")
        }
    }

    @Test(arguments: Backend.allCases) func thePeriodsListsByHand(_ backend: Backend) throws {
        let review = try Self.fixture(backend).review
        #expect(review.newDeals.base.minorUnits == yuan(700_000), "USD 100,000 at 7.00 on 11-18")
        #expect(review.advanced.count == 3 && review.advanced.base.minorUnits == yuan(1_000_000 + 390_000 + 300_000),
                "D1 and D6 once each however often they moved; D3's EUR at 7.80 on 11-16")
        #expect(review.slipped.base.minorUnits == yuan(375_000), "D3 back on 11-21: EUR at 7.50")
        #expect(review.won.count == 2 && review.won.amount == ["USD": yuan(210_000)] && review.won.base.minorUnits == yuan(1_512_000),
                "D4 on 11-19 and D7 on 11-21, both at 7.20")
        #expect(review.lost.base.minorUnits == yuan(624_000), "EUR 80,000 at 7.80 on 11-20")
        #expect(review.forced.count == 1 && review.forced.base.minorUnits == yuan(1_000_000))
        #expect(review.lists.allSatisfy { $0.1.base.isComplete })
    }

    @Test(arguments: Backend.allCases) func aDealsMovesAreListedUnderIt(_ backend: Backend) throws {
        let review = try Self.fixture(backend).review
        let d6 = try #require(review.advanced.items.first { $0.dealID == 6 })
        #expect(d6.moves.map(\.toStage) == ["entry", "proposal"] && d6.fromStage == "develop" && d6.toStage == "proposal")
        #expect(d6.day == ThreeCurrencies.day(11, 19))
        let d1 = try #require(review.advanced.items.first { $0.dealID == 1 })
        #expect(d1.moves.map(\.forced) == [false, true] && d1.moves.last?.note == "客户催")
        #expect(review.advanced.items.map(\.dealID) == [1, 3, 6], "largest first in CNY: 1,000,000; 390,000 (EUR 50,000); 300,000")
        let d3 = try #require(review.advanced.items.first { $0.dealID == 3 })
        #expect(d3.converted == Money(minorUnits: yuan(390_000), currency: "CNY"), "beside its own EUR 50,000")
    }

    @Test(arguments: Backend.allCases) func openDealsConvertAtTodaysRates(_ backend: Backend) throws {
        let review = try Self.fixture(backend).review
        #expect(review.funnel[0].baseAmount.minorUnits == yuan(720_000), "develop: D2, USD 100,000 at 7.20")
        #expect(review.funnel[1].baseAmount.minorUnits == yuan(375_000), "entry: D3, EUR 50,000 at 7.50")
        #expect(review.funnel[2].baseAmount.minorUnits == yuan(1_300_000) && review.funnel[2].amount == ["CNY": yuan(1_300_000)])
        #expect(review.pastClose.count == 1 && review.pastClose.items.first?.dealID == 3 && review.pastClose.base.minorUnits == yuan(375_000))
        #expect(review.pastClose.items.first?.expectedClose == ThreeCurrencies.day(11, 10))
    }

    @Test(arguments: Backend.allCases) func forecastTargetsAndAttainmentByHand(_ backend: Backend) throws {
        let review = try Self.fixture(backend).review
        let quarter = review.forecast[1]
        #expect(quarter.baseWon.minorUnits == yuan(1_512_000) && quarter.baseCommit.minorUnits == yuan(1_000_000))
        #expect(quarter.baseBestCase.minorUnits == yuan(720_000) && quarter.basePipeline.minorUnits == yuan(375_000))
        #expect(quarter.target?.source == .reps && quarter.target?.amount.minorUnits == yuan(4_000_000))
        let team = try #require(review.attainment.last)
        #expect(team.ratioText == "38%" && team.gap == yuan(4_000_000 - 1_512_000 - 1_000_000))
        let reps = Dictionary(uniqueKeysWithValues: review.reps.map { ($0.rep, $0) })
        let alice = try #require(reps["alice"]?.attainment.last)
        #expect(alice.period.description == "2026-Q4" && alice.won.minorUnits == yuan(1_512_000) && alice.commit.minorUnits == yuan(1_000_000))
        #expect(abs((alice.ratio ?? 0) - 0.504) < 1e-12 && alice.gap == yuan(488_000), "3,000,000 − 1,512,000 − 1,000,000")
        let bob = try #require(reps["bob"]?.attainment.last)
        #expect(bob.ratio == 0 && bob.gap == yuan(1_000_000) && bob.bestCase.minorUnits == yuan(720_000))
        #expect(reps["alice"]?.baseWon.minorUnits == yuan(1_512_000) && reps["bob"]?.moved == 3, "bob advanced D3 and D6 and slipped D3 back")
        #expect(review.reps.map(\.rep) == ["alice", "bob"], "艾丽丝 (als) before 鲍勃 (bb) by pinyin")
    }

    @Test(arguments: Backend.allCases) func aCurrencyWithoutARateIsSaidNotDropped(_ backend: Backend) throws {
        let store = try ThreeCurrencies.store(backend)
        try store.acting(as: "boss").deleteExchangeRate(currency: "EUR", from: ThreeCurrencies.day(11, 1))
        let review = try store.weeklyReview(ThreeCurrencies.query)
        #expect(review.lost.base.minorUnits == 0 && review.lost.base.unconverted == ["EUR": yuan(80_000)] && review.lost.base.unconvertedDeals == 1,
                "before 11-21 EUR has no rate: the loss on 11-20 is said, not guessed at 7.50")
        #expect(review.slipped.base.minorUnits == yuan(375_000), "on 11-21 it has one")
        #expect(review.advanced.base.unconverted == ["EUR": yuan(50_000)] && review.advanced.base.minorUnits == yuan(1_300_000))
        #expect(ReviewWording.total(review.lost.base, lang: .zh) == "0（另 EUR 8万：无汇率）")
    }

    @Test(arguments: Backend.allCases) func changingTheBaseCurrency(_ backend: Backend) throws {
        let store = try ThreeCurrencies.store(backend)
        try store.acting(as: "boss").setBaseCurrency("USD")
        #expect(try store.baseCurrency() == "USD" && (try store.rateTable().currencies.isEmpty), "rates quoted in CNY do not apply to a USD base")
        let review = try store.weeklyReview(ThreeCurrencies.query)
        #expect(review.baseCurrency == "USD" && review.won.base.minorUnits == yuan(210_000) && review.won.base.isComplete)
        #expect(review.advanced.base.unconverted == ["CNY": yuan(1_300_000), "EUR": yuan(50_000)])
    }
}
