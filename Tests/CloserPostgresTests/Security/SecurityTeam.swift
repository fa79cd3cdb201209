@testable import CloserPostgres
import CloserCore
import Foundation
import StoreTestSupport

/// A team on a database of its own, for proving the server's rules with each role's own login:
/// an owner rep, another rep, a manager, and a login role in the reps' group that is not a user.
/// Login roles belong to the whole test cluster, so their names carry this team's tag.
///
/// The accounts, all but the last held by the owner:
///   owned · shared with the other rep · protected and shared with the other rep · exclusive ·
///   in the pool · the other rep's own.
/// Each has a deal, a key person, an activity and a planned one; the deals have been moved a stage.
final class SecurityTeam {
    let settings: PostgresSettings
    /// The administrator (the cluster's superuser), acting as itself: the team's manager.
    let admin: PostgresStore
    let owner: String
    let other: String
    let manager: String
    let stranger: String
    private(set) var owned = Account(name: "")
    private(set) var shared = Account(name: "")
    private(set) var protectedShared = Account(name: "")
    private(set) var exclusive = Account(name: "")
    private(set) var pool = Account(name: "")
    private(set) var othersOwn = Account(name: "")
    private(set) var dealOf: [Int64: Deal] = [:]

    var accounts: [Account] { [owned, shared, protectedShared, exclusive, pool, othersOwn] }

    init() throws {
        settings = try TestServer.initializedDatabase()
        admin = try TestServer.store(on: settings, actor: settings.user)
        let tag = UUID().uuidString.prefix(8).lowercased()
        owner = "wang.lei_\(tag)"
        other = "li.na_\(tag)"
        manager = "zhao.min_\(tag)"
        stranger = "visitor_\(tag)"
        try admin.saveTeamMember(User(name: manager, role: .manager), password: .unchanged)
        try admin.saveTeamMember(User(name: owner, role: .rep), password: .unchanged)
        try admin.saveTeamMember(User(name: other, role: .rep), password: .unchanged)
        // The hardest stranger: in the reps' group (so every table is open to it) but no user of the store.
        let raw = try Connection.open(settings)
        defer { raw.close() }
        try raw.execute("CREATE ROLE \(CopyText.quoted(stranger)) LOGIN IN ROLE closer_rep")

        owned = try add(Account(name: "Owned 自有", owner: owner))
        shared = try add(Account(name: "Shared 共享", owner: owner, visibility: .shared, sharedWith: [other]))
        protectedShared = try add(Account(name: "Protected 保护", owner: owner, visibility: .shared, sharedWith: [other]))
        protectedShared = try admin.protect(protectedShared.id)
        exclusive = try add(Account(name: "Exclusive 独占", owner: owner, visibility: .exclusive))
        pool = try add(Account(name: "Pool 公海", owner: nil, visibility: .pool))
        othersOwn = try add(Account(name: "Other's 他人", owner: other))
        for account in accounts {
            let dealOwner = account.owner ?? manager
            var deal = try admin.addDeal(Deal(accountID: account.id, title: "Deal of \(account.name)", processKey: "project",
                                              stageKey: "develop", amount: Money(minorUnits: 100_000, currency: "CNY"), owner: dealOwner))
            deal = try admin.moveDeal(deal.id, to: "entry", forceReason: "test", expectedVersion: deal.version)
            dealOf[account.id] = deal
            let person = try admin.addPerson(Person(accountID: account.id, name: "Person of \(account.name)"))
            _ = try admin.addActivity(Activity(accountID: account.id, dealID: deal.id, kind: .visit, day: Day(year: 2026, month: 11, day: 20)!,
                                               personIDs: [person.id], notes: "visited"))
            _ = try admin.planActivity(PlannedActivity(dealID: deal.id, kind: .visit, text: "follow up", due: Day(year: 2026, month: 12, day: 1)))
        }
    }

    private func add(_ account: Account) throws -> Account { try admin.addAccount(account) }

    /// The settings of `role`'s own login, over the test server's unix socket (trusted there).
    func login(_ role: String) -> PostgresSettings {
        var login = settings
        login.user = role
        return login
    }

    /// A raw SQL session as `role`, as psql would have it.
    func connect(as role: String) throws -> Connection { try Connection.open(login(role)) }

    /// The program itself, connected as `role`.
    func app(as role: String) throws -> PostgresStore { try PostgresStore(settings: login(role), actor: role) }

    func close() { admin.close() }
}

extension Connection {
    /// The ids of a table (or another column) this session can read, in order.
    func ids(_ table: String, column: String = "id") throws -> [Int64] {
        try query("SELECT DISTINCT \(column) AS id FROM \(table) WHERE \(column) IS NOT NULL ORDER BY 1").map { try $0.int64("id") }
    }
}
