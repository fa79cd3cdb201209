import Foundation

/// Keeps a screen whose read is expensive (the weekly review over a large store) from rereading
/// on every write someone makes: a read that cost C waits 20 × C before the next one, so the
/// screen spends at most a twentieth of its time reading. Reads cheaper than 0.1 s are never held
/// back, so small stores stay instant. A wall screen, which no one types on and which must show a
/// write within a second, waits at most `longestWait` however costly its read.
struct RefreshPacer: Sendable {
    static let freeBelow: TimeInterval = 0.1
    static let factor: Double = 20
    let longestWait: TimeInterval

    init(longestWait: TimeInterval = 60) {
        self.longestWait = longestWait
    }

    private(set) var lastRead: Date?
    private(set) var lastCost: TimeInterval = 0

    /// Whether a reread may happen now.
    func allows(at now: Date) -> Bool {
        guard let lastRead, lastCost >= RefreshPacer.freeBelow else { return true }
        return now.timeIntervalSince(lastRead) >= min(longestWait, lastCost * RefreshPacer.factor)
    }

    /// Notes a read that cost `cost` seconds and began at `at`.
    mutating func record(cost: TimeInterval, at: Date) {
        lastCost = cost
        lastRead = at
    }

    /// Times `body` as one read.
    mutating func measure<T>(at now: Date = Date(), _ body: () throws -> T) rethrows -> T {
        let started = Date()
        defer {
            lastCost = Date().timeIntervalSince(started)
            lastRead = now
        }
        return try body()
    }
}
