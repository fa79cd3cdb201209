/// Schema version 18: the weekly review's figures per rep read from an index alone.
///
/// The review adds up every open deal per rep and currency, with how many are stalled, lack a
/// next step, are overdue, past their close date or due today: one pass over the open deals,
/// which read the whole deal table (54 MB for the 100k demo; 45–60 ms of the review). This
/// partial index holds the open deals with every column that pass reads (10 MB), in the order
/// it groups them, so the pass reads the index alone (about 30 ms). For a rep's own review the
/// account id is there too, for the visibility rule.
enum ReviewIndexSQL {
    static let version = 18

    static var migration: PostgresSchema.Migration {
        PostgresSchema.Migration(version: version, name: "review figures by rep from an index", statements: [
            """
            CREATE INDEX deal_open_by_rep ON deal (owner, currency)
            INCLUDE (amount, weighted, last_activity, created_at, next_step_due, next_step, expected_close, account_id)
            WHERE outcome = 'open'
            """,
        ])
    }
}
