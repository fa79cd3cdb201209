import Foundation

/// Amounts per currency: deals in different currencies are never added together.
public typealias CurrencyTotals = [String: Int64]

/// Everything the Monday review shows, computed by the store from the deal table (what is open
/// now) and the event log (what happened in the period, exactly, whatever happened since).
public struct WeeklyReview: Sendable, Hashable, Codable {
    public var since: Day
    public var until: Day
    public var weeks: Int
    public var processKey: String
    public var rep: String?
    public var stalledDays: Int
    /// The currency every `base…` figure is in; amounts without a rate in force are said, not dropped.
    public var baseCurrency: String

    public var funnel: [FunnelStage]
    public var conversions: [StageConversion]
    public var daysInStage: [StageDuration]
    public var forecast: [ForecastFigures]

    public var newDeals: ReviewList
    public var advanced: ReviewList
    public var slipped: ReviewList
    public var won: ReviewList
    public var lost: ReviewList
    public var withdrawn: ReviewList
    public var forced: ReviewList
    public var stalled: ReviewList
    public var missingNextStep: ReviewList
    public var overdueNextStep: ReviewList
    /// Next steps due today (the stand-up's first question).
    public var dueToday: ReviewList
    /// Open deals whose expected close date has passed.
    public var pastClose: ReviewList
    /// Actions planned on accounts alone, overdue or due in the coming week (the rep's own, for a rep).
    public var accountPlans: AccountPlanList
    public var closeDateChanges: [CloseDateChange]
    /// How many deals had their close date moved in the period (the list carries the first `listLimit`).
    public var closeDatesMoved: Int
    public var quadrantChanges: [QuadrantChangeItem]
    public var reps: [RepFigures]
    /// The team's (or the reviewed rep's) standing against target: this month, then this quarter.
    public var attainment: [Attainment]

    public init(query: ReviewQuery) {
        since = query.since
        until = query.until
        weeks = query.weeks
        processKey = query.processKey
        rep = query.rep
        stalledDays = query.stalledDays
        baseCurrency = Money.defaultCurrency
        funnel = []
        conversions = []
        daysInStage = []
        forecast = []
        newDeals = ReviewList()
        advanced = ReviewList()
        slipped = ReviewList()
        won = ReviewList()
        lost = ReviewList()
        withdrawn = ReviewList()
        forced = ReviewList()
        stalled = ReviewList()
        missingNextStep = ReviewList()
        overdueNextStep = ReviewList()
        dueToday = ReviewList()
        pastClose = ReviewList()
        accountPlans = AccountPlanList(through: AccountPlanList.lastDay(from: query.today))
        closeDateChanges = []
        closeDatesMoved = 0
        quadrantChanges = []
        reps = []
        attainment = []
    }

    /// The lists in the order the review screen and the reports show them.
    public var lists: [(ReviewListKind, ReviewList)] {
        [(.newDeals, newDeals), (.advanced, advanced), (.slipped, slipped), (.won, won), (.lost, lost), (.withdrawn, withdrawn),
         (.forced, forced), (.stalled, stalled), (.missingNextStep, missingNextStep), (.overdueNextStep, overdueNextStep),
         (.pastClose, pastClose)]
    }
}

public enum ReviewListKind: String, Sendable, CaseIterable, Codable {
    case newDeals = "new", advanced, slipped, won, lost, withdrawn, forced, stalled
    case missingNextStep = "missing-next-step", overdueNextStep = "overdue-next-step", pastClose = "past-close"

    public var label: LocalizedText {
        switch self {
        case .newDeals: LocalizedText(en: "New deals", zh: "新增商机")
        case .advanced: LocalizedText(en: "Advanced", zh: "推进")
        case .slipped: LocalizedText(en: "Slipped back", zh: "退回")
        case .won: LocalizedText(en: "Won", zh: "赢单")
        case .lost: LocalizedText(en: "Lost", zh: "丢单")
        case .withdrawn: LocalizedText(en: "Withdrawn", zh: "主动放弃")
        case .forced: LocalizedText(en: "Forced past a gate", zh: "强制过关")
        case .stalled: LocalizedText(en: "Stalled", zh: "停滞")
        case .missingNextStep: LocalizedText(en: "No next step", zh: "无下一步")
        case .overdueNextStep: LocalizedText(en: "Next step overdue", zh: "下一步逾期")
        case .pastClose: LocalizedText(en: "Past close date", zh: "已过成交日期")
        }
    }
}

/// A list's full count and sums, with its first deals (largest first). Each deal counts once;
/// the period's lists carry the deal's moves under it.
public struct ReviewList: Sendable, Hashable, Codable {
    /// Deals in the list.
    public var count: Int
    public var amount: CurrencyTotals
    /// The same amounts in the base currency, at the rate in force on each deal's day.
    public var base: BaseTotal
    public var items: [ReviewItem]

    public init(count: Int = 0, amount: CurrencyTotals = [:], base: BaseTotal = BaseTotal(currency: Money.defaultCurrency), items: [ReviewItem] = []) {
        self.count = count
        self.amount = amount
        self.base = base
        self.items = items
    }
}

/// One move of a deal in the period, listed under the deal.
public struct ReviewMove: Sendable, Hashable, Codable {
    public var day: Day
    public var fromStage: String?
    public var toStage: String?
    public var forced: Bool
    /// The reason a gate was forced.
    public var note: String

    public init(day: Day, fromStage: String?, toStage: String?, forced: Bool = false, note: String = "") {
        self.day = day
        self.fromStage = fromStage
        self.toStage = toStage
        self.forced = forced
        self.note = note
    }
}

public struct ReviewItem: Sendable, Hashable, Codable {
    public var dealID: Int64
    public var title: String
    public var accountID: Int64
    public var accountName: String
    public var owner: String
    public var amount: Money
    public var stage: String
    /// The reason given: of a loss, a win, a withdrawal, a forced gate.
    public var detail: String
    /// The day it happened (for the period's lists).
    public var day: Day?
    /// A move's stages.
    public var fromStage: String?
    public var toStage: String?
    public var lastActivity: Day?
    public var nextStepDue: Day?
    /// The deal's amount in the base currency on its day (today for open deals); nil: no rate in force.
    public var converted: Money?
    public var expectedClose: Day?
    /// Days since the last activity (or since the deal was made, when it has none): what a stalled row shows.
    public var daysIdle: Int?
    /// The deal's moves in the period, in order (the advanced, slipped and forced lists).
    public var moves: [ReviewMove]

    public init(dealID: Int64, title: String, accountID: Int64, accountName: String, owner: String, amount: Money,
                stage: String, detail: String = "", day: Day? = nil) {
        self.dealID = dealID
        self.title = title
        self.accountID = accountID
        self.accountName = accountName
        self.owner = owner
        self.amount = amount
        self.stage = stage
        self.detail = detail
        self.day = day
        moves = []
    }

    /// Days past the next step's due date, or the expected close, on `today` (0 when not past).
    public func daysPast(_ due: Day?, today: Day) -> Int { due.map { max(0, $0.days(until: today)) } ?? 0 }
}

public struct FunnelStage: Sendable, Hashable, Codable {
    public var stage: String
    public var count: Int
    public var amount: CurrencyTotals
    public var weighted: CurrencyTotals
    public var baseAmount: BaseTotal
    public var baseWeighted: BaseTotal

    public init(stage: String, count: Int = 0, amount: CurrencyTotals = [:], weighted: CurrencyTotals = [:], base: String = Money.defaultCurrency) {
        self.stage = stage
        self.count = count
        self.amount = amount
        self.weighted = weighted
        baseAmount = BaseTotal(currency: base)
        baseWeighted = BaseTotal(currency: base)
    }
}

/// This month's or quarter's forecast: what is expected to close in it, by the rep's category,
/// weighted by stage odds, and what is already won; with the manager's own call when recorded.
public struct ForecastFigures: Sendable, Hashable, Codable {
    public var period: String
    public var start: Day
    public var end: Day
    public var weighted: CurrencyTotals
    public var pipeline: CurrencyTotals
    public var bestCase: CurrencyTotals
    public var commit: CurrencyTotals
    public var won: CurrencyTotals
    public var managerCall: ForecastCall?
    /// The same figures in the base currency: open deals at today's rates, won deals at their close day's.
    public var baseWeighted: BaseTotal
    public var basePipeline: BaseTotal
    public var baseBestCase: BaseTotal
    public var baseCommit: BaseTotal
    public var baseWon: BaseTotal
    /// The target of the team (or the rep reviewed) for the period, when one is set or implied.
    public var target: ResolvedTarget?

    public init(period: String, start: Day, end: Day, base: String = Money.defaultCurrency) {
        self.period = period
        self.start = start
        self.end = end
        weighted = [:]
        pipeline = [:]
        bestCase = [:]
        commit = [:]
        won = [:]
        baseWeighted = BaseTotal(currency: base)
        basePipeline = BaseTotal(currency: base)
        baseBestCase = BaseTotal(currency: base)
        baseCommit = BaseTotal(currency: base)
        baseWon = BaseTotal(currency: base)
    }

    /// Won, commit, best case, the manager's call and the target together: attainment and gap.
    public func attainment(rep: String?) -> Attainment? {
        guard let period = try? Period(parsing: self.period) else { return nil }
        return Attainment(period: period, rep: rep, target: target, won: baseWon, commit: baseCommit, bestCase: baseBestCase,
                          managerCall: managerCall?.amount)
    }
}

/// A manager's own forecast for a period (month "2026-12" or quarter "2026-Q4"), beside the reps'.
public struct ForecastCall: Sendable, Hashable, Codable {
    public var period: String
    public var rep: String
    public var amount: Money
    public var by: String
    public var at: Date

    public init(period: String, rep: String = "", amount: Money, by: String, at: Date) {
        self.period = period
        self.rep = rep
        self.amount = amount
        self.by = by
        self.at = at
    }
}

/// A deal whose expected close moved in the period: by how much, and how often it ever has.
public struct CloseDateChange: Sendable, Hashable, Codable {
    public var item: ReviewItem
    public var from: Day?
    public var to: Day?
    /// Days later (positive: pushed out) or earlier (negative: pulled in), summed over the period.
    public var days: Int
    /// Every push out this deal has had, in the whole log.
    public var pushesEver: Int

    public init(item: ReviewItem, from: Day?, to: Day?, days: Int = 0, pushesEver: Int = 0) {
        self.item = item
        self.from = from
        self.to = to
        self.days = days
        self.pushesEver = pushesEver
    }
}

public struct QuadrantChangeItem: Sendable, Hashable, Codable {
    public var accountID: Int64
    public var accountName: String
    public var from: Quadrant
    public var to: Quadrant

    public init(accountID: Int64, accountName: String, from: Quadrant, to: Quadrant) {
        self.accountID = accountID
        self.accountName = accountName
        self.from = from
        self.to = to
    }
}

/// One rep's row: what they hold, what moved, what needs attention.
public struct RepFigures: Sendable, Hashable, Codable {
    public var rep: String
    public var openDeals: Int
    public var pipeline: CurrencyTotals
    public var weighted: CurrencyTotals
    public var won: CurrencyTotals
    /// Deals advanced plus deals slipped back in the period: each list counts a deal once, a deal that went both ways is in both.
    public var moved: Int
    public var stalled: Int
    public var overdue: Int
    public var dueToday: Int
    public var basePipeline: BaseTotal
    public var baseWeighted: BaseTotal
    /// Won in the review's period, in the base currency.
    public var baseWon: BaseTotal
    /// This month's and this quarter's standing against the rep's target.
    public var attainment: [Attainment]

    public init(rep: String, base: String = Money.defaultCurrency) {
        self.rep = rep
        openDeals = 0
        pipeline = [:]
        weighted = [:]
        won = [:]
        moved = 0
        stalled = 0
        overdue = 0
        dueToday = 0
        basePipeline = BaseTotal(currency: base)
        baseWeighted = BaseTotal(currency: base)
        baseWon = BaseTotal(currency: base)
        attainment = []
    }
}

extension ForecastCall {
    public static func monthKey(_ day: Day) -> String { String(day.description.prefix(7)) }
    public static func quarterKey(_ day: Day) -> String { "\(day.year)-Q\((day.month - 1) / 3 + 1)" }
}
