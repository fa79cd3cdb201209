/// Schema version 16: the set-based history fill sorts and builds its indexes in memory, and
/// makes each event's own stage as it reads the log.
///
/// - The fill sorted its 360 000 rows for the 100k demo on disk (4 MB of `work_mem`), and
///   rebuilt the history's nine indexes with 64 MB of `maintenance_work_mem`: both now have
///   256 MB for the fill's own statements (the server's settings stand for everything else).
/// - The stage each event names (and whether it is settled) is worked out in the statement that
///   reads the log, instead of an UPDATE that rewrote every row afterwards; the table's
///   statistics, read after, then know how few reopenings are left to resolve, and the planner
///   resolves them from those few rows rather than from every settled row.
enum BulkFillMemorySQL {
    static let version = 16

    static var migration: PostgresSchema.Migration {
        PostgresSchema.Migration(version: version, name: "history fill in memory", statements: [fill, SecurityMigration.pinnedFunctions])
    }

    static var fill: String {
        let settings = "SET jit = off AS $$"
        let unsettled = "NULL::text AS stage, false AS resolved,"
        let settledLater = "    -- The stage after each event that names it, or that closes the deal.\n"
            + "    UPDATE closer_fill SET stage = CASE WHEN kind IN ('created','moved','forced','reopened') THEN to_s END, resolved = true\n"
            + "    WHERE kind IN ('created','moved','forced','won','lost','withdrawn') OR (kind = 'reopened' AND to_s IS NOT NULL);\n"
        let before = FillByJoinSQL.fill
        precondition(before.contains(settings) && before.contains(unsettled) && before.contains(settledLater), "version 14's fill changed")
        return before
            .replacingOccurrences(of: settings, with: "SET jit = off SET work_mem = '256MB' SET maintenance_work_mem = '256MB' AS $$")
            .replacingOccurrences(of: unsettled, with: "CASE WHEN x.kind IN ('created','moved','forced','reopened') THEN x.to_s END AS stage,\n"
                + "                   (x.kind IN ('created','moved','forced','won','lost','withdrawn') OR (x.kind = 'reopened' AND x.to_s IS NOT NULL)) AS resolved,")
            .replacingOccurrences(of: settledLater, with: "")
    }
}
