@testable import CloserPostgres
import CloserCore
import Foundation
import StoreTestSupport
import Testing

/// The one visibility rule, held by the server: each role's own raw SQL session reads exactly
/// what the program shows that role, and no more.
@Suite("Row-level security: raw SQL as each role sees what the dashboard shows them")
struct RowSecurityTests {
    /// What a session reads of every table that hangs from an account.
    private func picture(_ connection: Connection) throws -> [String: [Int64]] {
        [
            "account": try connection.ids("account"),
            "deal": try connection.ids("deal"),
            "person": try connection.ids("person"),
            "activity": try connection.ids("activity"),
            "event": try connection.ids("event"),
            "stage_event": try connection.ids("stage_event", column: "deal_id"),
            "account_health": try connection.ids("account_health", column: "account_id"),
        ]
    }

    /// What the program's export shows the user (the rule applied by the program itself).
    private func picture(_ snapshot: Snapshot) -> [String: [Int64]] {
        [
            "account": snapshot.accounts.map(\.id).sorted(),
            "deal": snapshot.deals.map(\.id).sorted(),
            "person": snapshot.persons.map(\.id).sorted(),
            "activity": snapshot.activities.map(\.id).sorted(),
            "event": snapshot.events.map(\.id).sorted(),
        ]
    }

    @Test func eachRoleReadsByRawSQLExactlyWhatTheProgramShowsThem() throws {
        let team = try SecurityTeam()
        defer { team.close() }
        for role in [team.owner, team.other, team.manager] {
            let session = try team.connect(as: role)
            defer { session.close() }
            var raw = try picture(session)
            // The program's own rule, on the administrator's connection that no policy holds.
            let shown = picture(try team.admin.acting(as: role).exportSnapshot())
            #expect(raw.filter { shown.keys.contains($0.key) } == shown, "\(role)")
            // And the program connected as the role itself (its statements under the policies).
            let app = try team.app(as: role)
            defer { app.close() }
            #expect(picture(try app.exportSnapshot()) == shown, "\(role) through its own login")
            // The stage history follows the deals; health facts follow the accounts.
            #expect(raw.removeValue(forKey: "stage_event") == raw["deal"], "\(role)")
            #expect(Set(raw["account_health"] ?? []).isSubset(of: Set(raw["account"] ?? [])), "\(role)")
        }
    }

    @Test func theRuleCaseByCase() throws {
        let team = try SecurityTeam()
        defer { team.close() }
        let all = team.accounts.map(\.id).sorted()
        let expected: [(String, [Account])] = [
            (team.owner, [team.owned, team.shared, team.protectedShared, team.exclusive, team.pool]),
            (team.other, [team.shared, team.protectedShared, team.pool, team.othersOwn]),
            (team.manager, team.accounts),
            (team.stranger, []),
        ]
        for (role, accounts) in expected {
            let session = try team.connect(as: role)
            defer { session.close() }
            let ids = accounts.map(\.id).sorted()
            #expect(try session.ids("account") == ids, "\(role) accounts")
            #expect(try session.ids("deal", column: "account_id") == ids, "\(role) deals")
            #expect(try session.ids("person", column: "account_id") == ids, "\(role) persons")
            #expect(try session.ids("activity", column: "account_id") == ids, "\(role) activities")
            #expect(try session.ids("planned_activity", column: "account_id") == ids, "\(role) planned activities")
            #expect(try session.ids("event", column: "account_id") == ids, "\(role) events")
            let hiddenDeals = all.filter { !ids.contains($0) }.compactMap { team.dealOf[$0]?.id }
            for deal in hiddenDeals {
                #expect(try session.queryOne("SELECT 1 AS x FROM stage_event WHERE deal_id = $1", [.int(deal)]) == nil, "\(role) history of deal \(deal)")
            }
        }
        // The review's daily sums: a rep reads their own, a manager everybody's, a stranger nothing.
        let rep = try team.connect(as: team.other)
        defer { rep.close() }
        #expect(try rep.query("SELECT DISTINCT owner FROM stage_day").map { try $0.string("owner") } == [team.other])
        let manager = try team.connect(as: team.manager)
        defer { manager.close() }
        #expect(Set(try manager.query("SELECT DISTINCT owner FROM stage_day").map { try $0.string("owner") }) == [team.owner, team.other, team.manager])
        let stranger = try team.connect(as: team.stranger)
        defer { stranger.close() }
        #expect(try stranger.query("SELECT 1 AS x FROM stage_day UNION ALL SELECT 1 FROM stage_list_day").isEmpty)
    }

    @Test func anotherRepCannotChangeAProtectedAccountOrWhatHangsFromIt() throws {
        let team = try SecurityTeam()
        defer { team.close() }
        let rep = try team.connect(as: team.other)
        defer { rep.close() }
        let id = team.protectedShared.id
        let deal = try #require(team.dealOf[id])
        // Seen, but a change is refused saying why, nothing is deleted, and nothing can be added under it.
        #expect(refusal { try rep.execute("UPDATE account SET notes = 'mine now' WHERE id = $1", [.int(id)]) }?
            .contains("account \(id) is protected: only \(team.owner) (its owner) or a manager can change it") == true)
        #expect(refusal { try rep.execute("UPDATE deal SET amount = 1 WHERE id = $1", [.int(deal.id)]) }?.contains("row-level security") == true)
        #expect(try rep.execute("DELETE FROM person WHERE account_id = $1", [.int(id)]) == 0)
        #expect(try rep.execute("DELETE FROM deal WHERE id = $1", [.int(deal.id)]) == 0)
        #expect(refusal { try rep.execute("INSERT INTO activity (account_id, kind, day, created_at) VALUES ($1, 'visit', '2026-12-01', 0)", [.int(id)]) }?
            .contains("row-level security") == true)
        #expect(try team.admin.account(id).notes.isEmpty)
        #expect(try team.admin.deal(deal.id).amount.minorUnits == 100_000)
        // The shared account that is not protected is theirs to work…
        #expect(try rep.execute("UPDATE account SET notes = 'called' WHERE id = $1", [.int(team.shared.id)]) == 1)
        // …but not to take or to reshare: who holds it is its owner's or a manager's call.
        let taking = refusal { try rep.execute("UPDATE account SET owner = current_user WHERE id = $1", [.int(team.shared.id)]) }
        #expect(taking?.contains("only \(team.owner) (its owner) or a manager can change who holds account \(team.shared.id)") == true)
        #expect(refusal { try rep.execute(#"UPDATE account SET shared_with = '[]' WHERE id = $1"#, [.int(team.shared.id)]) } != nil)
        // The exclusive account does not exist for them.
        #expect(try rep.execute("UPDATE account SET notes = 'x' WHERE id = $1", [.int(team.exclusive.id)]) == 0)
        #expect(try rep.execute("DELETE FROM deal WHERE account_id = $1", [.int(team.exclusive.id)]) == 0)
        // A manager changes the protected account.
        let manager = try team.connect(as: team.manager)
        defer { manager.close() }
        #expect(try manager.execute("UPDATE account SET notes = 'reviewed' WHERE id = $1", [.int(id)]) == 1)
        // So does its owner.
        let owner = try team.connect(as: team.owner)
        defer { owner.close() }
        #expect(try owner.execute("UPDATE deal SET next_step = 'send quote' WHERE id = $1", [.int(deal.id)]) == 1)
    }

    /// The duplicate check (查重) as a rep's own login: the exclusive account they cannot read is
    /// still found by name, saying only who holds it; a name they can read is not "hidden"; and by
    /// raw SQL the function answers for the connected rep, whomever the caller names.
    @Test func theDuplicateCheckSeesPastRowSecurityAndSaysOnlyWhoHolds() throws {
        let team = try SecurityTeam()
        defer { team.close() }
        let app = try team.app(as: team.other)
        defer { app.close() }
        let hidden = try app.hiddenAccounts(.name(team.exclusive.name))
        #expect(hidden.holders == [team.owner], "\(hidden)")
        #expect(try app.hiddenAccounts(.name(team.shared.name)).holders.isEmpty)
        #expect(throws: StoreError.self) { try app.addAccount(Account(name: team.exclusive.name, owner: team.other)) }
        let rep = try team.connect(as: team.other)
        defer { rep.close() }
        let asOwner = try rep.query("SELECT owner FROM closer_hidden_holders($1, $2, NULL)", [.text(team.owner), .text(team.exclusive.name)])
        #expect(try asOwner.map { try $0.string("owner") } == [team.owner], "asking as the owner still answers for the connected rep")
        #expect(try rep.ids("account").contains(team.exclusive.id) == false)
    }

    @Test func aPoolAccountIsReadUntilClaimedAndClaimsKeepTheLimit() throws {
        let team = try SecurityTeam()
        defer { team.close() }
        let rep = try team.connect(as: team.other)
        defer { rep.close() }
        let pool = team.pool.id
        #expect(refusal { try rep.execute("UPDATE account SET notes = 'mine' WHERE id = $1", [.int(pool)]) }?
            .contains("account \(pool) is in the pool: claim it first") == true)
        #expect(refusal { try rep.execute("UPDATE account SET owner = $2, visibility = 'owned' WHERE id = $1", [.int(pool), .text(team.owner)]) }?
            .contains("in the pool") == true)
        #expect(refusal { try rep.execute("INSERT INTO deal (account_id, title, process_key, stage_key, amount, currency, owner, outcome, forecast_category, stage_entered_at, probability, weighted, at_risk, milestones_met, milestones_total, search_key, version, created_at, updated_at) SELECT account_id, 'x', process_key, stage_key, 1, currency, current_user, outcome, forecast_category, 0, 0, 0, false, 0, 0, '', 1, 0, 0 FROM deal WHERE account_id = $1", [.int(pool)]) } != nil)
        // At the limit, a claim is refused by the server…
        let held = try #require(try rep.queryOne("SELECT count(*) AS n FROM account WHERE owner = current_user AND visibility <> 'pool'")?.int("n"))
        let manager = try team.connect(as: team.manager)
        defer { manager.close() }
        try manager.execute("INSERT INTO pool_rule (key, value) VALUES ('max_accounts_per_rep', $1) ON CONFLICT (key) DO UPDATE SET value = excluded.value", [.int(held)])
        let refused = refusal { try rep.execute("UPDATE account SET owner = current_user, visibility = 'owned' WHERE id = $1", [.int(pool)]) }
        #expect(refused?.contains("\(team.other) already holds \(held) accounts, the limit per rep (\(held))") == true)
        // …and within it, the claim is the rep's.
        try manager.execute("UPDATE pool_rule SET value = $1 WHERE key = 'max_accounts_per_rep'", [.int(held + 1)])
        #expect(try rep.execute("UPDATE account SET owner = current_user, visibility = 'owned' WHERE id = $1", [.int(pool)]) == 1)
        #expect(try team.admin.account(pool).owner == team.other)
        // Now it is theirs: the first rep no longer sees it.
        let first = try team.connect(as: team.owner)
        defer { first.close() }
        #expect(try first.ids("account").contains(pool) == false)
    }

    @Test func twoClaimsAtOnceByOneRepKeepTheLimit() throws {
        let team = try SecurityTeam()
        defer { team.close() }
        let manager = try team.connect(as: team.manager)
        defer { manager.close() }
        let second = try manager.queryOne("""
            INSERT INTO account (name, grade, assistance, loyalty, quadrant, visibility, search_key, version, created_at, updated_at)
            VALUES ('Second pool', 'C', 3, 3, 'market', 'pool', '', 1, 0, 0) RETURNING id
            """)?.int64("id")
        let secondPool = try #require(second)
        let held = try #require(try manager.queryOne("SELECT count(*) AS n FROM account WHERE owner = $1 AND visibility <> 'pool'", [.text(team.other)])?.int("n"))
        try manager.execute("INSERT INTO pool_rule (key, value) VALUES ('max_accounts_per_rep', $1) ON CONFLICT (key) DO UPDATE SET value = excluded.value", [.int(held + 1)])
        let one = try team.connect(as: team.other)
        let two = try team.connect(as: team.other)
        defer { one.close(); two.close() }
        try one.execute("BEGIN")
        #expect(try one.execute("UPDATE account SET owner = current_user, visibility = 'owned' WHERE id = $1", [.int(team.pool.id)]) == 1)
        // The second claim waits for the first transaction, then counts its claim.
        let outcome = ClaimOutcome()
        let waiting = Thread {
            outcome.set(refusal { try two.execute("UPDATE account SET owner = current_user, visibility = 'owned' WHERE id = $1", [.int(secondPool)]) })
        }
        waiting.start()
        Thread.sleep(forTimeInterval: 0.5)
        #expect(outcome.isDone == false)
        try one.execute("COMMIT")
        let message = outcome.wait()
        #expect(message?.contains("the limit per rep (\(held + 1))") == true)
        #expect(try manager.queryOne("SELECT count(*) AS n FROM account WHERE owner = $1 AND visibility <> 'pool'", [.text(team.other)])?.int("n") == held + 1)
    }

    @Test func theLogIsAppendedToNeverChangedAndTheSumsAreTheServers() throws {
        let team = try SecurityTeam()
        defer { team.close() }
        let rep = try team.connect(as: team.owner)
        defer { rep.close() }
        #expect(refusal { try rep.execute("UPDATE event SET note = 'rewritten'") }?.contains("permission denied") == true)
        #expect(refusal { try rep.execute("DELETE FROM event") }?.contains("permission denied") == true)
        #expect(refusal { try rep.execute("INSERT INTO stage_day (process_key, day, owner, position, advanced, left_stage, entries, exits, seconds) VALUES ('project', 1, current_user, 0, false, '', 100, 0, 0)") }?
            .contains("permission denied") == true)
        #expect(refusal { try rep.execute(#"UPDATE "user" SET role = 'manager' WHERE name = current_user"#) }?.contains("permission denied") == true)
        #expect(refusal { try rep.execute("UPDATE pool_rule SET value = 1000") }?.contains("permission denied") == true)
        // A line about another rep's account that the writer may not change is refused.
        #expect(refusal { try rep.execute("INSERT INTO event (at, \"user\", entity, entity_id, action, account_id) VALUES (0, current_user, 'account', $1, 'edited', $1)", [.int(team.othersOwn.id)]) } != nil)
        // A line of their own is theirs, whoever it claims, and of the server's clock.
        try rep.execute("INSERT INTO event (at, \"user\", entity, entity_id, action, account_id) VALUES (0, $1, 'account', $2, 'edited', $2)",
                        [.text(team.manager), .int(team.owned.id)])
        let line = try #require(try rep.queryOne("SELECT \"user\", at FROM event ORDER BY id DESC LIMIT 1"))
        #expect(try line.string("user") == team.owner)
        #expect(try line.double("at") > Date().timeIntervalSince1970 - 600)
    }

    @Test func aTemporaryUserTableOrSearchPathDoesNotMakeARepAManager() throws {
        let team = try SecurityTeam()
        defer { team.close() }
        let rep = try team.connect(as: team.other)
        defer { rep.close() }
        let before = try rep.ids("account")
        try rep.execute(#"CREATE TEMP TABLE "user" (name text, role text, display_name text)"#)
        try rep.execute(#"INSERT INTO pg_temp."user" VALUES (current_user, 'manager', '')"#)
        try rep.execute("SET search_path = pg_temp, public")
        #expect(try rep.ids("account") == before)
        #expect(before.contains(team.exclusive.id) == false)
    }
}

/// What a claim on another thread came to.
private final class ClaimOutcome: @unchecked Sendable {
    private let condition = NSCondition()
    private var message: String??

    func set(_ value: String?) {
        condition.lock()
        message = .some(value)
        condition.broadcast()
        condition.unlock()
    }

    var isDone: Bool {
        condition.lock()
        defer { condition.unlock() }
        return message != nil
    }

    func wait() -> String? {
        condition.lock()
        defer { condition.unlock() }
        while message == nil { condition.wait() }
        return message ?? nil
    }
}
