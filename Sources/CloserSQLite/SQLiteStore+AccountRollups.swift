import CloserCore
import Foundation
import GRDB

extension SQLiteStore {
    private static let rollupAssignments = """
        open_deals = (SELECT COUNT(*) FROM deal d WHERE d.account_id = account.id AND d.outcome = 'open'),
        pipeline = (SELECT COALESCE(SUM(d.amount), 0) FROM deal d WHERE d.account_id = account.id AND d.outcome = 'open' AND d.currency = '\(Money.defaultCurrency)'),
        weighted = (SELECT COALESCE(SUM(d.weighted), 0) FROM deal d WHERE d.account_id = account.id AND d.outcome = 'open' AND d.currency = '\(Money.defaultCurrency)'),
        won = (SELECT COALESCE(SUM(d.amount), 0) FROM deal d WHERE d.account_id = account.id AND d.outcome = 'won' AND d.currency = '\(Money.defaultCurrency)'),
        last_activity = (SELECT MAX(a.day) FROM activity a WHERE a.account_id = account.id),
        next_due = (SELECT MIN(d.next_step_due) FROM deal d WHERE d.account_id = account.id AND d.outcome = 'open')
        """

    /// Recomputes one account's figures after a deal or activity write. Not a change of the
    /// account itself: its version stays, so nobody's edit of the account is refused for it.
    static func refreshAccountRollup(_ db: Database, accountID: Int64) throws {
        try db.execute(sql: "UPDATE account SET \(rollupAssignments) WHERE id = ?", arguments: [accountID])
    }

    static func refreshAllAccountRollups(_ db: Database) throws {
        try db.execute(sql: "UPDATE account SET \(rollupAssignments)")
    }

    /// Accounts whose quadrant changed since a date, with the direction of the latest move.
    public func quadrantMoves(since: Date) throws -> [Int64: QuadrantMove] {
        try read { db in
            var moves = [Int64: QuadrantMove]()
            let rows = try Row.fetchAll(db, sql: """
                SELECT entity_id, at, changes FROM event
                WHERE entity = 'account' AND action = 'scores' AND at >= ? ORDER BY at, id
                """, arguments: [since.timeIntervalSince1970])
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
