/// Named account queries (`closer filter save hot "grade:A pipeline>500k"`), shared by the
/// whole team; each has the user who saved it first as its owner.
public protocol SavedFilterStore {
    /// Every saved filter, by name.
    func savedFilters() throws -> [SavedFilter]
    /// Adds the filter, or replaces the query of the one with that name. The query must parse;
    /// a filter someone else owns may be replaced only by a manager.
    func saveFilter(_ filter: SavedFilter, by user: String) throws
    /// Deletes the filter; one someone else owns only by a manager.
    func deleteFilter(named: String, by user: String) throws
    func savedFilter(named: String) throws -> SavedFilter
}
