import CloserCore
import CloserSQLite
import Foundation
import StoreTestSupport
import Testing

/// A small company's last three months, written as the event log would hold them, with every
/// expected figure worked out by hand below. Today is Wednesday 2026-11-25; the period runs
/// from Monday of last week (11-16) to the end of today; the window is the 13 weeks before.
///
///   D1 alice 1,000,000  created develop 09-01, → entry 09-11, forced → proposal 10-01; open, close 12-15, commit
///   D2 bob     200,000  created develop 11-17 (new in the period); no next step; close 12-20
///   D3 bob     300,000  created develop 10-01, → entry 11-18 (advanced), → develop 11-20 (slipped); next step overdue (11-20)
///   D4 alice   500,000  created entry 09-16, won 11-19 (高层支持)
///   D5 alice   800,000  created proposal 06-01 (before the window), lost 11-21 (价格)
///   D6 alice   100,000  created develop 09-20; close 12-01→12-31 (10-05), 12-31→01-31 (11-18), 01-31→01-15 (11-22); best case
///   宝钢 moved Market → Loyal on 11-19.
enum ReviewFixture {
    static let today = Day(year: 2026, month: 11, day: 25)!
    static let utc = TimeZone(identifier: "UTC")!

    static func noon(_ month: Int, _ day: Int, year: Int = 2026) -> Date {
        Date(timeIntervalSince1970: Double(Day(year: year, month: month, day: day)!.ordinal) * 86_400 + 12 * 3_600)
    }

    static func yuan(_ amount: Int64) -> Money { Money(minorUnits: amount * 100) }

    static func snapshot() -> Snapshot {
        let accounts = [Account(id: 1, name: "宝钢股份", grade: .a, assistance: 4, loyalty: 6, owner: "alice")]
        func deal(_ id: Int64, _ title: String, stage: String, owner: String, amount: Int64, created: Date, close: Day?,
                  category: ForecastCategory = .pipeline, outcome: Outcome = .open, reason: String = "", closedOn: Day? = nil,
                  nextStep: String = "", due: Day? = nil, overrides: [GateOverride] = []) -> Deal {
            Deal(id: id, accountID: 1, title: title, processKey: "project", stageKey: stage, amount: yuan(amount), expectedClose: close,
                 nextStep: nextStep, nextStepDue: due, owner: owner, overrides: overrides, outcome: outcome, outcomeReason: reason, forecastCategory: category,
                 stageEnteredAt: created, closedOn: closedOn, createdAt: created, updatedAt: created)
        }
        let deals = [
            deal(1, "热轧线改造", stage: "proposal", owner: "alice", amount: 1_000_000, created: noon(9, 1), close: Day(year: 2026, month: 12, day: 15),
                 category: .commit, nextStep: "方案评审", due: Day(year: 2026, month: 11, day: 30),
                 overrides: [GateOverride(stageKey: "entry", milestoneKey: "coach-and-key-persons", reason: "客户催", by: "alice", at: noon(10, 1))]),
            deal(2, "冷轧备件", stage: "develop", owner: "bob", amount: 200_000, created: noon(11, 17), close: Day(year: 2026, month: 12, day: 20)),
            deal(3, "能源管理系统", stage: "develop", owner: "bob", amount: 300_000, created: noon(10, 1), close: Day(year: 2027, month: 2, day: 1),
                 nextStep: "电话回访", due: Day(year: 2026, month: 11, day: 20)),
            deal(4, "高炉检测", stage: "entry", owner: "alice", amount: 500_000, created: noon(9, 16), close: nil, outcome: .won, reason: "高层支持",
                 closedOn: Day(year: 2026, month: 11, day: 19), nextStep: "交付", due: Day(year: 2026, month: 12, day: 10)),
            deal(5, "焦化环保", stage: "proposal", owner: "alice", amount: 800_000, created: noon(6, 1), close: nil, outcome: .lost, reason: "价格",
                 closedOn: Day(year: 2026, month: 11, day: 21)),
            deal(6, "码头起重机", stage: "develop", owner: "alice", amount: 100_000, created: noon(9, 20), close: Day(year: 2027, month: 1, day: 15),
                 category: .bestCase),
        ]
        var id: Int64 = 0
        func event(_ at: Date, _ deal: Int64, _ action: String, _ changes: [String: FieldChange], note: String = "", entity: String = "deal") -> ChangeEvent {
            id += 1
            return ChangeEvent(id: id, at: at, user: "alice", entity: entity, entityID: deal, action: action, changes: changes, note: note)
        }
        func stage(_ old: String?, _ new: String) -> [String: FieldChange] { ["stage": FieldChange(old: old, new: new)] }
        func close(_ old: String, _ new: String) -> [String: FieldChange] { ["expectedClose": FieldChange(old: old, new: new)] }
        let outcome: (String) -> [String: FieldChange] = { ["outcome": FieldChange(old: "open", new: $0)] }
        let events = [
            event(noon(6, 1), 5, "created", stage(nil, "proposal")),
            event(noon(9, 1), 1, "created", stage(nil, "develop")),
            event(noon(9, 11), 1, "moved", stage("develop", "entry")),
            event(noon(9, 16), 4, "created", stage(nil, "entry")),
            event(noon(9, 20), 6, "created", stage(nil, "develop")),
            event(noon(10, 1), 1, "forced", stage("entry", "proposal"), note: "客户催"),
            event(noon(10, 1), 3, "created", stage(nil, "develop")),
            event(noon(10, 5), 6, "close-date", close("2026-12-01", "2026-12-31")),
            event(noon(11, 17), 2, "created", stage(nil, "develop")),
            event(noon(11, 18), 3, "moved", stage("develop", "entry")),
            event(noon(11, 18), 6, "close-date", close("2026-12-31", "2027-01-31")),
            event(noon(11, 19), 4, "won", outcome("won"), note: "高层支持"),
            event(noon(11, 19), 1, "scores", ["quadrant": FieldChange(old: "market", new: "loyal")], entity: "account"),
            event(noon(11, 20), 3, "moved", stage("entry", "develop")),
            event(noon(11, 21), 5, "lost", outcome("lost"), note: "价格"),
            event(noon(11, 22), 6, "close-date", close("2027-01-31", "2027-01-15")),
        ]
        let activities = [Activity(id: 1, accountID: 1, dealID: 1, kind: .visit, day: Day(year: 2026, month: 11, day: 20)!, by: "alice")]
        return Snapshot(users: [User(name: "alice", role: .rep), User(name: "bob", role: .rep), User(name: "carol", role: .manager)],
                        accounts: accounts, deals: deals,
                        activities: activities, events: events)
    }

    /// The team's store as its manager, carol, reviews it.
    static func store(_ backend: Backend) throws -> any TestStore {
        let store = try backend.store(actor: "carol", clock: { noon(11, 25) })
        _ = try store.importSnapshot(snapshot())
        return store
    }

    static func query(rep: String? = nil) -> ReviewQuery { ReviewQuery(today: today, rep: rep, timeZone: utc) }
}

@Suite("Weekly review from a fixed event log")
struct WeeklyReviewTests {
    func review(_ backend: Backend) throws -> WeeklyReview { try ReviewFixture.store(backend).weeklyReview(ReviewFixture.query()) }

    func ids(_ list: ReviewList) -> [Int64] { list.items.map(\.dealID) }

    @Test(arguments: Backend.allCases) func periodAndWindow(_ backend: Backend) throws {
        let review = try review(backend)
        #expect(review.since == Day(year: 2026, month: 11, day: 16))
        #expect(review.until == Day(year: 2026, month: 11, day: 26))
        #expect(ReviewFixture.query().windowStart == Day(year: 2026, month: 8, day: 27))
    }

    @Test(arguments: Backend.allCases) func funnelOfOpenDeals(_ backend: Backend) throws {
        let review = try review(backend)
        #expect(review.funnel.map(\.stage) == ["develop", "entry", "proposal", "bid", "negotiation", "implementation"])
        #expect(review.funnel[0].count == 3 && review.funnel[0].amount == ["CNY": 60_000_000])
        #expect(review.funnel[0].weighted == ["CNY": 6_000_000], "10% of 600,000")
        #expect(review.funnel[1].count == 0)
        #expect(review.funnel[2].count == 1 && review.funnel[2].weighted == ["CNY": 20_000_000], "forced: 40% halved to 20% of 1,000,000")
    }

    @Test(arguments: Backend.allCases) func conversionsOverThirteenWeeks(_ backend: Backend) throws {
        let review = try review(backend)
        let c = review.conversions
        #expect(c.map(\.fromStage) == ["develop", "entry", "proposal", "bid", "negotiation"])
        #expect((c[0].entered, c[0].advanced) == (4, 2), "D1, D2, D3, D6 entered develop; D1 and D3 went on")
        #expect(c[0].rate == 0.5)
        #expect((c[1].entered, c[1].advanced) == (3, 1), "D1, D3, D4 entered entry; only D1 went on (D4 was won from entry)")
        #expect((c[2].entered, c[2].advanced) == (1, 0))
        #expect(c[3].rate == nil)
    }

    @Test(arguments: Backend.allCases) func averageDaysInStage(_ backend: Backend) throws {
        let review = try review(backend)
        let days = Dictionary(uniqueKeysWithValues: review.daysInStage.map { ($0.stage, $0) })
        #expect(days["develop"]?.exits == 2 && days["develop"]?.averageDays == 29, "D1 10 days, D3 48 days")
        #expect(days["entry"]?.exits == 3)
        #expect(abs((days["entry"]?.averageDays ?? 0) - 86.0 / 3) < 1e-9, "D1 20, D3 2, D4 64 (won from entry)")
        #expect(days["proposal"]?.exits == 1 && days["proposal"]?.averageDays == 173, "D5 entered 06-01, before the window, lost 11-21")
        #expect(days["bid"]?.exits == 0)
    }

    @Test(arguments: Backend.allCases) func periodLists(_ backend: Backend) throws {
        let review = try review(backend)
        #expect(ids(review.newDeals) == [2])
        #expect(ids(review.advanced) == [3] && review.advanced.items.first?.fromStage == "develop" && review.advanced.items.first?.toStage == "entry")
        #expect(ids(review.slipped) == [3] && review.slipped.items.first?.toStage == "develop")
        #expect(ids(review.won) == [4] && review.won.items.first?.detail == "高层支持" && review.won.amount == ["CNY": 50_000_000])
        #expect(ids(review.lost) == [5] && review.lost.items.first?.detail == "价格")
        #expect(review.withdrawn.count == 0)
        #expect(review.forced.count == 0, "D1 was forced on 10-01, before the period")
        #expect(review.closeDateChanges.count == 1 && review.closeDatesMoved == 1)
        var short = ReviewFixture.query()
        short.listLimit = 0
        let counted = try ReviewFixture.store(backend).weeklyReview(short)
        #expect(counted.closeDateChanges.isEmpty && counted.closeDatesMoved == 1, "the count is every deal, the list the first few")
        let change = review.closeDateChanges[0]
        #expect(change.item.dealID == 6 && change.days == 31 - 16 && change.pushesEver == 2)
        #expect(change.from == Day(year: 2026, month: 12, day: 31) && change.to == Day(year: 2027, month: 1, day: 15))
        #expect(review.quadrantChanges == [QuadrantChangeItem(accountID: 1, accountName: "宝钢股份", from: .market, to: .loyal)])
    }

    @Test(arguments: Backend.allCases) func whatNeedsAttentionNow(_ backend: Backend) throws {
        let review = try review(backend)
        #expect(review.stalled.count == 2 && Set(ids(review.stalled)) == [3, 6], "no activity since before 11-11; D2 is too new")
        #expect(review.stalled.items.allSatisfy { $0.lastActivity == nil })
        #expect(ids(review.stalled) == [3, 6], "largest first")
        #expect(Set(ids(review.missingNextStep)) == [2, 6])
        #expect(ids(review.overdueNextStep) == [3] && review.overdueNextStep.items.first?.nextStepDue == Day(year: 2026, month: 11, day: 20))
    }

    @Test(arguments: Backend.allCases) func forecastForTheMonthAndTheQuarter(_ backend: Backend) throws {
        let review = try review(backend)
        let month = review.forecast[0], quarter = review.forecast[1]
        #expect(month.period == "2026-11" && month.weighted.isEmpty && month.won == ["CNY": 50_000_000])
        #expect(quarter.period == "2026-Q4")
        #expect(quarter.start == Day(year: 2026, month: 10, day: 1) && quarter.end == Day(year: 2027, month: 1, day: 1))
        #expect(quarter.commit == ["CNY": 100_000_000] && quarter.pipeline == ["CNY": 20_000_000] && quarter.bestCase.isEmpty)
        #expect(quarter.weighted == ["CNY": 22_000_000], "200,000 for D1 and 20,000 for D2")
        #expect(quarter.won == ["CNY": 50_000_000])
    }

    @Test(arguments: Backend.allCases) func perRep(_ backend: Backend) throws {
        let review = try review(backend)
        let reps = Dictionary(uniqueKeysWithValues: review.reps.map { ($0.rep, $0) })
        #expect(reps["alice"]?.openDeals == 2 && reps["alice"]?.pipeline == ["CNY": 110_000_000])
        #expect(reps["alice"]?.weighted == ["CNY": 21_000_000] && reps["alice"]?.won == ["CNY": 50_000_000])
        #expect(reps["alice"]?.moved == 0 && reps["alice"]?.stalled == 1 && reps["alice"]?.overdue == 0)
        #expect(reps["bob"]?.openDeals == 2 && reps["bob"]?.pipeline == ["CNY": 50_000_000] && reps["bob"]?.weighted == ["CNY": 5_000_000])
        #expect(reps["bob"]?.moved == 2 && reps["bob"]?.stalled == 1 && reps["bob"]?.overdue == 1)
    }

    @Test(arguments: Backend.allCases) func oneRepOnly(_ backend: Backend) throws {
        let bob = try ReviewFixture.store(backend).weeklyReview(ReviewFixture.query(rep: "bob"))
        #expect(bob.funnel[0].count == 2 && bob.funnel[2].count == 0)
        #expect(bob.won.count == 0 && bob.newDeals.count == 1 && bob.reps.map(\.rep) == ["bob"])
        #expect(bob.conversions[0].entered == 2, "D2 and D3")
    }

    @Test(arguments: Backend.allCases) func theManagersCallStandsBesideTheReps(_ backend: Backend) throws {
        let store = try ReviewFixture.store(backend)
        try store.saveForecastCall(ForecastCall(period: "2026-Q4", amount: ReviewFixture.yuan(900_000), by: "carol", at: ReviewFixture.noon(11, 25)))
        try store.saveForecastCall(ForecastCall(period: "2026-Q4", amount: ReviewFixture.yuan(950_000), by: "carol", at: ReviewFixture.noon(11, 25)))
        let review = try store.weeklyReview(ReviewFixture.query())
        #expect(review.forecast[1].managerCall?.amount == ReviewFixture.yuan(950_000))
        #expect(review.forecast[1].managerCall?.by == "carol")
        #expect(review.forecast[0].managerCall == nil)
        let log = try store.events(EventQuery(entity: "forecast", limit: 5))
        #expect(log.first?.changes["amount"] == FieldChange(old: "CNY 90000000", new: "CNY 95000000"))
        // A rep records their own call, not the team's.
        #expect(throws: StoreError.self) {
            try store.acting(as: "alice").saveForecastCall(ForecastCall(period: "2026-Q4", amount: ReviewFixture.yuan(1), by: "alice", at: ReviewFixture.noon(11, 25)))
        }
        try store.acting(as: "alice").saveForecastCall(ForecastCall(period: "2026-Q4", rep: "alice", amount: ReviewFixture.yuan(1), by: "alice",
                                                                    at: ReviewFixture.noon(11, 25)))
    }
}

@Suite("Week boundaries and time zones")
struct ReviewBoundaryTests {
    @Test(arguments: [(1, 11, 16), (3, 11, 16), (7, 11, 16), (8, 11, 23)])
    func mondayOfLastWeek(weekday offset: Int, month: Int, day: Int) {
        // 2026-11-23 is a Monday: offset 1 → Monday 11-23 (last week's Monday 11-16) … offset 8 → Monday 11-30.
        let today = Day(year: 2026, month: 11, day: 22 + offset)!
        #expect(ReviewQuery.mondayOfLastWeek(today) == Day(year: 2026, month: month, day: day))
    }

    @Test(arguments: Backend.allCases) func anEventCountsInTheWeekOfTheUsersTimeZone(_ backend: Backend) throws {
        // 2026-11-15 20:00 UTC is Monday 11-16 04:00 in Shanghai: in the period there, not in UTC.
        var snapshot = ReviewFixture.snapshot()
        let late = Date(timeIntervalSince1970: Double(Day(year: 2026, month: 11, day: 15)!.ordinal) * 86_400 + 20 * 3_600)
        snapshot.deals.append(Deal(id: 7, accountID: 1, title: "夜间商机", processKey: "project", stageKey: "develop",
                                   amount: ReviewFixture.yuan(1), owner: "alice", stageEnteredAt: late, createdAt: late, updatedAt: late))
        snapshot.events.append(ChangeEvent(id: 100, at: late, user: "alice", entity: "deal", entityID: 7, action: "created",
                                           changes: ["stage": FieldChange(old: nil, new: "develop")]))
        let store = try backend.store(actor: "carol", clock: { ReviewFixture.noon(11, 25) })
        _ = try store.importSnapshot(snapshot)
        let shanghai = try #require(TimeZone(identifier: "Asia/Shanghai"))
        let utc = try store.weeklyReview(ReviewQuery(today: ReviewFixture.today, timeZone: ReviewFixture.utc))
        let local = try store.weeklyReview(ReviewQuery(today: ReviewFixture.today, timeZone: shanghai))
        #expect(!utc.newDeals.items.contains { $0.dealID == 7 })
        #expect(local.newDeals.items.contains { $0.dealID == 7 && $0.day == Day(year: 2026, month: 11, day: 16) })
    }

    @Test func dayStartsAtLocalMidnight() throws {
        let shanghai = try #require(TimeZone(identifier: "Asia/Shanghai"))
        let day = Day(year: 2026, month: 11, day: 16)!
        #expect(day.startDate(timeZone: shanghai).timeIntervalSince1970 == Double(day.ordinal) * 86_400 - 8 * 3_600)
        let newYork = try #require(TimeZone(identifier: "America/New_York"))
        // The day DST ends: midnight is still EDT (UTC-4).
        let fallBack = Day(year: 2026, month: 11, day: 1)!
        #expect(fallBack.startDate(timeZone: newYork).timeIntervalSince1970 == Double(fallBack.ordinal) * 86_400 + 4 * 3_600)
        #expect(Day(fallBack.startDate(timeZone: newYork), timeZone: newYork) == fallBack)
    }
}

@Suite("Stage history, replayed")
struct StageHistoryTests {
    let process = BuiltInProcesses.project
    let t0 = Date(timeIntervalSince1970: 1_000_000)

    func at(_ days: Double) -> Date { t0.addingTimeInterval(days * 86_400) }

    @Test func aReopenedDealTakesUpInTheStageItClosedIn() {
        let events = [
            StageEvent(dealID: 1, at: at(0), kind: .created, toStage: "bid"),
            StageEvent(dealID: 1, at: at(4), kind: .lost),
            StageEvent(dealID: 1, at: at(10), kind: .reopened),
            StageEvent(dealID: 1, at: at(16), kind: .moved, fromStage: "bid", toStage: "negotiation"),
        ]
        let bid = StageHistory.durations(process, events: events, priorEntry: [:], from: at(0), until: at(30)).first { $0.stage == "bid" }
        #expect(bid?.exits == 2 && bid?.averageDays == 5, "4 days, then 6 after the reopen")
    }

    @Test func exitsBeforeTheWindowDoNotCountButSetTheEntry() {
        let events = [
            StageEvent(dealID: 1, at: at(0), kind: .created, toStage: "develop"),
            StageEvent(dealID: 1, at: at(5), kind: .moved, fromStage: "develop", toStage: "entry"),
            StageEvent(dealID: 1, at: at(25), kind: .moved, fromStage: "entry", toStage: "proposal"),
        ]
        let result = StageHistory.durations(process, events: events, priorEntry: [:], from: at(10), until: at(30))
        #expect(result.first { $0.stage == "develop" }?.exits == 0)
        #expect(result.first { $0.stage == "entry" }?.averageDays == 20)
        #expect(StageHistory.direction(process, from: "entry", to: "develop") == -1)
        #expect(StageHistory.direction(process, from: "entry", to: "nowhere") == 0)
    }
}
