import CloserApp
import CloserCore
import CloserSQLite
import Foundation
import TerminalUI

/// `closer-bench accounts`: the account screens on a big store, through the App exactly as the
/// terminal drives it (`handle(.key)` + `AppView.render` into a 160×48 Canvas), and the store
/// reads beneath them. Each case: 1 cold run (a freshly opened store and a new App) and --runs
/// warm runs (the same store and App); milliseconds.
struct AccountsBench {
    let path: String
    let runs: Int
    static let width = 160, height = 48
    /// The user the App acts as (--user, default "wang.lei", a rep of the demo company), who sees
    /// the pool and their own (a visibility test on every row); a manager sees every account.
    let user: String

    init(_ arguments: Arguments) throws {
        try arguments.check(allowed: ["db", "runs", "user"])
        path = try arguments.string("db")
        runs = max(1, try arguments.int("runs", default: 20))
        user = (try? arguments.string("user")) ?? "wang.lei"
    }

    func makeApp(_ store: SQLiteStore, screen: ScreenID) -> App {
        var state = AppState(lang: .en, width: Self.width, height: Self.height, today: Day.today(), user: user, storeLocation: store.location)
        state.screen = screen
        return App(store: store, state: state)
    }

    static func check(_ app: App, _ what: String) throws {
        if let message = app.state.message, message.isError { throw BenchError("\(what): \(message.text)") }
    }

    func run() throws {
        guard FileManager.default.fileExists(atPath: path) else {
            throw BenchError("no store at \(path): create it first with closer-bench store --db \(path)")
        }
        let store = try SQLiteStore(path: path, actor: user)
        let accounts = try store.accounts(AccountQuery(limit: 1)).total
        let viewer = try store.users().first { $0.name == user }.map { "\($0.role)" } ?? "not a user of this store"
        print("closer-bench accounts — \(path): \(accounts) accounts; user \(user) (\(viewer)); \(Self.width)x\(Self.height) canvas")
        print("timing: cold = first run on a freshly opened store (new connection, empty page cache; the OS file cache may be warm),")
        print("        then \(runs) warm runs; milliseconds; handle = App.handle(.key) incl. the store reads, render = AppView.render\n")
        try typing()
        try sorting()
        try quadrant()
    }

    // MARK: Search as you type

    struct Samples {
        var store: [Double] = []
        var handle: [Double] = []
        var render: [Double] = []
        var total: [Double] = []
        var cold = Double.nan
        var rows = ""
    }

    /// Types `text` one character at a time into the accounts screen's search (after `/`), each
    /// keystroke timed; Esc clears the search between runs (untimed).
    func typing() throws {
        var table = Table(["keystroke (accounts screen, /)", "cold", "store med", "handle med", "render med", "total med", "total p95",
                           "total max", "rows"], firstNumeric: 1)
        for text in ["zgsh", "长春", "grade:A,B pipeline>500k"] {
            let store = try SQLiteStore(path: path, actor: user)
            let app = makeApp(store, screen: .accounts)
            app.start()
            try Self.check(app, "start")
            var canvas = Canvas(width: Self.width, height: Self.height)
            AppView.render(app.state, into: &canvas)
            var perPrefix: [String: Samples] = [:]
            var all = Samples()
            for run in 0...runs {
                app.handle(.key(.escape))
                app.handle(.key(.char("/")))
                guard app.state.accountSearch.editing else { throw BenchError("/ did not start the account search") }
                var typed = ""
                for character in text {
                    typed.append(character)
                    let (_, handleMS) = Timer.ms { app.handle(.key(.char(character))) }
                    let (_, renderMS) = Timer.ms { AppView.render(app.state, into: &canvas) }
                    try Self.check(app, "typing \(typed)")
                    // The store's part of `handle`, untimed in the total: the same page read again.
                    let state = app.state
                    let query = AccountQuery(conditions: state.accountSearch.conditions, sort: state.accounts.sort.sortKey,
                                             ascending: state.accounts.ascending, offset: 0, limit: Self.height - 6)
                    let (_, storeMS) = try Timer.ms { try store.accounts(query) }
                    let total = handleMS + renderMS
                    if run == 0 {
                        perPrefix[typed, default: Samples()].cold = total
                    } else {
                        perPrefix[typed, default: Samples()].store.append(storeMS)
                        perPrefix[typed, default: Samples()].handle.append(handleMS)
                        perPrefix[typed, default: Samples()].render.append(renderMS)
                        perPrefix[typed, default: Samples()].total.append(total)
                        all.total.append(total)
                    }
                    perPrefix[typed, default: Samples()].rows = "\(app.state.accounts.page?.total ?? -1)"
                        + (app.state.accountSearch.error == nil ? "" : " (parse error: last good kept)")
                }
            }
            var prefix = ""
            let showEach = text.count <= 6
            var worstCold = 0.0
            for character in text {
                prefix.append(character)
                guard let s = perPrefix[prefix] else { continue }
                worstCold = max(worstCold, s.cold)
                if showEach || prefix == text {
                    let total = Stats(s.total)
                    table.add(["\"\(prefix)\"", fmt(s.cold), fmt(Stats(s.store).median), fmt(Stats(s.handle).median), fmt(Stats(s.render).median),
                               fmt(total.median), fmt(total.p95), fmt(total.max), s.rows])
                }
            }
            let every = Stats(all.total)
            table.add(["  every keystroke of \"\(text)\" (\(text.count) keys × \(runs))", fmt(worstCold) + " worst", "", "", "",
                       fmt(every.median), fmt(every.p95), fmt(every.max), ""])
        }
        print("search as you type: one keystroke = handle + render (rows = matching accounts after the key);")
        print("store = store.accounts for the page shown, read again after the key (inside handle, not added to the total)")
        print(table.printed() + "\n")
    }

    // MARK: Sorting

    func sorting() throws {
        var table = Table(["sort, page 1", "cold", "min", "median", "p95", "result"], firstNumeric: 1)
        let cases: [(String, AccountColumn, Bool)] = [("pipeline desc", .pipeline, false), ("name asc", .name, true),
                                                      ("last activity desc", .lastActivity, false)]
        for (label, column, ascending) in cases {
            // Store alone: the page the table shows at 160×48.
            let pageSize = Self.height - 6
            let query = AccountQuery(sort: column.sortKeyForBench, ascending: ascending, limit: pageSize)
            try bench(into: &table, "store.accounts \(label), \(pageSize) rows") { store in
                let page = try store.accounts(query)
                return "\(page.rows.count) rows of \(page.total)"
            }
        }
        for (label, column, _) in cases {
            // The App: `s` (sort by the next visible column, its default direction) + render,
            // pressed (untimed) until the next column is the one measured.
            let visible = AccountColumnLayout().visible
            guard let index = visible.firstIndex(of: column) else { continue }
            let before = visible[(index + visible.count - 1) % visible.count]
            var app: App?
            try bench(into: &table, "App key s → \(label) + render", setUp: { store in
                let made = makeApp(store, screen: .accounts)
                made.start()
                app = made
            }, untimed: { _ in
                guard let app else { return }
                var guardCount = 0
                while app.state.accounts.sort != before, guardCount < visible.count * 2 {
                    app.handle(.key(.char("s")))
                    guardCount += 1
                }
            }) { _ in
                guard let app else { return "" }
                app.handle(.key(.char("s")))
                var canvas = Canvas(width: Self.width, height: Self.height)
                AppView.render(app.state, into: &canvas)
                try Self.check(app, "sort")
                guard app.state.accounts.sort == column else { throw BenchError("s sorted by \(app.state.accounts.sort), not \(column)") }
                return "\(app.state.accounts.ascending ? "asc" : "desc"), first: \(app.state.accounts.page?.rows.first?.account.name ?? "-")"
            }
        }
        print(table.printed() + "\n")
    }

    // MARK: Quadrant

    func quadrant() throws {
        var table = Table(["quadrant", "cold", "min", "median", "p95", "result"], firstNumeric: 1)
        try bench(into: &table, "App.start on screen 4 + render (first frame)") { store in
            let app = makeApp(store, screen: .quadrant)
            app.start()
            var canvas = Canvas(width: Self.width, height: Self.height)
            AppView.render(app.state, into: &canvas)
            try Self.check(app, "quadrant")
            let s = app.state.quadrant.summary
            return "\(s?.total ?? 0) accounts, \(s?.quadrants.values.map(\.top.count).reduce(0, +) ?? 0) listed"
        }
        try bench(into: &table, "  of which App.start on screen 4 (no render)") { store in
            let app = makeApp(store, screen: .quadrant)
            app.start()
            try Self.check(app, "quadrant")
            return "catalog, users, viewer, summary, moves"
        }
        var app: App?
        var canvas = Canvas(width: Self.width, height: Self.height)
        try bench(into: &table, "  of which AppView.render (lists)", setUp: { store in
            let made = makeApp(store, screen: .quadrant)
            made.start()
            app = made
        }) { _ in
            guard let app else { return "" }
            AppView.render(app.state, into: &canvas)
            return "no store read"
        }
        try bench(into: &table, "  scatter: → (cursor cell moves: its leaders read) + render", setUp: { store in
            let made = makeApp(store, screen: .quadrant)
            made.start()
            made.handle(.key(.char("t")))
            app = made
        }) { _ in
            guard let app else { return "" }
            // Between assistance 6 and 7 (both high-loyalty cells are crowded at 20k accounts): one key each run.
            app.handle(.key(app.state.quadrant.cellAssistance >= 7 ? .char("h") : .char("l")))
            AppView.render(app.state, into: &canvas)
            try Self.check(app, "scatter")
            let q = app.state.quadrant
            return "cell \(q.cellAssistance),\(q.cellLoyalty): \(q.summary?.cell(assistance: q.cellAssistance, loyalty: q.cellLoyalty).count ?? 0)"
        }
        try bench(into: &table, "  t (toggle lists ↔ scatter) + render", setUp: { store in
            let made = makeApp(store, screen: .quadrant)
            made.start()
            app = made
        }) { _ in
            guard let app else { return "" }
            app.handle(.key(.char("t")))
            var canvas = Canvas(width: Self.width, height: Self.height)
            AppView.render(app.state, into: &canvas)
            return "no store read"
        }
        try bench(into: &table, "  v (value: pipeline ↔ LTV, a reload) + render", setUp: { store in
            let made = makeApp(store, screen: .quadrant)
            made.start()
            app = made
        }) { _ in
            guard let app else { return "" }
            app.handle(.key(.char("v")))
            var canvas = Canvas(width: Self.width, height: Self.height)
            AppView.render(app.state, into: &canvas)
            try Self.check(app, "v")
            return "\(app.state.quadrant.metric)"
        }
        // The frames at 160×48 list 19 accounts each.
        let top = 19
        let cases: [(String, AccountQuery, Bool)] = [
            ("all, by pipeline", AccountQuery(), false),
            ("all, by LTV", AccountQuery(), true),
            ("grade:A,B pipeline>500k", AccountQuery(conditions: try AccountQueryLanguage.parse("grade:A,B pipeline>500k")), false),
            ("text zgsh", AccountQuery(conditions: [.text("zgsh")]), false),
        ]
        for (label, query, ltv) in cases {
            try bench(into: &table, "store.quadrantSummary \(label), top \(top)") { store in
                let s = try store.quadrantSummary(query, topPerQuadrant: top, rankByLifetimeValue: ltv)
                return "\(s.total) accounts, \(s.cells.filter { $0.count > 0 }.count) cells"
            }
        }
        try bench(into: &table, "store.quadrantCell 7,8 all, top \(QuadrantSummary.accountsPerCell)") { store in
            let rows = try store.quadrantCell(AccountQuery(), assistance: 7, loyalty: 8, top: QuadrantSummary.accountsPerCell, rankByLifetimeValue: false)
            return "\(rows.count) rows"
        }
        try bench(into: &table, "store.accountSummary (the 360° view's figures)") { store in
            // The first account the user sees (account 1 may be another rep's).
            guard let id = try store.accounts(AccountQuery(limit: 1)).rows.first?.id else { return "no account visible" }
            let s = try store.accountSummary(id)
            return s.account.name
        }
        print(table.printed())
    }

    /// 1 cold run on a freshly opened store, then `runs` warm runs; `setUp` (untimed) runs once per store.
    /// `untimed` runs before each timed run.
    func bench(into table: inout Table, _ name: String, setUp: (SQLiteStore) throws -> Void = { _ in },
               untimed: (SQLiteStore) throws -> Void = { _ in }, _ body: (SQLiteStore) throws -> String) throws {
        let fresh = try SQLiteStore(path: path, actor: user)
        try setUp(fresh)
        try untimed(fresh)
        let (note, cold) = try Timer.ms { try body(fresh) }
        var warm = [Double]()
        for _ in 0..<runs {
            try untimed(fresh)
            warm.append(try Timer.ms { try body(fresh) }.1)
        }
        let stats = Stats(warm)
        table.add([name, fmt(cold), fmt(stats.min), fmt(stats.median), fmt(stats.p95), note])
    }
}

extension AccountColumn {
    var sortKeyForBench: AccountSortKey {
        switch self {
        case .pipeline: .pipeline
        case .lastActivity: .lastActivity
        default: .name
        }
    }
}
