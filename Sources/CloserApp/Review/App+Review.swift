import Foundation
import CloserCore
import TerminalUI

extension App {
    /// Rows a review list may hold on screen; its count and sum always cover every deal.
    static let reviewListLimit = 200

    var reviewQuery: ReviewQuery {
        ReviewQuery(today: state.today, since: state.review.since, processKey: state.processKey, rep: state.filter.owner,
                    listLimit: App.reviewListLimit)
    }

    func loadReview() throws {
        if state.review.since == nil { state.review.since = ReviewQuery.mondayOfLastWeek(state.today) }
        let query = reviewQuery
        state.review.review = try heavyReads.measure { try store.weeklyReview(query) }
        state.review.items.clamp(count: state.review.itemCount, pageSize: ReviewLayout(content: state.contentRect).itemRows)
    }

    func runReviewCommand(_ command: Command) {
        switch command {
        case .showReview:
            switchScreen(to: .review)
        case .reviewEarlier, .reviewLater:
            let since = state.review.since ?? ReviewQuery.mondayOfLastWeek(state.today)
            let thisMonday = state.today.adding(days: -(state.today.isoWeekday - 1))
            let moved = since.adding(days: command == .reviewEarlier ? -7 : 7)
            guard moved <= thisMonday else {
                state.message = StatusMessage(LocalizedText(en: "The period already starts this week", zh: "已是本周")[state.lang])
                return
            }
            state.review.since = moved
            state.review.items = ScrollState()
            reload()
        case .reviewOpen:
            openReviewSelection()
        case .reviewCallQuarter, .reviewCallMonth:
            let period = command == .reviewCallQuarter ? ForecastCall.quarterKey(state.today) : ForecastCall.monthKey(state.today)
            let current = state.review.review?.forecast.first { $0.period == period }?.managerCall
            let who = state.filter.owner.map { " · \($0)" } ?? ""
            state.overlay = .prompt(PromptState(
                title: LocalizedText(en: "Manager's call for \(period)\(who) (e.g. 5M, 500万)", zh: "经理对 \(period)\(who) 的判断（如 5M、500万）")[state.lang],
                text: current.map { Money.format($0.amount.minorUnits).replacingOccurrences(of: ",", with: "") } ?? "",
                purpose: .forecastCall(period: period)))
        default: break
        }
    }

    /// The manager's own call beside the reps' categories, for the team or the rep being reviewed.
    func saveForecastCall(period: String, text: String, prompt: PromptState) {
        guard let amount = Money.parse(text), amount.minorUnits >= 0 else {
            var retry = prompt
            retry.error = LocalizedText(en: "not an amount: 5000000, 500万, 5M", zh: "金额格式错误：5000000、500万、5M")[state.lang]
            state.overlay = .prompt(retry)
            return
        }
        state.overlay = nil
        let call = ForecastCall(period: period, rep: state.filter.owner ?? "", amount: amount, by: state.user, at: Date())
        if attempt({ try store.saveForecastCall(call) }) {
            state.message = StatusMessage(LocalizedText(en: "Manager's call for \(period): \(amount)", zh: "经理判断 \(period)：\(amount)")[state.lang])
        }
        reload()
    }

    /// Up and down walk the menu or the items; right (or Enter) steps into the items, left back out.
    func moveReviewSelection(_ command: Command) {
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

    /// Enter on the menu steps into the list; on a deal it opens the deal, on an account its 360° view.
    func openReviewSelection() {
        guard let review = state.review.review else { return }
        guard state.review.inItems else {
            if state.review.itemCount > 0 { state.review.inItems = true }
            return
        }
        let index = state.review.items.selected
        switch state.review.currentSection {
        case .list(let kind):
            let items = review.list(kind).items
            if items.indices.contains(index) { openDeal(items[index].dealID) }
        case .closeDates:
            if review.closeDateChanges.indices.contains(index) { openDeal(review.closeDateChanges[index].item.dealID) }
        case .quadrants:
            if review.quadrantChanges.indices.contains(index) { openAccount360(review.quadrantChanges[index].accountID) }
        case .reps:
            guard review.reps.indices.contains(index) else { return }
            // Walk the team one by one: the review for this rep.
            let rep = review.reps[index].rep
            setFilter { $0.owner = rep }
            state.review.inItems = false
        }
    }
}
