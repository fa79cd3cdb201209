import CloserCore
import CloserSQLite
import Foundation
import StoreTestSupport
import Testing

/// Query-language conditions against a small hand-made store, today = 2026-11-23.
///
///   id name          grade quadrant (a,l)    industry   region  nature  scale owner     visibility tags
///   1  中国石化       A     opportunity (7,3) 化工        华东     国企     大型   alice     owned      迎春花
///   2  Acme Steel    B     strategic (8,8)   Steel      华北     private 中型   bob       shared     Key Account, 腊梅花
///   3  华东化工集团    B     loyal (3,8)       化工        华东区   国企     大型   (pool)    pool       —
///   4  Beta Chemicals C    market (2,2)      chemicals  华南     foreign 小型   alice     owned      迎春花, 腊梅花
///   5  上海机械       D     opportunity (6,2) 机械        华东     private ""     Wang.Lei  exclusive  —
///
/// Deals (amounts major units; open deals sit in "develop", probability 10 %):
///   1: open 600k + 200k CNY, won 300k  → pipeline 800k, weighted 80k, won 300k
///   2: open 500k                       → pipeline 500k, weighted 50k
///   3: open 100k CNY + 1M USD          → pipeline 100k (USD not added), weighted 10k
///   4: lost 900k                       → all 0
///   5: none                            → all 0
/// Last activity: 1 on 11-20 (3 days), 2 on 10-24 (30 days), 3 on 10-23 (31 days), 4 never, 5 on 11-16 (7 days).
@Suite("Account query-language conditions in SQL")
struct AccountConditionTests {
    static let today = Day(year: 2026, month: 11, day: 23)!
    static let manager = Viewer(name: "alice", role: .manager)

    static func day(_ text: String) -> Day { Day(text) ?? today }

    static func store(_ backend: Backend) throws -> any TestStore {
        let store = try StoreFixture.store(backend)
        func account(_ id: Int64, _ name: String, _ grade: Grade, _ assistance: Int, _ loyalty: Int, _ industry: String,
                     _ region: String, _ nature: String, _ scale: String, _ owner: String?, _ visibility: Visibility,
                     _ tags: [String]) -> Account {
            Account(id: id, name: name, grade: grade, assistance: assistance, loyalty: loyalty, industry: industry, region: region,
                    businessNature: nature, scale: scale, owner: owner, visibility: visibility, tags: tags, version: 1)
        }
        func deal(_ id: Int64, _ account: Int64, _ major: Int64, currency: String = "CNY", outcome: Outcome = .open) -> Deal {
            Deal(id: id, accountID: account, title: "Deal \(id)", processKey: "project", stageKey: "develop",
                 amount: Money(minorUnits: major * 100, currency: currency), owner: "alice", outcome: outcome,
                 outcomeReason: outcome == .lost ? "price" : "", version: 1)
        }
        func activity(_ id: Int64, _ account: Int64, _ day: String) -> Activity {
            Activity(id: id, accountID: account, kind: .visit, day: Self.day(day), by: "alice")
        }
        let snapshot = Snapshot(
            accounts: [
                account(1, "中国石化", .a, 7, 3, "化工", "华东", "国企", "大型", "alice", .owned, ["迎春花"]),
                account(2, "Acme Steel", .b, 8, 8, "Steel", "华北", "private", "中型", "bob", .shared, ["Key Account", "腊梅花"]),
                account(3, "华东化工集团", .b, 3, 8, "化工", "华东区", "国企", "大型", nil, .pool, []),
                account(4, "Beta Chemicals", .c, 2, 2, "chemicals", "华南", "foreign", "小型", "alice", .owned, ["迎春花", "腊梅花"]),
                account(5, "上海机械", .d, 6, 2, "机械", "华东", "private", "", "Wang.Lei", .exclusive, []),
            ],
            deals: [
                deal(1, 1, 600_000), deal(2, 1, 200_000), deal(3, 1, 300_000, outcome: .won),
                deal(4, 2, 500_000),
                deal(5, 3, 100_000), deal(6, 3, 1_000_000, currency: "USD"),
                deal(7, 4, 900_000, outcome: .lost),
            ],
            activities: [
                activity(1, 1, "2026-11-20"), activity(2, 1, "2026-09-01"),
                activity(3, 2, "2026-10-24"),
                activity(4, 3, "2026-10-23"),
                activity(5, 5, "2026-11-16"),
            ])
        _ = try store.importSnapshot(snapshot)
        return store
    }

    /// The ids of the accounts `conditions` select, in id order.
    static func ids(_ store: any TestStore, _ conditions: [AccountCondition], viewer: Viewer? = manager,
                    grades: Set<Grade> = [], text: String = "") throws -> [Int64] {
        try AccountQuery.$today.withValue(today) {
            let page = try store.viewing(viewer).accounts(AccountQuery(text: text, grades: grades, conditions: conditions, sort: .id, limit: 100))
            #expect(page.total == page.rows.count)
            return page.rows.map(\.id)
        }
    }

    static func ids(_ store: any TestStore, _ query: String, viewer: Viewer? = manager) throws -> [Int64] {
        try ids(store, try AccountQueryLanguage.parse(query), viewer: viewer)
    }

    @Test(arguments: Backend.allCases) func rollupsAreWhatTheTableSays(_ backend: Backend) throws {
        let store = try Self.store(backend)
        let rows = try store.accounts(AccountQuery(sort: .id, limit: 10)).rows
        #expect(rows.map(\.pipeline) == [80_000_000, 50_000_000, 10_000_000, 0, 0])
        #expect(rows.map(\.weighted) == [8_000_000, 5_000_000, 1_000_000, 0, 0])
        #expect(rows.map(\.won) == [30_000_000, 0, 0, 0, 0])
        #expect(rows.map { $0.lastActivity?.description } == ["2026-11-20", "2026-10-24", "2026-10-23", nil, "2026-11-16"])
    }

    @Test(arguments: Backend.allCases) func text(_ backend: Backend) throws {
        let store = try Self.store(backend)
        #expect(try Self.ids(store, [.text("zgsh")]) == [1])
        #expect(try Self.ids(store, [.text("hdhg")]) == [3])
        #expect(try Self.ids(store, [.text("化工")]) == [3])
        #expect(try Self.ids(store, "steel ACME") == [2])
        #expect(try Self.ids(store, "acme beta") == [])
        #expect(try Self.ids(store, [.text("%")]) == [])
        #expect(try Self.ids(store, [.text("'; DROP TABLE account; --")]) == [])
        #expect(try Self.ids(store, [.text("")]) == [1, 2, 3, 4, 5])
    }

    @Test(arguments: Backend.allCases) func gradesQuadrantsVisibility(_ backend: Backend) throws {
        let store = try Self.store(backend)
        #expect(try Self.ids(store, "grade:A,B") == [1, 2, 3])
        #expect(try Self.ids(store, "grade:d") == [5])
        #expect(try Self.ids(store, "quadrant:opportunity") == [1, 5])
        #expect(try Self.ids(store, "象限:忠实客户,market") == [3, 4])
        #expect(try Self.ids(store, "quadrant:战略") == [2])
        #expect(try Self.ids(store, "visibility:pool,shared") == [2, 3])
        #expect(try Self.ids(store, "vis:独占") == [5])
        #expect(try Self.ids(store, [.grades([])]) == [])
    }

    @Test(arguments: Backend.allCases) func textFieldsMatchFromTheStart(_ backend: Backend) throws {
        let store = try Self.store(backend)
        #expect(try Self.ids(store, "region:华东") == [1, 3, 5])
        #expect(try Self.ids(store, "区域:华东区") == [3])
        #expect(try Self.ids(store, "region:华北,华南") == [2, 4])
        #expect(try Self.ids(store, "region:东") == [])
        #expect(try Self.ids(store, "industry:化工") == [1, 3])
        #expect(try Self.ids(store, "industry:CHEM") == [4])
        #expect(try Self.ids(store, "industry:机") == [5])
        #expect(try Self.ids(store, "industry:机%") == [])
        #expect(try Self.ids(store, "industry:_械") == [])
        #expect(try Self.ids(store, "nature:国企") == [1, 3])
        #expect(try Self.ids(store, "scale:大型") == [1, 3])
        #expect(try Self.ids(store, "scale:\"\"") == [5])
    }

    @Test(arguments: Backend.allCases) func owner(_ backend: Backend) throws {
        let store = try Self.store(backend)
        #expect(try Self.ids(store, "owner:me") == [1, 4])
        #expect(try Self.ids(store, "owner:me", viewer: Viewer(name: "bob", role: .manager)) == [2])
        #expect(try Self.ids(store, "owner:me", viewer: nil) == [])
        #expect(try Self.ids(store, "owner:me,none", viewer: nil) == [3])
        #expect(try Self.ids(store, "owner:none") == [3])
        #expect(try Self.ids(store, "负责人:wang.lei") == [5])
        #expect(try Self.ids(store, "owner:bob,pool") == [2, 3])
        #expect(try Self.ids(store, AccountQueryLanguage.resolvingMe(try AccountQueryLanguage.parse("owner:me"), as: "bob"), viewer: nil) == [2])
    }

    @Test(arguments: Backend.allCases) func tags(_ backend: Backend) throws {
        let store = try Self.store(backend)
        #expect(try Self.ids(store, "tag:迎春花") == [1, 4])
        #expect(try Self.ids(store, "标签:腊梅花") == [2, 4])
        #expect(try Self.ids(store, "tag:\"key account\"") == [2])
        #expect(try Self.ids(store, "tag:key") == [])
        #expect(try Self.ids(store, "tag:迎春花 tag:腊梅花") == [4])
    }

    @Test(arguments: Backend.allCases) func amounts(_ backend: Backend) throws {
        let store = try Self.store(backend)
        #expect(try Self.ids(store, "pipeline>500k") == [1])
        #expect(try Self.ids(store, "pipeline>=500k") == [1, 2])
        #expect(try Self.ids(store, "pipeline<100k") == [4, 5])
        #expect(try Self.ids(store, "pipeline<=10万") == [3, 4, 5])
        #expect(try Self.ids(store, "pipeline=0") == [4, 5])
        #expect(try Self.ids(store, "pipeline>=0.8M") == [1])
        #expect(try Self.ids(store, "weighted>=50k") == [1, 2])
        #expect(try Self.ids(store, "weighted<20k") == [3, 4, 5])
        #expect(try Self.ids(store, "won>0") == [1])
        #expect(try Self.ids(store, "won=300k") == [1])
    }

    @Test(arguments: Backend.allCases) func lastActivity(_ backend: Backend) throws {
        let store = try Self.store(backend)
        #expect(try Self.ids(store, "last>30d") == [3, 4])
        #expect(try Self.ids(store, "last>=30") == [2, 3, 4])
        #expect(try Self.ids(store, "last=30d") == [2])
        #expect(try Self.ids(store, "last>4w") == [2, 3, 4])
        #expect(try Self.ids(store, "last<7d") == [1])
        #expect(try Self.ids(store, "last<=7d") == [1, 5])
        #expect(try Self.ids(store, "last<=1w") == [1, 5])
        #expect(try Self.ids(store, "last>0") == [1, 2, 3, 4, 5])
    }

    @Test(arguments: Backend.allCases) func lastActivityCountsFromToday(_ backend: Backend) throws {
        let store = try Self.store(backend)
        // A week later, account 5's visit is 14 days old and account 1's 10.
        let later = try AccountQuery.$today.withValue(Self.today.adding(days: 7)) {
            try store.accounts(AccountQuery(conditions: [.lastActivityDays(.less, 14)], sort: .id)).rows.map(\.id)
        }
        #expect(later == [1])
    }

    @Test(arguments: Backend.allCases) func combinations(_ backend: Backend) throws {
        let store = try Self.store(backend)
        #expect(try Self.ids(store, "grade:A,B region:华东") == [1, 3])
        #expect(try Self.ids(store, "tag:迎春花 last>30d") == [4])
        #expect(try Self.ids(store, "quadrant:opportunity pipeline>0") == [1])
        #expect(try Self.ids(store, "owner:none,alice industry:化工") == [1, 3])
        #expect(try Self.ids(store, "等级:B 区域:华东 hdhg last>30d pipeline>=100k") == [3])
        #expect(try Self.ids(store, "region:华东 zgsh") == [1])
        // With the query's own grade and text options.
        #expect(try Self.ids(store, try AccountQueryLanguage.parse("region:华东"), grades: [.a, .d]) == [1, 5])
        #expect(try Self.ids(store, try AccountQueryLanguage.parse("region:华东"), text: "shjx") == [5])
    }
}
