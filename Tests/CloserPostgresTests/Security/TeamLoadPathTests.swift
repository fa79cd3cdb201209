@testable import CloserPostgres
import CloserCore
import Foundation
import StoreTestSupport
import Testing

/// What lets fifty reps and the wall screens share one server: the row-level security rule
/// planned once per statement, and a write's log rows appended together at its commit.
@Suite("Team load: policies planned once per statement, the log appended at commit")
struct TeamLoadPathTests {
    /// Each table a member reads under a policy, with a column to read.
    static let policed = ["account", "deal", "person", "activity", "planned_activity", "event", "stage_event",
                          "stage_day", "stage_list_day", "saved_filter", "account_health"]
    /// The rule's helpers that a policy called on every row before schema version 12.
    static let perRowHelpers = ["closer_may_read(", "closer_is_manager()", "closer_role()"]

    @Test func everyRoleReadsUnderPoliciesThatCallNoHelperOnEachRow() throws {
        let team = try SecurityTeam()
        defer { team.close() }
        for role in [team.owner, team.manager] {
            let session = try team.connect(as: role)
            defer { session.close() }
            for table in Self.policed {
                let plan = try session.query("EXPLAIN (VERBOSE, COSTS OFF) SELECT * FROM \(table)").map { try $0.text("QUERY PLAN") }
                // An init plan runs once per statement; a filter runs on every row.
                let filters = plan.filter { $0.contains("Filter:") }
                for helper in Self.perRowHelpers {
                    #expect(!filters.contains { $0.contains(helper) }, "\(role) reading \(table): \(plan.joined(separator: "\n"))")
                }
            }
        }
    }

    @Test func aWriteAppendsItsLogRowsWhenItCommitsInTheOrderItMadeThem() throws {
        let store = try TestServer.store(actor: "admin")
        defer { store.close() }
        let account = try store.addAccount(Account(name: "宝钢", owner: "admin"))
        let deal = try store.addDeal(Deal(accountID: account.id, title: "热轧", processKey: "project", stageKey: "develop",
                                          amount: Money(minorUnits: 100_000, currency: "CNY"), owner: "admin"))
        _ = try store.setNextStep(dealID: deal.id, text: "回访", due: Day(Date()), expectedVersion: nil)
        let log = try store.events(EventQuery(limit: 10)).reversed().map { ($0.entity, $0.action, $0.id, $0.at) }
        #expect(log.map { "\($0.0) \($0.1)" } == ["account created", "deal created", "plan planned", "deal next-step"])
        #expect(log.map(\.2) == log.map(\.2).sorted())
        #expect(log.map(\.3) == log.map(\.3).sorted())
    }

    @Test func aWriteThatFailsLeavesNoLogRowsBehindForTheNextOnItsConnection() throws {
        let store = try TestServer.store(actor: "admin")
        defer { store.close() }
        let account = try store.addAccount(Account(name: "宝钢", owner: "admin"))
        let before = try store.events(EventQuery(limit: 100)).count
        struct Refused: Error {}
        try store.pool.withConnection { connection in
            #expect(throws: Refused.self) {
                try Transaction.run(on: connection) {
                    try store.log(connection, store.event("account", account.id, "renamed", note: "never saved", account: account.id))
                    throw Refused()
                }
            }
            try Transaction.run(on: connection) {}
        }
        let after = try store.events(EventQuery(limit: 100))
        #expect(after.count == before)
        #expect(!after.contains { $0.note == "never saved" })
    }

    @Test func undoFindsTheRowItLoggedInTheSameWrite() throws {
        let store = try TestServer.store(actor: "admin")
        defer { store.close() }
        let account = try store.addAccount(Account(name: "宝钢", owner: "admin"))
        let renamed = try store.editAccount(account.id, expectedVersion: account.version) { $0.name = "宝山钢铁" }
        guard let change = try store.lastUndoableChange(since: Date().addingTimeInterval(-60)) else {
            Issue.record("the rename is undoable")
            return
        }
        let undo = try store.undo(eventID: change.id)
        #expect(undo.note == UndoNote.note(undoing: change.id))
        #expect(try store.account(account.id).name == "宝钢" && renamed.name == "宝山钢铁")
    }
}
