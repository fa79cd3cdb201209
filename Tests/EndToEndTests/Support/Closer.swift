import Foundation
import Testing

/// Where the real `closer` executable is: built next to the test bundle (the EndToEndTests
/// target depends on the `closer` product), whatever `--scratch-path` was used.
enum CloserBinary {
    static let path: String? = locate()

    /// The path, or a recorded failure that says how to build it.
    static func require(sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        guard let path else {
            Issue.record("the closer executable was not found next to the tests (\(candidates().joined(separator: ", "))); build it with `swift build --build-tests`",
                         sourceLocation: sourceLocation)
            throw E2EError("closer executable not found")
        }
        return path
    }

    private static func locate() -> String? {
        let fm = FileManager.default
        if let explicit = ProcessInfo.processInfo.environment["CLOSER_BINARY"], fm.isExecutableFile(atPath: explicit) {
            return explicit
        }
        // 1. Next to the running test executable (any scratch path, any triple).
        for candidate in candidates() where fm.isExecutableFile(atPath: candidate) {
            return candidate
        }
        // 2. Walk up from this file to the package, and look in its scratch folders, newest first.
        return scratchCandidates().filter { fm.isExecutableFile(atPath: $0) }
            .max { modified($0) < modified($1) }
    }

    static func candidates() -> [String] {
        var directories = [String]()
        if let executable = Bundle.main.executableURL { directories.append(executable.resolvingSymlinksInPath().deletingLastPathComponent().path) }
        directories.append(Bundle.main.bundleURL.resolvingSymlinksInPath().deletingLastPathComponent().path)
        directories.append(Bundle.main.bundleURL.resolvingSymlinksInPath().path)
        if let first = CommandLine.arguments.first, first.contains("/") {
            let url = URL(fileURLWithPath: first).resolvingSymlinksInPath()
            directories.append(url.deletingLastPathComponent().path)
            // macOS: .build/debug/X.xctest/Contents/MacOS/X
            directories.append(url.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path)
        }
        var seen = Set<String>()
        return directories.filter { seen.insert($0).inserted }.map { ($0 as NSString).appendingPathComponent("closer") }
    }

    static func packageRoot(from file: String = #filePath) -> String? {
        var url = URL(fileURLWithPath: file).deletingLastPathComponent()
        while url.path != "/" {
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url.path }
            url = url.deletingLastPathComponent()
        }
        return nil
    }

    private static func scratchCandidates() -> [String] {
        guard let root = packageRoot() else { return [] }
        let fm = FileManager.default
        var scratch = [String]()
        let environment = ProcessInfo.processInfo.environment
        for key in ["CLOSER_SCRATCH_PATH", "SWIFT_SCRATCH_PATH", "SWIFTPM_SCRATCH_PATH"] {
            if let value = environment[key], !value.isEmpty {
                scratch.append(value.hasPrefix("/") ? value : (root as NSString).appendingPathComponent(value))
            }
        }
        for name in (try? fm.contentsOfDirectory(atPath: root)) ?? [] where name.hasPrefix(".build") {
            scratch.append((root as NSString).appendingPathComponent(name))
        }
        var found = [String]()
        for folder in scratch {
            found.append((folder as NSString).appendingPathComponent("debug/closer"))
            for triple in (try? fm.contentsOfDirectory(atPath: folder)) ?? [] {
                found.append(((folder as NSString).appendingPathComponent(triple) as NSString).appendingPathComponent("debug/closer"))
            }
        }
        return found
    }

    private static func modified(_ path: String) -> Date {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date) ?? .distantPast
    }
}

struct E2EError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// What a finished command did.
struct RunResult: CustomStringConvertible {
    var status: Int32
    var stdout: String
    var stderr: String
    var timedOut: Bool

    var stdoutData: Data { Data(stdout.utf8) }
    var stderrLines: [String] { stderr.split(separator: "\n", omittingEmptySubsequences: true).map(String.init) }

    var description: String { "exit \(status)\(timedOut ? " (timed out)" : "")\n--- stdout:\n\(stdout)\n--- stderr:\n\(stderr)" }
}

/// Runs a program with its output in files (never a terminal) and kills it after `timeout` so
/// nothing hangs. Files, not pipes: tests run in parallel, and a child another test spawns at
/// the same moment can inherit a pipe's write end (tmux's server keeps it for its whole life),
/// so reading a pipe to its end could wait long after this program exited.
func runProcess(_ executable: String, _ arguments: [String], environment: [String: String], stdin: Data? = nil,
                timeout: TimeInterval = 30) throws -> RunResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.environment = environment
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("closer-run-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let outURL = folder.appendingPathComponent("stdout"), errURL = folder.appendingPathComponent("stderr")
    _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
    _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
    let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
    let input = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = input
    let done = DispatchSemaphore(value: 0)
    process.terminationHandler = { _ in done.signal() }
    try process.run()
    try? out.close()
    try? err.close()
    if let stdin { input.fileHandleForWriting.write(stdin) }
    try? input.fileHandleForWriting.close()
    var timedOut = false
    if done.wait(timeout: .now() + timeout) == .timedOut {
        timedOut = true
        process.terminate()
        if done.wait(timeout: .now() + 2) == .timedOut {
            kill(process.processIdentifier, SIGKILL)
            _ = done.wait(timeout: .now() + 2)
        }
    }
    let stdout = (try? Data(contentsOf: outURL)) ?? Data(), stderr = (try? Data(contentsOf: errURL)) ?? Data()
    return RunResult(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                     stderr: String(decoding: stderr, as: UTF8.self), timedOut: timedOut)
}

/// Runs a program with posix_spawn, its output in files. For tmux: its server daemonises
/// and keeps the client's inherited descriptors, which makes Foundation.Process (pipes, and
/// its own exit monitoring) wait forever for a client that exited long ago.
func spawnAndWait(_ executable: String, _ arguments: [String], environment: [String: String],
                  timeout: TimeInterval = 10) throws -> RunResult {
    let base = (NSTemporaryDirectory() as NSString).appendingPathComponent("closer-e2e-out-\(UUID().uuidString)")
    let outPath = base + ".out", errPath = base + ".err"
    defer {
        try? FileManager.default.removeItem(atPath: outPath)
        try? FileManager.default.removeItem(atPath: errPath)
    }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    let argv = ([executable] + arguments).map { strdup($0) } + [nil]
    let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer {
        argv.forEach { free($0) }
        envp.forEach { free($0) }
    }
    // The test runs on a thread that blocks most signals; a child would inherit that mask, and
    // tmux passes it on to its server and the dashboard (no SIGCHLD, SIGWINCH or SIGHUP).
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var noSignals = sigset_t(), allSignals = sigset_t()
    sigemptyset(&noSignals)
    sigfillset(&allSignals)
    sigdelset(&allSignals, SIGKILL)
    sigdelset(&allSignals, SIGSTOP)
    posix_spawnattr_setsigmask(&attributes, &noSignals)
    posix_spawnattr_setsigdefault(&attributes, &allSignals)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
    var pid: pid_t = 0
    let spawned = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
    guard spawned == 0 else { throw E2EError("cannot start \(executable): error \(spawned)") }
    var status: Int32 = 0
    var timedOut = false
    let deadline = Date().addingTimeInterval(timeout)
    while true {
        let result = waitpid(pid, &status, WNOHANG)
        if result == pid { break }
        if result < 0 { break }
        if Date() >= deadline {
            timedOut = true
            kill(pid, SIGKILL)
            waitpid(pid, &status, 0)
            break
        }
        usleep(5_000)
    }
    // WIFEXITED / WEXITSTATUS are macros Swift does not import.
    let exitStatus: Int32 = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
    return RunResult(status: exitStatus, stdout: String(decoding: FileManager.default.contents(atPath: outPath) ?? Data(), as: UTF8.self),
                     stderr: String(decoding: FileManager.default.contents(atPath: errPath) ?? Data(), as: UTF8.self), timedOut: timedOut)
}

/// One test's world: a temp folder, its own store, its own user and home, so tests can run
/// in parallel and never touch the developer's data.
final class Sandbox: Sendable {
    let directory: String
    let db: String
    let user = "e2e-rep"
    let closer: String

    /// A sandbox whose store is a file in its folder, or `db` (a postgres:// URL) when given.
    init(_ name: String = "closer-e2e", db: String? = nil) throws {
        closer = try CloserBinary.require()
        directory = (NSTemporaryDirectory() as NSString).appendingPathComponent("\(name)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        self.db = db ?? (directory as NSString).appendingPathComponent("store.sqlite")
    }

    /// A copy of the shared demo store, made once per run.
    static func withDemo(_ name: String = "closer-e2e") throws -> Sandbox {
        let sandbox = try Sandbox(name)
        try DemoTemplate.copy(to: sandbox.db)
        return sandbox
    }

    func path(_ name: String) -> String { (directory as NSString).appendingPathComponent(name) }

    var environment: [String: String] {
        [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin",
            "HOME": directory,
            "XDG_DATA_HOME": path("xdg-data"),
            "XDG_CONFIG_HOME": path("xdg-config"),
            "LANG": "C.UTF-8",
            "LC_ALL": "C.UTF-8",
            "CLOSER_DB": db,
            "CLOSER_USER": user,
        ]
    }

    /// `closer ARGS` on this sandbox's store (CLOSER_DB; pass --db to override).
    @discardableResult
    func run(_ arguments: [String], stdin: Data? = nil, timeout: TimeInterval = 30) throws -> RunResult {
        try runProcess(closer, arguments, environment: environment, stdin: stdin, timeout: timeout)
    }

    /// A command that must succeed; records the output when it does not.
    @discardableResult
    func ok(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> RunResult {
        let result = try run(arguments)
        #expect(result.status == 0, "closer \(arguments.joined(separator: " ")) failed: \(result)", sourceLocation: sourceLocation)
        guard result.status == 0 else { throw E2EError("closer \(arguments.first ?? "") failed") }
        return result
    }

    func json(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> Any {
        let result = try ok(arguments, sourceLocation: sourceLocation)
        return try JSONSerialization.jsonObject(with: result.stdoutData)
    }

    /// Open deals as `deal list --json` gives them.
    func deals(_ extra: [String] = []) throws -> [[String: Any]] {
        let value = try json(["deal", "list", "--json", "--limit", "1000"] + extra)
        guard let rows = value as? [[String: Any]] else { throw E2EError("deal list --json is not an array of objects") }
        return rows
    }

    deinit {
        try? FileManager.default.removeItem(atPath: directory)
    }
}

private let demoTemplatePath = (NSTemporaryDirectory() as NSString).appendingPathComponent("closer-e2e-demo-\(getpid()).sqlite")

/// The demo company, generated once per test run and copied for each test that needs it.
enum DemoTemplate {
    private static let made: Result<String, E2EError> = {
        do {
            let sandbox = try Sandbox("closer-e2e-template")
            let result = try sandbox.run(["demo"], timeout: 60)
            guard result.status == 0 else { return .failure(E2EError("closer demo failed: \(result)")) }
            // Keep the file past the sandbox's lifetime.
            let kept = demoTemplatePath
            try? FileManager.default.removeItem(atPath: kept)
            atexit { try? FileManager.default.removeItem(atPath: demoTemplatePath) }
            try FileManager.default.copyItem(atPath: sandbox.db, toPath: kept)
            return .success(kept)
        } catch {
            return .failure(E2EError("cannot make the demo store: \(error)"))
        }
    }()

    static func copy(to destination: String) throws {
        let source = try made.get()
        try FileManager.default.copyItem(atPath: source, toPath: destination)
        // A checkpointed store has no WAL; copy one if a future version leaves it behind.
        for suffix in ["-wal"] where FileManager.default.fileExists(atPath: source + suffix) {
            try FileManager.default.copyItem(atPath: source + suffix, toPath: destination + suffix)
        }
    }
}

/// Polls until `condition` holds or `timeout` passes; true when it held.
func waitUntil(timeout: TimeInterval = 5, every interval: TimeInterval = 0.05, _ condition: () throws -> Bool) rethrows -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    while true {
        if try condition() { return true }
        if Date() >= deadline { return false }
        Thread.sleep(forTimeInterval: interval)
    }
}

/// Single-quotes a word for /bin/sh.
func shellQuote(_ word: String) -> String {
    "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
}
