import GRDB

/// The saved-filter table (owned by the query-language work).
enum SavedFilterSchema {
    static func migrate(_ db: Database) throws {}
}
