import CloserCore
import Foundation
import GRDB

extension SQLiteStore {
    private static let rollupAssignments = """
        open_deals = (SELECT COUNT(*) FROM deal d INDEXED BY deal_account WHERE d.account_id = account.id AND d.outcome = 'open'),
        pipeline = (SELECT COALESCE(SUM(d.amount), 0) FROM deal d INDEXED BY deal_account
                    WHERE d.account_id = account.id AND d.outcome = 'open' AND d.currency = '\(Money.defaultCurrency)'),
        weighted = (SELECT COALESCE(SUM(d.weighted), 0) FROM deal d INDEXED BY deal_account
                    WHERE d.account_id = account.id AND d.outcome = 'open' AND d.currency = '\(Money.defaultCurrency)'),
        won = (SELECT COALESCE(SUM(d.amount), 0) FROM deal d INDEXED BY deal_account
               WHERE d.account_id = account.id AND d.outcome = 'won' AND d.currency = '\(Money.defaultCurrency)'),
        last_activity = (SELECT MAX(a.day) FROM activity a INDEXED BY activity_account WHERE a.account_id = account.id),
        next_due = (SELECT MIN(d.next_step_due) FROM deal d INDEXED BY deal_account WHERE d.account_id = account.id AND d.outcome = 'open')
        """

    /// Recomputes one account's figures after a deal or activity write. Not a change of the
    /// account itself: its version stays, so nobody's edit of the account is refused for it.
    /// The indexes are named because right after a bulk import the planner's statistics are
    /// stale and it may otherwise walk every open deal for one account.
    static func refreshAccountRollup(_ db: Database, accountID: Int64) throws {
        try db.execute(sql: "UPDATE account SET \(rollupAssignments) WHERE id = ?", arguments: [accountID])
    }

    /// Every account's figures in one grouped pass over deals and one over activities: a bulk
    /// import must not run six subqueries per account (20k accounts took minutes that way). The
    /// deals are read in table order and sorted, not walked by account through the index: a
    /// lookup per deal cost more than the sort (100k deals: 0.10–0.13 s against 0.14–0.16 s).
    static func refreshAllAccountRollups(_ db: Database) throws {
        let currency = Money.defaultCurrency
        try db.execute(sql: """
            UPDATE account SET open_deals = 0, pipeline = 0, weighted = 0, won = 0, next_due = NULL, last_activity = NULL;
            UPDATE account SET open_deals = agg.open_deals, pipeline = agg.pipeline, weighted = agg.weighted, won = agg.won,
                               next_due = agg.next_due
            FROM (SELECT account_id,
                         SUM(outcome = 'open') AS open_deals,
                         COALESCE(SUM(CASE WHEN outcome = 'open' AND currency = '\(currency)' THEN amount END), 0) AS pipeline,
                         COALESCE(SUM(CASE WHEN outcome = 'open' AND currency = '\(currency)' THEN weighted END), 0) AS weighted,
                         COALESCE(SUM(CASE WHEN outcome = 'won' AND currency = '\(currency)' THEN amount END), 0) AS won,
                         MIN(CASE WHEN outcome = 'open' THEN next_step_due END) AS next_due
                  FROM deal NOT INDEXED GROUP BY account_id) AS agg
            WHERE agg.account_id = account.id;
            UPDATE account SET last_activity = agg.last_day
            FROM (SELECT account_id, MAX(day) AS last_day FROM activity GROUP BY account_id) AS agg
            WHERE agg.account_id = account.id;
            """)
    }

    /// Accounts whose quadrant changed since a date, with the direction of the latest move.
    public func quadrantMoves(since: Date) throws -> [Int64: QuadrantMove] {
        try readAsActor { db, who in
            var moves = [Int64: QuadrantMove]()
            var filter = SQLFilter()
            filter.add("entity = 'account' AND action = 'scores' AND at >= ?", [since.timeIntervalSince1970])
            filter.restrict(accountColumn: "entity_id", to: who)
            let rows = try Row.fetchAll(db, sql: "SELECT entity_id, at, changes FROM event \(filter.whereClause) ORDER BY at, id",
                                        arguments: filter.arguments)
            for row in rows {
                guard let changes = ColumnCoding.decode([String: FieldChange].self, from: row.text("changes")),
                      let change = changes["quadrant"], let toText = change.new, let to = Quadrant(rawValue: toText) else { continue }
                let id: Int64 = row["entity_id"]
                let from = moves[id]?.from ?? change.old.flatMap(Quadrant.init(rawValue:)) ?? to
                moves[id] = QuadrantMove(accountID: id, from: from, to: to, at: ColumnCoding.date(row["at"]))
            }
            return moves.filter { $0.value.from != $0.value.to }
        }
    }
}
