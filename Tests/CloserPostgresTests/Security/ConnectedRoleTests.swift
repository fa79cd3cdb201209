@testable import CloserPostgres
import CloserCore
import Foundation
import StoreTestSupport
import Testing

/// On a server the user the log records is the role that connected (`current_user`), never a
/// name the client claims.
@Suite("The connected role is the user: claims of another name are refused")
struct ConnectedRoleTests {
    @Test func aMemberCannotOpenTheStoreAsSomeoneElse() throws {
        let team = try SecurityTeam()
        defer { team.close() }
        let refused = refusal { try PostgresStore(settings: team.login(team.owner), actor: team.manager) }
        #expect(refused == "\(SessionIdentity.claimRefusal(claimed: team.manager, role: team.owner, location: team.login(team.owner).location))")
        let store = try team.app(as: team.owner)
        defer { store.close() }
        #expect(store.sessionIdentity == SessionIdentity(role: team.owner, administers: false))
        // A handle made to act for another name is refused on its first call.
        #expect(refusal { try store.acting(as: team.manager).users() }?.contains("you act as the role you connect as (\(team.owner))") == true)
    }

    @Test func theLogRecordsTheConnectedRole() throws {
        let team = try SecurityTeam()
        defer { team.close() }
        let store = try team.app(as: team.owner)
        defer { store.close() }
        let deal = try #require(team.dealOf[team.owned.id])
        _ = try store.setNextStep(dealID: deal.id, text: "send the quote", due: nil, expectedVersion: nil)
        let last = try #require(try team.admin.events(EventQuery(entity: "deal", entityID: deal.id, limit: 1)).first)
        #expect(last.user == team.owner)
        #expect(last.action != "created")
    }

    @Test func theAdministratorActingAsItselfIsTheTeamsManager() throws {
        let team = try SecurityTeam()
        defer { team.close() }
        #expect(team.admin.sessionIdentity.administers)
        #expect(try team.admin.whoIsActing() == .member(Viewer(name: team.settings.user, role: .manager)))
    }

    @Test func theProgramWorksUnderThePoliciesForARep() throws {
        let team = try SecurityTeam()
        defer { team.close() }
        let store = try team.app(as: team.other)
        defer { store.close() }
        // Claims through the program: the server's rules and the program's agree.
        let claimed = try store.claim(team.pool.id)
        #expect(claimed.owner == team.other)
        let deal = try #require(team.dealOf[team.shared.id])
        let moved = try store.moveDeal(deal.id, to: "proposal", forceReason: "tested", expectedVersion: nil)
        #expect(moved.stageKey == "proposal")
        let refused = refusal { try store.editAccount(team.protectedShared.id, expectedVersion: nil) { $0.notes = "x" } }
        #expect(refused?.contains("is protected") == true)
        let board = try store.board(BoardQuery(processKey: "project"))
        #expect(board.columns.flatMap(\.cards).map(\.id).contains(team.dealOf[team.exclusive.id]?.id ?? -1) == false)
    }
}
