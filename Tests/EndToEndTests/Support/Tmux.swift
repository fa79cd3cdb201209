import Foundation
import Testing

/// `kill(2)`, named apart from `Tmux.kill()`.
func sendSignal(_ pid: pid_t, _ signal: Int32) -> Int32 { kill(pid, signal) }

/// A private tmux server (`tmux -L NAME`) with one session running the dashboard. Call
/// `kill()` in a `defer` so the server goes away even when the test fails.
final class Tmux {
    let socket: String
    let session = "e2e"
    let tmux: String
    let sandbox: Sandbox
    private var killed = false
    private let statusFile: String

    static func executable() -> String? {
        let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init)
            + ["/usr/bin", "/usr/local/bin", "/opt/homebrew/bin"]
        return paths.map { ($0 as NSString).appendingPathComponent("tmux") }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Starts `closer ARGUMENTS` in a detached WIDTH×HEIGHT window. Fails the test with a clear
    /// message when tmux is missing: the end-to-end tests must not pass by doing nothing.
    init(_ sandbox: Sandbox, arguments: [String], width: Int = 160, height: Int = 48, shellPrefix: String = "",
         sourceLocation: SourceLocation = #_sourceLocation) throws {
        guard let tmux = Tmux.executable() else {
            Issue.record("tmux is not installed: the end-to-end tests drive the dashboard through tmux (scripts/setup installs it: apt-get install tmux)",
                         sourceLocation: sourceLocation)
            throw E2EError("tmux is not installed")
        }
        self.tmux = tmux
        self.sandbox = sandbox
        socket = "closer-e2e-\(getpid())-\(UUID().uuidString.prefix(8))"
        let config = sandbox.path("tmux.conf")
        try """
        set -g status off
        set -g remain-on-exit on
        set -g set-clipboard on
        set -g history-limit 200
        set -g escape-time 0

        """.write(toFile: config, atomically: true, encoding: .utf8)
        let environment = sandbox.environment
        // The shell records the exit status in a file: tmux's own #{pane_dead_status} is
        // sometimes never filled in (the server leaves the process a zombie under load).
        statusFile = sandbox.path("exit-status-\(UUID().uuidString.prefix(8))")
        // A subcommand (closer standup …) comes before the store option, as a person types it.
        let words = arguments.first.map { !$0.hasPrefix("-") } == true
            ? [arguments[0], "--db", sandbox.db] + arguments.dropFirst() : ["--db", sandbox.db] + arguments
        let command = shellPrefix + ([sandbox.closer] + words).map(shellQuote).joined(separator: " ")
            + "; echo $? > " + shellQuote(statusFile)
        var args = ["-f", config, "new-session", "-d", "-s", session, "-x", String(width), "-y", String(height)]
        for key in environment.keys.sorted() { args += ["-e", "\(key)=\(environment[key]!)"] }
        args.append(command)
        let result = try self.command(args)
        guard result.status == 0 else {
            kill()
            Issue.record("tmux new-session failed: \(result)", sourceLocation: sourceLocation)
            throw E2EError("tmux new-session failed")
        }
    }

    /// `tmux -L SOCKET ARGS`.
    @discardableResult
    func command(_ arguments: [String]) throws -> RunResult {
        var environment = sandbox.environment
        environment["TERM"] = "xterm-256color"
        environment["TMUX_TMPDIR"] = sandbox.directory
        return try spawnAndWait(tmux, ["-L", socket] + arguments, environment: environment, timeout: 10)
    }

    /// Key names as tmux knows them: Enter, Escape, Left, q, "?".
    func keys(_ keys: String...) throws {
        try command(["send-keys", "-t", session] + keys)
    }

    /// Literal text (Chinese included), never interpreted as key names.
    func type(_ text: String) throws {
        try command(["send-keys", "-t", session, "-l", text])
    }

    /// The screen as text.
    func screen() throws -> String {
        try command(["capture-pane", "-p", "-t", session]).stdout
    }

    /// Waits (polling the screen every 50 ms) until `condition` holds; records the last
    /// screen when it never does.
    @discardableResult
    func waitFor(_ what: String, timeout: TimeInterval = 5, sourceLocation: SourceLocation = #_sourceLocation,
                 _ condition: (String) -> Bool) throws -> String {
        var last = ""
        let held = try waitUntil(timeout: timeout) {
            last = try screen()
            return condition(last)
        }
        if !held {
            Issue.record("timed out after \(timeout) s waiting for \(what); the screen was:\n\(last)", sourceLocation: sourceLocation)
            throw E2EError("timed out waiting for \(what)")
        }
        return last
    }

    @discardableResult
    func waitFor(text: String, timeout: TimeInterval = 5, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        try waitFor("“\(text)” on screen", timeout: timeout, sourceLocation: sourceLocation) { $0.contains(text) }
    }

    /// The dashboard's exit status once it has exited; nil if it is still running after `timeout`.
    func exitStatus(timeout: TimeInterval = 5) throws -> Int32? {
        var status: Int32?
        _ = waitUntil(timeout: timeout) {
            status = (try? String(contentsOfFile: statusFile, encoding: .utf8)).flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
            return status != nil
        }
        return status
    }

    /// Sends q and expects the dashboard to exit with status 0.
    func quit(sourceLocation: SourceLocation = #_sourceLocation) throws {
        try keys("q")
        let status = try exitStatus()
        #expect(status == 0, "q should end the dashboard with status 0 (got \(status.map(String.init) ?? "no exit within 5 s")); the screen:\n\((try? screen()) ?? "")",
                sourceLocation: sourceLocation)
    }

    var isAlive: Bool {
        let fields = (try? command(["display-message", "-p", "-t", session, "#{pane_dead}"]).stdout) ?? ""
        return fields.trimmingCharacters(in: .whitespacesAndNewlines) == "0"
    }

    /// The dashboard's process id: the child of the pane's shell.
    func panePID() -> pid_t? {
        let text = (try? command(["display-message", "-p", "-t", session, "#{pane_pid}"]).stdout) ?? ""
        guard let shell = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)) else { return nil }
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] {
            guard let pid = pid_t(entry), let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { continue }
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            if fields.count > 1, pid_t(fields[1]) == shell, stat.contains("(closer)") { return pid }
        }
        return nil
    }

    /// Ends the dashboard (by its pid: it does not always exit when its terminal goes away)
    /// and this test's tmux server.
    func kill() {
        guard !killed else { return }
        killed = true
        let pid = isAlive ? panePID() : nil
        _ = try? command(["kill-server"])
        if let pid {
            if !waitUntil(timeout: 0.5, { sendSignal(pid, 0) != 0 }) {
                _ = sendSignal(pid, SIGKILL)
            }
        }
    }

    deinit { kill() }
}
