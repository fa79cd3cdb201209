import CloserCore
import CloserExchange
import CloserPostgres
import CloserSQLite
import Foundation

/// `closer-bench import`: writes a deals CSV as another CRM exports it (Chinese headers,
/// amounts like ¥1,200,000.00 and 120万, CRLF), then times importing it into a new store,
/// re-importing it (every row matched, nothing duplicated), re-importing it as a rep edited it
/// in a spreadsheet (a share of the rows changed: `FileEdits`) and a dry run. On a server
/// (`--db postgres://…`, an empty database after `closer server init`) each case runs once.
struct ImportBench {
    let path: String
    let rows: Int
    let accounts: Int
    let seed: UInt64
    /// How many of the four cases to run: 1 times only the first import (for a profiler).
    let cases: Int
    /// Each case is run this many times: one run says little on a shared machine.
    let runs: Int

    init(_ arguments: Arguments) throws {
        try arguments.check(allowed: ["db", "rows", "accounts", "seed", "cases", "runs"])
        path = try arguments.string("db")
        rows = try arguments.int("rows", default: 100_000)
        accounts = max(1, try arguments.int("accounts", default: 5_000))
        seed = UInt64(try arguments.int("seed", default: 1))
        cases = min(4, max(1, try arguments.int("cases", default: 4)))
        runs = BenchStore.isServer(path) ? 1 : max(1, try arguments.int("runs", default: 5))
        guard rows >= 1 else { throw BenchError("--rows must be at least 1") }
        for candidate in [path] + (1..<max(1, runs)).map({ "\(path).run\($0)" }) where !BenchStore.isServer(path) && FileManager.default.fileExists(atPath: candidate) {
            throw BenchError("\(candidate) exists: the import benchmark creates new stores there; give a path that does not exist")
        }
    }

    /// The file as exported, or (`edited`) as a rep sends it back after editing it: see `FileEdits`.
    func csv(edited: Bool = false) -> Data {
        var generator = SeededGenerator(seed: seed)
        let stages = ["开发", "销售进入", "Proposal", "投标", "商务谈判", "Closed Won"]
        var text = "商机编号,商机名称,客户名称,金额,阶段,预计成交日期,负责人,下一步\r\n"
        text.reserveCapacity(rows * 110)
        for index in 0..<rows {
            let account = Int.random(in: 0..<accounts, using: &generator)
            var yuan = Int.random(in: 10...5_000, using: &generator) * 1_000
            let day = String(format: "2027/%d/%d", Int.random(in: 1...12, using: &generator), Int.random(in: 1...28, using: &generator))
            let edit = FileEdits(line: edited ? index : nil)
            if edit.amount { yuan += 10_000 }
            let amount = index % 2 == 0 ? "\"¥\(Money.format(Int64(yuan) * 100))\"" : "\(yuan / 10_000)万"
            let stage = stages[(index + (edit.stage ? 1 : 0)) % stages.count]
            let owner = "rep\((account + (edit.owner ? 1 : 0)) % 20)"
            let nextStep = edit.nextStep ? "\"上门拜访, 确认预算\"" : "\"电话跟进, 报价\""
            text += "OPP-\(index),项目 \(index) 设备改造,客户 \(account) 有限公司,\(amount),\(stage),\(day),\(owner),\(nextStep)\r\n"
        }
        return Data(text.utf8)
    }

    func run() throws {
        let file = (NSTemporaryDirectory() as NSString).appendingPathComponent("closer-bench-import-\(getpid()).csv")
        defer { try? FileManager.default.removeItem(atPath: file) }
        try csv().write(to: URL(fileURLWithPath: file))
        let size = (try FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0
        print("closer-bench import — \(rows) deal rows over \(accounts) accounts, \(size / 1024) KB CSV (UTF-8, CRLF), new store \(path)")
        print("each case run \(runs) times; the first import each time into a new store (the last one is \(path))\n")
        var table = Table(["case", "read+map ms", "plan+write ms", "total min", "median", "max", "CPU ms", "result"], firstNumeric: 1)
        struct Sample { var read, write, cpu: Double; var summary: String }
        func once(_ store: any Store & ForeignBatchImporting, dryRun: Bool, from file: String = file) throws -> Sample {
            let cpuBefore = cpuMS()
            let (foreign, readMS) = try Timer.ms { () throws -> ForeignFile in
                guard let data = FileManager.default.contents(atPath: file) else { throw BenchError("cannot read \(file)") }
                return try ForeignFile(data, fileName: "deals.csv", catalog: try store.processCatalog(), user: "bench")
            }
            let (report, writeMS) = try Timer.ms { try store.importForeign(foreign.batch, dryRun: dryRun, skipBad: false) }
            guard report.rejections.isEmpty else { throw BenchError("rows were rejected: \(report.rejections.prefix(3))") }
            return Sample(read: readMS, write: writeMS, cpu: cpuMS() - cpuBefore, summary: report.summary)
        }
        func add(_ name: String, _ samples: [Sample]) {
            let totals = Stats(samples.map { $0.read + $0.write })
            table.add([name, fmt(Stats(samples.map(\.read)).median), fmt(Stats(samples.map(\.write)).median), fmt(totals.min),
                       fmt(totals.median), fmt(totals.max), fmt(Stats(samples.map(\.cpu)).median), samples.last?.summary ?? ""])
        }
        if BenchStore.isServer(path), try open(path).deals(DealQuery(filter: DealFilter(includeClosed: true), limit: 1)).total > 0 {
            throw BenchError("\(path) holds deals already: give an empty database (closer server init --db URL)")
        }
        var first = [Sample]()
        for run in 1...runs {
            let target = run == runs ? path : "\(path).run\(run)"
            first.append(try once(try open(target), dryRun: false))
            if target != path { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: target + suffix) } }
        }
        add("import into an empty store", first)
        let store = try open(path)
        if cases >= 2 { add("re-import the same file", try (1...runs).map { _ in try once(store, dryRun: false) }) }
        if cases >= 3 {
            // Each run changes the same share of rows: the edited file, then the export as it was, and so on.
            let edited = file + ".edited"
            defer { try? FileManager.default.removeItem(atPath: edited) }
            try csv(edited: true).write(to: URL(fileURLWithPath: edited))
            add("re-import an edited file", try (1...runs).map { run in try once(store, dryRun: false, from: run % 2 == 1 ? edited : file) })
        }
        if cases >= 4 { add("dry run", try (1...runs).map { _ in try once(store, dryRun: true) }) }
        print(table.printed())
        print("(wall-clock ms, medians but for min and max of the total; CPU ms is this process's user+system time, all threads)")
        let deals = try store.deals(DealQuery(filter: DealFilter(includeClosed: true), limit: 1)).total
        print("store now holds \(deals) deals")
    }
}

/// What a rep changes in an exported file before importing it again (`line` nil: nothing): the
/// amount or the next step of every third deal (by turns), the stage of every tenth, the owner
/// of every fourteenth — about four deals in ten change, most of them in one column.
struct FileEdits {
    let amount, nextStep, stage, owner: Bool

    init(line: Int?) {
        guard let line else {
            (amount, nextStep, stage, owner) = (false, false, false, false)
            return
        }
        amount = line % 6 == 0
        nextStep = line % 6 == 3
        stage = line % 10 == 1
        owner = line % 14 == 2
    }
}

extension ImportBench {
    /// A new store file, or the server's database.
    func open(_ location: String) throws -> any Store & ForeignBatchImporting {
        if BenchStore.isServer(location) { return try PostgresStore(settings: try PostgresSettings(url: location), actor: "bench") }
        return try SQLiteStore(path: location, actor: "bench")
    }
}

/// This process's CPU time (user + system) in milliseconds.
func cpuMS() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
    return Double(time.tv_sec) * 1000 + Double(time.tv_nsec) / 1_000_000
}
