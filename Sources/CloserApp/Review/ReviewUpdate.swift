import CloserCore
import Foundation
import TerminalUI

/// The weekly review for the period on screen: one read that grows with the store, timed so
/// others' writes reread it at a pace (`ReviewState.reads`).
struct ReadReview: Work, Equatable {
    var query: ReviewQuery

    struct Reply: Sendable {
        var review: WeeklyReview
        var cost: TimeInterval
        var at: Date
    }

    func run(in world: World) throws -> Reply {
        let started = Date()
        let review = try world.store.weeklyReview(query)
        return Reply(review: review, cost: Date().timeIntervalSince(started), at: started)
    }
}

/// The manager's own call for a period, beside the reps' categories, for the team or one rep.
struct SaveForecastCall: Work, Equatable {
    var period: String
    var rep: String
    var amount: Money
    var by: String

    func run(in world: World) throws -> SaveForecastCall {
        try world.store.saveForecastCall(ForecastCall(period: period, rep: rep, amount: amount, by: by, at: Date()))
        return self
    }
}

/// The open deals' health for the review's rep (or the team): read when a health list is first
/// looked at, so opening the review costs the review alone.
struct ReadReviewHealth: Work, Equatable {
    var query: HealthReportQuery

    func run(in world: World) throws -> HealthReport? {
        try world.store.healthReport(query)
    }
}

/// Sets (or replaces) a rep's or the team's target for a month or a quarter.
struct SaveTarget: Work, Equatable {
    var target: SalesTarget

    func run(in world: World) throws -> SaveTarget {
        try world.store.setTarget(target)
        return self
    }
}


/// The review's update: state in, effects out.
enum ReviewUpdate {
    /// Rows a review list may hold on screen; its count and sum always cover every deal.
    static let listLimit = 200

    /// The week on screen (a week still going is read up to today).
    static func query(_ state: AppState) -> ReviewQuery {
        let period = ReviewPeriod.week(of: state.review.since ?? ReviewQuery.mondayOfLastWeek(state.today))
        return ReviewQuery(today: state.today, period: period, processKey: state.processKey, rep: state.filter.owner, listLimit: listLimit)
    }

    static func healthQuery(_ state: AppState) -> HealthReportQuery {
        HealthReportQuery(today: state.today, rep: state.filter.owner, processKey: state.processKey, listLimit: listLimit)
    }

    /// The health read, when a health list is in view and what is loaded is not for this rep and process.
    static func healthIfShown(_ state: AppState) -> [Effect] {
        guard state.review.currentSection.isHealth, state.review.healthQuery != healthQuery(state) else { return [] }
        return [.work(ReadReviewHealth(query: healthQuery(state)), replyTo: .screen(.review))]
    }

    static func update(_ state: inout AppState, _ event: ScreenEvent) -> [Effect]? {
        switch event {
        case .load:
            if state.review.since == nil { state.review.since = ReviewQuery.mondayOfLastWeek(state.today) }
            // Others' writes change the health too: it is read again when next in view.
            state.review.healthQuery = nil
            return [.work(ReadReview(query: query(state)), replyTo: .screen(.review))] + healthIfShown(state)
        case .command(let command) where Command.selection.contains(command):
            move(&state, command)
            return healthIfShown(state)
        case .command(.reviewTargetQuarter), .command(.reviewTargetMonth):
            guard case .command(let command) = event else { return [] }
            askForTarget(&state, quarter: command == .reviewTargetQuarter)
            return []
        case .command(.reviewEarlier), .command(.reviewLater):
            guard case .command(let command) = event else { return [] }
            return shiftPeriod(&state, earlier: command == .reviewEarlier)
        case .command(.reviewCallQuarter), .command(.reviewCallMonth):
            guard case .command(let command) = event else { return [] }
            askForCall(&state, quarter: command == .reviewCallQuarter)
            return []
        case .reply(let read as ReadReview.Reply):
            var review = read.review
            // The team as it knows itself: by name, Chinese names by pinyin (李娜 before 王磊 before 张伟).
            review.reps = state.numbers.directory.sorted(review.reps) { $0.rep }
            state.review.review = review
            state.review.reads.record(cost: read.cost, at: read.at)
            state.review.items.clamp(count: state.review.itemCount, pageSize: ReviewLayout(content: state.contentRect).itemRows)
            return []
        case .reply(let health as HealthReport?):
            state.review.health = health.map { report in
                var report = report
                report.reps = state.numbers.directory.sorted(report.reps) { $0.rep }
                return report
            }
            state.review.healthQuery = healthQuery(state)
            state.review.items.clamp(count: state.review.itemCount, pageSize: ReviewLayout(content: state.contentRect).itemRows)
            return []
        case .reply(let saved as SaveTarget):
            let who = saved.target.isTeam ? LocalizedText(en: "whole team", zh: "全体销售")[state.lang] : state.numbers.name(saved.target.rep)
            state.message = StatusMessage(LocalizedText(en: "Target for \(saved.target.period) · \(who): \(saved.target.amount.compact(.en))",
                                                        zh: "\(saved.target.period) 目标 · \(who)：\(saved.target.amount.compact(.zh))")[state.lang])
            return [.reload(keeping: nil)]
        case .reply(let call as SaveForecastCall):
            state.message = StatusMessage(LocalizedText(en: "Manager's call for \(call.period): \(call.amount)",
                                                        zh: "经理判断 \(call.period)：\(call.amount)")[state.lang])
            return [.reload(keeping: nil)]
        case .failed(let work, let error):
            state.message = .failure(error, in: state.lang)
            return work is SaveForecastCall || work is SaveTarget ? [.reload(keeping: nil)] : []
        case .command, .mouse, .reply:
            return nil
        }
    }

    /// `[` `]`: the week before or after, both ends moving; never past this week.
    static func shiftPeriod(_ state: inout AppState, earlier: Bool) -> [Effect] {
        let week = ReviewPeriod.week(of: state.review.since ?? ReviewQuery.mondayOfLastWeek(state.today))
        guard let moved = week.stepped(weeks: earlier ? -1 : 1, today: state.today) else {
            state.message = StatusMessage(LocalizedText(en: "The period already starts this week", zh: "已是本周")[state.lang])
            return []
        }
        state.review.since = moved.since
        state.review.items = ScrollState()
        return [.reload(keeping: nil)]
    }

    /// `t` / `T`: asks for the target of this quarter or month, for the rep reviewed or the team.
    static func askForTarget(_ state: inout AppState, quarter: Bool) {
        let period = quarter ? Period.quarter(containing: state.today) : Period.month(containing: state.today)
        let who = state.filter.owner.map(state.numbers.name) ?? LocalizedText(en: "whole team", zh: "全体销售")[state.lang]
        let current = state.review.review?.forecast.first { $0.period == period.description }?.target
        let shown = current.flatMap { $0.source == .set ? Money.compact($0.amount.minorUnits, state.lang) : nil } ?? ""
        state.overlay = .prompt(PromptState(
            title: LocalizedText(en: "Target for \(period) · \(who) (e.g. 5M, 500万)", zh: "\(period) 目标 · \(who)（如 5M、500万）")[state.lang],
            text: shown, purpose: .target(period: period.description)))
    }

    /// The answer to `t` / `T`: an amount in the base currency is saved as the target; anything
    /// else is said in the prompt, which stays.
    static func saveTarget(_ state: inout AppState, period: String, text: String, prompt: PromptState) -> [Effect] {
        guard let parsed = try? Period(parsing: period), let amount = Money.parse(text, currency: state.numbers.base), amount.minorUnits > 0 else {
            var retry = prompt
            retry.error = LocalizedText(en: "not a target: 5000000, 500万, 5M (more than 0)", zh: "目标格式错误：5000000、500万、5M（大于 0）")[state.lang]
            state.overlay = .prompt(retry)
            return []
        }
        state.overlay = nil
        let target = SalesTarget(period: parsed, rep: state.filter.owner ?? "", amount: amount, by: state.user, at: Date())
        return [.work(SaveTarget(target: target), replyTo: .screen(.review))]
    }

    /// `c` / `C`: asks for the manager's call for this quarter or month, the current one filled in.
    static func askForCall(_ state: inout AppState, quarter: Bool) {
        let period = quarter ? ForecastCall.quarterKey(state.today) : ForecastCall.monthKey(state.today)
        let current = state.review.review?.forecast.first { $0.period == period }?.managerCall
        let who = state.filter.owner.map { " · \($0)" } ?? ""
        state.overlay = .prompt(PromptState(
            title: LocalizedText(en: "Manager's call for \(period)\(who) (e.g. 5M, 500万)", zh: "经理对 \(period)\(who) 的判断（如 5M、500万）")[state.lang],
            text: current.map { Money.format($0.amount.minorUnits).replacingOccurrences(of: ",", with: "") } ?? "",
            purpose: .forecastCall(period: period)))
    }

    /// The answer to `c` / `C`: an amount is saved for the team or the rep being reviewed; anything
    /// else is said in the prompt, which stays.
    static func saveCall(_ state: inout AppState, period: String, text: String, prompt: PromptState) -> [Effect] {
        guard let amount = Money.parse(text), amount.minorUnits >= 0 else {
            var retry = prompt
            retry.error = LocalizedText(en: "not an amount: 5000000, 500万, 5M", zh: "金额格式错误：5000000、500万、5M")[state.lang]
            state.overlay = .prompt(retry)
            return []
        }
        state.overlay = nil
        return [.work(SaveForecastCall(period: period, rep: state.filter.owner ?? "", amount: amount, by: state.user), replyTo: .screen(.review))]
    }

    /// Up and down walk the menu or the items; right (or Enter) steps into the items, left back out.
    static func move(_ state: inout AppState, _ command: Command) {
        let rows = ReviewLayout(content: state.contentRect).itemRows
        if !state.review.inItems {
            switch command {
            case .selectUp: state.review.section = max(0, state.review.section - 1)
            case .selectDown: state.review.section = min(ReviewState.sections.count - 1, state.review.section + 1)
            case .selectFirst: state.review.section = 0
            case .selectLast: state.review.section = ReviewState.sections.count - 1
            case .selectRight: if state.review.itemCount > 0 { state.review.inItems = true }
            default: return
            }
            if command != .selectRight { state.review.items = ScrollState() }
            return
        }
        if command == .selectLeft {
            state.review.inItems = false
            return
        }
        if let key = command.scrollKey { _ = state.review.items.handle(key, count: state.review.itemCount, pageSize: rows) }
    }
}
