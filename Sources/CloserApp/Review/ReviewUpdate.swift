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

/// The review's update: state in, effects out.
enum ReviewUpdate {
    /// Rows a review list may hold on screen; its count and sum always cover every deal.
    static let listLimit = 200

    static func query(_ state: AppState) -> ReviewQuery {
        ReviewQuery(today: state.today, since: state.review.since, processKey: state.processKey, rep: state.filter.owner, listLimit: listLimit)
    }

    static func update(_ state: inout AppState, _ event: ScreenEvent) -> [Effect]? {
        switch event {
        case .load:
            if state.review.since == nil { state.review.since = ReviewQuery.mondayOfLastWeek(state.today) }
            return [.work(ReadReview(query: query(state)), replyTo: .screen(.review))]
        case .command(let command) where Command.selection.contains(command):
            move(&state, command)
            return []
        case .command(.reviewEarlier), .command(.reviewLater):
            guard case .command(let command) = event else { return [] }
            return shiftPeriod(&state, earlier: command == .reviewEarlier)
        case .command(.reviewCallQuarter), .command(.reviewCallMonth):
            guard case .command(let command) = event else { return [] }
            askForCall(&state, quarter: command == .reviewCallQuarter)
            return []
        case .reply(let read as ReadReview.Reply):
            state.review.review = read.review
            state.review.reads.record(cost: read.cost, at: read.at)
            state.review.items.clamp(count: state.review.itemCount, pageSize: ReviewLayout(content: state.contentRect).itemRows)
            return []
        case .reply(let call as SaveForecastCall):
            state.message = StatusMessage(LocalizedText(en: "Manager's call for \(call.period): \(call.amount)",
                                                        zh: "经理判断 \(call.period)：\(call.amount)")[state.lang])
            return [.reload(keeping: nil)]
        case .failed(let work, let error):
            state.message = StatusMessage(String(describing: error), isError: true)
            return work is SaveForecastCall ? [.reload(keeping: nil)] : []
        case .command, .mouse, .reply:
            return nil
        }
    }

    /// `[` `]`: the period starts a week earlier or later, never past this week.
    static func shiftPeriod(_ state: inout AppState, earlier: Bool) -> [Effect] {
        let since = state.review.since ?? ReviewQuery.mondayOfLastWeek(state.today)
        let thisMonday = state.today.adding(days: -(state.today.isoWeekday - 1))
        let moved = since.adding(days: earlier ? -7 : 7)
        guard moved <= thisMonday else {
            state.message = StatusMessage(LocalizedText(en: "The period already starts this week", zh: "已是本周")[state.lang])
            return []
        }
        state.review.since = moved
        state.review.items = ScrollState()
        return [.reload(keeping: nil)]
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
