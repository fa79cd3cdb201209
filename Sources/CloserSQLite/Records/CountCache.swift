import Foundation
import GRDB

/// Counts of the deal table's filters while the store is unchanged. Paging, scrolling and each
/// redraw ask a table for its total again, and a count reads every deal it counts (at 100k deals,
/// 3 ms for the open ones, where the page itself takes 1 ms); the total cannot have moved until
/// something is written. A count is keyed by the statement and its arguments (the actor's
/// visibility is written into them) and by the store's change counter, which every write's
/// transaction moves (`SQLiteStore.write`, a restore, another process's write), read in the same
/// read transaction as the count would be.
final class CountCache: @unchecked Sendable {
    private struct Key: Hashable {
        let statement: String
        let arguments: String
    }

    private let lock = NSLock()
    private var token: Int64?
    private var counts: [Key: Int] = [:]
    /// Filters are typed a key at a time: the last few dozen are worth keeping, not every one.
    private let capacity = 64

    /// The count of `sql`, from the cache when the store has not changed since it was made.
    func count(_ db: Database, _ sql: String, _ arguments: StatementArguments) throws -> Int {
        let now = try Int64.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'change_counter'") ?? 0
        let key = Key(statement: sql, arguments: arguments.description)
        if let cached = lock.withLock({ token == now ? counts[key] : nil }) { return cached }
        let count = try Int.fetchOne(db, sql: sql, arguments: arguments) ?? 0
        lock.withLock {
            if token != now {
                token = now
                counts.removeAll(keepingCapacity: true)
            }
            if counts.count >= capacity { counts.removeAll(keepingCapacity: true) }
            counts[key] = count
        }
        return count
    }
}
