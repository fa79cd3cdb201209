/// What a manager asks of the closed deals: how often we win, against whom, at which stage we
/// lose and why, per rep and per period; how long a deal takes from creation to close, and how
/// large a won deal is in the base currency.
public enum WinLossDimension: String, Sendable, Hashable, Codable, CaseIterable {
    case reason, competitor, stage, rep, month, quarter

    public var label: LocalizedText {
        switch self {
        case .reason: LocalizedText(en: "By lost reason", zh: "按丢单原因")
        case .competitor: LocalizedText(en: "By competitor", zh: "按竞争对手")
        case .stage: LocalizedText(en: "By stage closed at", zh: "按关单阶段")
        case .rep: LocalizedText(en: "By rep", zh: "按销售")
        case .month: LocalizedText(en: "By month", zh: "按月")
        case .quarter: LocalizedText(en: "By quarter", zh: "按季度")
        }
    }
}

/// One closed deal as win/loss reads it.
public struct ClosedDeal: Sendable, Hashable {
    public var id: Int64
    public var owner: String
    public var outcome: Outcome
    /// The stage it stood in when it closed.
    public var stage: String
    public var lossReason: String?
    public var lostTo: String?
    public var competitors: [String]
    public var createdOn: Day
    public var closedOn: Day
    public var amount: Money

    public init(id: Int64, owner: String, outcome: Outcome, stage: String, lossReason: String? = nil, lostTo: String? = nil,
                competitors: [String] = [], createdOn: Day, closedOn: Day, amount: Money) {
        self.id = id
        self.owner = owner
        self.outcome = outcome
        self.stage = stage
        self.lossReason = lossReason
        self.lostTo = lostTo
        self.competitors = competitors
        self.createdOn = createdOn
        self.closedOn = closedOn
        self.amount = amount
    }

    /// Days from creation to close (never negative).
    public var cycleDays: Int { max(0, createdOn.days(until: closedOn)) }

    /// The rows of `dimension` this deal counts in: one, except for competitors (each one it met,
    /// listed on the deal or recorded as the winner) and the reason (lost deals only).
    public func keys(_ dimension: WinLossDimension) -> [String] {
        switch dimension {
        case .reason: outcome == .lost ? [lossReason ?? LostReason.other] : []
        case .competitor:
            (competitors + [lostTo].compactMap { $0 }).filter { !$0.isEmpty }.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        case .stage: [stage]
        case .rep: [owner]
        case .month: [Period.month(containing: closedOn).description]
        case .quarter: [Period.quarter(containing: closedOn).description]
        }
    }
}

/// Closed deals added up for one row, before the rates: per outcome, currency and conversion day.
/// What the store's SQL groups by, and what a plain replay of the deals gives; both become rows the same way.
public struct WinLossTally: Sendable, Hashable {
    public var key: String
    public var outcome: Outcome
    public var currency: String
    /// The day the amounts convert on (the close day, or the first day of a piece of days with one rate).
    public var day: Day
    public var deals: Int
    public var amount: Int64
    public var cycleDays: Int
    /// Of these deals, how many the row's competitor won from us.
    public var lostToKey: Int

    public init(key: String, outcome: Outcome, currency: String, day: Day, deals: Int, amount: Int64, cycleDays: Int, lostToKey: Int = 0) {
        self.key = key
        self.outcome = outcome
        self.currency = currency
        self.day = day
        self.deals = deals
        self.amount = amount
        self.cycleDays = cycleDays
        self.lostToKey = lostToKey
    }
}

public enum WinLoss {
    /// The whole report: the total, then every dimension in its order, from a store's rows for one
    /// dimension at a time (nil: one row for all the closed deals).
    public static func report(_ query: WinLossQuery, rates: RateTable,
                              rows: (WinLossDimension?) throws -> [String: WinLossRow]) rethrows -> WinLossReport {
        var report = WinLossReport(since: query.since, until: query.until, rep: query.rep, baseCurrency: rates.base)
        report.total = try rows(nil)[""] ?? WinLossRow(key: "", base: rates.base)
        for dimension in WinLossDimension.allCases {
            report.set(dimension, ordered(try rows(dimension), dimension))
        }
        return report
    }

    /// Rows from tallies: amounts converted at the rate in force on each tally's day (one
    /// conversion per currency and rate within a row), counts and cycle days added.
    public static func rows(_ tallies: [WinLossTally], rates: RateTable) -> [String: WinLossRow] {
        var rows: [String: WinLossRow] = [:]
        var won: [String: BaseTotalBuilder] = [:], lost: [String: BaseTotalBuilder] = [:]
        for tally in tallies {
            var row = rows[tally.key] ?? WinLossRow(key: tally.key, base: rates.base)
            switch tally.outcome {
            case .won:
                row.won += tally.deals
                row.cycleDays += tally.cycleDays
                won[tally.key, default: BaseTotalBuilder(rates: rates)].add(tally.amount, currency: tally.currency, on: tally.day, deals: tally.deals)
            case .lost:
                row.lost += tally.deals
                row.cycleDays += tally.cycleDays
                lost[tally.key, default: BaseTotalBuilder(rates: rates)].add(tally.amount, currency: tally.currency, on: tally.day, deals: tally.deals)
            case .withdrawn: row.withdrawn += tally.deals
            case .open: break
            }
            row.lostTo += tally.lostToKey
            rows[tally.key] = row
        }
        for (key, builder) in won { rows[key]?.wonAmount = builder.total }
        for (key, builder) in lost { rows[key]?.lostAmount = builder.total }
        return rows
    }

    /// The tallies of plain deals: each deal in each of its rows, converting on its close day.
    public static func tallies(_ deals: [ClosedDeal], by dimension: WinLossDimension?) -> [WinLossTally] {
        var tallies: [String: WinLossTally] = [:]
        for deal in deals where deal.outcome != .open {
            for key in dimension.map({ deal.keys($0) }) ?? [""] {
                let id = "\(key)\u{1}\(deal.outcome.rawValue)\u{1}\(deal.amount.currency)\u{1}\(deal.closedOn)"
                var tally = tallies[id] ?? WinLossTally(key: key, outcome: deal.outcome, currency: deal.amount.currency, day: deal.closedOn,
                                                        deals: 0, amount: 0, cycleDays: 0)
                tally.deals += 1
                tally.amount += deal.amount.minorUnits
                tally.cycleDays += deal.outcome == .withdrawn ? 0 : deal.cycleDays
                if dimension == .competitor, deal.outcome == .lost, deal.lostTo == key { tally.lostToKey += 1 }
                tallies[id] = tally
            }
        }
        return Array(tallies.values)
    }

    /// The whole analysis of plain deals (what the store's SQL computes at scale; tests hold them equal).
    public static func report(_ deals: [ClosedDeal], since: Day, until: Day, rep: String?, rates: RateTable) -> WinLossReport {
        let deals = deals.filter { $0.closedOn >= since && $0.closedOn < until && (rep == nil || $0.owner == rep) }
        var report = WinLossReport(since: since, until: until, rep: rep, baseCurrency: rates.base)
        report.total = rows(tallies(deals, by: nil), rates: rates)[""] ?? WinLossRow(key: "", base: rates.base)
        for dimension in WinLossDimension.allCases {
            report.set(dimension, ordered(rows(tallies(deals, by: dimension), rates: rates), dimension))
        }
        return report
    }

    /// Rows in the order a reader scans them: periods in time order, reasons by losses, others by deals closed.
    public static func ordered(_ rows: [String: WinLossRow], _ dimension: WinLossDimension) -> [WinLossRow] {
        switch dimension {
        case .month, .quarter: rows.values.sorted { $0.key < $1.key }
        case .reason: rows.values.sorted { ($1.lost, $0.key) < ($0.lost, $1.key) }
        case .competitor, .stage, .rep: rows.values.sorted { ($1.closed, $0.key) < ($0.closed, $1.key) }
        }
    }
}
