import CloserApp
import CloserCore
import CloserSQLite
import Foundation
import TerminalUI

/// `closer-bench render`: the dashboard without a terminal. Times building the first frame and
/// handling keys, drawing into a 160×48 Canvas exactly as `TerminalRunner` does before it hands
/// the canvas to ncurses; "cells" is how many cells differ from the previous frame (what
/// `Screen.flush` would redraw).
struct RenderBench {
    let path: String
    let runs: Int
    let rounds: Int
    /// Who the App acts as (--user, default "wang.lei", a rep of the demo company): a name that is
    /// not a user of the store sees nothing.
    let user: String
    static let width = 160, height = 48

    init(_ arguments: Arguments) throws {
        try arguments.check(allowed: ["db", "runs", "rounds", "user"])
        path = try arguments.string("db")
        runs = max(1, try arguments.int("runs", default: 20))
        rounds = max(1, try arguments.int("rounds", default: 5))
        user = (try? arguments.string("user")) ?? "wang.lei"
    }

    func makeApp(_ store: SQLiteStore) -> App {
        App(store: store, state: AppState(lang: .en, width: Self.width, height: Self.height, today: Day.today(),
                                         user: user, storeLocation: store.location))
    }

    func run() throws {
        guard FileManager.default.fileExists(atPath: path) else {
            throw BenchError("no store at \(path): create it first with closer-bench store --db \(path)")
        }
        print("closer-bench render — \(path) as \(user), \(Self.width)x\(Self.height) canvas, milliseconds\n")
        var frames = Table(["first frame", "cold", "min", "median", "p95", "cells"], firstNumeric: 1)
        // App.start() loads the catalog, users and the board; TerminalRunner then sends a resize
        // event (a second reload) before it draws, so both variants are shown.
        for withResize in [false, true] {
            let store = try SQLiteStore(path: path, actor: user)
            var samples = [Double]()
            var cells = 0
            for _ in 0...runs {
                let (canvas, ms) = try Timer.ms { () throws -> Canvas in
                    let app = makeApp(store)
                    app.start()
                    if withResize { app.handle(.resize(width: Self.width, height: Self.height)) }
                    if let message = app.state.message, message.isError { throw BenchError("start: \(message.text)") }
                    var canvas = Canvas(width: Self.width, height: Self.height)
                    AppView.render(app.state, into: &canvas)
                    return canvas
                }
                cells = canvas.changedCells(since: nil).count
                samples.append(ms)
            }
            let warm = Stats(Array(samples.dropFirst()))
            frames.add([withResize ? "start + resize + render (as TerminalRunner)" : "App.start + render",
                        fmt(samples[0]), fmt(warm.min), fmt(warm.median), fmt(warm.p95), "\(cells)"])
        }
        print(frames.printed())
        print("(cold = first App on a freshly opened store; warm = \(runs) more Apps on the same store)\n")
        try keystrokes()
    }

    struct KeySamples {
        var handle: [Double] = []
        var render: [Double] = []
        var total: [Double] = []
        var cells: [Double] = []
    }

    func keystrokes() throws {
        let store = try SQLiteStore(path: path, actor: user)
        let app = makeApp(store)
        app.start()
        var canvas = Canvas(width: Self.width, height: Self.height)
        AppView.render(app.state, into: &canvas)
        var previous = canvas
        var samples: [String: KeySamples] = [:]

        func press(_ key: Key, _ label: String?) throws {
            let (_, handleMS) = Timer.ms { app.handle(.key(key)) }
            let (_, renderMS) = Timer.ms { AppView.render(app.state, into: &canvas) }
            if let message = app.state.message, message.isError { throw BenchError("key \(key): \(message.text)") }
            let changed = canvas.changedCells(since: previous).count
            previous = canvas
            guard let label else { return }
            samples[label, default: KeySamples()].handle.append(handleMS)
            samples[label, default: KeySamples()].render.append(renderMS)
            samples[label, default: KeySamples()].total.append(handleMS + renderMS)
            samples[label, default: KeySamples()].cells.append(Double(changed))
        }

        let sequence: [(String, Key, Int)] = [("j (down)", .char("j"), 20), ("l (right)", .char("l"), 5), ("h (left)", .char("h"), 5)]
        for _ in 0..<rounds {
            try press(.char("g"), nil)  // back to the first card, untimed, so rounds are alike
            for (label, key, count) in sequence {
                for _ in 0..<count { try press(key, label) }
            }
            for _ in 0..<5 {
                try press(.enter, "Enter (open deal)")
                guard case .detail = app.state.overlay else { throw BenchError("Enter did not open a deal") }
                try press(.escape, "Esc (close deal)")
                guard app.state.overlay == nil else { throw BenchError("Esc did not close the deal") }
            }
        }

        var table = Table(["key", "n", "handle med", "render med", "total med", "total p95", "total max", "cells med", "cells p95"],
                          firstNumeric: 1)
        for label in ["j (down)", "l (right)", "h (left)", "Enter (open deal)", "Esc (close deal)"] {
            guard let s = samples[label] else { continue }
            let total = Stats(s.total), cells = Stats(s.cells)
            table.add([label, "\(total.count)", fmt(Stats(s.handle).median), fmt(Stats(s.render).median),
                       fmt(total.median), fmt(total.p95), fmt(total.max), String(Int(cells.median)), String(Int(cells.p95))])
        }
        print("keystrokes: app.handle(.key) + AppView.render, \(rounds) rounds of j×20 l×5 h×5 (Enter Esc)×5; ms; cells changed vs previous frame")
        print(table.printed())
    }
}
