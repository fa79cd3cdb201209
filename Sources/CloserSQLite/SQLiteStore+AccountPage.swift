import CloserCore
import CloserStoreKit
import Foundation
import GRDB

/// One page of the account table, with the count of every account the query selects: what
/// each keystroke of the search field asks for, so it must cost one pass over the accounts.
extension SQLiteStore {
    /// A filtered query probes this many matching ids (ProbedPage). 2 000 ids cost less
    /// than a second scan of 20k accounts (a text condition is tested on every row), and a dense
    /// match reaches them early; 5 000 made a manager's `z` (11k matches) read ids it never shows.
    static let accountProbeLimit = 2_000

    public func accounts(_ query: AccountQuery) throws -> Page<AccountSummary> {
        let order = Self.accountOrder(query)
        let offset = max(0, query.offset), limit = max(0, query.limit)
        return try readAsActor { db, who in
            let filter = Self.accountFilter(query, as: who)
            guard !filter.isEmpty else {
                // Nothing to test: SQLite counts a whole table without reading rows, and the page
                // walks the sort's index for `limit` rows.
                let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM account a") ?? 0
                let rows = try Row.mapAll(db, sql: "SELECT a.* FROM account a ORDER BY \(order) LIMIT ? OFFSET ?",
                                          arguments: [limit, offset], AccountSummary.init(row:))
                return Page(rows: rows, total: total, offset: offset)
            }
            let (ids, total) = try ProbedPage.ids(offset: offset, limit: limit, probeLimit: Self.accountProbeLimit, probe: { n in
                try Int64.fetchAll(db, sql: "SELECT a.id FROM account a \(filter.whereClause) ORDER BY \(order) LIMIT ?",
                                   arguments: filter.arguments(appending: [n]))
            }, count: {
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM account a \(filter.whereClause)", arguments: filter.arguments) ?? 0
            }, page: {
                try Int64.fetchAll(db, sql: "SELECT a.id FROM account a \(filter.whereClause) ORDER BY \(order) LIMIT ? OFFSET ?",
                                   arguments: filter.arguments(appending: [limit, offset]))
            })
            return Page(rows: try Self.accountRows(db, ids: ids), total: total, offset: offset)
        }
    }

    public func eachAccount(_ query: AccountQuery, batchSize: Int, _ body: ([AccountSummary]) throws -> Void) throws {
        try eachRow(batchSize: batchSize, { who in
            let filter = Self.accountFilter(query, as: who)
            return ("SELECT a.* FROM account a \(filter.whereClause) ORDER BY \(Self.accountOrder(query))", filter.arguments)
        }, AccountSummary.init(row:), body)
    }

    /// How SQLite runs the one pass of `query` (EXPLAIN QUERY PLAN details): tests hold the
    /// index choice of search as you type in place with it.
    func accountPagePlan(_ query: AccountQuery) throws -> [String] {
        try readAsActor { db, who in
            let filter = Self.accountFilter(query, as: who)
            return try Row.mapAll(db, sql: "EXPLAIN QUERY PLAN SELECT a.id FROM account a \(filter.whereClause) ORDER BY \(Self.accountOrder(query)) LIMIT 1",
                           arguments: filter.arguments) { $0["detail"] as String? ?? "" }
        }
    }

    /// The rows of `ids`, in that order (one read by primary key each).
    static func accountRows(_ db: Database, ids: [Int64]) throws -> [AccountSummary] {
        guard !ids.isEmpty else { return [] }
        let marks = ids.map { _ in "?" }.joined(separator: ",")
        let rows = try Row.mapAll(db, sql: "SELECT a.* FROM account a WHERE a.id IN (\(marks))", arguments: StatementArguments(ids),
                                  AccountSummary.init(row:))
        let byID = Dictionary(rows.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        return ids.compactMap { byID[$0] }
    }

    /// Empty values sort last whichever the direction, then by id so pages never overlap. Names
    /// sort by pinyin (their `name_key`, NameCollation) or by code point as the query asks, and
    /// tie-break by id in the same direction: the order of account_name_key_cover (or
    /// account_name_search_cover) either way.
    static func accountOrder(_ query: AccountQuery) -> String {
        let direction = query.ascending ? "ASC" : "DESC"
        let name = query.nameOrder.column
        switch query.sort {
        case .name: return "a.\(name) \(direction), a.id \(direction)"
        case .grade: return "a.grade \(direction), a.\(name), a.id"
        case .quadrant: return "a.quadrant \(direction), a.\(name), a.id"
        case .industry: return "a.industry = '', a.industry \(direction), a.id"
        case .region: return "a.region = '', a.region \(direction), a.id"
        case .owner: return "a.owner IS NULL, a.owner \(direction), a.id"
        case .pipeline: return "a.pipeline \(direction), a.id"
        case .weighted: return "a.weighted \(direction), a.id"
        case .won: return "a.won \(direction), a.id"
        case .lastActivity: return "a.last_activity IS NULL, a.last_activity \(direction), a.id"
        case .nextStepDue: return "a.next_due IS NULL, a.next_due \(direction), a.id"
        case .updated: return "a.updated_at \(direction), a.id"
        case .id: return "a.id \(direction)"
        }
    }
}
