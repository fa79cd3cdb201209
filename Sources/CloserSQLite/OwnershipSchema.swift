import GRDB

/// Ownership and pool tables and columns (owned by the ownership work).
///
/// Protection is a flag beside visibility: an owned, shared or exclusive account can also be
/// protected. Rows whose visibility is the older `protected` code count as owned + protected;
/// the migration sets their flag so queries need only look at the flag — but rows written later
/// with that code (imports, the demo) are treated the same way by `SQLiteStore.protectedSQL`.
enum OwnershipSchema {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE account ADD COLUMN protected INTEGER NOT NULL DEFAULT 0;
            -- When the current owner got it (claim, assign); NULL = since the row was created.
            ALTER TABLE account ADD COLUMN owned_since REAL;
            -- Why it was last returned to the pool, kept while it sits there.
            ALTER TABLE account ADD COLUMN returned_reason TEXT;
            UPDATE account SET protected = 1 WHERE visibility = 'protected';
            CREATE INDEX account_visibility_owner ON account(visibility, owner);

            CREATE TABLE pool_rule (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
            """)
    }
}
