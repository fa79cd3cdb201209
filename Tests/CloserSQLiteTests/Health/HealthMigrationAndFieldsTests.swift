import CloserCore
import CloserExchange
@testable import CloserSQLite
import Foundation
import GRDB
import Testing

@Suite("Health fields and the v12 migration")
struct HealthMigrationAndFieldsTests {
    let today = StoreFixture.today

    @Test func aV11StoreIsFilledOnce() throws {
        let queue = try DatabaseQueue()
        try Schema.migrator.migrate(queue, upTo: "v11-fewer-deal-indexes")
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO account (id, name, grade, assistance, loyalty, quadrant, visibility, search_key, version, created_at, updated_at)
                VALUES (1, 'Acme', 'A', 5, 5, 'opportunity', 'owned', 'acme', 1, 0, 0), (2, 'Empty', 'B', 5, 5, 'opportunity', 'owned', 'empty', 1, 0, 0);
                INSERT INTO person (id, account_id, name, level, function, roles, stance, influence, inside_coach, reports_to, last_met,
                                    search_key, version, created_at, updated_at)
                VALUES (1, 1, 'Boss', 'decision', 'using', '', 'neutral', 80, 0, NULL, '2026-11-01', 'boss', 1, 0, 0),
                       (2, 1, 'Coach', 'manager', 'technical', '', 'neutral', 40, 1, 1, NULL, 'coach', 1, 0, 0);
                INSERT INTO deal (id, account_id, title, process_key, stage_key, amount, currency, owner, outcome, forecast_category,
                                  stage_entered_at, probability, weighted, at_risk, milestones_met, milestones_total, search_key, version,
                                  created_at, updated_at)
                VALUES (1, 1, 'Pumps', 'project', 'proposal', 100, 'CNY', 'alice', 'open', 'pipeline', 0, 40, 40, 0, 0, 1, 'pumps', 1, 0, 0);
                INSERT INTO deal (id, account_id, title, process_key, stage_key, amount, currency, owner, outcome, forecast_category,
                                  stage_entered_at, probability, weighted, at_risk, milestones_met, milestones_total, search_key, version,
                                  created_at, updated_at, next_step, next_step_due)
                VALUES (2, 1, 'Valves', 'project', 'entry', 100, 'CNY', 'alice', 'open', 'pipeline', 0, 20, 20, 0, 0, 1, 'valves', 1, 0, 0,
                        'Call', '2026-12-01'),
                       (3, 1, 'Seals', 'project', 'entry', 100, 'CNY', 'alice', 'open', 'pipeline', 0, 20, 20, 0, 0, 1, 'seals', 1, 0, 0,
                        '\u{3000} ', '2026-12-01');
                INSERT INTO activity (account_id, deal_id, kind, day, created_at) VALUES
                    (1, 1, 'demo', '2026-11-02', 0), (1, 1, 'demo', '2026-11-09', 0), (1, 1, 'visit', '2026-11-20', 0);
                """)
        }
        try Schema.migrator.migrate(queue)
        try queue.read { db in
            let deal = try #require(try Row.fetchOne(db, sql: "SELECT needs, last_demo, first_discovery, first_quote FROM deal WHERE id = 1"))
            #expect(deal["needs"] as String == "[]" && deal["last_demo"] as String? == "2026-11-09")
            #expect(deal["first_discovery"] as String? == nil && deal["first_quote"] as String? == nil)
            let flags = try #require(try Row.fetchOne(db, sql: "SELECT pitched, quoted, has_needs FROM deal WHERE id = 1"))
            #expect(flags["pitched"] as Bool && !(flags["quoted"] as Bool) && !(flags["has_needs"] as Bool))
            #expect(try String.fetchAll(db, sql: "SELECT next_key FROM deal ORDER BY id") == ["", "2026-12-01", ""],
                    "no step, a step due 2026-12-01, a step of blanks")
            let acme = try #require(try Row.fetchOne(db, sql: "SELECT * FROM account_health WHERE account_id = 1"))
            #expect(acme["route_key"] as String == "9999-12-31" && acme["cold_key"] as String == "", "a route; the coach never met")
            #expect(acme["decision_makers"] as Int == 1 && acme["dm_last_met"] as String? == "2026-11-01" && acme["dm_route"] as Bool)
            #expect(acme["coldest_id"] as Int64? == 2 && acme["coldest_met"] as String? == nil && acme["stale"] as Int == 0)
            let empty = try #require(try Row.fetchOne(db, sql: "SELECT * FROM account_health WHERE account_id = 2"))
            #expect(empty["decision_makers"] as Int == 0 && !(empty["dm_route"] as Bool) && empty["coldest_id"] as Int64? == nil)
            #expect(empty["route_key"] as String == "" && empty["cold_key"] as String == "9999-12-31")
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM setting") == 0)
        }
    }

    @Test func triggersUseThePartialIndex() throws {
        let store = try StoreFixture.store()
        try store.read { db in
            let plan = try Row.fetchAll(db, sql: """
                EXPLAIN QUERY PLAN SELECT MAX(day) FROM activity WHERE deal_id = 1 AND kind IN \(HealthSchema.kinds) AND kind = 'demo'
                """).map { $0["detail"] as String }.joined(separator: " | ")
            #expect(plan.contains("activity_health"), "\(plan)")
        }
    }

    @Test func maturityIsKeptQueriedAndExported() throws {
        let store = try StoreFixture.store()
        var a = StoreFixture.account("中国石化")
        a.maturity = .specialist
        let sinopec = try store.addAccount(a)
        let acme = try store.addAccount(StoreFixture.account("Acme"))
        var b = StoreFixture.account("Baosteel")
        b.maturity = .familiar
        _ = try store.addAccount(b)
        #expect(try store.account(sinopec.id).maturity == .specialist)
        func names(_ query: String) throws -> [String] {
            try store.accounts(AccountQuery(conditions: try AccountQueryLanguage.parse(query))).rows.map(\.account.name).sorted()
        }
        #expect(try names("maturity:specialist") == ["中国石化"])
        #expect(try names("maturity:2,none") == ["Acme", "Baosteel"])
        #expect(try names("maturity:unbundling").isEmpty)
        var edited = try store.account(acme.id)
        edited.maturity = .generalist
        _ = try store.updateAccount(edited)
        let event = try #require(try store.events(EventQuery(entity: "account", entityID: acme.id, limit: 1)).first)
        #expect(event.changes["maturity"] == FieldChange(old: nil, new: "generalist"))

        let snapshot = try store.exportSnapshot()
        let files = try SnapshotCSV.encode(snapshot)
        let back = try SnapshotCSV.decode(files: files.map { ($0.key, $0.value) })
        #expect(back.accounts.map(\.maturity) == snapshot.accounts.map(\.maturity))
        let json = try SnapshotJSON.decode(try SnapshotJSON.encode(snapshot), fileName: "x.json")
        #expect(json.accounts.map(\.maturity) == [.specialist, .generalist, .familiar])
    }

    @Test func needsRoundTripThroughEveryFormat() throws {
        let store = try StoreFixture.store()
        let account = try store.addAccount(StoreFixture.account("中国石化"))
        let engineer = try store.addPerson(Person(accountID: account.id, name: "王工"))
        var deal = StoreFixture.deal("DCS", account: account.id)
        deal.needs = [CustomerNeed(text: "中文版使用手册", statedBy: engineer.id), CustomerNeed(text: "Less \"downtime\", please")]
        deal = try store.addDeal(deal)
        #expect(try store.deal(deal.id).needs == deal.needs)
        let snapshot = try store.exportSnapshot()
        let csv = try SnapshotCSV.decode(files: try SnapshotCSV.encode(snapshot).map { ($0.key, $0.value) })
        #expect(csv.deals.first?.needs == deal.needs)
        let target = try StoreFixture.store()
        _ = try target.importSnapshot(csv)
        #expect(try target.deal(deal.id).needs == deal.needs)

        var wrong = snapshot
        wrong.deals[0].needs = [CustomerNeed(text: "x", statedBy: 999)]
        wrong.deals[0].id = 50
        wrong.accounts = []
        wrong.persons = []
        wrong.activities = []
        wrong.events = []
        #expect(throws: StoreError.invalid("deals[0]: a need is stated by person 999, who is not a key person of account \(account.id) — nothing was imported")) {
            try store.importSnapshot(wrong)
        }
    }
}

@Suite("Health report reads the index")
struct HealthIndexTests {
    @Test func theGroupedPassReadsTheHealthIndexAlone() throws {
        let store = try StoreFixture.store()
        let catalog = ProcessCatalog()
        let health = HealthSQL(settings: .defaults, catalog: catalog, processKey: nil, today: StoreFixture.today)
        var open = SQLFilter()
        open.add("d.outcome = 'open'")
        open.add("d.owner = ?", ["alice"])
        let sql = SQLiteStore.healthGroupsSQL(health, joins: "LEFT JOIN account_health h ON h.account_id = d.account_id", open: open)
        try store.read { db in
            let plan = try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: SQLiteStore.healthGroupsArguments(health) + open.arguments)
                .map { $0["detail"] as String }.joined(separator: " | ")
            #expect(plan.contains("COVERING INDEX deal_health (outcome=? AND owner=?)"), "\(plan)")
            #expect(!plan.contains("TEMP B-TREE"), "grouped as the index is walked: \(plan)")
            let indexes = Set(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'deal'"))
            #expect(indexes.contains("deal_health") && !indexes.contains("deal_attention"), "the review's index widened, not doubled")
        }
    }
}
