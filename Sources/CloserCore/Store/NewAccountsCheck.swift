import Foundation

/// `checkAccountAdd` for many accounts added in one write (an import), in the order given, as if
/// each were added after the ones before it: the per-rep limit counts the accounts this write
/// already gave the owner, so the same account is refused, with the same refusal, as adding
/// them one by one would refuse. The team is asked once per name instead of once per account.
public final class NewAccountsCheck<Team: TeamLookup>: TeamLookup {
    private let team: Team
    private var roles = [String: UserRole?]()
    private var held = [String: Int]()
    private var rules: PoolRules?
    private var teamExists: Bool?

    public init(_ team: Team) {
        self.team = team
    }

    public func check(_ accounts: [Account], by who: Actor) throws {
        for account in accounts {
            try checkAccountAdd(account, by: who)
            if let owner = account.owner, !owner.isEmpty, account.visibility != .pool {
                held[owner] = try heldCount(of: owner) + 1
            }
        }
    }

    public func hasTeam() throws -> Bool {
        if let teamExists { return teamExists }
        let exists = try team.hasTeam()
        teamExists = exists
        return exists
    }

    public func role(of name: String) throws -> UserRole? {
        if let known = roles[name] { return known }
        let role = try team.role(of: name)
        roles[name] = .some(role)
        return role
    }

    public func poolRules() throws -> PoolRules {
        if let rules { return rules }
        let read = try team.poolRules()
        rules = read
        return read
    }

    public func heldCount(of name: String) throws -> Int {
        if let count = held[name] { return count }
        let count = try team.heldCount(of: name)
        held[name] = count
        return count
    }
}
