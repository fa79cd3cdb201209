import CloserCore
import Foundation
import GRDB

/// The review's list of actions planned on accounts alone: few rows (the plans on no deal have a
/// partial index of their own), counted whole, the first `listLimit` in the order to do them.
extension SQLiteStore {
    /// Open plans on no deal due by the coming week's end, on accounts the actor may see; the
    /// reviewed rep's own (those they planned) when the review is one rep's.
    static func accountPlans(_ db: Database, _ q: ReviewQuery, as who: Actor) throws -> AccountPlanList {
        let through = AccountPlanList.lastDay(from: q.today)
        var filter = SQLFilter()
        filter.add("p.deal_id IS NULL AND p.done_on IS NULL AND p.due IS NOT NULL AND p.due <= ?", [through.description])
        if let rep = q.rep { filter.add("p.owner = ?", [rep]) }
        filter.restrict("a", to: who)
        let from = "FROM planned_activity p JOIN account a ON a.id = p.account_id \(filter.whereClause)"
        guard let counts = try Row.fetchOne(db, sql: "SELECT COUNT(*) AS n, COALESCE(SUM(p.due < ?), 0) AS overdue \(from)",
                                            arguments: StatementArguments([q.today.description]) + filter.arguments) else { return AccountPlanList(through: through) }
        var list = AccountPlanList(count: counts["n"], overdue: counts["overdue"], through: through)
        guard list.count > 0 else { return list }
        list.items = try Row.fetchAll(db, sql: """
            SELECT p.id, p.account_id, a.name, p.text, p.due, p.owner \(from)
            ORDER BY p.due, p.due_time IS NOT NULL, p.due_time, p.id LIMIT ?
            """, arguments: filter.arguments(appending: [q.listLimit])).compactMap { row in
            guard let due = ColumnCoding.day(row["due"]) else { return nil }
            return AccountPlanItem(planID: row["id"], accountID: row["account_id"], accountName: row["name"], text: row["text"], due: due,
                                   owner: row["owner"])
        }
        return list
    }
}
