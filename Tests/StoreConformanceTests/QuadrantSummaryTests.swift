import CloserCore
import CloserSQLite
import Foundation
import StoreTestSupport
import Testing

/// The quadrant screen's aggregate read against a small hand-made store. Amounts in major units
/// (the store holds minor units, ×100); open deals sit in "develop", probability 10 %.
///
///   id name     grade (a,l)  quadrant     owner  visibility        deals               pipeline weighted  won   LTV
///   1  Alpha    A     (7,8)  strategic    alice  owned             open 600k           600k     60k       0     60k
///   2  Beta     B     (8,8)  strategic    bob    owned             open 200k, won 1M   200k     20k       1M    1.02M
///   3  Gamma    B     (7,8)  strategic    —      pool              open 300k           300k     30k       0     30k
///   4  Delta    C     (3,7)  loyal        alice  owned             —                   0        0         0     0
///   5  Epsilon  D     (2,2)  market       bob    exclusive         open 100k           100k     10k       0     10k
///   6  Zeta     A     (7,3)  opportunity  alice  owned             open 50k, won 200k  50k      5k        200k  205k
///   7  Eta      C     (7,8)  strategic    bob    shared with alice open 600k           600k     60k       0     60k
///
/// Strategic by pipeline: Alpha 600k, Eta 600k (tie: name), Gamma 300k, Beta 200k.
/// Strategic by LTV: Beta 1.02M, Alpha 60k, Eta 60k (tie: name), Gamma 30k.
/// Cell (7,8) holds Alpha, Gamma, Eta (its leaders come from quadrantCell); every other cell
/// used holds one account, which the summary carries.
@Suite("Quadrant summary: SQL aggregation for the quadrant screen")
struct QuadrantSummaryTests {
    static let manager = Viewer(name: "carol", role: .manager)
    static let alice = Viewer(name: "alice", role: .rep)
    static let k: Int64 = 100_000  // 1k major units in minor units

    static func store(_ backend: Backend) throws -> any TestStore {
        let store = try StoreFixture.store(backend)
        func account(_ id: Int64, _ name: String, _ grade: Grade, _ assistance: Int, _ loyalty: Int, _ owner: String?,
                     _ visibility: Visibility, sharedWith: [String] = []) -> Account {
            Account(id: id, name: name, grade: grade, assistance: assistance, loyalty: loyalty, owner: owner,
                    visibility: visibility, sharedWith: sharedWith, version: 1)
        }
        func deal(_ id: Int64, _ account: Int64, _ thousands: Int64, outcome: Outcome = .open) -> Deal {
            Deal(id: id, accountID: account, title: "Deal \(id)", processKey: "project", stageKey: "develop",
                 amount: Money(minorUnits: thousands * k), owner: "alice", outcome: outcome, version: 1)
        }
        let snapshot = Snapshot(
            accounts: [
                account(1, "Alpha", .a, 7, 8, "alice", .owned),
                account(2, "Beta", .b, 8, 8, "bob", .owned),
                account(3, "Gamma", .b, 7, 8, nil, .pool),
                account(4, "Delta", .c, 3, 7, "alice", .owned),
                account(5, "Epsilon", .d, 2, 2, "bob", .exclusive),
                account(6, "Zeta", .a, 7, 3, "alice", .owned),
                account(7, "Eta", .c, 7, 8, "bob", .shared, sharedWith: ["alice"]),
            ],
            deals: [
                deal(1, 1, 600), deal(2, 2, 200), deal(3, 2, 1_000, outcome: .won), deal(4, 3, 300),
                deal(5, 5, 100), deal(6, 6, 50), deal(7, 6, 200, outcome: .won), deal(8, 7, 600),
            ])
        _ = try store.importSnapshot(snapshot)
        return store
    }

    static func names(_ rows: [AccountSummary]) -> [String] { rows.map(\.account.name) }

    @Test(arguments: Backend.allCases) func countsSumsAndTopByPipeline(_ backend: Backend) throws {
        let store = try Self.store(backend)
        let s = try store.viewing(Self.manager).quadrantSummary(AccountQuery(), topPerQuadrant: 2, rankByLifetimeValue: false)
        #expect(s.total == 7)
        #expect(!s.rankByLifetimeValue)
        let strategic = s.group(.strategic)
        #expect(strategic.count == 4)
        #expect(strategic.pipeline == 1_700 * Self.k)
        #expect(strategic.weighted == 170 * Self.k)
        #expect(strategic.won == 1_000 * Self.k)
        #expect(strategic.lifetimeValue == 1_170 * Self.k)
        #expect(Self.names(strategic.top) == ["Alpha", "Eta"])  // 600k each: by name
        #expect(strategic.top.first?.pipeline == 600 * Self.k)  // full rows, with their rollups
        #expect(strategic.top.first?.account.grade == .a)

        let loyal = s.group(.loyal)
        #expect(loyal.count == 1 && loyal.pipeline == 0 && loyal.won == 0 && Self.names(loyal.top) == ["Delta"])
        let market = s.group(.market)
        #expect(market.count == 1 && market.pipeline == 100 * Self.k && market.weighted == 10 * Self.k)
        let opportunity = s.group(.opportunity)
        #expect(opportunity.count == 1 && opportunity.pipeline == 50 * Self.k && opportunity.won == 200 * Self.k)
        #expect(opportunity.lifetimeValue == 205 * Self.k)
        #expect(s.quadrants.values.map(\.count).reduce(0, +) == 7)
    }

    @Test(arguments: Backend.allCases) func cellsCountEveryAccountAndCarryALoneOne(_ backend: Backend) throws {
        let store = try Self.store(backend)
        let s = try store.quadrantSummary(AccountQuery(), topPerQuadrant: 1, rankByLifetimeValue: false)
        #expect(s.cells.count == 100)
        #expect(s.cells.map(\.count).reduce(0, +) == 7)
        let crowded = s.cell(assistance: 7, loyalty: 8)
        #expect(crowded.count == 3)
        #expect(crowded.pipeline == 1_500 * Self.k)
        #expect(crowded.top.isEmpty)  // a crowded cell's leaders are read for the cursor cell alone
        #expect(Self.names(try store.quadrantCell(AccountQuery(), assistance: 7, loyalty: 8, top: 8, rankByLifetimeValue: false))
                == ["Alpha", "Eta", "Gamma"])
        #expect(Self.names(try store.quadrantCell(AccountQuery(), assistance: 7, loyalty: 8, top: 2, rankByLifetimeValue: false))
                == ["Alpha", "Eta"])
        #expect(try store.quadrantCell(AccountQuery(), assistance: 1, loyalty: 1, top: 8, rankByLifetimeValue: false).isEmpty)
        #expect(try store.quadrantCell(AccountQuery(), assistance: 11, loyalty: 1, top: 8, rankByLifetimeValue: false).isEmpty)
        // A single account: its id and grade (the scatter's letter).
        let single = s.cell(assistance: 2, loyalty: 2)
        #expect(single.count == 1 && single.top.map(\.id) == [5] && single.top.first?.account.grade == .d)
        #expect(s.cell(assistance: 8, loyalty: 8).top.map(\.id) == [2])
        #expect(s.cell(assistance: 3, loyalty: 7).top.map(\.id) == [4])
        #expect(s.cell(assistance: 7, loyalty: 3).top.map(\.id) == [6])
        #expect(s.cell(assistance: 1, loyalty: 1).count == 0 && s.cell(assistance: 1, loyalty: 1).top.isEmpty)
        #expect(s.cell(assistance: 0, loyalty: 11).count == 0)  // off the grid
        // Only the quadrant's leader was asked for.
        #expect(Self.names(s.group(.strategic).top) == ["Alpha"])
    }

    @Test(arguments: Backend.allCases) func rankedByLifetimeValue(_ backend: Backend) throws {
        let store = try Self.store(backend)
        let s = try store.quadrantSummary(AccountQuery(), topPerQuadrant: 3, rankByLifetimeValue: true)
        #expect(s.rankByLifetimeValue)
        #expect(Self.names(s.group(.strategic).top) == ["Beta", "Alpha", "Eta"])
        #expect(s.group(.strategic).count == 4)  // counts and sums do not depend on the ranking
        #expect(s.group(.strategic).pipeline == 1_700 * Self.k)
        #expect(Self.names(try store.quadrantCell(AccountQuery(), assistance: 7, loyalty: 8, top: 8, rankByLifetimeValue: true))
                == ["Alpha", "Eta", "Gamma"])  // 60k, 60k (by name), 30k
        #expect(Self.names(try store.quadrantCell(AccountQuery(), assistance: 8, loyalty: 8, top: 8, rankByLifetimeValue: true)) == ["Beta"])
        let all = try store.quadrantSummary(AccountQuery(), topPerQuadrant: 10, rankByLifetimeValue: true)
        #expect(Self.names(all.group(.strategic).top) == ["Beta", "Alpha", "Eta", "Gamma"])
        #expect(all.group(.strategic).top.map(\.lifetimeValue) == [1_020 * Self.k, 60 * Self.k, 60 * Self.k, 30 * Self.k])
    }

    @Test(arguments: Backend.allCases) func conditionsNarrowCountsSumsAndLeaders(_ backend: Backend) throws {
        let store = try Self.store(backend)
        // grade:A,B → Alpha, Beta, Gamma (strategic) and Zeta (opportunity).
        let graded = try store.quadrantSummary(AccountQuery(conditions: [.grades([.a, .b])]), topPerQuadrant: 5, rankByLifetimeValue: false)
        #expect(graded.total == 4)
        #expect(graded.group(.strategic).count == 3)
        #expect(graded.group(.strategic).pipeline == 1_100 * Self.k)
        #expect(graded.group(.strategic).won == 1_000 * Self.k)
        #expect(Self.names(graded.group(.strategic).top) == ["Alpha", "Gamma", "Beta"])
        #expect(graded.group(.loyal).count == 0 && graded.group(.loyal).top.isEmpty)
        #expect(graded.group(.market).count == 0)
        #expect(graded.group(.opportunity).count == 1)
        #expect(graded.cell(assistance: 7, loyalty: 8).count == 2)
        #expect(Self.names(try store.quadrantCell(AccountQuery(conditions: [.grades([.a, .b])]), assistance: 7, loyalty: 8, top: 8,
                                                  rankByLifetimeValue: false)) == ["Alpha", "Gamma"])
        // pipeline>250k together with a text query (the search field's) on the same filter as the table.
        let big = try store.quadrantSummary(AccountQuery(conditions: [.pipeline(.greater, 250 * Self.k), .text("a")]),
                                            topPerQuadrant: 5, rankByLifetimeValue: false)
        #expect(big.total == 3)
        #expect(Self.names(big.group(.strategic).top) == ["Alpha", "Eta", "Gamma"])
        #expect(big.group(.strategic).pipeline == 1_500 * Self.k)
        // The table agrees on what the filter selects.
        let table = try store.accounts(AccountQuery(conditions: [.pipeline(.greater, 250 * Self.k), .text("a")], sort: .id))
        #expect(table.rows.map(\.id) == [1, 3, 7])
        // Nothing selected: empty groups, empty cells.
        let none = try store.quadrantSummary(AccountQuery(conditions: [.text("nobody")]), topPerQuadrant: 5, rankByLifetimeValue: false)
        #expect(none.total == 0 && none.quadrants.isEmpty && none.cells.allSatisfy { $0.count == 0 && $0.top.isEmpty })
    }

    /// A rep sees the pool, their own and what is shared with them (not exclusive): alice sees
    /// Alpha, Gamma (pool), Delta, Zeta and Eta (shared); not Beta (bob's) nor Epsilon (exclusive).
    @Test(arguments: Backend.allCases) func repViewerSeesOnlyVisibleAccounts(_ backend: Backend) throws {
        let store = try Self.store(backend)
        let s = try store.viewing(Self.alice).quadrantSummary(AccountQuery(), topPerQuadrant: 10, rankByLifetimeValue: true)
        #expect(s.total == 5)
        #expect(s.group(.strategic).count == 3)
        #expect(s.group(.strategic).pipeline == 1_500 * Self.k)
        #expect(s.group(.strategic).won == 0)
        #expect(Self.names(s.group(.strategic).top) == ["Alpha", "Eta", "Gamma"])
        #expect(s.group(.market).count == 0 && s.group(.market).top.isEmpty)
        #expect(s.cell(assistance: 8, loyalty: 8).count == 0)
        #expect(s.cell(assistance: 2, loyalty: 2).count == 0)
        #expect(s.cell(assistance: 7, loyalty: 8).count == 3)
        #expect(Self.names(try store.viewing(Self.alice).quadrantCell(AccountQuery(), assistance: 7, loyalty: 8, top: 8, rankByLifetimeValue: false))
                == ["Alpha", "Eta", "Gamma"])
        #expect(try store.viewing(Self.alice).quadrantCell(AccountQuery(), assistance: 8, loyalty: 8, top: 8, rankByLifetimeValue: false).isEmpty)
        let ids = Set(s.quadrants.values.flatMap(\.top).map(\.id))
        #expect(ids == [1, 3, 4, 6, 7])
        // The same rep with a condition: owner:me.
        let mine = try store.viewing(Self.alice).quadrantSummary(AccountQuery(conditions: [.field(.owner, ["me"])]),
                                             topPerQuadrant: 10, rankByLifetimeValue: false)
        #expect(mine.total == 3)
        #expect(Set(mine.quadrants.values.flatMap(\.top).map(\.id)) == [1, 4, 6])
        // The manager sees all seven.
        #expect(try store.viewing(Self.manager).quadrantSummary(AccountQuery(), topPerQuadrant: 0, rankByLifetimeValue: false).total == 7)
    }

    @Test(arguments: Backend.allCases) func topZeroStillCountsAndSortAndPageAreIgnored(_ backend: Backend) throws {
        let store = try Self.store(backend)
        let s = try store.quadrantSummary(AccountQuery(sort: .name, ascending: false, offset: 5, limit: 1), topPerQuadrant: 0,
                                          rankByLifetimeValue: false)
        #expect(s.total == 7)
        #expect(s.quadrants.values.allSatisfy { $0.top.isEmpty })
        #expect(s.group(.strategic).count == 4)
        #expect(s.cell(assistance: 7, loyalty: 3).top.map(\.id) == [6])  // a lone account is there whatever the top
    }

    @Test(arguments: Backend.allCases) func accountSummaryReadsTheRollups(_ backend: Backend) throws {
        let store = try Self.store(backend)
        let beta = try store.accountSummary(2)
        #expect(beta.account.name == "Beta")
        #expect(beta.openDeals == 1)
        #expect(beta.pipeline == 200 * Self.k && beta.weighted == 20 * Self.k && beta.won == 1_000 * Self.k)
        #expect(beta.lifetimeValue == 1_020 * Self.k)
        #expect(try store.accountSummary(4).pipeline == 0)
        #expect(throws: StoreError.self) { try store.accountSummary(99) }
    }
}
