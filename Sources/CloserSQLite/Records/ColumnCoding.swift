import GRDB

extension Row {
    /// A column's text, or empty when NULL: for NOT NULL columns written by this store.
    func text(_ column: String) -> String { self[column] ?? "" }
}
