@testable import CloserCore
@testable import CloserSQLite
import Foundation
import GRDB
import Testing

/// The report's SQL says what the Swift rules say, deal for deal, on the demo company (whose
/// deals trip every rule) under the default settings and under a team's own.
@Suite("Health report")
struct HealthReportTests {
    let today = StoreFixture.today

    static func demoStore() throws -> (SQLiteStore, Snapshot) {
        let store = try SQLiteStore(inMemoryWithClock: { StoreFixture.now }, actor: "demo")
        let snapshot = DemoCompany.generate(seed: 3, today: StoreFixture.today)
        _ = try store.importSnapshot(snapshot)
        return (store, store.exportSnapshotForTest())
    }

    /// Rule → the open deals the Swift rules say trip it, from the raw persons and activities.
    static func expected(_ snapshot: Snapshot, settings: HealthSettings, today: Day, rep: String? = nil) -> [HealthRule: Set<Int64>] {
        let catalog = ProcessCatalog(custom: snapshot.processes)
        let persons = Dictionary(grouping: snapshot.persons, by: \.accountID)
        let activities = Dictionary(grouping: snapshot.activities.filter { $0.dealID != nil }, by: { $0.dealID ?? 0 })
        var result = [HealthRule: Set<Int64>]()
        for deal in snapshot.deals where deal.outcome == .open && (rep == nil || deal.owner == rep) {
            for warning in DealHealth.warnings(deal, process: catalog.process(deal.processKey), persons: persons[deal.accountID] ?? [],
                                               activities: activities[deal.id] ?? [], settings: settings, today: today) {
                result[warning.rule, default: []].insert(deal.id)
            }
        }
        return result
    }

    func check(_ store: SQLiteStore, _ snapshot: Snapshot, settings: HealthSettings, rep: String? = nil) throws {
        let report = try store.healthReport(HealthReportQuery(today: today, rep: rep, listLimit: 10_000))
        let expected = Self.expected(snapshot, settings: settings, today: today, rep: rep)
        let open = snapshot.deals.filter { $0.outcome == .open && (rep == nil || $0.owner == rep) }
        #expect(report.openDeals == open.count)
        #expect(report.rules.map(\.rule) == HealthRule.allCases.filter(settings.isEnabled))
        for list in report.rules {
            let ids = Set(list.items.map(\.dealID))
            #expect(list.count == ids.count && ids == expected[list.rule, default: []],
                    "\(list.rule): SQL \(list.count), Swift \(expected[list.rule, default: []].count); only in SQL \(ids.subtracting(expected[list.rule, default: []]).sorted()), only in Swift \(expected[list.rule, default: []].subtracting(ids).sorted())")
            let amounts = open.filter { ids.contains($0.id) }.reduce(into: CurrencyTotals()) { $0[$1.amount.currency, default: 0] += $1.amount.minorUnits }
            #expect(list.amount == amounts, "\(list.rule) amounts")
            #expect(list.items.map(\.amount.minorUnits) == list.items.map(\.amount.minorUnits).sorted(by: >), "largest first")
            for item in list.items.prefix(20) {
                let warnings = try store.dealHealth(item.dealID, today: today)
                #expect(warnings.first { $0.rule == list.rule }?.detail == item.detail, "the list's detail is the deal's")
            }
        }
        let flagged = Set(expected.values.flatMap { $0 })
        #expect(report.flaggedDeals == flagged.count)
        #expect(report.reps.map(\.openDeals).reduce(0, +) == open.count)
        for rule in HealthRule.allCases where settings.isEnabled(rule) {
            #expect(report.reps.map { $0.count(rule) }.reduce(0, +) == expected[rule, default: []].count, "\(rule) per rep")
        }
    }

    @Test func sqlAgreesWithTheRulesOnTheDemoCompany() throws {
        let (store, snapshot) = try Self.demoStore()
        try check(store, snapshot, settings: .defaults)
        let report = try store.healthReport(HealthReportQuery(today: today))
        for rule in HealthRule.allCases {
            #expect((report.list(rule)?.count ?? 0) > 0, "the demo company trips \(rule)")
        }
        #expect(report.flaggedDeals < report.openDeals, "and holds deals that trip none")
        try check(store, snapshot, settings: .defaults, rep: DemoData.reps[0].login)
    }

    @Test func sqlAgreesUnderTheTeamsSettings() throws {
        let (store, snapshot) = try Self.demoStore()
        var settings = HealthSettings(routeDays: 20, coldDays: 200, disabled: [.noNextStep])
        try settings.set("project.pricing", to: "negotiation")
        try settings.set("project.needs", to: "entry")
        try settings.set("project.budget", to: "none")
        try settings.set("transactional.pricing", to: "visit")
        try store.saveHealthSettings(settings)
        #expect(try store.healthSettings() == settings)
        try check(store, snapshot, settings: settings)
    }

    @Test func limitsRepsAndProcesses() throws {
        let (store, _) = try Self.demoStore()
        let all = try store.healthReport(HealthReportQuery(today: today, listLimit: 3))
        #expect(all.rules.allSatisfy { $0.items.count == min(3, $0.count) })
        let none = try store.healthReport(HealthReportQuery(today: today, listLimit: 0))
        #expect(none.rules.allSatisfy(\.items.isEmpty) && none.flaggedDeals == all.flaggedDeals)
        let project = try store.healthReport(HealthReportQuery(today: today, processKey: "project"))
        #expect(project.openDeals < all.openDeals && project.rules.allSatisfy { $0.items.allSatisfy { _ in true } })
        #expect(throws: StoreError.rule(.unknownProcess("mining"))) { try store.healthReport(HealthReportQuery(today: today, processKey: "mining")) }
        let rep = DemoData.reps[1].login
        let one = try store.healthReport(HealthReportQuery(today: today, rep: rep))
        #expect(one.reps.map(\.rep) == [rep])
        #expect(one.rules.allSatisfy { $0.items.allSatisfy { $0.owner == rep } })
    }

    @Test func aRepSeesTheirAccountsDealsOnly() throws {
        let (store, snapshot) = try Self.demoStore()
        let rep = DemoData.reps[2].login
        let report = try store.acting(as: rep).healthReport(HealthReportQuery(today: today, listLimit: 10_000))
        let viewer = Viewer(name: rep, role: .rep)
        let visible = Set(snapshot.accounts.filter { $0.isVisible(to: viewer) }.map(\.id))
        let open = snapshot.deals.filter { $0.outcome == .open && visible.contains($0.accountID) }
        #expect(report.openDeals == open.count && open.count < snapshot.deals.filter { $0.outcome == .open }.count)
        let accountOf = Dictionary(uniqueKeysWithValues: snapshot.deals.map { ($0.id, $0.accountID) })
        #expect(report.rules.allSatisfy { $0.items.allSatisfy { visible.contains(accountOf[$0.dealID] ?? 0) } })
    }

    @Test func settingsAreTheManagersAndChecked() throws {
        let (store, _) = try Self.demoStore()
        let rep = DemoData.reps[0].login
        var settings = HealthSettings()
        settings.routeDays = 30
        #expect(throws: StoreError.refused(.managerOnly(.changeSettings, you: .member(Viewer(name: rep, role: .rep))))) {
            try store.acting(as: rep).saveHealthSettings(settings)
        }
        try settings.set("project.pricing", to: "tender")
        let manager = store.acting(as: DemoData.manager.login)
        #expect(throws: StoreError.self) { try manager.saveHealthSettings(settings) }
        #expect(try store.healthSettings() == .defaults, "nothing was kept")
        try settings.reset("project.pricing")
        try manager.saveHealthSettings(settings)
        let event = try #require(try store.events(EventQuery(entity: "settings", limit: 1)).first)
        #expect(event.action == "health" && event.user == DemoData.manager.login)
        #expect(event.changes["route-days"] == FieldChange(old: nil, new: "30"))
        #expect(try store.read { db in try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = 'health.route-days'") } == "30")
    }
}

extension SQLiteStore {
    func exportSnapshotForTest() -> Snapshot { (try? exportSnapshot()) ?? Snapshot() }
}
