import CloserApp
import CloserCore
import CloserPostgres
import CloserSQLite
import Foundation
import TerminalUI

/// `closer-bench backends`: the cases the team server is held to, on one store (a file or a
/// PostgreSQL server), in one table, so a run on each backend gives the two columns to compare:
/// the board's first frame, a selection move, a deal-table page at two offsets, search as you
/// type (again, and anew after a write), the weekly review, and (given a new target) a copy of the whole store.
struct BackendsBench {
    let location: String
    let runs: Int
    let user: String
    let copyTo: String?
    static let width = 160, height = 48

    init(_ arguments: Arguments) throws {
        try arguments.check(allowed: ["db", "runs", "user", "copy-to"])
        location = try arguments.string("db")
        runs = max(1, try arguments.int("runs", default: 20))
        user = (try? arguments.string("user")) ?? "wang.lei"
        copyTo = try? arguments.string("copy-to")
    }

    func run() throws {
        guard BenchStore.exists(location) else { throw BenchError("no store at \(location): load one with closer demo --scale 100000") }
        let store = try BenchStore.open(location, actor: user)
        let deals = try store.deals(DealQuery(filter: DealFilter(includeClosed: true), limit: 1)).total
        let accounts = try store.accounts(AccountQuery(limit: 1)).total
        print("closer-bench backends — \(store.location) as \(user): \(deals) deals, \(accounts) accounts visible")
        print("milliseconds; 1 cold run (a store opened for it) + \(runs) warm runs; keys: p99 of \(runs * 5) presses\n")
        var table = Table(["case", "cold", "min", "median", "p95", "p99", "aim"], firstNumeric: 1)

        func time(_ label: String, aim: String, before: ((any Store, Int) throws -> Void)? = nil, _ body: (any Store) throws -> Void) throws {
            let fresh = try BenchStore.open(location, actor: user)
            var samples: [Double] = []
            for run in 0...runs {
                try before?(fresh, run)
                samples.append(try Timer.ms { try body(fresh) }.1)
            }
            let warm = Stats(Array(samples.dropFirst()))
            table.add([label, fmt(samples[0]), fmt(warm.min), fmt(warm.median), fmt(warm.p95), fmt(warm.percentile(99)), aim])
        }

        try time("board: App.start + first frame 160×48", aim: "≤ 100") { store in _ = try firstFrame(store) }
        try keys(&table)
        for offset in [0, 50_000] {
            let query = DealQuery(sort: .amount, ascending: false, offset: offset, limit: 40)
            try time("deal table page, offset \(offset)", aim: "≤ 10") { _ = try $0.deals(query) }
        }
        for text in ["zgsh", "长春"] {
            try time("search accounts \"\(text)\"", aim: "≤ 10") { _ = try $0.accounts(AccountQuery(text: text, limit: 40)) }
            let query = DealFilter(text: text)
            try time("search deals \"\(text)\"", aim: "≤ 10") { _ = try $0.deals(DealQuery(filter: query, sort: .amount, limit: 40)) }
        }
        // A text typed anew: each store keeps what a search found only while nothing is written
        // (SQLite its counts, PostgreSQL its matches), so each run follows a write and another
        // search, neither timed, and finds its matches from the indexes again.
        for text in ["zgsh", "长春"] {
            let query = DealFilter(text: text)
            try time("search deals \"\(text)\" after a write", aim: "≤ 10", before: { store, run in
                try store.saveFilter(SavedFilter(name: "closer-bench-\(user)", query: run % 2 == 0 ? "grade:A" : "grade:B", owner: user))
                _ = try store.deals(DealQuery(filter: DealFilter(text: "春"), sort: .amount, limit: 40))
            }) { _ = try $0.deals(DealQuery(filter: query, sort: .amount, limit: 40)) }
        }
        let today = Day.today()
        try time("weekly review (13-week window)", aim: "≤ 300") { _ = try $0.weeklyReview(ReviewQuery(today: today, listLimit: 200)) }
        print(table.printed())
        if let copyTo { try copy(to: copyTo) }
    }

    func makeApp(_ store: any Store) -> App {
        App(store: store, state: AppState(lang: .en, width: Self.width, height: Self.height, today: Day.today(),
                                         user: user, storeLocation: store.location))
    }

    func firstFrame(_ store: any Store) throws -> App {
        let app = makeApp(store)
        app.start()
        if let message = app.state.message, message.isError { throw BenchError("start: \(message.text)") }
        var canvas = Canvas(width: Self.width, height: Self.height)
        AppView.render(app.state, into: &canvas)
        return app
    }

    /// A selection move on the board: j (down) and k (up), each handled and drawn.
    func keys(_ table: inout Table) throws {
        let app = try firstFrame(try BenchStore.open(location, actor: user))
        var canvas = Canvas(width: Self.width, height: Self.height)
        var samples: [Double] = []
        for round in 0..<runs {
            for _ in 0..<5 {
                let key: Key = round % 2 == 0 ? .char("j") : .char("k")
                samples.append(Timer.ms {
                    app.handle(.key(key))
                    AppView.render(app.state, into: &canvas)
                }.1)
                if let message = app.state.message, message.isError { throw BenchError("key \(key): \(message.text)") }
            }
        }
        let stats = Stats(samples)
        table.add(["board: selection move (j/k + frame)", "-", fmt(stats.min), fmt(stats.median), fmt(stats.p95), fmt(stats.percentile(99)), "p99 ≤ 10"])
    }

    /// The whole store into a new one (the other backend, usually), as `closer copy` does.
    func copy(to target: String) throws {
        let source = try Self.tables(location)
        let destination = try Self.tables(target, creating: true)
        let (report, ms) = try Timer.ms { try TableCopier.copy(from: source, to: destination) }
        let rows = report.tables.reduce(0) { $0 + $1.rows }
        print("\ncopy of the whole store to \(target): \(fmt(ms)) ms, \(report.tables.count) tables, \(rows) rows, every checksum agrees")
    }

    static func tables(_ location: String, creating: Bool = false) throws -> any TableSource & TableTarget {
        guard BenchStore.isServer(location) else { return try SQLiteStore(path: location, actor: "bench") }
        let settings = try PostgresSettings(url: location)
        if creating, try PostgresServer.schemaVersion(settings) == 0 { _ = try PostgresServer.initialize(settings) }
        return try PostgresStore(settings: settings)
    }
}
