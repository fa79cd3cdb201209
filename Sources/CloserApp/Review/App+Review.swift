import Foundation
import CloserCore
import TerminalUI

extension App {
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
        case .accountPlans:
            let items = review.accountPlans.items
            if items.indices.contains(index) { openAccount360(items[index].accountID) }
        case .closeDates:
            if review.closeDateChanges.indices.contains(index) { openDeal(review.closeDateChanges[index].item.dealID) }
        case .quadrants:
            if review.quadrantChanges.indices.contains(index) { openAccount360(review.quadrantChanges[index].accountID) }
        case .health(let rule):
            let items = state.review.health?.list(rule)?.items ?? []
            if items.indices.contains(index) { openDeal(items[index].dealID) }
        case .reps, .healthByRep:
            let reps = state.review.currentSection == .reps ? review.reps.map(\.rep) : (state.review.health?.reps.map(\.rep) ?? [])
            guard reps.indices.contains(index) else { return }
            // Walk the team one by one: the review for this rep.
            let rep = reps[index]
            var filter = state.filter
            filter.owner = rep
            setFilter(filter)
            state.review.inItems = false
        }
    }
}
