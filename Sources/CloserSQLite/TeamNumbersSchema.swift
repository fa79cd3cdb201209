import GRDB

/// The team's numbers: dated exchange rates, sales targets, the list of lost reasons, and what a
/// lost deal records beside its reason text. The base currency is a row of v14's `setting` table.
enum TeamNumbersSchema {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            -- One unit of currency is worth micros / 1e6 of base, from from_day until the next rate of the currency.
            CREATE TABLE exchange_rate (
                base TEXT NOT NULL,
                currency TEXT NOT NULL,
                from_day TEXT NOT NULL,
                micros INTEGER NOT NULL CHECK (micros > 0),
                by TEXT NOT NULL,
                at REAL NOT NULL,
                PRIMARY KEY (base, currency, from_day)
            ) WITHOUT ROWID;
            CREATE TABLE sales_target (
                period TEXT NOT NULL,
                rep TEXT NOT NULL DEFAULT '',
                amount INTEGER NOT NULL,
                currency TEXT NOT NULL,
                by TEXT NOT NULL,
                at REAL NOT NULL,
                PRIMARY KEY (period, rep)
            ) WITHOUT ROWID;
            CREATE TABLE lost_reason (
                name TEXT PRIMARY KEY,
                position INTEGER NOT NULL,
                by TEXT NOT NULL,
                at REAL NOT NULL
            );
            ALTER TABLE deal ADD COLUMN loss_reason TEXT;
            ALTER TABLE deal ADD COLUMN lost_to TEXT;
            -- Each attention list's largest open deals per currency, an exact range of the index each: the
            -- lists rank by the amount in the base currency, and a currency's deals rank alike at one rate.
            CREATE INDEX deal_open_by_currency ON deal(currency, amount DESC, owner, last_activity, created_at, next_step_due, next_step, expected_close)
                WHERE outcome = 'open';
            -- The review's pass over the open deals (v14's deal_health, which the health report walks too)
            -- also counts those past their close date: the close date joins the index, last.
            DROP INDEX deal_health;
            CREATE INDEX deal_health ON deal(outcome, owner, currency, process_key, stage_key, budget_known, has_needs, quoted, pitched,
                                             amount, weighted, last_activity, created_at, next_step_due, next_step, next_key, account_id,
                                             expected_close);
            -- Forecast and attainment per rep: what closes in a month or quarter, and what was won in it, by rep from the index.
            DROP INDEX deal_expected_close;
            CREATE INDEX deal_expected_close_owner ON deal(outcome, expected_close, forecast_category, currency, owner, amount, weighted);
            DROP INDEX deal_closed_on;
            CREATE INDEX deal_closed_on_owner ON deal(outcome, closed_on, currency, owner, amount) WHERE closed_on IS NOT NULL;
            ANALYZE deal;
            """)
    }
}
