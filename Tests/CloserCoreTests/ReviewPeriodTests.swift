import Testing
@testable import CloserCore

@Suite("The review's period: one week, stepped a week at a time")
struct ReviewPeriodTests {
    // Fixture.today is Monday 2026-11-23.
    @Test func lastWeekIsMondayToSunday() {
        let week = ReviewPeriod.lastWeek(today: Fixture.today)
        #expect(week.since == Fixture.day("2026-11-16") && week.lastDay == Fixture.day("2026-11-22") && week.isWeek && week.days == 7)
        #expect(ReviewPeriod.week(of: Fixture.day("2026-11-22")) == week, "Sunday is in its Monday's week")
    }

    @Test func steppingMovesBothEnds() throws {
        let week = ReviewPeriod.lastWeek(today: Fixture.today)
        let earlier = try #require(week.stepped(weeks: -1, today: Fixture.today))
        #expect(earlier.since == Fixture.day("2026-11-09") && earlier.lastDay == Fixture.day("2026-11-15"), "the earlier week, not a longer window")
        let this = try #require(week.stepped(weeks: 1, today: Fixture.today))
        #expect(this.since == Fixture.today)
        #expect(this.stepped(weeks: 1, today: Fixture.today) == nil, "nothing to review after this week")
        let query = ReviewQuery(today: Fixture.day("2026-11-25"), period: this)
        #expect(query.since == Fixture.today && query.until == Fixture.day("2026-11-26"), "a week still going is read up to today")
        #expect(ReviewQuery(today: Fixture.today, period: earlier).until == Fixture.day("2026-11-16"))
    }

    @Test func explicitLongerPeriods() throws {
        let quarter = try #require(ReviewPeriod(since: Fixture.day("2026-10-01"), through: Fixture.day("2026-12-31")))
        #expect(quarter.days == 92 && !quarter.isWeek)
        #expect(ReviewPeriod(since: Fixture.day("2026-10-02"), through: Fixture.day("2026-10-01")) == nil)
    }

    @Test func datesOutsideTheCurrentYearShowTheYear() {
        #expect(ReviewWording.day(Fixture.day("2026-11-21"), today: Fixture.today) == "11-21")
        #expect(ReviewWording.day(Fixture.day("2027-05-11"), today: Fixture.today) == "2027-05-11")
        let period = ReviewPeriod(since: Fixture.day("2027-05-11"), through: Fixture.day("2027-06-19"))!
        #expect(ReviewWording.period(period, today: Fixture.today) == "2027-05-11 → 2027-06-19")
        #expect(ReviewWording.period(ReviewPeriod.lastWeek(today: Fixture.today), today: Fixture.today) == "11-16 → 11-22")
    }

    @Test func attentionRowsSayStageDaysAndAmount() {
        var item = ReviewItem(dealID: 110, title: "t", accountID: 1, accountName: "a", owner: "li.na", amount: Money(minorUnits: 100), stage: "bid")
        item.daysIdle = 23
        item.lastActivity = Fixture.day("2026-10-31")
        item.nextStepDue = Fixture.day("2026-11-18")
        item.expectedClose = Fixture.day("2026-11-21")
        let name: (String) -> String = { $0 }
        #expect(ReviewWording.detail(item, .stalled, lang: .en, today: Fixture.today, stageName: name) == "idle 23 days · last activity 10-31")
        #expect(ReviewWording.detail(item, .overdueNextStep, lang: .zh, today: Fixture.today, stageName: name) == "到期 11-18 · 逾期 5 天")
        #expect(ReviewWording.detail(item, .pastClose, lang: .en, today: Fixture.today, stageName: name) == "close 11-21 · 2 days ago")
        item.moves = [ReviewMove(day: Fixture.day("2026-11-17"), fromStage: "develop", toStage: "entry"),
                      ReviewMove(day: Fixture.day("2026-11-19"), fromStage: "entry", toStage: "proposal", forced: true, note: "客户催")]
        item.fromStage = "develop"
        item.toStage = "proposal"
        #expect(ReviewWording.detail(item, .forced, lang: .en, stageName: name) == "develop → proposal (2 moves): 客户催")
    }
}
