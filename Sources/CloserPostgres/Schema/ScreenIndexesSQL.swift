/// Schema version 15: indexes for what the dashboard asks on every keystroke and first frame.
///
/// Search as you type is `search_key LIKE '%text%'`, which no B-tree serves: on 100k deals the
/// scan cost PostgreSQL four times what it costs SQLite. Two GIN indexes narrow it to the rows
/// that can match, and the LIKE (kept as it is) decides among them:
/// - trigrams (pg_trgm, part of PostgreSQL's own packages, trusted, so the database's owner may
///   create it) serve every pattern with a run of three or more letters or Han characters, the
///   planner choosing them for the LIKE by itself;
/// - the key's characters (`string_to_array(key, NULL)`) serve the Chinese patterns shorter than a
///   trigram: 长春 is a city, 长 the first key a rep types. `SearchPatternSQL` adds the condition
///   that uses them.
///
/// The board's column totals and the review's funnel add up the open deals of one process by
/// stage and currency (a rep's, of the accounts they see: the account id is in the index too);
/// the review's forecast adds up the open deals closing in the quarter and the deals won in it.
/// With the figures they add in the index they are read from it alone (the won deals of a
/// quarter lay over 6 000 of the table's pages).
enum ScreenIndexesSQL {
    static let version = 15

    /// The tables whose search keys the dashboard searches as the user types.
    static let searchedTables = ["deal", "account"]

    static var migration: PostgresSchema.Migration {
        PostgresSchema.Migration(version: version, name: "search, board and forecast indexes", statements: statements)
    }

    static var statements: [String] {
        ["CREATE EXTENSION IF NOT EXISTS pg_trgm"]
            + searchedTables.flatMap { table in
                [
                    "CREATE INDEX \(table)_search_trigrams ON \(table) USING gin (search_key gin_trgm_ops)",
                    "CREATE INDEX \(table)_search_characters ON \(table) USING gin (\(SearchPatternSQL.characters("search_key")))",
                ]
            }
            + [
                "CREATE INDEX deal_stage_totals ON deal (process_key, outcome, stage_key, currency) INCLUDE (amount, weighted, account_id)",
                "DROP INDEX deal_expected_close",
                "CREATE INDEX deal_expected_close ON deal (outcome, expected_close) INCLUDE (forecast_category, currency, owner, amount, weighted)",
                "DROP INDEX deal_closed_on",
                "CREATE INDEX deal_closed_on ON deal (outcome, closed_on) INCLUDE (currency, owner, amount) WHERE closed_on IS NOT NULL",
            ]
    }
}
