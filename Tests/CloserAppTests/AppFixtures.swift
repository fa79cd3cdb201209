import CloserApp
import CloserCore
import CloserSQLite
import Foundation
import TerminalUI

/// Shared set-up for the dashboard tests: a fixed day and clock, a small hand-made pipeline with
/// Chinese names (for exact text), and helpers to drive the app and read the canvas.
enum Fixture {
    /// 2026-11-23 12:00:00 UTC (day ordinal 20 780).
    static let now = Date(timeIntervalSince1970: 20_780 * 86_400 + 12 * 3_600)
    static let today = Day(year: 2026, month: 11, day: 23)!
    static let user = "wang.lei"
    static let storeLocation = "/home/wang/closer.sqlite"

    /// Noon UTC of a day, so the day is the same in every time zone from UTC-11 to UTC+11.
    static func noon(_ year: Int, _ month: Int, _ day: Int) -> Date {
        Date(timeIntervalSince1970: Double(Day(year: year, month: month, day: day)!.ordinal) * 86_400 + 12 * 3_600)
    }

    static let sinopec = "中国石化北京分公司"
    static let huawei = "华为技术有限公司深圳研发中心"
    static let shanghai = "上海电气集团"

    /// The hand-made pipeline (project process), amounts in yuan:
    ///
    ///   #1 开发  炼油厂泵站改造   中国石化北京分公司 A  1 200 000 CNY  both develop milestones ticked, next step overdue (11-20), 10 days in stage
    ///   #2 开发  数据中心网络     华为…深圳研发中心 B      300 000 CNY  no milestones, no next step, 2 days
    ///   #3 销售进入 汽轮机备件    上海电气集团 C            80 000 CNY  develop milestone "graded" forced → at risk (odds 20% → 10%), due today, 20 days
    ///   #4 提案  储罐区安全监控   中国石化北京分公司 A  2 500 000 CNY  proposal milestone ticked, next step 12-01, 30 days
    ///   #5 商务谈判 汽轮机组长期服务合同（十年期） 上海电气集团 C  500 000 USD, next step 11-30, 40 days
    ///   投标 and 工程实施 are empty.
    static func snapshot(accountNames: [String]? = nil, dealTitles: [String]? = nil) -> Snapshot {
        let names = accountNames ?? [sinopec, huawei, shanghai]
        let titles = dealTitles ?? ["炼油厂泵站改造", "数据中心网络", "汽轮机备件", "储罐区安全监控", "汽轮机组长期服务合同（十年期）"]
        let accounts = [
            Account(id: 1, name: names[0], grade: .a, owner: user),
            Account(id: 2, name: names[1], grade: .b, owner: user),
            Account(id: 3, name: names[2], grade: .c, owner: "li.na"),
        ]
        let deals = [
            Deal(id: 1, accountID: 1, title: titles[0], processKey: "project", stageKey: "develop",
                 milestonesDone: ["graded", "project-info"], amount: Money(minorUnits: 120_000_000),
                 nextStep: "拜访总工", nextStepDue: Day(year: 2026, month: 11, day: 20), owner: user,
                 stageEnteredAt: noon(2026, 11, 13), createdAt: noon(2026, 11, 13), updatedAt: noon(2026, 11, 13)),
            Deal(id: 2, accountID: 2, title: titles[1], processKey: "project", stageKey: "develop",
                 amount: Money(minorUnits: 30_000_000), owner: user,
                 stageEnteredAt: noon(2026, 11, 21), createdAt: noon(2026, 11, 21), updatedAt: noon(2026, 11, 21)),
            Deal(id: 3, accountID: 3, title: titles[2], processKey: "project", stageKey: "entry",
                 amount: Money(minorUnits: 8_000_000), nextStep: "准备技术交流", nextStepDue: today, owner: "li.na",
                 overrides: [GateOverride(stageKey: "develop", milestoneKey: "graded", reason: "客户催得急", by: "li.na", at: noon(2026, 11, 3))],
                 stageEnteredAt: noon(2026, 11, 3), createdAt: noon(2026, 10, 1), updatedAt: noon(2026, 11, 3)),
            Deal(id: 4, accountID: 1, title: titles[3], processKey: "project", stageKey: "proposal",
                 milestonesDone: ["graded", "project-info", "coach-and-key-persons", "criteria-shaped"],
                 amount: Money(minorUnits: 250_000_000), nextStep: "提交方案", nextStepDue: Day(year: 2026, month: 12, day: 1), owner: user,
                 stageEnteredAt: noon(2026, 10, 24), createdAt: noon(2026, 9, 1), updatedAt: noon(2026, 10, 24)),
            Deal(id: 5, accountID: 3, title: titles[4], processKey: "project", stageKey: "negotiation",
                 milestonesDone: ["graded", "project-info", "coach-and-key-persons", "criteria-shaped", "bid-submitted"],
                 amount: Money(minorUnits: 50_000_000, currency: "USD"), nextStep: "商务谈判", nextStepDue: Day(year: 2026, month: 11, day: 30),
                 owner: "li.na", stageEnteredAt: noon(2026, 10, 14), createdAt: noon(2026, 8, 1), updatedAt: noon(2026, 10, 14)),
        ]
        return Snapshot(users: [User(name: user, role: .manager), User(name: "li.na", role: .manager)], accounts: accounts, deals: deals)
    }

    /// The demo company, with the fixture's user (a rep there) made a manager: the dashboard tests
    /// look at the whole company.
    static func demo() -> Snapshot { asManager(DemoCompany.generate(seed: 1, scale: nil, today: today, user: user)) }

    static func asManager(_ snapshot: Snapshot, _ name: String = user) -> Snapshot {
        var snapshot = snapshot
        snapshot.users = snapshot.users.map { $0.name == name ? User(name: name, role: .manager, displayName: $0.displayName) : $0 }
        return snapshot
    }

    /// An in-memory store acting as the fixture's user.
    static func memoryStore(_ snapshot: Snapshot? = nil) throws -> SQLiteStore {
        let store = try SQLiteStore(inMemoryWithClock: { now }, actor: user)
        if let snapshot { _ = try store.importSnapshot(snapshot) }
        return store
    }

    static func state(_ lang: Language = .zh, width: Int = 80, height: Int = 24, user: String = Fixture.user) -> AppState {
        var state = AppState(lang: lang, width: width, height: height, today: today, user: user, storeLocation: storeLocation)
        // The store's clock is fixed at `now`: the session opened an hour before.
        state.openedAt = now.addingTimeInterval(-3_600)
        return state
    }

    /// A started app over `store`.
    /// A started app acting as `user` (a SQLite store is handed over acting as them).
    static func app(_ store: any Store, _ lang: Language = .zh, width: Int = 80, height: Int = 24, user: String = Fixture.user) -> App {
        let acting: any Store = (store as? SQLiteStore).map { $0.acting(as: user) } ?? store
        let app = App(store: acting, state: state(lang, width: width, height: height, user: user))
        app.start()
        return app
    }

    /// A started app over the hand-made pipeline in a fresh in-memory store.
    static func handMade(_ lang: Language = .zh, width: Int = 80, height: Int = 24) throws -> (App, SQLiteStore) {
        let store = try memoryStore(snapshot())
        return (app(store, lang, width: width, height: height), store)
    }

    static func demoApp(_ lang: Language = .zh, width: Int = 80, height: Int = 24, user: String = Fixture.user) throws -> (App, SQLiteStore, Snapshot) {
        let snapshot = demo()
        let store = try memoryStore(snapshot)
        return (app(store, lang, width: width, height: height, user: user), store, snapshot)
    }
}

extension App {
    func key(_ key: Key) { handle(.key(key)) }
    func press(_ character: Character) { handle(.key(.char(character))) }
    /// Types text one Character at a time, as the terminal delivers it.
    func type(_ text: String) { for character in text { handle(.key(.char(character))) } }

    func canvas() -> Canvas {
        var canvas = Canvas(width: state.width, height: state.height)
        AppView.render(state, into: &canvas)
        return canvas
    }

    func lines() -> [String] { canvas().lines() }
    func screenText() -> String { lines().joined(separator: "\n") }
}

/// Builds an expected line from texts placed at display columns (what a terminal shows),
/// trailing spaces trimmed like `Canvas.lines()`.
func row(_ pieces: (Int, String)...) -> String {
    var line = ""
    var used = 0
    for (column, text) in pieces {
        precondition(column >= used, "pieces overlap at column \(column)")
        line += String(repeating: " ", count: column - used) + text
        used = column + TextWidth.of(text)
    }
    while line.last == " " { line.removeLast() }
    return line
}

extension Canvas {
    /// Every wide character has its continuation cell, and no continuation cell is orphaned.
    var wideCharactersIntact: Bool {
        for y in 0..<height {
            for x in 0..<width {
                guard let here = self.cell(x: x, y: y) else { return false }
                if here.width == 2, self.cell(x: x + 1, y: y)?.isContinuation != true { return false }
                if here.isContinuation, self.cell(x: x - 1, y: y)?.width != 2 { return false }
            }
        }
        return true
    }

    /// The visible text of one row between two columns (wide characters once).
    func text(y: Int, from x0: Int, to x1: Int) -> String {
        (x0..<min(x1, width)).compactMap { cell(x: $0, y: y)?.text }.joined()
    }
}
