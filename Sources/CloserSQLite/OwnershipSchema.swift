import GRDB

/// Ownership and pool tables and columns (owned by the ownership work).
enum OwnershipSchema {
    static func migrate(_ db: Database) throws {}
}
