import CloserCore

/// The review's lists of what happened in the period (new, advanced, slipped, won, lost,
/// withdrawn, forced), added up from grouped rows: each store sums its stage history's daily
/// rollups and the rows they cannot answer in its own SQL and hands each group here, with the day
/// whose rate converts it.
package struct PeriodListTally {
    /// What the period's lists tell about each rep: how many deals they moved (forward, back: a
    /// deal that went both ways counts in both, as in the lists), and what they won.
    package struct Flow {
        package var moved: [String: Int] = [:]
        package var won: [String: (amount: CurrencyTotals, base: BaseTotal)] = [:]
    }

    private let rates: RateTable
    private var lists: [String: ReviewList] = [:]
    private var totals: [String: BaseTotalBuilder] = [:]
    private var won: [String: (amount: CurrencyTotals, base: BaseTotalBuilder)] = [:]
    private var moved: [String: Int] = [:]

    package init(rates: RateTable) { self.rates = rates }

    /// One group of a list: a rep's deals in one currency, converted at the rate of `day`.
    /// A group without a list or without deals adds nothing.
    package mutating func add(list: String?, owner: String, currency: String, deals: Int?, amount: Int64, on day: Day) {
        guard let list, let deals, deals != 0 else { return }
        lists[list, default: ReviewList(base: BaseTotal(currency: rates.base))].count += deals
        lists[list]?.amount[currency, default: 0] += amount
        totals[list, default: BaseTotalBuilder(rates: rates)].add(amount, currency: currency, on: day, deals: deals)
        if list == "won" {
            won[owner, default: ([:], BaseTotalBuilder(rates: rates))].amount[currency, default: 0] += amount
            won[owner]?.base.add(amount, currency: currency, on: day, deals: deals)
        }
        if list == "advanced" || list == "slipped" { moved[owner, default: 0] += deals }
    }

    /// Whether a list holds any deal (and so wants its largest deals read).
    package func holdsDeals(_ key: String) -> Bool { (lists[key]?.count ?? 0) > 0 }

    /// A list's largest deals, as the store found them.
    package mutating func setItems(_ items: [ReviewItem], of key: String) { lists[key]?.items = items }

    /// Fills the review's seven period lists and returns what they tell about each rep.
    package func finish(into review: inout WeeklyReview) -> Flow {
        func list(_ key: String) -> ReviewList {
            guard var list = lists[key] else { return ReviewList(base: BaseTotal(currency: rates.base)) }
            if list.count > 0 { list.base = totals[key]?.total ?? BaseTotal(currency: rates.base) }
            return list
        }
        review.newDeals = list("created")
        review.advanced = list("advanced")
        review.slipped = list("slipped")
        review.won = list("won")
        review.lost = list("lost")
        review.withdrawn = list("withdrawn")
        review.forced = list("forced")
        return Flow(moved: moved, won: won.mapValues { ($0.amount, $0.base.total) })
    }
}

/// A period list's largest deals, from rows ordered by deal and time: one item per deal, its
/// moves under it, the amount converted at the rate of the deal's last event in the list.
package struct PeriodItems {
    private let list: ReviewListKind
    private let rates: RateTable
    package private(set) var items: [ReviewItem] = []

    package init(_ list: ReviewListKind, rates: RateTable) {
        self.list = list
        self.rates = rates
    }

    /// One event of a deal; `item` reads the deal's own columns, called at its first event only.
    package mutating func add(dealID: Int64, day: Day, fromStage: String?, toStage: String?, kind: String, note: String,
                              item: () throws -> ReviewItem) rethrows {
        if items.last?.dealID != dealID {
            var first = try item()
            first.fromStage = fromStage
            items.append(first)
        }
        let index = items.count - 1
        items[index].day = day
        items[index].toStage = toStage
        items[index].converted = rates.convert(items[index].amount, on: day)
        switch list {
        case .advanced, .slipped, .forced:
            items[index].moves.append(ReviewMove(day: day, fromStage: fromStage, toStage: toStage, forced: kind == "forced", note: note))
            items[index].detail = note
        case .newDeals: break
        default: items[index].detail = note
        }
    }
}

extension RepFigures {
    /// One row per rep who holds an open deal, closed or moved one in the period, or has a target
    /// this month or quarter; in the order of the names the team knows them by (pinyin for Chinese).
    package static func merged(open: [String: RepFigures], flow: PeriodListTally.Flow, attainment: [String: [Attainment]],
                               base: String, team: TeamDirectory) -> [RepFigures] {
        var reps = open
        for name in Set(flow.moved.keys).union(flow.won.keys).union(attainment.keys) where reps[name] == nil {
            reps[name] = RepFigures(rep: name, base: base)
        }
        for (name, moved) in flow.moved { reps[name]?.moved = moved }
        for (name, won) in flow.won {
            reps[name]?.won = won.amount
            reps[name]?.baseWon = won.base
        }
        for (name, standing) in attainment { reps[name]?.attainment = standing }
        return team.sorted(Array(reps.values)) { $0.rep }
    }
}
