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

    /// Reads the picture: the review since yesterday (what moved, today's and overdue steps, the
    /// funnel, per rep) and the quadrant counts. A failed read keeps the last good picture.
    func refreshStandup(now: Date) {
        guard var standup = state.standup else { return }
        // A wall screen runs for days: "today" moves on with the clock.
        state.today = Day(now)
        do {
            lastChangeToken = try store.changeToken()
            let yesterday = state.today.adding(days: -1)
            let query = ReviewQuery(today: state.today, since: yesterday, until: state.today, processKey: state.processKey, listLimit: 12)
            standup.review = try wallReads.measure(at: now) { try store.weeklyReview(query) }
            standup.quadrants = try store.quadrantSummary(AccountQuery(), topPerQuadrant: 3, rankByLifetimeValue: false)
            standup.loadedAt = now
            standup.problem = nil
        } catch {
            standup.problem = String(describing: error)
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
        let token: Int64?
        do {
            token = try store.changeToken()
        } catch {
            token = nil
            if state.standup?.problem == nil { changed = true }
            state.standup?.problem = String(describing: error)
        }
        if token == nil { return changed }
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
