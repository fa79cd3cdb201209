import GRDB

/// The manager's own forecast calls, one per period and rep ('' for the team), beside the reps' categories.
/// "IF NOT EXISTS": a store made by a pre-release build of this migration (named v7-review) already has some of these.
enum ReviewSchema {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE IF NOT EXISTS forecast_call (
                period TEXT NOT NULL,
                rep TEXT NOT NULL DEFAULT '',
                amount INTEGER NOT NULL,
                currency TEXT NOT NULL,
                by TEXT NOT NULL,
                at REAL NOT NULL,
                PRIMARY KEY (period, rep)
            );
            -- The review reads the event log by time and kind for one entity.
            CREATE INDEX IF NOT EXISTS event_entity_at ON event(entity, at, action);
            -- The forecast: open deals closing in a month or quarter, and what was won in it, by range.
            CREATE INDEX IF NOT EXISTS deal_expected_close ON deal(outcome, expected_close, forecast_category, currency, amount, weighted);
            CREATE INDEX IF NOT EXISTS deal_closed_on ON deal(outcome, closed_on, currency, amount);
            """)
    }
}
