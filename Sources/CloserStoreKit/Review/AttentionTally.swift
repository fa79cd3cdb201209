import CloserCore
import Foundation

/// The review's lists of what needs attention now, and each rep's open-deal figures, added up from
/// the open deals grouped by rep and currency: each store counts every list in one grouped query
/// of its own and hands each group here, so the sums and conversions are worked out once.
package struct AttentionTally {
    /// The lists counted, in the order a store's query counts them. Due today is counted per rep
    /// and listed, but is not one of the review's attention kinds.
    package enum List: Int, CaseIterable, Sendable {
        case stalled, missingNextStep, overdueNextStep, pastClose, dueToday
    }

    private let today: Day
    private let rates: RateTable
    private var lists: [List: ReviewList] = [:]
    private var listTotals: [List: BaseTotalBuilder] = [:]
    private var currencies: [List: Set<String>] = [:]
    private var reps: [String: RepFigures] = [:]
    private var pipeline: [String: BaseTotalBuilder] = [:], weighted: [String: BaseTotalBuilder] = [:]

    package init(today: Day, rates: RateTable) {
        self.today = today
        self.rates = rates
    }

    /// One rep's open deals in one currency, and how many of them (worth how much) each list holds.
    package mutating func addGroup(rep: String, currency: String, deals: Int, amount: Int64, weighted weight: Int64,
                                   inList: (List) throws -> (count: Int, amount: Int64)) rethrows {
        var figures = reps[rep] ?? RepFigures(rep: rep, base: rates.base)
        figures.openDeals += deals
        figures.pipeline[currency, default: 0] += amount
        figures.weighted[currency, default: 0] += weight
        pipeline[rep, default: BaseTotalBuilder(rates: rates)].add(amount, currency: currency, on: today, deals: deals)
        weighted[rep, default: BaseTotalBuilder(rates: rates)].add(weight, currency: currency, on: today, deals: deals)
        for list in List.allCases {
            let (count, listed) = try inList(list)
            guard count > 0 else { continue }
            lists[list, default: ReviewList(base: BaseTotal(currency: rates.base))].count += count
            lists[list]?.amount[currency, default: 0] += listed
            listTotals[list, default: BaseTotalBuilder(rates: rates)].add(listed, currency: currency, on: today, deals: count)
            currencies[list, default: []].insert(currency)
            switch list {
            case .stalled: figures.stalled += count
            case .overdueNextStep: figures.overdue += count
            case .dueToday: figures.dueToday += count
            case .missingNextStep, .pastClose: break
            }
        }
        reps[rep] = figures
    }

    /// The lists that hold deals, with the currencies their deals are in: each wants its largest deals.
    package var listsWithDeals: [(list: List, currencies: Set<String>)] {
        List.allCases.compactMap { list in lists[list] == nil ? nil : (list, currencies[list] ?? []) }
    }

    /// The largest deals a list shows, as the store found them.
    package mutating func setItems(_ items: [ReviewItem], of list: List) {
        lists[list]?.items = items
    }

    /// Fills the review's five lists and returns each rep's figures.
    package func finish(into review: inout WeeklyReview) -> [String: RepFigures] {
        func list(_ list: List) -> ReviewList {
            var result = lists[list] ?? ReviewList(base: BaseTotal(currency: rates.base))
            result.base = listTotals[list]?.total ?? BaseTotal(currency: rates.base)
            return result
        }
        review.stalled = list(.stalled)
        review.missingNextStep = list(.missingNextStep)
        review.overdueNextStep = list(.overdueNextStep)
        review.pastClose = list(.pastClose)
        review.dueToday = list(.dueToday)
        var figures = reps
        for (name, builder) in pipeline { figures[name]?.basePipeline = builder.total }
        for (name, builder) in weighted { figures[name]?.baseWeighted = builder.total }
        return figures
    }

    /// A listed open deal's idle days (since its last activity, or since it was made) and its
    /// amount in the base currency today, once the store has read its row.
    package static func complete(_ item: inout ReviewItem, createdAt: Date, _ q: ReviewQuery, rates: RateTable) {
        let idleSince = item.lastActivity ?? Day(createdAt, timeZone: q.timeZone)
        item.daysIdle = max(0, idleSince.days(until: q.today))
        item.converted = rates.convert(item.amount, on: q.today)
    }
}
