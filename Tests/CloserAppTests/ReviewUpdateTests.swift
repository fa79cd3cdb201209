@testable import CloserApp
import CloserCore
import Testing

/// The review's update with no store: what it asks for and what a reply does.
@Suite struct ReviewUpdateTests {
    @Test func theFirstLoadAsksForLastWeeksReview() {
        var state = Fixture.state(.en)
        let effects = ReviewUpdate.update(&state, .load(keeping: nil)) ?? []
        #expect(state.review.since == Day(year: 2026, month: 11, day: 16), "Monday of last week")
        guard case .work(let read as ReadReview, .screen(.review))? = effects.first else { Issue.record("no read: \(effects)"); return }
        // Last week, Monday to Sunday: the period is one week.
        #expect(read.query == ReviewQuery(today: Fixture.today, since: state.review.since, until: Day(year: 2026, month: 11, day: 23),
                                          processKey: state.processKey, listLimit: 200))
    }

    @Test func thePeriodMovesByAWeekButNotPastThisOne() {
        var state = Fixture.state(.en)
        state.review.since = Day(year: 2026, month: 11, day: 16)
        guard case .reload? = ReviewUpdate.update(&state, .command(.reviewLater))?.first else { Issue.record("no reload"); return }
        #expect(state.review.since == Day(year: 2026, month: 11, day: 23))
        #expect(ReviewUpdate.update(&state, .command(.reviewLater))?.isEmpty == true)
        #expect(state.message?.text == "The period already starts this week")
    }

    @Test func aCallThatIsNotAnAmountStaysInThePromptAndOneThatIsIsSaved() {
        var state = Fixture.state(.en)
        state.filter.owner = "li.na"
        let prompt = PromptState(title: "call", purpose: .forecastCall(period: "2026-Q4"))
        #expect(ReviewUpdate.saveCall(&state, period: "2026-Q4", text: "lots", prompt: prompt).isEmpty)
        guard case .prompt(let retry) = state.overlay else { Issue.record("the prompt closed"); return }
        #expect(retry.error == "not an amount: 5000000, 500万, 5M")
        let effects = ReviewUpdate.saveCall(&state, period: "2026-Q4", text: "5M", prompt: prompt)
        #expect(state.overlay == nil)
        guard case .work(let save as SaveForecastCall, .screen(.review))? = effects.first else { Issue.record("no save: \(effects)"); return }
        #expect(save == SaveForecastCall(period: "2026-Q4", rep: "li.na", amount: Money.parse("5M")!, by: Fixture.user))
        #expect(ReviewUpdate.update(&state, .reply(save))?.count == 1)
        #expect(state.message?.text.hasPrefix("Manager's call for 2026-Q4: ") == true)
    }
}

@Suite struct ReviewRepOrderTests {
    /// Reps are listed by the names the team uses, Chinese names by pinyin, whatever order the store gave.
    @Test func repsSortByDisplayNameInPinyin() {
        var state = Fixture.state(.zh)
        state.numbers = TeamNumbers(directory: TeamDirectory(users: [
            User(name: "a.zhang", displayName: "张伟"), User(name: "b.wang", displayName: "王磊"), User(name: "c.li", displayName: "李娜"),
        ]))
        var review = WeeklyReview(query: ReviewQuery(today: Fixture.today))
        review.reps = ["a.zhang", "b.wang", "c.li"].map { RepFigures(rep: $0) }
        _ = ReviewUpdate.update(&state, .reply(ReadReview.Reply(review: review, cost: 0, at: Fixture.now)))
        #expect(state.review.review?.reps.map(\.rep) == ["c.li", "b.wang", "a.zhang"])
        let health = HealthReport(today: Fixture.today, reps: ["a.zhang", "c.li"].map { HealthRepFigures(rep: $0) })
        _ = ReviewUpdate.update(&state, .reply(Optional(health)))
        #expect(state.review.health?.reps.map(\.rep) == ["c.li", "a.zhang"])
    }
}
