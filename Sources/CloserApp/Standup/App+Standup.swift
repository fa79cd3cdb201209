import CloserCore
import Foundation
import TerminalUI

extension App {
    /// Opens the wall screen over the dashboard (or as the whole program, from `closer standup`).
    public func startStandup(interval: TimeInterval = 15, wallOnly: Bool = false, now: Date = Date()) {
        state.overlay = nil
        state.standup = StandupState(interval: interval, wallOnly: wallOnly, now: now)
        refreshStandup(now: now)
    }

    /// Reads the picture (`ReadWall`): the review since yesterday, the quadrant counts, the
    /// deals' health and the team's numbers. A failed read keeps the last good picture.
    func refreshStandup(now: Date) {
        guard var standup = state.standup else { return }
        // A wall screen runs for days: "today" moves on with the clock.
        state.today = Day(now)
        let read = ReadWall(today: state.today, processKey: state.processKey)
        switch runner.run(read) {
        case .success(let wall as ReadWall.Reply):
            lastChangeToken = wall.token
            wallReads.record(cost: wall.cost, at: now)
            standup.review = wall.review
            standup.quadrants = wall.quadrants
            standup.health = wall.health
            state.numbers = wall.numbers
            standup.loadedAt = now
            standup.problem = nil
        case .success:
            break
        case .failure(let error):
            standup.problem = ErrorText.of(error, in: state.lang)
        }
        state.standup = standup
    }

    /// Called between keys: turns the panel when its time is up, rereads when anyone wrote,
    /// retries when the store was unreadable. Returns true when the screen changed.
    @discardableResult
    public func standupTick(now: Date) -> Bool {
        guard var standup = state.standup else { return false }
        var changed = false
        if !standup.paused, now.timeIntervalSince(standup.panelSince) >= standup.interval {
            standup.step(1, now: now)
            state.standup = standup
            changed = true
        }
        let token: Int64
        switch runner.run(ReadChangeToken()) {
        case .success(let read as Int64): token = read
        case .success: return changed
        case .failure(let error):
            if state.standup?.problem == nil { changed = true }
            let problem = ErrorText.of(error, in: state.lang)
            state.standup?.problem = problem
            return changed
        }
        if token != lastChangeToken && wallReads.allows(at: now) || state.standup?.problem != nil {
            refreshStandup(now: now)
            return true
        }
        return changed
    }

    /// Only viewing keys, from the key map: Space pauses, ← → step, q (or Esc over the dashboard) leaves.
    func handleStandupKey(_ key: Key, now: Date = Date()) {
        guard var standup = state.standup else { return }
        switch KeyMap.command(for: key, in: [StandupState.keys]) {
        case .standupPause?: standup.paused.toggle()
        case .standupNext?: standup.step(1, now: now)
        case .standupPrevious?: standup.step(-1, now: now)
        case .quit?:
            if standup.wallOnly { state.shouldQuit = true } else { state.standup = nil; reload(); return }
        case .close?:
            if !standup.wallOnly { state.standup = nil; reload(); return }
        default:
            state.message = StatusMessage(LocalizedText(en: "The stand-up screen is read-only: Space pauses, ← → step, q leaves",
                                                        zh: "站会屏幕只读：空格暂停，← → 切换，q 退出")[state.lang])
        }
        state.standup = standup
    }
}

/// Everything the wall shows, in one read: the review since yesterday, the quadrants, the open
/// deals' health, and the base currency with its rates and the team's names.
struct ReadWall: Work, Equatable {
    var today: Day
    var processKey: String

    struct Reply: Sendable {
        var token: Int64
        var review: WeeklyReview
        var quadrants: QuadrantSummary
        var health: HealthReport?
        var numbers: TeamNumbers
        var cost: TimeInterval
    }

    func run(in world: World) throws -> Reply {
        let started = Date()
        let token = try world.store.changeToken()
        let yesterday = today.adding(days: -1)
        let query = ReviewQuery(today: today, since: yesterday, until: today, processKey: processKey, listLimit: 40)
        let review = try world.store.weeklyReview(query)
        let quadrants = try world.store.quadrantSummary(AccountQuery(), topPerQuadrant: 8, rankByLifetimeValue: false)
        let health = try world.store.healthReport(HealthReportQuery(today: today, processKey: processKey, listLimit: 1))
        let numbers = try ReadTeamNumbers().run(in: world)
        return Reply(token: token, review: review, quadrants: quadrants, health: health, numbers: numbers, cost: Date().timeIntervalSince(started))
    }
}

extension Command {
    public static let standupPause = Command("standup.pause", en: "Pause / go on", zh: "暂停 / 继续")
    public static let standupNext = Command("standup.next", en: "Next panel", zh: "下一屏")
    public static let standupPrevious = Command("standup.previous", en: "Previous panel", zh: "上一屏")
}

extension StandupState {
    static let keys = KeyContext("standup", en: "Stand-up wall screen (read-only)", zh: "站会大屏（只读）")
    static let bindings: [KeyBinding] = [
        KeyBinding([.char(" "), .char("p")], .standupPause, keys),
        KeyBinding([.right, .char("l"), .char("n"), .pageDown], .standupNext, keys),
        KeyBinding([.left, .char("h"), .pageUp], .standupPrevious, keys),
        KeyBinding([.char("q")], .quit, keys),
        KeyBinding([.escape], .close, keys),
    ]
}
