/// Schema version 18: the weekly review's figures per rep read from an index alone.
///
/// The review adds up every open deal per rep and currency, with how many are stalled, lack a
/// next step, are overdue, past their close date or due today: one pass over the open deals,
/// which read the whole deal table (54 MB for the 100k demo; 45–60 ms of the review). This
/// partial index holds the open deals with every column that pass reads (10 MB), in the order
/// it groups them, so the pass reads the index alone (about 30 ms). A rep's own review lists their
/// largest stalled, overdue, … deals of each currency: in this order the index hands them over
/// largest first (the list of stalled deals walked 29 000 deals of the team by amount to find 200
/// of one rep's: 40–100 ms, now 3 ms). The account id is there for the visibility rule.
enum ReviewIndexSQL {
    static let version = 18

    static var migration: PostgresSchema.Migration {
        PostgresSchema.Migration(version: version, name: "review figures by rep from an index", statements: [
            """
            CREATE INDEX deal_open_by_rep ON deal (owner, currency, amount DESC, id)
            INCLUDE (weighted, last_activity, created_at, next_step_due, next_step, expected_close, account_id)
            WHERE outcome = 'open'
            """,
        ])
    }
}
