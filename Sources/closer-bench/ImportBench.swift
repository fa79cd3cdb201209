import CloserCore
import CloserSQLite
import Foundation

/// `closer-bench import`: writes a deals CSV as another CRM exports it (Chinese headers,
/// amounts like ¥1,200,000.00 and 120万, CRLF), then times importing it into a new store,
/// re-importing it (every row matched, nothing duplicated) and a dry run.
struct ImportBench {
    let path: String
    let rows: Int
    let accounts: Int
    let seed: UInt64

    init(_ arguments: Arguments) throws {
        try arguments.check(allowed: ["db", "rows", "accounts", "seed"])
        path = try arguments.string("db")
        rows = try arguments.int("rows", default: 100_000)
        accounts = max(1, try arguments.int("accounts", default: 5_000))
        seed = UInt64(try arguments.int("seed", default: 1))
        guard rows >= 1 else { throw BenchError("--rows must be at least 1") }
        guard !FileManager.default.fileExists(atPath: path) else {
            throw BenchError("\(path) exists: the import benchmark creates a new store there; give a path that does not exist")
        }
    }

    func csv() -> Data {
        var generator = SeededGenerator(seed: seed)
        let stages = ["开发", "销售进入", "Proposal", "投标", "商务谈判", "Closed Won"]
        var text = "商机编号,商机名称,客户名称,金额,阶段,预计成交日期,负责人,下一步\r\n"
        text.reserveCapacity(rows * 110)
        for index in 0..<rows {
            let account = Int.random(in: 0..<accounts, using: &generator)
            let yuan = Int.random(in: 10...5_000, using: &generator) * 1_000
            let amount = index % 2 == 0 ? "\"¥\(Money.format(Int64(yuan) * 100))\"" : "\(yuan / 10_000)万"
            let day = String(format: "2027/%d/%d", Int.random(in: 1...12, using: &generator), Int.random(in: 1...28, using: &generator))
            text += "OPP-\(index),项目 \(index) 设备改造,客户 \(account) 有限公司,\(amount),\(stages[index % stages.count]),\(day),rep\(account % 20),\"电话跟进, 报价\"\r\n"
        }
        return Data(text.utf8)
    }

    func run() throws {
        let file = (NSTemporaryDirectory() as NSString).appendingPathComponent("closer-bench-import-\(getpid()).csv")
        defer { try? FileManager.default.removeItem(atPath: file) }
        try csv().write(to: URL(fileURLWithPath: file))
        let size = (try FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0
        print("closer-bench import — \(rows) deal rows over \(accounts) accounts, \(size / 1024) KB CSV (UTF-8, CRLF), new store \(path)\n")
        let store = try SQLiteStore(path: path)
        var table = Table(["case", "read+map ms", "plan+write ms", "total ms", "total CPU ms", "result"], firstNumeric: 1)
        func once(_ name: String, dryRun: Bool) throws {
            let cpuBefore = cpuMS()
            let ((data, foreign), readMS) = try Timer.ms { () throws -> (Data, ForeignFile) in
                guard let data = FileManager.default.contents(atPath: file) else { throw BenchError("cannot read \(file)") }
                return (data, try ForeignFile(data, fileName: "deals.csv", catalog: try store.processCatalog(), user: "bench"))
            }
            _ = data
            let (report, writeMS) = try Timer.ms { try store.importForeign(foreign.batch, dryRun: dryRun, skipBad: false, by: "bench") }
            guard report.rejections.isEmpty else { throw BenchError("rows were rejected: \(report.rejections.prefix(3))") }
            table.add([name, fmt(readMS), fmt(writeMS), fmt(readMS + writeMS), fmt(cpuMS() - cpuBefore), report.summary])
        }
        try once("import into an empty store", dryRun: false)
        try once("re-import the same file", dryRun: false)
        try once("dry run", dryRun: true)
        print(table.printed())
        print("(wall-clock ms; total CPU ms is this process's user+system time, which other programs on the machine do not inflate)")
        let deals = try store.deals(DealQuery(filter: DealFilter(includeClosed: true), limit: 1)).total
        print("store now holds \(deals) deals")
    }
}

/// This process's CPU time (user + system) in milliseconds.
func cpuMS() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
    return Double(time.tv_sec) * 1000 + Double(time.tv_nsec) / 1_000_000
}
