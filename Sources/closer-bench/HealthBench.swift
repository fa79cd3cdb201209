import CloserCore
import CloserSQLite
import Foundation

/// `closer-bench health`: the deal-health report over every open deal (the store's whole work
/// for `closer report health` and the review's health lists), for the demo's manager (sun.hao),
/// one rep's deals and as that rep, who sees only their accounts; and a board's worth of cards' warnings.
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
        let store = try SQLiteStore(path: path, actor: "sun.hao")
        let rep = store.acting(as: user)
        let who = try rep.whoIsActing()
        let today = Day.today()
        print("closer-bench health — \(path); milliseconds, 1 cold + \(runs) warm runs\n")
        // Wall clock, and the process's CPU time: on a machine shared with other work the wall clock
        // waits for a core, and the CPU time says what the report itself costs.
        var table = Table(["step", "cold", "min", "median", "p95", "cpu median"], firstNumeric: 1)
        func time(_ label: String, _ body: () throws -> Void) rethrows {
            var wall: [Double] = [], cpu: [Double] = []
            for _ in 0...runs {
                let startCPU = Self.cpuMilliseconds()
                wall.append(try Timer.ms(body).1)
                cpu.append(Self.cpuMilliseconds() - startCPU)
            }
            let warm = Stats(Array(wall.dropFirst()))
            table.add([label, fmt(wall[0]), fmt(warm.min), fmt(warm.median), fmt(warm.p95), fmt(Stats(Array(cpu.dropFirst())).median)])
        }
        var report: HealthReport?
        try time("healthReport: every open deal, 20 per rule (manager)") {
            report = try store.healthReport(HealthReportQuery(today: today, listLimit: 20))
        }
        try time("healthReport: counts and sums only (no lists)") { _ = try store.healthReport(HealthReportQuery(today: today, listLimit: 0)) }
        try time("healthReport: one rep's deals (--rep)") { _ = try store.healthReport(HealthReportQuery(today: today, rep: user, listLimit: 20)) }
        try time("healthReport: as \(who.described), visible accounts only") {
            _ = try rep.healthReport(HealthReportQuery(today: today, listLimit: 20))
        }
        try time("healthReport: one process, 200 per rule") {
            _ = try store.healthReport(HealthReportQuery(today: today, processKey: BuiltInProcesses.project.key, listLimit: 200))
        }
        let cards = try store.board(BoardQuery(processKey: BuiltInProcesses.project.key, cardsPerStage: 8)).columns.flatMap(\.cards).map(\.id)
        try time("healthCounts: a board's \(cards.count) cards") { _ = try store.healthCounts(cards, today: today) }
        print(table.printed())
        print("(load average \(Self.loadAverage()) on \(ProcessInfo.processInfo.activeProcessorCount) cores)")
        if let report {
            let counts = report.rules.map { "\($0.rule.shortLabel.en) \($0.count)" }.joined(separator: ", ")
            print("(\(report.flaggedDeals) of \(report.openDeals) open deals flagged: \(counts))\n")
        }
    }

    /// CPU time of the whole process (GRDB reads on its own queue), in milliseconds.
    static func cpuMilliseconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
        return Double(time.tv_sec) * 1_000 + Double(time.tv_nsec) / 1_000_000
    }

    static func loadAverage() -> String {
        (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").prefix(3).joined(separator: " ") ?? "unknown"
    }
}
