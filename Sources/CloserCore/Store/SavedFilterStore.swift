/// Named account queries (`closer filter save hot "grade:A pipeline>500k"`); each has the user
/// who saved it first as its owner. A rep sees their own and the managers' (the team's); a
/// manager sees all: a query may name another rep's customers.
public protocol SavedFilterStore: Sendable {
    /// Every saved filter the actor may see, by name.
    func savedFilters() throws -> [SavedFilter]
    /// Adds the filter, or replaces the query of the one with that name. The query must parse;
    /// a filter someone else owns may be replaced only by a manager.
    func saveFilter(_ filter: SavedFilter) throws
    /// Deletes the filter; one someone else owns only by a manager.
    func deleteFilter(named: String) throws
    func savedFilter(named: String) throws -> SavedFilter
}
