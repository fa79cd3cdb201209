import GRDB

/// Search as you type on the deal table finds deals through an index of their search keys
/// instead of testing `search_key LIKE '%…%'` on every deal: an FTS5 trigram index (SQLite's own
/// substring index), kept by triggers on every write to `deal`. It only proposes candidates: the
/// queries still test each one with the LIKE, so the rows are exactly those of the plain scan.
///
/// - Contentless (`content=''`): the keys live in `deal` already; `detail='none'`: rows only, no
///   positions (the LIKE does the exact test), a third of the size (10 MB at 100k deals).
/// - `case_sensitive 1`: keys and queries are folded by `SearchText` already; the index keeps
///   their code points as they are, so an index term is a key's substring exactly.
/// - Each key is indexed with `char(31)` (`SearchText.separator`, never in a query) after it, so
///   every substring of two characters starts some trigram, and a query of two characters finds
///   its candidates through the terms that start with it (`deal_text_terms`).
///
/// Bulk loads: the triggers keep the index whatever inserts the rows; a load that drops every
/// trigger (`closer copy`) calls `refill` before it commits.
enum DealSearchSchema {
    static let indexTable = "deal_text"

    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            CREATE VIRTUAL TABLE deal_text USING fts5(key, content = '', detail = 'none', columnsize = 0,
                tokenize = 'trigram case_sensitive 1');
            CREATE VIRTUAL TABLE deal_text_terms USING fts5vocab(deal_text, row);
            \(triggers)
            -- The deal table by amount, and its search, walk this index in the table's own order
            -- (amount, then id): with the id third instead of after every column, deals of equal
            -- amount no longer go through a sort, which a deep page (offset 50 000) paid for every
            -- skipped deal (17 → 4 ms at 100k deals). A separate narrow index would skip faster
            -- still, but the planner then walks it for searches too, reading the table for each deal.
            DROP INDEX deal_amount_cover;
            CREATE INDEX deal_amount_cover ON deal(outcome, amount DESC, id, search_key, owner, last_activity, created_at,
                next_step_due, next_step);
            ANALYZE deal;
            """)
        try refill(db)
    }

    static let addedTrigger = """
        CREATE TRIGGER deal_text_added AFTER INSERT ON deal
        BEGIN INSERT INTO deal_text (rowid, key) VALUES (NEW.id, NEW.search_key || char(31)); END;
        """

    static let triggers = addedTrigger + """

        CREATE TRIGGER deal_text_deleted AFTER DELETE ON deal
        BEGIN INSERT INTO deal_text (deal_text, rowid, key) VALUES ('delete', OLD.id, OLD.search_key || char(31)); END;
        CREATE TRIGGER deal_text_changed AFTER UPDATE OF id, search_key ON deal
        WHEN OLD.search_key IS NOT NEW.search_key OR OLD.id IS NOT NEW.id
        BEGIN
            INSERT INTO deal_text (deal_text, rowid, key) VALUES ('delete', OLD.id, OLD.search_key || char(31));
            INSERT INTO deal_text (rowid, key) VALUES (NEW.id, NEW.search_key || char(31));
        END;
        """

    /// The index made anew from the deals, for a load that wrote them with the triggers dropped.
    static func refill(_ db: Database) throws {
        try db.execute(sql: """
            INSERT INTO deal_text (deal_text) VALUES ('delete-all');
            INSERT INTO deal_text (rowid, key) SELECT id, search_key || char(31) FROM deal;
            """)
    }

    /// A bulk insert of deals (BulkIndexes) goes in without the insert trigger and fills the
    /// index from every deal once after.
    static let index = TriggerKeptIndex(
        table: "deal",
        setAside: { db in try db.execute(sql: "DROP TRIGGER deal_text_added") },
        putBack: { db in
            try refill(db)
            try db.execute(sql: addedTrigger)
        })

    /// The index's tables (the virtual tables and FTS5's shadow tables): not data, so a copy
    /// leaves them out and the target makes its own.
    static func isIndexTable(_ name: String) -> Bool {
        name == indexTable || name == "deal_text_terms" || name.hasPrefix(indexTable + "_")
    }
}
