import CloserCore
import GRDB

/// Account and person names sort by pinyin: each row keeps its name's collation key (NameCollation,
/// from the pinyin table the search uses), written with the row like its search key, and the
/// name orders walk indexes on it. The name indexes that find rows by their exact name (and order
/// them by code point, what the screens ask for until they ask for pinyin) stay.
enum NameOrderSchema {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE account ADD COLUMN name_key TEXT NOT NULL DEFAULT '';
            ALTER TABLE person ADD COLUMN name_key TEXT NOT NULL DEFAULT '';
            """)
        for table in ["account", "person"] {
            let update = try db.makeStatement(sql: "UPDATE \(table) SET name_key = ? WHERE id = ?")
            let rows = try Row.fetchCursor(db, sql: "SELECT id, name FROM \(table)")
            while let row = try rows.next() {
                try update.execute(arguments: [NameCollation.key(row["name"]), row["id"] as Int64])
            }
        }
        try db.execute(sql: """
            -- The account table by name, search as you type tested in the index (as account_name_search_cover did by code point).
            CREATE INDEX account_name_key_cover ON account(name_key, id, search_key, visibility, owner, shared_with);
            CREATE INDEX person_name_key ON person(name_key, id);
            ANALYZE account;
            ANALYZE person;
            """)
    }
}
