import Foundation

/// The store out of reach — a server restarting, a dropped connection: since when, why, and when
/// the dashboard next tries. While it lasts the screen keeps its last good picture and what the
/// user was typing; the waits between tries double up to `longestWait`, so a server coming back
/// is not met by every dashboard at once, many times a second.
public struct StoreOutage: Sendable, Equatable {
    static let firstWait: TimeInterval = 0.5
    static let longestWait: TimeInterval = 5

    /// When the store was first found out of reach: the picture on screen is from before.
    public var since: Date
    /// The last failure, as the store said it.
    public var reason: String
    /// Tries to reach it again that failed.
    public var attempts = 0
    /// When the last try began, and when the next one may.
    public var lastTry: Date
    public var nextTry: Date

    public init(since: Date, reason: String) {
        self.since = since
        self.reason = reason
        lastTry = since
        nextTry = since.addingTimeInterval(Self.firstWait)
    }

    /// The wait after `attempts` failed tries: 0.5 s, 1 s, 2 s, 4 s, then 5 s.
    static func wait(after attempts: Int) -> TimeInterval {
        min(longestWait, firstWait * pow(2, Double(min(attempts, 16))))
    }

    /// The try begun at `lastTry` failed: the next waits longer.
    mutating func failedAgain(reason: String) {
        attempts += 1
        self.reason = reason
        nextTry = lastTry.addingTimeInterval(Self.wait(after: attempts))
    }

    func isDue(at now: Date) -> Bool { now >= nextTry }
}
