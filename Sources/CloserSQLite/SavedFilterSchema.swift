import GRDB

/// The saved-filter table (owned by the query-language work): named account queries the team
/// shares, kept as query text so a filter reads as it was typed and survives new conditions.
enum SavedFilterSchema {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE saved_filter (
                name TEXT PRIMARY KEY,
                query TEXT NOT NULL,
                owner TEXT NOT NULL,
                updated_at REAL NOT NULL
            );
            """)
    }
}
