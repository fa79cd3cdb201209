/// What a table's footer says of every row its filter selects, added up by the store (never by
/// loading the rows): how many there are, and their amounts per currency, which the reader
/// converts to the base currency (saying what has no rate).
public struct TableTotals: Sendable, Hashable {
    public var count: Int
    /// Deals: the rows' own amounts; accounts: their open deals' amounts. Largest first.
    public var amounts: [CurrencyTotal]

    public init(count: Int, amounts: [CurrencyTotal]) {
        self.count = count
        self.amounts = amounts.sorted { ($1.amount, $0.currency) < ($0.amount, $1.currency) }
    }
}
