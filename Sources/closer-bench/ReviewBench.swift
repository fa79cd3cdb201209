import CloserApp
import CloserCore
import CloserSQLite
import Foundation
import TerminalUI

/// `closer-bench review`: the weekly review over a 13-week window (the store's whole work for
/// the review screen and `closer report weekly`), the review screen's first frame, and the
/// stand-up screen's memory over many refresh cycles.
struct ReviewBench {
    let path: String
    let runs: Int
    let cycles: Int
    /// Reread without writing (a resize forces the reread), so the store file stays the same size.
    let readOnly: Bool

    init(_ arguments: Arguments) throws {
        try arguments.check(allowed: ["db", "runs", "cycles", "read-only"])
        readOnly = try arguments.int("read-only", default: 0) == 1
        path = try arguments.string("db")
        runs = max(1, try arguments.int("runs", default: 20))
        cycles = try arguments.int("cycles", default: 10_000)
    }

    func run() throws {
        guard BenchStore.exists(path) else {
            throw BenchError("no store at \(path): create it with closer demo --scale 100000 --db \(path)")
        }
        let store = try BenchStore.open(path, actor: "bench")
        let today = Day.today()
        print("closer-bench review — \(path); milliseconds, 1 cold + \(runs) warm runs\n")
        var table = Table.coldAndWarm()
        func time(_ label: String, _ body: () throws -> Void) rethrows { try table.time(label, runs: runs, body) }
        var review: WeeklyReview?
        try time("weeklyReview: since Monday of last week, 13-week window") {
            review = try store.weeklyReview(ReviewQuery(today: today, listLimit: 200))
        }
        try time("weeklyReview: one rep") { _ = try store.weeklyReview(ReviewQuery(today: today, rep: "li.na", listLimit: 200)) }
        try time("weeklyReview: 13 weeks as the period") {
            _ = try store.weeklyReview(ReviewQuery(today: today, since: today.adding(days: -91), listLimit: 200))
        }
        try time("review screen: 6 + first frame 160×48") {
            let app = App(store: store, state: AppState(lang: .zh, width: 160, height: 48, today: today, user: "bench", storeLocation: store.location))
            app.handle(.key(.char("6")))  // the review, the sixth screen
            if let message = app.state.message, message.isError { throw BenchError(message.text) }
            var canvas = Canvas(width: 160, height: 48)
            AppView.render(app.state, into: &canvas)
        }
        print(table.printed())
        if let review {
            let events = review.conversions.first.map { "\($0.entered) entered \($0.fromStage) in the window" } ?? ""
            print("(period lists: \(review.newDeals.count) new, \(review.advanced.count) advanced, \(review.won.count) won, \(review.lost.count) lost, "
                  + "\(review.stalled.count) stalled; \(events))\n")
        }
        if cycles > 0, let file = store as? SQLiteStore { try standupMemory(file, today: today) }
    }

    /// Resident memory of the stand-up screen while someone writes and it refreshes, cycle after cycle.
    func standupMemory(_ store: SQLiteStore, today: Day) throws {
        let app = App(store: store, state: AppState(lang: .zh, width: 160, height: 48, today: today, user: "bench", storeLocation: store.location))
        app.start()
        var now = Date()
        app.startStandup(interval: 5, wallOnly: true, now: now)
        var canvas = Canvas(width: 160, height: 48)
        guard let deal = try store.deals(DealQuery(limit: 1)).rows.first else { throw BenchError("no deals to change") }
        var samples: [(Int, Double)] = []
        let started = Date()
        for cycle in 1...cycles {
            now = now.addingTimeInterval(1)
            if readOnly {
                app.handle(.resize(width: 160 + cycle % 2, height: 48))
            } else {
                // Someone else writes; the screen notices on its next tick, rereads and redraws.
                _ = try store.setNextStep(dealID: deal.id, text: "bench \(cycle % 7)", due: today.adding(days: cycle % 5), expectedVersion: nil)
                app.standupTick(now: now)
            }
            AppView.render(app.state, into: &canvas)
            if cycle == 100 || cycle % max(1, cycles / 5) == 0 { samples.append((cycle, Self.residentMegabytes())) }
        }
        let seconds = Date().timeIntervalSince(started)
        let what = readOnly ? "a resize that rereads, a frame; no writes" : "a write, a tick that rereads, a 160×48 frame"
        print("stand-up: \(cycles) refresh cycles (\(what)) in \(String(format: "%.1f", seconds)) s")
        print(samples.map { "after \($0.0): \(String(format: "%.1f", $0.1)) MB" }.joined(separator: " · "))
        // The program's own memory apart from pages of the memory-mapped store, which the kernel
        // counts in the resident size while they are mapped and may drop at any time.
        print("at the end: \(String(format: "%.1f", Self.residentMegabytes("RssAnon:"))) MB anonymous, "
              + "\(String(format: "%.1f", Self.residentMegabytes("RssFile:"))) MB of mapped files")
    }

    /// A resident size from /proc/self/status (VmRSS by default), in MB.
    static func residentMegabytes(_ field: String = "VmRSS:") -> Double {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix(field) }),
              let kb = Double(line.split(separator: " ").dropFirst().first ?? "") else { return .nan }
        return kb / 1024
    }
}
