import NIOConcurrencyHelpers

/// The first matches of recent searches (`PostgresStore.probedPage`), each with the snapshot it
/// was found in. A search's page is most of its time finding and ordering every match (长春 as a
/// manager: 2 000 deals read from the table), and a screen asks the same search again and again
/// while nothing changes: each redraw, each page down, the same keystroke's answer for each pane.
/// The file store keeps its counts the same way while its change counter stands (CountCache).
///
/// A snapshot (`pg_current_snapshot()`: the oldest running transaction, the next transaction id,
/// those running between) fixes which rows a statement sees: two transactions with the same
/// snapshot see the same committed rows, whatever the time between them, and any write committed
/// since (anywhere on the server) moves it. A read asks whether its snapshot is still the one the
/// matches were found in, in the statement that reads the page's deals by their ids; when it is
/// not, the matches are found again.
///
/// Shared by the handles on one set of connections (`acting(as:)`): the key holds the statement
/// and every value, so a rep's search (their name is among the values) is never another's.
final class SearchProbeCache: Sendable {
    struct Key: Hashable {
        let statement: String
        let values: [SQLValue]
        let probe: Int
    }

    struct Entry: Sendable {
        /// `pg_current_snapshot()` as text, in the transaction that found the ids.
        let snapshot: String
        /// The first `probe` matches' ids, in the page's order (fewer: every match).
        let ids: [Int64]
    }

    /// A search is typed a key at a time: the last few dozen are worth keeping, not every one.
    static let capacity = 64

    private let entries = NIOLockedValueBox<[Key: Entry]>([:])

    func entry(_ key: Key) -> Entry? {
        entries.withLockedValue { $0[key] }
    }

    func keep(_ entry: Entry, for key: Key) {
        entries.withLockedValue { entries in
            // Another snapshot means a write has committed: a later read never sees the older one again.
            if let any = entries.values.first, any.snapshot != entry.snapshot || entries.count >= Self.capacity {
                entries.removeAll(keepingCapacity: true)
            }
            entries[key] = entry
        }
    }
}
