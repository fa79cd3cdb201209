/// One row of the analysis.
public struct WinLossRow: Sendable, Hashable, Codable {
    public var key: String
    public var won: Int
    public var lost: Int
    public var withdrawn: Int
    public var wonAmount: BaseTotal
    public var lostAmount: BaseTotal
    /// Days from creation to close, summed over the won and lost deals.
    public var cycleDays: Int
    /// For a competitor: the deals they won from us.
    public var lostTo: Int

    public init(key: String, base: String) {
        self.key = key
        won = 0
        lost = 0
        withdrawn = 0
        wonAmount = BaseTotal(currency: base)
        lostAmount = BaseTotal(currency: base)
        cycleDays = 0
        lostTo = 0
    }

    /// Won ÷ (won + lost): a withdrawal is our own decision, not a loss. nil when neither.
    public var winRate: Double? { won + lost == 0 ? nil : Double(won) / Double(won + lost) }

    /// Average days from creation to close of the won and lost deals.
    public var averageCycleDays: Double? { won + lost == 0 ? nil : Double(cycleDays) / Double(won + lost) }

    /// The average won deal in the base currency, over the deals that could be converted.
    public var averageWonSize: Int64? {
        let converted = won - wonAmount.unconvertedDeals
        return converted <= 0 ? nil : wonAmount.minorUnits / Int64(converted)
    }

    public var closed: Int { won + lost + withdrawn }
}

/// The analysis of the deals closed in a range of days, in the base currency.
public struct WinLossReport: Sendable, Hashable, Codable {
    public var since: Day
    /// The first day after the range.
    public var until: Day
    public var rep: String?
    public var baseCurrency: String
    public var total: WinLossRow
    public var byReason: [WinLossRow]
    public var byCompetitor: [WinLossRow]
    public var byStage: [WinLossRow]
    public var byRep: [WinLossRow]
    public var byMonth: [WinLossRow]
    public var byQuarter: [WinLossRow]

    public init(since: Day, until: Day, rep: String?, baseCurrency: String) {
        self.since = since
        self.until = until
        self.rep = rep
        self.baseCurrency = baseCurrency
        total = WinLossRow(key: "", base: baseCurrency)
        byReason = []
        byCompetitor = []
        byStage = []
        byRep = []
        byMonth = []
        byQuarter = []
    }

    public func rows(_ dimension: WinLossDimension) -> [WinLossRow] {
        switch dimension {
        case .reason: byReason
        case .competitor: byCompetitor
        case .stage: byStage
        case .rep: byRep
        case .month: byMonth
        case .quarter: byQuarter
        }
    }

    public mutating func set(_ dimension: WinLossDimension, _ rows: [WinLossRow]) {
        switch dimension {
        case .reason: byReason = rows
        case .competitor: byCompetitor = rows
        case .stage: byStage = rows
        case .rep: byRep = rows
        case .month: byMonth = rows
        case .quarter: byQuarter = rows
        }
    }
}
