import CloserCore
import CloserSQLite
import Foundation

/// `closer-bench health`: the deal-health report over every open deal (the store's whole work
/// for `closer report health` and the review's health lists), for a manager, one rep's deals and
/// as a rep who sees only their accounts; and a board's worth of cards' warnings.
struct HealthBench {
    let path: String
    let runs: Int
    let user: String

    init(_ arguments: Arguments) throws {
        try arguments.check(allowed: ["db", "runs", "user"])
        path = try arguments.string("db")
        runs = max(1, try arguments.int("runs", default: 20))
        user = (try? arguments.string("user")) ?? "li.na"
    }

    func run() throws {
        guard FileManager.default.fileExists(atPath: path) else {
            throw BenchError("no store at \(path): create it with closer demo --scale 100000 --db \(path)")
        }
        let store = try SQLiteStore(path: path)
        let today = Day.today()
        let rep = try store.viewer(named: user)
        print("closer-bench health — \(path); milliseconds, 1 cold + \(runs) warm runs\n")
        var table = Table.coldAndWarm()
        func time(_ label: String, _ body: () throws -> Void) rethrows { try table.time(label, runs: runs, body) }
        var report: HealthReport?
        try time("healthReport: every open deal, 20 per rule (manager)") {
            report = try store.healthReport(HealthReportQuery(today: today, listLimit: 20))
        }
        try time("healthReport: one rep's deals (--rep)") { _ = try store.healthReport(HealthReportQuery(today: today, rep: user, listLimit: 20)) }
        try time("healthReport: as \(user) (\(rep?.role.rawValue ?? "no users")), visible accounts only") {
            _ = try store.healthReport(HealthReportQuery(today: today, listLimit: 20, viewer: rep))
        }
        try time("healthReport: one process, 200 per rule") {
            _ = try store.healthReport(HealthReportQuery(today: today, processKey: BuiltInProcesses.project.key, listLimit: 200))
        }
        let cards = try store.board(BoardQuery(processKey: BuiltInProcesses.project.key, cardsPerStage: 8)).columns.flatMap(\.cards).map(\.id)
        try time("healthCounts: a board's \(cards.count) cards") { _ = try store.healthCounts(cards, today: today, as: nil) }
        print(table.printed())
        if let report {
            let counts = report.rules.map { "\($0.rule.shortLabel.en) \($0.count)" }.joined(separator: ", ")
            print("(\(report.flaggedDeals) of \(report.openDeals) open deals flagged: \(counts))\n")
        }
    }
}
