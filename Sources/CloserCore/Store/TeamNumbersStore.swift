import Foundation

/// The team's numbers beside the deals: the base currency every total is in and the dated rates
/// that convert to it, sales targets per rep and for the team, the list of reasons deals are lost
/// for, and the win/loss analysis of closed deals.
///
/// The handle acts as one user (`Store.actor`): settings (base currency, rates, targets, the
/// reason list) are changed by managers once the store has users (a store without users restricts
/// nobody) and read by every user; a loss is recorded by whoever may change the deal; the
/// win/loss analysis and the currencies in use follow the accounts the user may see. A name the
/// store does not know is refused. Every change is logged under the user's name.
public protocol TeamNumbersStore: Sendable {
    /// The base currency (CNY until one is set).
    func baseCurrency() throws -> String
    /// Sets the base currency. Rates quoted against the old base stop applying: they are kept, but
    /// the totals say which currencies have no rate against the new base until one is given.
    func setBaseCurrency(_ code: String) throws
    /// The base currency with every rate quoted against it.
    func rateTable() throws -> RateTable
    /// The currencies the deals are in, in code order (what a rate may be missing for).
    func dealCurrencies() throws -> [String]
    /// Records that one unit of `currency` is worth `micros` millionths of the base currency from
    /// `from` on (replacing a rate given for that same day).
    func setExchangeRate(currency: String, micros: Int64, from: Day) throws -> ExchangeRate
    func deleteExchangeRate(currency: String, from: Day) throws

    /// The targets set, for one period or all, by period then rep.
    func targets(period: Period?) throws -> [SalesTarget]
    /// Sets (or replaces) the target of a rep ("" for the team) for a period; the rep must be on the team.
    func setTarget(_ target: SalesTarget) throws
    func deleteTarget(period: Period, rep: String) throws

    /// The team's list of lost reasons, in the order they were added ("other" is implied).
    func lostReasons() throws -> [LostReason]
    func addLostReason(_ name: String) throws -> LostReason
    /// Takes a reason off the list; deals lost for it keep it.
    func deleteLostReason(_ name: String) throws
    /// Closes a deal as lost for a reason of the list (or other with its text), naming the competitor who won.
    func loseDeal(_ id: Int64, _ loss: DealLoss, expectedVersion: Int?) throws -> Deal

    /// Win rate, cycle length and won size of the deals closed in a range, by reason, competitor,
    /// stage, rep and period, in the base currency.
    func winLoss(_ query: WinLossQuery) throws -> WinLossReport
}

/// Which closed deals a win/loss analysis reads: closed in [since, until), one rep's or all.
public struct WinLossQuery: Sendable, Hashable {
    public var since: Day
    public var until: Day
    public var rep: String?
    public var processKey: String?
    /// Where a deal's creation day is counted (its cycle runs from that day to its close day).
    public var timeZone: TimeZone

    public init(since: Day, until: Day, rep: String? = nil, processKey: String? = nil, timeZone: TimeZone = .current) {
        self.since = since
        self.until = until
        self.rep = rep
        self.processKey = processKey
        self.timeZone = timeZone
    }
}
