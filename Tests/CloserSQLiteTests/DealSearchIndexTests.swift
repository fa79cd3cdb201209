import CloserCore
@testable import CloserSQLite
import Foundation
import GRDB
import Testing

/// Search as you type on the deal table reads the trigram index's candidates (v23) instead of
/// testing every deal's key: it must find exactly the deals the plain scan finds, with the same
/// totals and pages, for a manager and for a rep, and see every write at once.
@Suite("Deal search through the trigram index")
struct DealSearchIndexTests {
    static let today = Day(year: 2026, month: 11, day: 25)!
    static let now = Date(timeIntervalSince1970: Double(today.ordinal) * 86_400 + 10 * 3_600)

    /// The demo company at 1 500 deals (Chinese names, pinyin initials, polyphones).
    static func demo() throws -> SQLiteStore {
        let store = try SQLiteStore(inMemoryWithClock: { now }, actor: "admin")
        _ = try store.importSnapshot(DemoCompany.generate(seed: 3, scale: 1_500, today: today, user: "admin", now: now))
        return store
    }

    static func scanning(_ db: Database, _ text: String) -> DealTextSQL { DealTextSQL.scanning(text) }

    /// Texts of one, two, three and more characters cut from the deals' own keys (titles,
    /// account names, their pinyin initials), and a few written out.
    static func texts(_ store: SQLiteStore) throws -> [String] {
        let keys = try store.read { db in try String.fetchAll(db, sql: "SELECT search_key FROM deal ORDER BY id LIMIT 8") }
        var texts: Set<String> = ["zgsh", "长春", "长", "z", "xm", "项目", "有限公司", "zg", "gs", "(sis)", "a b", "%", "_x", "没有这个", "qq"]
        for (n, key) in keys.enumerated() {
            for part in key.split(separator: SearchText.separator) {
                let scalars = Array(part.unicodeScalars)
                for length in [1, 2, 3, 4, 6] where scalars.count >= length {
                    let start = (n * 7 + length) % (scalars.count - length + 1)
                    let text = String(String.UnicodeScalarView(scalars[start..<(start + length)]))
                    if !text.trimmingCharacters(in: .whitespaces).isEmpty { texts.insert(text) }
                }
            }
        }
        return texts.sorted()
    }

    @Test func theIndexFindsWhatTheScanFindsForAManagerAndARep() throws {
        let store = try Self.demo()
        let users = try store.users()
        let manager = try #require(users.first { $0.role == .manager }?.name)
        let rep = try #require(users.first { $0.role == .rep }?.name)
        var kinds: Set<String> = []
        for name in [manager, rep] {
            let viewer = store.acting(as: name)
            let everything = try viewer.deals(DealQuery(filter: DealFilter(includeClosed: true), limit: 10_000)).rows
            #expect(everything.count > 100)
            for text in try Self.texts(store) {
                let plan = try store.read { db in try DealTextSQL.plan(db, text: text) }
                switch plan {
                case .candidates: kinds.insert("candidates \(text.unicodeScalars.count >= 3 ? 3 : text.unicodeScalars.count)")
                case .scan: kinds.insert("scan")
                case .nothing: kinds.insert("nothing")
                case .everything: break
                }
                // The Swift twin of the LIKE over every deal the user sees.
                let expected = Set(everything.filter {
                    SearchText.matches(key: Deal.searchKey(title: $0.title, accountName: $0.accountName), query: text)
                }.map(\.id))
                for includeClosed in [true, false] {
                    for sort in [DealSortKey.amount, .title] {
                        for offset in [0, 3] {
                            let query = DealQuery(filter: DealFilter(text: text, includeClosed: includeClosed), sort: sort,
                                                  offset: offset, limit: 40)
                            let fast = try viewer.deals(query)
                            let scan = try viewer.deals(query, planning: Self.scanning)
                            #expect(fast.rows == scan.rows && fast.total == scan.total, "\(name) \"\(text)\" \(sort) offset \(offset) closed \(includeClosed) (\(plan))")
                            if includeClosed && offset == 0 && sort == .amount {
                                #expect(fast.total == expected.count, "\(name) \"\(text)\"")
                                let all = try viewer.deals(DealQuery(filter: query.filter, limit: 10_000))
                                #expect(Set(all.rows.map(\.id)) == expected, "\(name) \"\(text)\"")
                            }
                        }
                    }
                }
                let filter = DealFilter(text: text)
                #expect(try viewer.dealTotals(filter).count == viewer.deals(DealQuery(filter: filter, limit: 1)).total)
            }
        }
        // Each way was taken: the scan for one character, the index for two and for three or more.
        #expect(kinds.isSuperset(of: ["scan", "candidates 2", "candidates 3", "nothing"]), "\(kinds.sorted())")
    }

    @Test func aNewDealARenameAndAnAccountRenameAreFoundAtOnce() throws {
        let store = try Self.demo()
        let account = try store.addAccount(Account(name: "鄂尔多斯鑫磊化工", grade: .b, assistance: 5, loyalty: 5, owner: "admin"))
        func found(_ text: String) throws -> Set<Int64> {
            let page = try store.deals(DealQuery(filter: DealFilter(text: text), limit: 10_000))
            #expect(page.rows.map(\.id) == (try store.deals(DealQuery(filter: DealFilter(text: text), limit: 10_000), planning: Self.scanning).rows.map(\.id)))
            // The total is counted once per store state: every write below must move it.
            #expect(page.total == page.rows.count, "\(text)")
            return Set(page.rows.map(\.id))
        }
        var deal = try store.addDeal(Deal(accountID: account.id, title: "焦化厂 DCS 改造", processKey: "project", stageKey: "develop",
                                          amount: Money(minorUnits: 700_000, currency: "CNY"), owner: "admin"))
        for text in ["鑫磊化", "鑫磊", "eeds", "jhc", "dcs 改", "改造", "焦化厂 dcs"] {
            #expect(try found(text).contains(deal.id), "new deal by \"\(text)\"")
        }
        deal = try store.editDeal(deal.id, expectedVersion: deal.version) { $0.title = "硫回收装置联锁" }
        #expect(try !found("焦化厂").contains(deal.id) && !found("dcs 改").contains(deal.id))
        #expect(try found("硫回收装").contains(deal.id) && found("lhszz").contains(deal.id) && found("联锁").contains(deal.id))
        _ = try store.editAccount(account.id, expectedVersion: account.version) { $0.name = "包头钢联" }
        #expect(try !found("鑫磊").contains(deal.id) && !found("鑫磊化").contains(deal.id) && !found("eeds").contains(deal.id))
        #expect(try found("包头钢").contains(deal.id) && found("btgl").contains(deal.id) && found("钢联").contains(deal.id))
        try store.deleteDeal(deal.id)
        #expect(try !found("硫回收装").contains(deal.id) && !found("钢联").contains(deal.id))
    }

    /// A bulk insert of deals (BulkIndexes: an import, a whole store's file, the demo) goes in
    /// without the index's trigger and fills the index once: every deal, old and new, is then
    /// found, and the trigger is back for the next write.
    @Test func aBulkInsertFillsTheIndexOnceAndPutsTheTriggerBack() throws {
        let store = try Self.demo()
        try store.write { db in
            try BulkIndexes.withoutSecondaryIndexes(on: "deal", db) {
                let triggers = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name = 'deal_text_added'")
                #expect(triggers.isEmpty)
                try db.execute(sql: """
                    CREATE TEMP TABLE more_deals AS SELECT * FROM deal WHERE id <= 40;
                    UPDATE more_deals SET id = id + 1000000, external_id = NULL, search_key = search_key || 'qxzq';
                    INSERT INTO deal SELECT * FROM more_deals;
                    DROP TABLE more_deals;
                    """)
            }
        }
        let found = { (text: String) in
            try store.read { db in
                (try Set(Int64.fetchAll(db, sql: "SELECT rowid FROM deal_text WHERE deal_text MATCH ?", arguments: ["\"\(text)\""])),
                 try Set(Int64.fetchAll(db, sql: "SELECT id FROM deal WHERE search_key LIKE ?", arguments: ["%\(text)%"])))
            }
        }
        let new = try found("xzq")
        #expect(new.0.count == 40 && new.0 == new.1)
        let keys = try store.read { db in try String.fetchAll(db, sql: "SELECT search_key FROM deal WHERE id < 1000000 ORDER BY id LIMIT 5") }
        for key in keys {
            let text = String(key.prefix(3))
            let old = try found(text)
            #expect(!old.0.isEmpty && old.0 == old.1, "\(text)")
        }
        _ = try store.write { db in
            try db.execute(sql: """
                CREATE TEMP TABLE one_more AS SELECT * FROM deal WHERE id = 1;
                UPDATE one_more SET id = 2000000, external_id = NULL, search_key = 'wvwvw';
                INSERT INTO deal SELECT * FROM one_more;
                DROP TABLE one_more;
                """)
        }
        #expect(try found("vwv").0 == [2_000_000])
    }

    @Test func aCopyFillsTheTargetsIndexFromItsDeals() throws {
        let source = try Self.demo()
        let target = try SQLiteStore(inMemoryWithClock: { Self.now }, actor: "admin")
        _ = try TableCopier.copy(from: source, to: target)
        #expect(try !target.copyableTables().contains { $0.name.hasPrefix("deal_text") })
        let title = try #require(try source.deals(DealQuery(limit: 1)).rows.first?.title)
        let scalars = Array(title.unicodeScalars)
        for length in [2, 3] {
            let text = String(String.UnicodeScalarView(scalars.prefix(length)))
            let query = DealQuery(filter: DealFilter(text: text, includeClosed: true), limit: 40)
            let copied = try target.deals(query)
            #expect(copied.total > 0, "\(text)")
            #expect(try copied.rows == source.deals(query).rows && copied.total == source.deals(query).total)
            #expect(try copied.rows == target.deals(query, planning: Self.scanning).rows)
        }
    }
}

@Suite("Deal table plans (v23)")
struct DealTablePlanTests {
    @Test func pagesByAmountNeedNoSortAndIndexCandidatesAreLookedUpById() throws {
        // A store with the planner's statistics, as a grown or loaded one has (a bulk load takes them).
        let store = try DealSearchIndexTests.demo()
        try store.write { db in try db.execute(sql: "ANALYZE") }
        try store.read { db in
            let deep = try DealIndexMigrationTests.plan(db, "SELECT d.id FROM deal d WHERE d.outcome = 'open' ORDER BY d.amount DESC, d.id LIMIT 40 OFFSET 50000")
            #expect(deep.contains("COVERING INDEX deal_amount_cover") && !deep.contains("TEMP B-TREE"), "\(deep)")
            let search = try DealIndexMigrationTests.plan(db, """
                SELECT COUNT(*) FROM deal d WHERE d.outcome = 'open' AND d.id IN (SELECT rowid FROM deal_text WHERE deal_text MATCH '"zgs"')
                AND d.search_key LIKE '%zgsh%'
                """)
            #expect(search.contains("INTEGER PRIMARY KEY") && search.contains("VIRTUAL TABLE"), "\(search)")
        }
    }
}
