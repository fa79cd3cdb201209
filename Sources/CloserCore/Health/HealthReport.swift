/// What the health report covers: open deals now, one rep or the team, one process or all —
/// of the accounts the store's actor may see.
public struct HealthReportQuery: Sendable, Hashable {
    public var today: Day
    public var rep: String?
    /// nil: every process.
    public var processKey: String?
    /// How many deals each rule's list carries (its count and sums are always complete).
    public var listLimit: Int

    public init(today: Day, rep: String? = nil, processKey: String? = nil, listLimit: Int = 20) {
        self.today = today
        self.rep = rep
        self.processKey = processKey
        self.listLimit = listLimit
    }
}

/// The open deals' health: per rule how many deals trip it, their amount and the largest of
/// them with what each shows; per rep the same counts. Worked out by the store over its
/// indexes and read models, never by loading every deal.
public struct HealthReport: Sendable, Hashable, Codable {
    public var today: Day
    public var rep: String?
    public var processKey: String?
    public var openDeals: Int
    public var openAmount: CurrencyTotals
    /// Open deals that trip at least one rule.
    public var flaggedDeals: Int
    public var flaggedAmount: CurrencyTotals
    /// Every rule the team has on, in the source's order, empty ones included.
    public var rules: [HealthRuleList]
    public var reps: [HealthRepFigures]

    public init(today: Day, rep: String? = nil, processKey: String? = nil, openDeals: Int = 0, openAmount: CurrencyTotals = [:],
                flaggedDeals: Int = 0, flaggedAmount: CurrencyTotals = [:], rules: [HealthRuleList] = [], reps: [HealthRepFigures] = []) {
        self.today = today
        self.rep = rep
        self.processKey = processKey
        self.openDeals = openDeals
        self.openAmount = openAmount
        self.flaggedDeals = flaggedDeals
        self.flaggedAmount = flaggedAmount
        self.rules = rules
        self.reps = reps
    }

    public func list(_ rule: HealthRule) -> HealthRuleList? { rules.first { $0.rule == rule } }
}

public struct HealthRuleList: Sendable, Hashable, Codable {
    public var rule: HealthRule
    public var count: Int
    public var amount: CurrencyTotals
    /// The largest deals first.
    public var items: [HealthItem]

    public init(rule: HealthRule, count: Int = 0, amount: CurrencyTotals = [:], items: [HealthItem] = []) {
        self.rule = rule
        self.count = count
        self.amount = amount
        self.items = items
    }
}

/// A deal on a rule's list, with what the data shows for it.
public struct HealthItem: Sendable, Hashable, Codable {
    public var dealID: Int64
    public var title: String
    public var accountID: Int64
    public var accountName: String
    public var owner: String
    public var amount: Money
    public var stage: String
    public var detail: LocalizedText

    public init(dealID: Int64, title: String, accountID: Int64, accountName: String, owner: String, amount: Money, stage: String,
                detail: LocalizedText) {
        self.dealID = dealID
        self.title = title
        self.accountID = accountID
        self.accountName = accountName
        self.owner = owner
        self.amount = amount
        self.stage = stage
        self.detail = detail
    }
}

/// One rep's open deals and how many trip each rule (keyed by the rule's key).
public struct HealthRepFigures: Sendable, Hashable, Codable {
    public var rep: String
    public var openDeals: Int
    public var flaggedDeals: Int
    public var flaggedAmount: CurrencyTotals
    public var counts: [String: Int]

    public init(rep: String, openDeals: Int = 0, flaggedDeals: Int = 0, flaggedAmount: CurrencyTotals = [:], counts: [String: Int] = [:]) {
        self.rep = rep
        self.openDeals = openDeals
        self.flaggedDeals = flaggedDeals
        self.flaggedAmount = flaggedAmount
        self.counts = counts
    }

    public func count(_ rule: HealthRule) -> Int { counts[rule.rawValue] ?? 0 }
}
