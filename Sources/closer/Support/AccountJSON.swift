import CloserCore

/// An account as `account show/list --json` print it: every stored field, plus the quadrant its
/// scores place it in. The quadrant is derived (not a field of `Account`, so not part of the
/// export format), yet a script filtering on it should not have to redo the rule.
/// A list row adds the rollups the table shows, in minor units of the default currency.
struct AccountJSON: Encodable {
    let account: Account
    let rollups: AccountSummary?

    init(_ account: Account) {
        self.account = account
        rollups = nil
    }

    init(_ row: AccountSummary) {
        account = row.account
        rollups = row
    }

    private enum Key: String, CodingKey { case quadrant, openDeals, pipeline, weighted, won }

    func encode(to encoder: any Encoder) throws {
        try account.encode(to: encoder)
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(account.quadrant, forKey: .quadrant)
        guard let rollups else { return }
        try container.encode(rollups.openDeals, forKey: .openDeals)
        try container.encode(rollups.pipeline, forKey: .pipeline)
        try container.encode(rollups.weighted, forKey: .weighted)
        try container.encode(rollups.won, forKey: .won)
    }
}
