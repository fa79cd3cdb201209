import CloserApp
import CloserCore
import CloserPostgres
import Foundation
import TerminalUI

/// 50 reps, each on their own login and connection, writing once a second on a schedule (next
/// steps, forced moves, activities; some on the same shared deals, with the version they read),
/// while wall screens run the dashboard's own stand-up wall (`closer standup`): between keys it
/// asks whether anyone wrote, as heard by LISTEN/NOTIFY, and reads the picture again. Optionally
/// connections are killed at random and the server restarted mid-run. Then every write is
/// accounted for: committed and in the log, refused as stale, or refused with an error.
///
/// Every write carries a marker (`r7#42`) in the text it writes, so the log, the activities and
/// the walls' reads say which writes they hold.
struct TeamLoadBench {
    let settings: PostgresSettings
    let reps: Int
    let walls: Int
    let seconds: Int
    let password: String
    let killEvery: Double
    let restartAt: Double
    let restartCommand: String?

    init(_ arguments: Arguments) throws {
        try arguments.check(allowed: ["db", "reps", "walls", "seconds", "password", "kill-every", "restart-at", "restart"])
        settings = try PostgresSettings(url: try arguments.string("db"))
        reps = max(1, try arguments.int("reps", default: 50))
        walls = max(1, try arguments.int("walls", default: 5))
        seconds = max(1, try arguments.int("seconds", default: 60))
        password = (try? arguments.string("password")) ?? "closer-bench"
        killEvery = Double(try arguments.int("kill-every", default: 0))
        restartAt = Double(try arguments.int("restart-at", default: 0))
        restartCommand = try? arguments.string("restart")
        if restartAt > 0, restartCommand == nil { throw BenchError("--restart-at needs --restart COMMAND (e.g. \"pg_ctl -D DATA restart -m immediate\")") }
    }

    func run() throws {
        _ = try PostgresServer.initialize(settings)
        let admin = try PostgresStore(settings: settings, actor: settings.user)
        guard try admin.users().isEmpty else { throw BenchError("\(settings.location) already has users: give a new, empty database") }
        let team = try TeamLoadSeed.make(admin, reps: reps, password: password)
        // Written at once, not buffered: a run stopped by a timeout still shows that it started.
        FileHandle.standardOutput.write(Data(("team-load: \(reps) reps (own login each), \(walls) walls, \(seconds) s, \(team.deals.count) deals "
              + "(\(team.sharedDeals.count) on accounts shared by 5 reps); kills every \(killEvery) s, restart at \(restartAt) s\n").utf8))

        let record = LoadRecord()
        let cpuAtStart = Self.processCPU(), machineAtStart = MachineCPU.read()
        let start = Date()
        let stopAt = start.addingTimeInterval(Double(seconds))
        var threads: [Thread] = []
        for index in 0..<walls {
            threads.append(Thread { WallLoop(settings: login(team.manager), record: record, stopAt: stopAt, index: index).run() })
        }
        for (index, rep) in team.reps.enumerated() {
            // The reps' first writes spread over the first second, so their schedules interleave.
            let firstDue = start.addingTimeInterval(Double(index) / Double(team.reps.count))
            threads.append(Thread {
                RepLoop(settings: login(rep), rep: rep, index: index, team: team, record: record, firstDue: firstDue, stopAt: stopAt).run()
            })
        }
        threads.forEach { $0.stackSize = 1 << 20; $0.start() }
        let faults = FaultLoop(settings: settings, killEvery: killEvery, restartAt: restartAt, restartCommand: restartCommand,
                               start: start, stopAt: stopAt, record: record)
        faults.run()
        // A thread still waiting long after the end is a caller stuck on the server: say so and report.
        let giveUpAt = stopAt.addingTimeInterval(30)
        while record.finished < threads.count, Date() < giveUpAt { Thread.sleep(forTimeInterval: 0.1) }
        if record.finished < threads.count {
            record.fault("\(threads.count - record.finished) of \(threads.count) threads still waiting 30 s after the end")
        }
        let elapsed = Date().timeIntervalSince(start)
        let cpu = Self.processCPU() - cpuAtStart
        let machine = MachineCPU.read().busyShare(since: machineAtStart)
        // Let the server settle after a restart before the accounting reads.
        let verifier = try reopen(settings)
        // Writes of the last 2 s may come after the walls' last read.
        let unseen = record.unseen(committedBefore: stopAt.addingTimeInterval(-2), walls: walls)
        try TeamLoadReport(record: record, window: Double(seconds), elapsed: elapsed, cpu: cpu, machineBusy: machine,
                           found: try markersInStore(verifier), unseenByWalls: unseen).print()
    }

    /// User and system CPU seconds of this process so far.
    static func processCPU() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }

    private func login(_ role: String) -> PostgresSettings {
        var login = settings
        login.user = role
        login.password = password
        return login
    }

    private func reopen(_ settings: PostgresSettings) throws -> PostgresStore {
        for attempt in 1...60 {
            do { return try PostgresStore(settings: settings, actor: settings.user) } catch where attempt < 60 {
                Thread.sleep(forTimeInterval: 0.5)
            }
        }
        throw BenchError("the server did not come back")
    }

    /// Every marker the store holds: in the log's changes and notes, and in activities' notes.
    private func markersInStore(_ store: PostgresStore) throws -> Set<String> {
        var found = Set<String>()
        for event in try store.events(EventQuery(limit: 10_000_000)) {
            let texts = [event.note] + event.changes.values.flatMap { [$0.old ?? "", $0.new ?? ""] }
            for text in texts { found.formUnion(Marker.all(in: text)) }
            if event.entity == "deal", let version = event.version { found.insert(Proof.move(deal: event.entityID, version: version)) }
        }
        for activity in try store.activities(accountID: nil, dealID: nil, limit: 10_000_000) {
            found.formUnion(Marker.all(in: activity.notes))
        }
        return found
    }
}

/// A committed deal change as the log shows it: the deal and the version the change produced.
enum Proof {
    static func move(deal: Int64, version: Int) -> String { "deal \(deal) v\(version)" }
}

enum Marker {
    static func make(rep: Int, seq: Int) -> String { "r\(rep)#\(seq)" }

    static func all(in text: String) -> [String] {
        guard text.contains("#") else { return [] }
        return text.split(whereSeparator: { $0 == " " || $0 == "\"" || $0 == "," || $0 == "(" || $0 == ")" })
            .map(String.init).filter { $0.hasPrefix("r") && $0.contains("#") && $0.dropFirst().allSatisfy { $0.isNumber || $0 == "#" } }
    }
}

/// The team the run works on.
struct TeamLoadSeed: Sendable {
    let manager: String
    let reps: [String]
    /// Each rep's own deals.
    let ownDeals: [[Int64]]
    /// Deals on accounts shared among 5 reps: index by rep.
    let sharedDealsOf: [[Int64]]
    let sharedDeals: [Int64]
    let deals: [Int64]
    let accountOf: [Int64: Int64]

    static func make(_ admin: PostgresStore, reps count: Int, password: String) throws -> TeamLoadSeed {
        let manager = "bench.manager"
        try admin.saveTeamMember(User(name: manager, role: .manager), password: .set(password))
        let reps = (1...count).map { String(format: "bench.rep%02d", $0) }
        for rep in reps { try admin.saveTeamMember(User(name: rep, role: .rep), password: .set(password)) }
        var rules = try admin.poolRules()
        rules.maxAccountsPerRep = 1_000
        try admin.savePoolRules(rules)
        var own = [[Int64]](repeating: [], count: count)
        var sharedOf = [[Int64]](repeating: [], count: count)
        var shared: [Int64] = []
        var accountOf: [Int64: Int64] = [:]
        func deals(on account: Account, owner: String, _ n: Int) throws -> [Int64] {
            try (0..<n).map { k in
                let deal = try admin.addDeal(Deal(accountID: account.id, title: "\(account.name) deal \(k)", processKey: "project", stageKey: "develop",
                                                  amount: Money(minorUnits: Int64(100_000 * (k + 1)), currency: "CNY"), owner: owner))
                accountOf[deal.id] = account.id
                return deal.id
            }
        }
        for (index, rep) in reps.enumerated() {
            for a in 0..<4 {
                let account = try admin.addAccount(Account(name: "\(rep) account \(a)", owner: rep))
                own[index] += try deals(on: account, owner: rep, 3)
            }
        }
        for group in 0..<max(1, count / 5) {
            let members = (0..<5).map { (group * 5 + $0) % count }
            let owner = reps[members[0]]
            let account = try admin.addAccount(Account(name: "shared account \(group)", owner: owner, visibility: .shared,
                                                       sharedWith: Array(Set(members.dropFirst().map { reps[$0] })).sorted()))
            let ids = try deals(on: account, owner: owner, 3)
            shared += ids
            for member in members { sharedOf[member] += ids }
        }
        return TeamLoadSeed(manager: manager, reps: reps, ownDeals: own, sharedDealsOf: sharedOf, sharedDeals: shared,
                            deals: own.flatMap { $0 } + shared, accountOf: accountOf)
    }
}

/// What the run saw, from every thread.
final class LoadRecord: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var committed: [String: Date] = [:]
    /// Every commit in the order it returned, with the instant it did: a wall read that began
    /// after that instant reads a snapshot holding the write.
    private var commits: [(at: Date, marker: String)] = []
    /// Per wall: how far into `commits` its reads have seen.
    private var wallSeen: [Int: Int] = [:]
    /// Writes the schedule asked for; those not offered because the rep was still busy with the
    /// one before (more than half a second late) or could not reach the store.
    private(set) var due = 0
    private(set) var skippedBehind = 0
    private(set) var skippedUnreachable = 0
    /// Per offered write: how late after its due time it started, in ms.
    private(set) var lateness: [Double] = []
    private(set) var stale = 0
    private(set) var staleUnnamed = 0
    /// Refused with an error: the marker and the first words of the message.
    private(set) var refused: [(String, String)] = []
    /// Lost while saving: the client was told to reload and look.
    private(set) var ambiguous: [String] = []
    /// Per wall sighting: write start → the end of the wall read that showed it.
    private(set) var visible: [Double] = []
    private(set) var wallReads: [Double] = []
    private(set) var wallErrors: [String: Int] = [:]
    private(set) var faults: [String] = []
    private(set) var finished = 0
    private var started: [String: Date] = [:]
    /// A move that passed its gates is logged as "moved" without the reason that carried the
    /// marker: it is found by the deal's version it produced instead (`Proof.move`).
    private(set) var moveProofs: [String: String] = [:]

    func begin(_ marker: String, at: Date) { lock.withLock { started[marker] = at } }
    /// Per committed write: its start → its commit, in ms.
    private(set) var writeTimes: [Double] = []

    func commit(_ marker: String) {
        lock.withLock {
            let now = Date()
            committed[marker] = started[marker]
            commits.append((now, marker))
            if let begun = started[marker] { writeTimes.append(now.timeIntervalSince(begun) * 1000) }
        }
    }
    func slotDue() { lock.withLock { due += 1 } }
    func skippedBehindSchedule() { lock.withLock { skippedBehind += 1 } }
    func skippedUnreachableStore() { lock.withLock { skippedUnreachable += 1 } }
    func offered(late ms: Double) { lock.withLock { lateness.append(ms) } }
    func moved(_ marker: String, deal: Int64, version: Int) { lock.withLock { moveProofs[marker] = Proof.move(deal: deal, version: version) } }
    func refuseStale(named: Bool) { lock.withLock { if named { stale += 1 } else { staleUnnamed += 1 } } }
    func refuse(_ marker: String, _ message: String) { lock.withLock { refused.append((marker, message)) } }
    func lostWhileSaving(_ marker: String) { lock.withLock { ambiguous.append(marker) } }
    func wallRead(ms: Double) { lock.withLock { wallReads.append(ms) } }
    func wallError(_ message: String) { lock.withLock { wallErrors[message, default: 0] += 1 } }
    func fault(_ text: String) { lock.withLock { faults.append(text) } }
    func done() { lock.withLock { finished += 1 } }

    /// A wall read that began at `begun` and was on screen at `shown`: it holds every write
    /// committed before it began.
    func wallShowed(readBegun begun: Date, shown: Date, wall: Int) {
        lock.withLock {
            var next = wallSeen[wall] ?? 0
            while next < commits.count, commits[next].at < begun {
                if let started = started[commits[next].marker] { visible.append(shown.timeIntervalSince(started) * 1000) }
                next += 1
            }
            wallSeen[wall] = next
        }
    }

    /// Per wall, the writes committed before `cutoff` that none of its reads showed.
    func unseen(committedBefore cutoff: Date, walls: Int) -> Int {
        lock.withLock {
            let early = commits.prefix { $0.at < cutoff }.count
            return (0..<walls).reduce(0) { $0 + max(0, early - (wallSeen[$1] ?? 0)) }
        }
    }

    var startedCount: Int { lock.withLock { started.count } }
}

/// One rep: one write a second on their own connection, on a schedule: the next write is due a
/// second (± 50 ms) after the one before was due, not after it returned, so the team offers one
/// write per rep per second. A rep still busy more than half a second past a due time lets that
/// write go, and the run says how many went, rather than piling them up.
struct RepLoop {
    static let period: TimeInterval = 1
    static let tolerance: TimeInterval = 0.5

    let settings: PostgresSettings
    let rep: String
    let index: Int
    let team: TeamLoadSeed
    let record: LoadRecord
    let firstDue: Date
    let stopAt: Date

    func run() {
        defer { record.done() }
        var store: PostgresStore?
        var seq = 0
        var random = SystemRandomNumberGenerator()
        let stages = ["develop", "entry", "proposal"]
        var due = firstDue
        while due < stopAt {
            defer { due = due.addingTimeInterval(Self.period + Double.random(in: -0.05...0.05, using: &random)) }
            record.slotDue()
            let wait = due.timeIntervalSinceNow
            if wait > 0 { Thread.sleep(forTimeInterval: wait) }
            if -due.timeIntervalSinceNow > Self.tolerance {
                record.skippedBehindSchedule()
                continue
            }
            if store == nil {
                store = try? PostgresStore(settings: settings, actor: rep)
                if store == nil {
                    record.skippedUnreachableStore()
                    continue
                }
            }
            guard let store else { continue }
            record.offered(late: -due.timeIntervalSinceNow * 1000)
            seq += 1
            let marker = Marker.make(rep: index + 1, seq: seq)
            let own = team.ownDeals[index]
            let shared = team.sharedDealsOf[index]
            let today = Day(Date())
            record.begin(marker, at: Date())
            do {
                switch Int.random(in: 0..<10, using: &random) {
                case 0..<4:
                    _ = try store.setNextStep(dealID: own.randomElement(using: &random) ?? 0, text: "call back \(marker)", due: today, expectedVersion: nil)
                case 4..<6 where !shared.isEmpty:
                    // The same deals as four other reps, with the version read just before.
                    let id = shared.randomElement(using: &random) ?? 0
                    let read = try store.deal(id)
                    _ = try store.setNextStep(dealID: id, text: "shared step \(marker)", due: today, expectedVersion: read.version)
                case 6..<8:
                    let id = own.randomElement(using: &random) ?? 0
                    let deal = try store.deal(id)
                    let next = stages[((stages.firstIndex(of: deal.stageKey) ?? 0) + 1) % stages.count]
                    let moved = try store.moveDeal(id, to: next, forceReason: "bench \(marker)", expectedVersion: nil)
                    record.moved(marker, deal: id, version: moved.version)
                default:
                    let id = own.randomElement(using: &random) ?? 0
                    _ = try store.addActivity(Activity(accountID: team.accountOf[id] ?? 0, dealID: id, kind: .call, day: today, notes: "called \(marker)"))
                }
                record.commit(marker)
            } catch let error as StoreError {
                let message = "\(error)"
                if case .staleVersion = error {
                    record.refuseStale(named: message.contains("bench."))
                } else if case .unreachable(_, mayHaveSaved: true) = error {
                    record.lostWhileSaving(marker)
                } else {
                    record.refuse(marker, message)
                }
            } catch {
                record.refuse(marker, "\(error)")
            }
        }
        store?.close()
    }
}

/// One wall: the dashboard's stand-up wall as `closer standup` runs it (TerminalRunner): draw,
/// wait a quarter second for a key that never comes, ask the store whether anyone wrote, and if
/// so read the whole picture again (`ReadWall`), paced as the wall paces it. Reads never queue:
/// one runs at a time, and every write made meanwhile is seen by the next one.
struct WallLoop {
    static let width = 160, height = 48

    let settings: PostgresSettings
    let record: LoadRecord
    let stopAt: Date
    let index: Int

    func run() {
        defer { record.done() }
        var opened: PostgresStore?
        while opened == nil, Date() < stopAt {
            opened = try? PostgresStore(settings: settings, actor: settings.user, readOnly: true)
            if opened == nil { Thread.sleep(forTimeInterval: 0.5) }
        }
        guard let store = opened else { return }
        defer { store.close() }
        let app = App(store: store, state: AppState(lang: .en, width: Self.width, height: Self.height, today: Day(Date()),
                                                    user: settings.user, storeLocation: store.location))
        app.startStandup(interval: 15, wallOnly: true)
        var canvas = Canvas(width: Self.width, height: Self.height)
        var lastLoaded = app.state.standup?.loadedAt
        var lastProblem: String?
        while Date() < stopAt {
            AppView.render(app.state, into: &canvas)
            Thread.sleep(forTimeInterval: Double(TerminalRunner.pollMilliseconds) / 1000)
            let begun = Date()
            _ = app.pollStore(now: begun)
            let shown = Date()
            let standup = app.state.standup
            if let loaded = standup?.loadedAt, loaded != lastLoaded {
                lastLoaded = loaded
                record.wallRead(ms: shown.timeIntervalSince(begun) * 1000)
                record.wallShowed(readBegun: begun, shown: shown, wall: index)
            }
            if let problem = standup?.problem, problem != lastProblem { record.wallError(String(problem.prefix(90))) }
            lastProblem = standup?.problem
        }
    }
}

/// Kills a random rep's connection every `killEvery` seconds and restarts the server once.
struct FaultLoop {
    let settings: PostgresSettings
    let killEvery: Double
    let restartAt: Double
    let restartCommand: String?
    let start: Date
    let stopAt: Date
    let record: LoadRecord

    func run() {
        var nextKill = killEvery > 0 ? start.addingTimeInterval(killEvery) : .distantFuture
        var restarted = restartAt <= 0
        while Date() < stopAt {
            Thread.sleep(forTimeInterval: 0.05)
            let now = Date()
            if now >= nextKill {
                nextKill = now.addingTimeInterval(killEvery)
                let killed = shell(["psql", settings.psqlURL, "-Atqc",
                                    "SELECT count(pg_terminate_backend(pid)) FROM (SELECT pid FROM pg_stat_activity WHERE usename LIKE 'bench.rep%' ORDER BY random() LIMIT 1) x"])
                record.fault("kill at \(String(format: "%.1f", now.timeIntervalSince(start))) s: \(killed.trimmingCharacters(in: .whitespacesAndNewlines))")
            }
            if !restarted, now.timeIntervalSince(start) >= restartAt, let command = restartCommand {
                restarted = true
                let began = Date()
                _ = shell(["sh", "-c", command])
                record.fault(String(format: "restart at %.1f s took %.1f s", began.timeIntervalSince(start), Date().timeIntervalSince(began)))
            }
        }
    }

    /// Runs a command to its end and gives its output. The output goes through a file, not a
    /// pipe, and only the command itself is waited for: a server that `pg_ctl restart` starts
    /// lives on holding whatever it inherited, and reading a pipe to its end waited for it forever.
    private func shell(_ words: [String]) -> String {
        let log = NSTemporaryDirectory() + "closer-bench-fault-\(getpid())-\(UUID().uuidString.prefix(8)).log"
        defer { try? FileManager.default.removeItem(atPath: log) }
        let argv = ["/usr/bin/env"] + words
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let pointers: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        defer { pointers.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, argv[0], &actions, nil, pointers, environ)
        guard spawned == 0 else { return "cannot run \(words.first ?? ""): error \(spawned)" }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
    }
}

extension PostgresSettings {
    /// The server as psql takes it (a socket folder as the host).
    var psqlURL: String {
        let host = usesUnixSocket ? self.host.replacingOccurrences(of: "/", with: "%2F") : self.host
        return "postgresql://\(user)@\(host):\(port)/\(database)"
    }
}

struct TeamLoadReport {
    let record: LoadRecord
    /// The seconds the reps wrote for, and those until the last thread ended.
    let window: Double
    let elapsed: Double
    /// CPU seconds this process spent during the run.
    let cpu: Double
    /// The share of every core's time that anything on the machine was busy during the run.
    let machineBusy: Double?
    let found: Set<String>
    let unseenByWalls: Int

    func print() throws {
        let committed = Set(record.committed.keys)
        let lost = committed.filter { marker in
            !found.contains(marker) && !(record.moveProofs[marker].map { found.contains($0) } ?? false)
        }
        let refusedMarkers = Set(record.refused.map(\.0))
        let refusedButKept = refusedMarkers.intersection(found)
        let ambiguous = Set(record.ambiguous)
        var table = Table(["figure", "value"], firstNumeric: 1)
        table.add(["writes due (1 per rep per s)", "\(record.due)"])
        table.add(["skipped (rep > 0.5 s behind)", "\(record.skippedBehind)"])
        table.add(["skipped (store unreachable)", "\(record.skippedUnreachable)"])
        table.add(["writes offered", "\(record.startedCount)"])
        table.add(["offered per second", String(format: "%.1f", Double(record.startedCount) / window)])
        let late = Stats(record.lateness)
        table.add(["offered after due p50 / p99 ms", String(format: "%.0f / %.0f", late.median, late.percentile(99))])
        table.add(["committed", "\(committed.count)"])
        table.add(["held: committed per second", String(format: "%.1f", Double(committed.count) / window)])
        table.add(["refused as stale, naming who", "\(record.stale)"])
        table.add(["refused as stale, not naming who", "\(record.staleUnnamed)"])
        table.add(["refused with an error", "\(record.refused.count)"])
        table.add(["lost while saving (told to reload)", "\(ambiguous.count) (kept: \(ambiguous.intersection(found).count))"])
        table.add(["LOST: committed, not in the store", "\(lost.count)"])
        table.add(["refused, yet in the store", "\(refusedButKept.count)"])
        let visible = Stats(record.visible)
        table.add(["write → visible on a wall p50 ms", String(format: "%.0f", visible.median)])
        table.add(["write → visible on a wall p99 ms", String(format: "%.0f", visible.percentile(99))])
        table.add(["write → visible on a wall max ms", String(format: "%.0f", visible.max)])
        table.add(["wall sightings", "\(visible.count)"])
        table.add(["committed, not shown by a wall (× walls)", "\(unseenByWalls)"])
        let reads = Stats(record.wallReads)
        table.add(["wall read p50 / p99 ms", String(format: "%.0f / %.0f", reads.median, reads.percentile(99))])
        let writes = Stats(record.writeTimes)
        table.add(["write start → commit p50 / p99 ms", String(format: "%.0f / %.0f", writes.median, writes.percentile(99))])
        // The bench's own cost: 50 reps and the walls are threads of this one process, on the
        // same cores as the server.
        let cores = Double(ProcessInfo.processInfo.activeProcessorCount)
        table.add(["bench process CPU s (of cores × s)", String(format: "%.1f (of %.0f: %.0f%%)", cpu, cores * elapsed, 100 * cpu / (cores * elapsed))])
        table.add(["run / until every thread ended s", String(format: "%.0f / %.1f", window, elapsed)])
        if let machineBusy { table.add(["machine busy (every process)", String(format: "%.0f%%", 100 * machineBusy)]) }
        Swift.print(table.printed())
        var errors: [String: Int] = [:]
        // One line per kind of refusal, whichever rep's login it names.
        for (_, message) in record.refused {
            let kind = message.replacingOccurrences(of: #"bench\.rep\d+@"#, with: "bench.rep…@", options: .regularExpression)
            errors[String(kind.prefix(110)), default: 0] += 1
        }
        for (message, count) in errors.sorted(by: { $0.value > $1.value }) { Swift.print("  error ×\(count): \(message)") }
        for (message, count) in record.wallErrors.sorted(by: { $0.value > $1.value }) { Swift.print("  wall error ×\(count): \(message)") }
        for fault in record.faults { Swift.print("  fault: \(fault)") }
    }
}

/// The machine's CPU counters (Linux /proc/stat): to tell a saturated machine from a slow server.
struct MachineCPU {
    let busy: Double
    let total: Double

    static func read() -> MachineCPU? {
        guard let text = try? String(contentsOfFile: "/proc/stat", encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix("cpu ") }) else { return nil }
        let fields = line.split(separator: " ").dropFirst().compactMap { Double($0) }
        guard fields.count >= 5 else { return nil }
        let idle = fields[3] + fields[4]
        let total = fields.prefix(8).reduce(0, +)
        return MachineCPU(busy: total - idle, total: total)
    }
}

extension Optional where Wrapped == MachineCPU {
    func busyShare(since start: MachineCPU?) -> Double? {
        guard let end = self, let start, end.total > start.total else { return nil }
        return (end.busy - start.busy) / (end.total - start.total)
    }
}
