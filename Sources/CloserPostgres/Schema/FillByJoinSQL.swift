/// Schema version 14: the set-based history fill finds the deals it is given by a join, not by
/// searching the list for each log row. `= ANY (p_deals)` compared each of the log's rows with
/// every id of the list: for 100 000 deals it was most of a 100k import's time (and 45 s of the
/// 100k demo's), growing with the square of the load.
enum FillByJoinSQL {
    static let version = 14

    static var migration: PostgresSchema.Migration {
        PostgresSchema.Migration(version: version, name: "history fill joins its deals", statements: [fill, SecurityMigration.pinnedFunctions])
    }

    static var fill: String {
        let listed = "(p_deals IS NULL OR e.entity_id = ANY (p_deals))"
        let deleted = "DELETE FROM stage_event WHERE p_deals IS NULL OR deal_id = ANY (p_deals);"
        precondition(BulkHistorySQL.fill.contains(listed) && BulkHistorySQL.fill.contains(deleted), "version 13's fill changed")
        return BulkHistorySQL.fill
            .replacingOccurrences(of: listed, with: "(p_deals IS NULL OR e.entity_id IN (SELECT unnest(p_deals)))")
            .replacingOccurrences(of: deleted, with: "DELETE FROM stage_event WHERE p_deals IS NULL OR deal_id IN (SELECT unnest(p_deals));")
    }
}
