@testable import CloserPostgres
import CloserCore
import Foundation
import StoreTestSupport
import Testing

/// `closer user add|remove` on a server: login roles in the groups, passwords, and demotions and
/// removals that bind on the user's next statement.
@Suite("Login roles: users are the server's roles; demotion and removal bind at once")
struct LoginRoleTests {
    private func groups(of role: String, _ team: SecurityTeam) throws -> [String] {
        let raw = try Connection.open(team.settings)
        defer { raw.close() }
        return try raw.query("""
            SELECT g.rolname AS name FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid JOIN pg_roles r ON r.oid = m.member
            WHERE r.rolname = $1 ORDER BY 1
            """, [.text(role)]).map { try $0.string("name") }
    }

    @Test func addingAUserMakesALoginRoleInTheGroupOfTheirRole() throws {
        let team = try SecurityTeam()
        defer { team.close() }
        #expect(try groups(of: team.owner, team) == ["closer_rep"])
        #expect(try groups(of: team.manager, team) == ["closer_manager"])
        let raw = try Connection.open(team.settings)
        defer { raw.close() }
        let row = try #require(try raw.queryOne("SELECT rolcanlogin, rolpassword IS NULL AS no_password FROM pg_authid WHERE rolname = $1", [.text(team.owner)]))
        #expect(try row.bool("rolcanlogin"))
        // No password given: the site's own authentication lets them in (here the socket's trust).
        #expect(try row.bool("no_password"))
        #expect(try team.admin.users().map(\.name).contains(team.owner))
    }

    @Test func aPasswordIsTheLoginsAndOnlyItOpensTheDoor() throws {
        let team = try SecurityTeam()
        defer { team.close() }
        let name = "sun.li_\(UUID().uuidString.prefix(8).lowercased())"
        try team.admin.saveTeamMember(User(name: name, role: .rep), password: .set("s3cret 密码"))
        var tcp = try TestServer.tcpSettings(password: "s3cret 密码")
        tcp.user = name
        tcp.database = team.settings.database
        let store = try PostgresStore(settings: tcp, actor: name)
        defer { store.close() }
        #expect(try store.whoIsActing() == .member(Viewer(name: name, role: .rep)))
        tcp.password = "wrong"
        #expect(refusal { try PostgresStore(settings: tcp, actor: name) }?.contains("refused the password of user \(name)") == true)
    }

    @Test func demotingAManagerBindsOnTheirNextStatement() throws {
        let team = try SecurityTeam()
        defer { team.close() }
        let session = try team.connect(as: team.manager)
        defer { session.close() }
        #expect(try session.ids("account").contains(team.exclusive.id))
        try team.admin.saveTeamMember(User(name: team.manager, role: .rep), password: .unchanged)
        // The same session, no reconnect: the exclusive account of another rep is gone.
        #expect(try session.ids("account").contains(team.exclusive.id) == false)
        #expect(refusal { try session.execute("UPDATE pool_rule SET value = 1") }?.contains("permission denied") == true)
        #expect(try groups(of: team.manager, team) == ["closer_rep"])
    }

    @Test func removingAUserBindsOnTheirNextStatementAndLocksTheLogin() throws {
        let team = try SecurityTeam()
        defer { team.close() }
        let session = try team.connect(as: team.owner)
        defer { session.close() }
        #expect(try session.ids("account").isEmpty == false)
        #expect(try team.admin.removeTeamMember(team.owner))
        #expect(refusal { try session.ids("account") }?.contains("permission denied") == true)
        #expect(try groups(of: team.owner, team).isEmpty)
        #expect(refusal { try team.connect(as: team.owner) }?.contains("not permitted to log in") == true)
        #expect(try team.admin.removeTeamMember(team.owner) == false)
        #expect(try team.admin.users().map(\.name).contains(team.owner) == false)
    }

    /// The dashboard of a user a manager removed: its next read and its next write say they are
    /// no longer a user of the store, as on a file store — not the server's "permission denied";
    /// a refusal the server gives a member (a rep adding users) keeps its own words.
    @Test func aRemovedUsersOpenStoreSaysTheyAreNoLongerAUser() throws {
        let team = try SecurityTeam()
        defer { team.close() }
        let rep = try team.app(as: team.owner)
        defer { rep.close() }
        #expect(try rep.accounts(AccountQuery(limit: 40)).rows.isEmpty == false)
        // Twice: the deal table's second page read is one statement (no transaction around it).
        #expect(try rep.deals(DealQuery(limit: 40)).rows.isEmpty == false)
        #expect(try rep.deals(DealQuery(limit: 40)).rows.isEmpty == false)
        #expect(refusal { try rep.saveTeamMember(User(name: team.owner, role: .manager), password: .unchanged) }?.contains("only a manager") == true)
        #expect(try team.admin.removeTeamMember(team.owner))
        let read = refusal { try rep.accounts(AccountQuery(limit: 40)) }
        #expect(read?.contains("\(team.owner) is not a user of this store") == true, "\(read ?? "")")
        let page = refusal { try rep.deals(DealQuery(limit: 40)) }
        #expect(page?.contains("\(team.owner) is not a user of this store") == true, "\(page ?? "")")
        let write = refusal { try rep.addAccount(Account(name: "新客户", owner: team.owner)) }
        #expect(write?.contains("\(team.owner) is not a user of this store") == true, "\(write ?? "")")
    }

    @Test func aManagerAddsUsersThroughTheirOwnLoginAndARepCannot() throws {
        let team = try SecurityTeam()
        defer { team.close() }
        let newcomer = "zhou.qi_\(UUID().uuidString.prefix(8).lowercased())"
        let manager = try team.app(as: team.manager)
        defer { manager.close() }
        try manager.saveUser(User(name: newcomer, role: .rep))
        #expect(try groups(of: newcomer, team) == ["closer_rep"])
        let rep = try team.app(as: team.owner)
        defer { rep.close() }
        let refused = refusal { try rep.saveTeamMember(User(name: team.owner, role: .manager), password: .unchanged) }
        #expect(refused?.contains("only a manager can add or change users; you are \(team.owner)") == true)
        let raw = try team.connect(as: team.owner)
        defer { raw.close() }
        #expect(refusal { try raw.execute("SELECT closer_save_user($1, 'manager', '', false, NULL)", [.text(team.owner)]) }?.contains("only a manager") == true)
        #expect(try groups(of: team.owner, team) == ["closer_rep"])
    }

    @Test func aNameTheServerCannotTakeAsARoleIsRefusedInOneLine() throws {
        let team = try SecurityTeam()
        defer { team.close() }
        let long = String(repeating: "x", count: 64)
        #expect(refusal { try team.admin.saveTeamMember(User(name: long, role: .rep), password: .unchanged) }?.contains("at most 63 bytes") == true)
        #expect(refusal { try team.admin.saveTeamMember(User(name: "pg_monitor", role: .rep), password: .unchanged) } != nil)
        #expect(refusal { try team.admin.saveTeamMember(User(name: team.settings.user, role: .rep), password: .unchanged) }?
            .contains("bypasses row security") == true)
    }
}
