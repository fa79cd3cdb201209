import CloserCore
import Foundation
import GRDB

/// Who may come to hold an account: the pool rules' per-rep limit and the team's names, for the
/// ownership actions (assign, claim) and for a new account, which is held from its creation.
extension SQLiteStore {
    /// Refuses a name the team does not know (once there is a team), and a rep at the limit.
    /// `what` names the account in the message ("account 12", "new account 'Acme'").
    static func requireCanHold(_ db: Database, _ name: String, what: String) throws {
        let hasTeam = try Bool.fetchOne(db, sql: "SELECT 1 FROM user LIMIT 1") == true
        let role = try String.fetchOne(db, sql: "SELECT role FROM user WHERE name = ?", arguments: [name]).flatMap(UserRole.init(rawValue:))
        if hasTeam, role == nil {
            throw StoreError.refused("\(name) is not a user of this store: add them with `closer user add \(name) --role rep`")
        }
        guard role != .manager else { return }
        let rules = try Self.poolRules(db)
        let held = try Self.heldCount(db, name)
        guard rules.mayTakeAnother(held: held) else {
            throw StoreError.refused("\(name) already holds \(held) accounts, the limit per rep (\(rules.maxAccountsPerRep)): "
                + "\(what) was not given to them — return one to the pool first")
        }
    }

    /// The checks of `addAccount` once the store has users (a store without users restricts
    /// nobody, as everywhere else): a new account that someone holds is a taking like a claim
    /// or an assignment, so the same rules apply — a rep adds accounts for themselves or the
    /// pool only, the owner must be on the team and within the per-rep limit, and the share
    /// list names team members.
    func checkAccountAdd(_ db: Database, _ account: Account) throws {
        let who = try knownActor(db)
        guard case .member(let viewer) = who else { return }
        let what = "new account '\(account.name)'"
        guard let owner = account.owner, !owner.isEmpty, account.visibility != .pool else { return }
        if viewer.role == .rep, owner != viewer.name {
            throw StoreError.refused("only a manager adds an account for someone else: \(what) would belong to \(owner), "
                + "and you are \(who.described); add it for yourself or the pool (nothing was added)")
        }
        try Self.requireCanHold(db, owner, what: what)
        for name in account.sharedWith where name != owner {
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM user WHERE name = ?", arguments: [name]) != true {
                throw StoreError.refused("\(name) is not a user of this store: add them with `closer user add \(name) --role rep`")
            }
        }
    }
}
