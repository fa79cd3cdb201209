import CloserCore
import Foundation

/// The review's list of actions planned on accounts alone, as the file store reads it
/// (SQLiteStore+ReviewAccountPlans): counted whole, the first `listLimit` in the order to do them.
extension PostgresStore {
    /// Open plans on no deal due by the coming week's end, on accounts the actor may see; the
    /// reviewed rep's own (those they planned) when the review is one rep's.
    static func accountPlans(_ connection: Connection, _ q: ReviewQuery, as who: Actor) throws -> AccountPlanList {
        let through = AccountPlanList.lastDay(from: q.today)
        var filter = SQLConditions()
        filter.add("p.deal_id IS NULL AND p.done_on IS NULL AND p.due IS NOT NULL AND p.due <= ?", [.text(through.description)])
        if let rep = q.rep { filter.add("p.owner = ?", [.text(rep)]) }
        filter.restrict("a", to: who)
        let from = "FROM planned_activity p JOIN account a ON a.id = p.account_id \(filter.whereClause)"
        guard let counts = try connection.queryOne("SELECT count(*) AS n, count(*) FILTER (WHERE p.due < ?) AS overdue \(from)",
                                                   [.text(q.today.description)] + filter.values) else { return AccountPlanList(through: through) }
        var list = AccountPlanList(count: try counts.int("n"), overdue: try counts.int("overdue"), through: through)
        guard list.count > 0 else { return list }
        list.items = try connection.query("""
            SELECT p.id, p.account_id, a.name, p.text, p.due, p.owner \(from)
            ORDER BY p.due, p.due_time IS NOT NULL, p.due_time, p.id LIMIT ?
            """, filter.values(appending: [.int(q.listLimit)])).compactMap { row in
            guard let due = try row.day("due") else { return nil }
            return AccountPlanItem(planID: try row.int64("id"), accountID: try row.int64("account_id"), accountName: try row.string("name"),
                                   text: try row.string("text"), due: due, owner: try row.string("owner"))
        }
        return list
    }
}
