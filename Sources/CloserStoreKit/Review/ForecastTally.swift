import CloserCore

/// The review's forecast, added up from grouped rows: each store runs its own queries over the
/// open and won deals of this quarter and hands each group here, so the sums, the conversions and
/// the attainments are worked out once for both stores.
package struct ForecastTally {
    private struct Sums {
        var figures: ForecastFigures
        var weighted, pipeline, bestCase, commit, won: BaseTotalBuilder
        var repCommit: [String: BaseTotalBuilder] = [:], repBest: [String: BaseTotalBuilder] = [:], repWon: [String: BaseTotalBuilder] = [:]
    }

    package let month: Period
    package let quarter: Period
    /// The rate-change days inside the quarter, cut at the month's edges too: a store groups the
    /// won deals by these pieces so that each group converts at one rate.
    package let wonPieces: RatePieces
    private let today: Day
    private let rates: RateTable
    private let empty: BaseTotalBuilder
    private var sums: [Sums]

    package init(today: Day, rates: RateTable) {
        month = Period.month(containing: today)
        quarter = Period.quarter(containing: today)
        wonPieces = RatePieces(starts: ([quarter.start] + rates.changeDays(after: quarter.start, before: quarter.end) + [month.start, month.end])
            .filter { [quarter] in $0 >= quarter.start && $0 < quarter.end })
        self.today = today
        self.rates = rates
        empty = BaseTotalBuilder(rates: rates)
        sums = [month, quarter].map { [empty] period in
            Sums(figures: ForecastFigures(period: period.description, start: period.start, end: period.end, base: rates.base),
                 weighted: empty, pipeline: empty, bestCase: empty, commit: empty, won: empty)
        }
    }

    /// The month and the quarter, in the order the figures come back.
    package var periods: [Period] { [month, quarter] }

    /// The sums' indexes a row's day lies in: the quarter's, and the month's when it is in it.
    private func indexes(inMonth: Bool) -> [Int] { inMonth ? [0, 1] : [1] }

    /// One group of open deals closing this quarter: one category, currency and rep.
    package mutating func addOpen(category: String, currency: String, rep: String, inMonth: Bool,
                                  deals: Int, amount: Int64, weighted: Int64) {
        for index in indexes(inMonth: inMonth) {
            sums[index].figures.weighted[currency, default: 0] += weighted
            sums[index].weighted.add(weighted, currency: currency, on: today, deals: deals)
            // A category the program does not know counts as pipeline, the least committed.
            switch ForecastCategory(rawValue: category) ?? .pipeline {
            case .pipeline:
                sums[index].figures.pipeline[currency, default: 0] += amount
                sums[index].pipeline.add(amount, currency: currency, on: today, deals: deals)
            case .bestCase:
                sums[index].figures.bestCase[currency, default: 0] += amount
                sums[index].bestCase.add(amount, currency: currency, on: today, deals: deals)
                sums[index].repBest[rep, default: empty].add(amount, currency: currency, on: today, deals: deals)
            case .commit:
                sums[index].figures.commit[currency, default: 0] += amount
                sums[index].commit.add(amount, currency: currency, on: today, deals: deals)
                sums[index].repCommit[rep, default: empty].add(amount, currency: currency, on: today, deals: deals)
            }
        }
    }

    /// One group of deals won this quarter: one currency and rep, closed in one piece of `wonPieces`.
    package mutating func addWon(currency: String, rep: String, piece: Int, deals: Int, amount: Int64) {
        let day = wonPieces.day(ofPiece: piece)
        for index in indexes(inMonth: month.contains(day)) {
            sums[index].figures.won[currency, default: 0] += amount
            sums[index].won.add(amount, currency: currency, on: day, deals: deals)
            sums[index].repWon[rep, default: empty].add(amount, currency: currency, on: day, deals: deals)
        }
    }

    /// The month's and quarter's figures for the team (or the rep reviewed), with their targets and
    /// the manager's call, and each rep's standing against their own targets.
    package func result(book: TargetBook, rep reviewed: String?, managerCall: (Period) throws -> ForecastCall?) rethrows
        -> (team: [ForecastFigures], reps: [String: [Attainment]]) {
        var team: [ForecastFigures] = [], reps: [String: [Attainment]] = [:]
        for (index, period) in periods.enumerated() {
            let s = sums[index]
            var figures = s.figures
            figures.baseWeighted = s.weighted.total
            figures.basePipeline = s.pipeline.total
            figures.baseBestCase = s.bestCase.total
            figures.baseCommit = s.commit.total
            figures.baseWon = s.won.total
            figures.target = book.target(rep: reviewed, period: period)
            figures.managerCall = try managerCall(period)
            team.append(figures)
            let named = Set(s.repWon.keys).union(s.repCommit.keys).union(s.repBest.keys).union(book.reps(in: period))
            for rep in named where reviewed == nil || reviewed == rep {
                reps[rep, default: []].append(Attainment(period: period, rep: rep, target: book.target(rep: rep, period: period),
                                                         won: (s.repWon[rep] ?? empty).total, commit: (s.repCommit[rep] ?? empty).total,
                                                         bestCase: (s.repBest[rep] ?? empty).total))
            }
        }
        return (team, reps)
    }
}
