import CloserCore
import Foundation
import GRDB

/// The review's forecast: this month's and quarter's figures beside the targets.
extension SQLiteStore {
    /// This month's and quarter's forecast for the team (or the rep reviewed), and each rep's
    /// standing against their own targets: open deals at today's rates by category, won deals at
    /// their close day's rate, the manager's call and the target. The month lies in the quarter:
    /// one pass over the quarter's deals tells which are the month's.
    static func forecast(_ db: Database, _ q: ReviewQuery, owner: SQLFilter, rates: RateTable)
        throws -> (team: [ForecastFigures], reps: [String: [Attainment]]) {
        let periods = [Period.month(containing: q.today), Period.quarter(containing: q.today)]
        let (month, quarter) = (periods[0], periods[1])
        let book = try targetBook(db, periods: periods, rates: rates)
        let empty = BaseTotalBuilder(rates: rates)
        struct Sums {
            var figures: ForecastFigures
            var weighted, pipeline, bestCase, commit, won: BaseTotalBuilder
            var repCommit: [String: BaseTotalBuilder] = [:], repBest: [String: BaseTotalBuilder] = [:], repWon: [String: BaseTotalBuilder] = [:]
        }
        var sums = periods.map { period in
            Sums(figures: ForecastFigures(period: period.description, start: period.start, end: period.end, base: rates.base),
                 weighted: empty, pipeline: empty, bestCase: empty, commit: empty, won: empty)
        }
        /// The periods a row's day lies in: the quarter, and the month when it is in it.
        func periodsOf(_ inMonth: Bool) -> [Int] { inMonth ? [0, 1] : [1] }
        var open = owner
        open.add("d.outcome = 'open'")
        open.add("d.expected_close >= ?", [quarter.start.description])
        open.add("d.expected_close < ?", [quarter.end.description])
        for row in try Row.fetchAll(db, sql: """
            SELECT d.forecast_category AS category, d.currency, d.owner, d.expected_close >= ? AND d.expected_close < ? AS in_month,
                   COUNT(*) AS n, SUM(d.amount) AS amount, SUM(d.weighted) AS weighted
            FROM deal d \(open.whereClause) GROUP BY 1, 2, 3, 4
            """, arguments: [month.start.description, month.end.description] + open.arguments) {
            let currency: String = row["currency"], amount: Int64 = row["amount"], n: Int = row["n"], rep: String = row["owner"]
            for index in periodsOf(row["in_month"]) {
                sums[index].figures.weighted[currency, default: 0] += row["weighted"] as Int64
                sums[index].weighted.add(row["weighted"], currency: currency, on: q.today, deals: n)
                switch ForecastCategory(rawValue: row["category"]) ?? .pipeline {
                case .pipeline:
                    sums[index].figures.pipeline[currency, default: 0] += amount
                    sums[index].pipeline.add(amount, currency: currency, on: q.today, deals: n)
                case .bestCase:
                    sums[index].figures.bestCase[currency, default: 0] += amount
                    sums[index].bestCase.add(amount, currency: currency, on: q.today, deals: n)
                    sums[index].repBest[rep, default: empty].add(amount, currency: currency, on: q.today, deals: n)
                case .commit:
                    sums[index].figures.commit[currency, default: 0] += amount
                    sums[index].commit.add(amount, currency: currency, on: q.today, deals: n)
                    sums[index].repCommit[rep, default: empty].add(amount, currency: currency, on: q.today, deals: n)
                }
            }
        }
        var closed = owner
        closed.add("d.outcome = 'won'")
        closed.add("d.closed_on >= ?", [quarter.start.description])
        closed.add("d.closed_on < ?", [quarter.end.description])
        // Month and quarter start on the first of a month: the quarter's pieces cut at the month's edges too.
        let pieces = RatePieces(starts: ([quarter.start] + rates.changeDays(after: quarter.start, before: quarter.end) + [month.start, month.end])
            .filter { $0 >= quarter.start && $0 < quarter.end })
        let piece = RateSQL.piece(day: "d.closed_on", pieces)
        for row in try Row.fetchAll(db, sql: """
            SELECT d.currency, d.owner, \(piece.sql) AS piece, COUNT(*) AS n, SUM(d.amount) AS amount
            FROM deal d \(closed.whereClause) GROUP BY 1, 2, 3
            """, arguments: piece.arguments + closed.arguments) {
            let currency: String = row["currency"], amount: Int64 = row["amount"], n: Int = row["n"], day = pieces.day(ofPiece: row["piece"])
            for index in periodsOf(month.contains(day)) {
                sums[index].figures.won[currency, default: 0] += amount
                sums[index].won.add(amount, currency: currency, on: day, deals: n)
                sums[index].repWon[row["owner"], default: empty].add(amount, currency: currency, on: day, deals: n)
            }
        }
        var team: [ForecastFigures] = [], reps: [String: [Attainment]] = [:]
        for (index, period) in periods.enumerated() {
            var figures = sums[index].figures
            figures.baseWeighted = sums[index].weighted.total
            figures.basePipeline = sums[index].pipeline.total
            figures.baseBestCase = sums[index].bestCase.total
            figures.baseCommit = sums[index].commit.total
            figures.baseWon = sums[index].won.total
            figures.target = book.target(rep: q.rep, period: period)
            if let row = try Row.fetchOne(db, sql: "SELECT * FROM forecast_call WHERE period = ? AND rep = ?", arguments: [period.description, q.rep ?? ""]) {
                figures.managerCall = ForecastCall(period: period.description, rep: row["rep"], amount: Money(minorUnits: row["amount"], currency: row["currency"]),
                                                   by: row["by"], at: ColumnCoding.date(row["at"]))
            }
            team.append(figures)
            let s = sums[index]
            for rep in Set(s.repWon.keys).union(s.repCommit.keys).union(s.repBest.keys).union(book.reps(in: period)) where q.rep == nil || q.rep == rep {
                reps[rep, default: []].append(Attainment(period: period, rep: rep, target: book.target(rep: rep, period: period),
                                                         won: (s.repWon[rep] ?? empty).total, commit: (s.repCommit[rep] ?? empty).total,
                                                         bestCase: (s.repBest[rep] ?? empty).total))
            }
        }
        return (team, reps)
    }
}
