@testable import CloserPostgres
import CloserCore
import Foundation
import StoreTestSupport
import Testing

/// How the server finds a search's page: a rep's matches meet their accounts one look-up each
/// (`searchJoin`), whatever the planner would rather do; a search asked again in the same
/// snapshot reads only its page's deals (SearchProbeCache); the deal table's rows are read by
/// position (DealSummaryRows).
@Suite("Search plans: accounts looked up per match, matches kept per snapshot, rows read by position")
struct SearchPlanTests {
    static let rep = Actor.member(Viewer(name: SearchIndexTests.rep, role: .rep))

    /// The plan of a rep's search for `text`, as `deals` writes it, with the planner told to
    /// avoid nested loops: what a sample of statistics that misjudged the matches would make it do.
    static func repPlan(_ raw: Connection, _ text: String) throws -> String {
        let (filter, _) = PostgresStore.dealConditions(DealFilter(text: text), as: rep)
        try raw.execute("SET enable_nestloop = off")
        defer { _ = try? raw.execute("RESET enable_nestloop") }
        let sql = "SELECT d.id FROM deal d \(PostgresStore.searchJoin(text)) \(filter.whereClause) ORDER BY d.amount DESC, d.id LIMIT 2001"
        return try raw.query("EXPLAIN \(sql)", filter.values).map { try $0.string("QUERY PLAN") }.joined(separator: "\n")
    }

    @Test func aRepsMatchesLookUpTheirAccountsOneByOne() throws {
        let store = try SearchIndexTests.indexedStore()
        let raw = try Connection.open(store.settings)
        defer { raw.close() }
        for text in ["长春", "长春北", "zgsh", "pumps"] {
            let plan = try Self.repPlan(raw, text)
            #expect(plan.contains("Index Scan using account_pkey") && !plan.contains("Hash") && !plan.contains("Merge")
                        && !plan.contains("Seq Scan on account"), "\(text):\n\(plan)")
        }
        // A text the indexes cannot narrow leaves the join to the planner (a look-up for each of
        // 8 000 matches of 长 would cost more than reading the accounts once).
        let plan = try Self.repPlan(raw, "长")
        #expect(plan.contains("Hash Join") || plan.contains("Merge Join"), "长:\n\(plan)")
    }

    @Test func onlyTextsTheIndexesNarrowArePinned() {
        #expect(SearchPatternSQL.findsFew("长春") && SearchPatternSQL.findsFew("长 春") && SearchPatternSQL.findsFew("zgs"))
        #expect(!SearchPatternSQL.findsFew("长") && !SearchPatternSQL.findsFew("zg") && !SearchPatternSQL.findsFew("z g"))
    }

    /// The second search is read from the kept matches (an entry changed by hand shows through),
    /// and an entry of another snapshot is never used.
    @Test func aSearchAskedAgainReadsItsKeptMatchesInTheSameSnapshotOnly() throws {
        let store = try SearchIndexTests.indexedStore()
        let query = DealQuery(filter: DealFilter(text: "长春", includeClosed: true), sort: .id, ascending: true, limit: 100)
        let found = try store.deals(query)
        #expect(found.total == 9)
        let manager = Actor.member(Viewer(name: SearchIndexTests.manager, role: .manager))
        let (filter, _) = PostgresStore.dealConditions(query.filter, as: manager)
        let key = SearchProbeCache.Key(statement: "SELECT d.id FROM deal d  \(filter.whereClause) ORDER BY \(PostgresStore.dealOrder(query))",
                                       values: filter.values, probe: PostgresStore.searchProbeLimit + 1)
        let entry = try #require(store.searchProbes.entry(key), "the search's matches were kept")
        #expect(entry.ids == found.rows.map(\.id))
        // No match at all is kept too (an empty array read back).
        let nothing = DealQuery(filter: DealFilter(text: "xyz", includeClosed: true), sort: .id, ascending: true, limit: 100)
        #expect(try store.deals(nothing).total == 0)
        let (none, _) = PostgresStore.dealConditions(nothing.filter, as: manager)
        let noneKey = SearchProbeCache.Key(statement: "SELECT d.id FROM deal d  \(none.whereClause) ORDER BY \(PostgresStore.dealOrder(nothing))",
                                           values: none.values, probe: PostgresStore.searchProbeLimit + 1)
        #expect(store.searchProbes.entry(noneKey)?.ids == [])
        let again = try store.deals(query)
        #expect(again.rows == found.rows && again.total == found.total)

        // The same snapshot: the kept ids are the answer (here, two of them). Any write on the
        // server (the other tests' databases too) moves the snapshot between two reads, so the
        // entry is made again from a fresh search until one read comes in the same snapshot.
        var shortened = false
        for _ in 0 ..< 200 where !shortened {
            _ = try store.deals(DealQuery(filter: DealFilter(text: "长春", includeClosed: true), sort: .id, ascending: true, limit: 50))
            let current = try #require(store.searchProbes.entry(key))
            store.searchProbes.keep(SearchProbeCache.Entry(snapshot: current.snapshot, ids: Array(current.ids.prefix(2))), for: key)
            let read = try store.deals(query)
            shortened = read.rows.map(\.id) == Array(found.rows.prefix(2).map(\.id)) && read.total == 2
            if !shortened { #expect(read.rows == found.rows && read.total == found.total) }
        }
        #expect(shortened, "a read in the snapshot of the kept matches used them")
        // Another snapshot: found again.
        store.searchProbes.keep(SearchProbeCache.Entry(snapshot: "1:1:", ids: Array(entry.ids.prefix(2))), for: key)
        let elsewhere = try store.deals(query)
        #expect(elsewhere.rows == found.rows && elsewhere.total == found.total)
        // A write moves the snapshot: the kept matches are found again, with the new deal.
        let deal = try store.deal(found.rows[0].id)
        let added = try store.addDeal(Deal(accountID: deal.accountID, title: "长春新项目", processKey: "project", stageKey: "develop",
                                           amount: Money(minorUnits: 1, currency: "CNY"), owner: deal.owner))
        let after = try store.deals(query)
        #expect(after.total == 10 && after.rows.last?.id == added.id)
    }

    /// A name written into a statement reads back as itself whatever the server's string setting,
    /// and its `?` is never taken for a parameter.
    @Test func aNameWrittenIntoAStatementIsThatName() throws {
        let raw = try Connection.open(try TestServer.initializedDatabase())
        defer { raw.close() }
        for setting in ["on", "off"] {
            try raw.execute("SET standard_conforming_strings = \(setting)")
            for name in [#"o'neil"#, #"back\slash"#, #"\'"#, "why?", "''?'", "长春", #""quoted\""#] {
                let read = try raw.query("SELECT \(VisibilitySQL.literal(name)) AS v, ? AS w", [.int(7)])
                #expect(try read.first?.string("v") == name && read.first?.int("w") == 7, "\(name), standard_conforming_strings \(setting)")
            }
        }
    }

    /// The table's page, and a search whose matches are kept, are one statement each once the
    /// handle knows who is acting; a search not kept yet, and a handle's first read, go the usual way.
    @Test func pagesAndKeptSearchesAreReadInOneStatement() throws {
        let store = try SearchIndexTests.indexedStore().acting(as: SearchIndexTests.rep)
        let browse = DealQuery(limit: 40), search = DealQuery(filter: DealFilter(text: "长春"), limit: 40)
        let oneStatement = { (query: DealQuery) throws -> Page<DealSummary>? in
            try store.readInOneStatement { who, columns in
                PostgresStore.dealPageInOneStatement(query, PostgresStore.DealSelection(query, as: who), actorColumns: columns,
                                                     cache: store.searchProbes)
            }
        }
        #expect(try oneStatement(browse) == nil, "a handle's first read asks who is acting first")
        let browsed = try store.deals(browse)
        let inOne = try #require(try oneStatement(browse))
        #expect(inOne.rows == browsed.rows && inOne.total == browsed.total && browsed.total > 0)
        #expect(try oneStatement(search) == nil, "a search not kept yet")
        let searched = try store.deals(search)
        var kept: Page<DealSummary>?
        // Another database's write between the two moves the snapshot: ask until one comes in the same.
        for _ in 0 ..< 200 where kept == nil {
            _ = try store.deals(search)
            kept = try oneStatement(search)
        }
        #expect(kept?.rows == searched.rows && kept?.total == searched.total && searched.total == 4)

        // Written since: the kept matches are of another snapshot, and the search is found again in one statement.
        let account = try #require(searched.rows.first { $0.accountName == "长春北方煤化工" }).accountID
        let added = try store.addDeal(Deal(accountID: account, title: "长春新罐区", processKey: "project", stageKey: "develop",
                                           amount: Money(minorUnits: 1, currency: "CNY"), owner: SearchIndexTests.rep))
        let again = try #require(try store.readInOneStatement { who, columns in
            PostgresStore.searchAgainInOneStatement(search, PostgresStore.DealSelection(search, as: who), actorColumns: columns,
                                                    cache: store.searchProbes)
        })
        #expect(again.total == 5 && again.rows.map(\.id) == searched.rows.map(\.id) + [added.id])
        #expect(try store.deals(search).rows == again.rows)
    }

    /// The names the rows are read by, in `summaryColumns`' order; a result whose columns are
    /// not in that order is refused, never read into the wrong fields.
    @Test func rowsAreReadByPositionOnlyInTheirOrder() throws {
        #expect(DealSummary.pgNames == [
            "id", "title", "account_id", "account_name", "account_grade", "process_key", "stage_key", "amount", "currency",
            "probability", "weighted", "at_risk", "milestones_met", "milestones_total", "stage_entered_at", "expected_close",
            "next_step", "next_step_due", "last_activity", "owner", "outcome", "version", "competitors", "outcome_reason",
        ])
        let store = try SearchIndexTests.indexedStore()
        let raw = try Connection.open(store.settings)
        defer { raw.close() }
        let columns = PostgresStore.summaryColumns
        let rows = try raw.query("SELECT 7 AS closer_extra, \(columns) FROM deal d JOIN account a ON a.id = d.account_id ORDER BY d.id")
        let read = try DealSummary.pgRows(rows)
        #expect(read.count == 15 && read.map(\.id) == read.map(\.id).sorted())
        #expect(read == (try store.deals(DealQuery(filter: DealFilter(includeClosed: true), sort: .id, ascending: true, limit: 100)).rows))
        // Two text columns swapped: read by position they would fill each other's fields without a word.
        let swapped = columns.replacingOccurrences(of: "d.process_key, d.stage_key", with: "d.stage_key, d.process_key")
        #expect(swapped != columns)
        let misordered = try raw.query("SELECT \(swapped) FROM deal d JOIN account a ON a.id = d.account_id")
        #expect(throws: (any Error).self) { try DealSummary.pgRows(misordered) }
    }
}
