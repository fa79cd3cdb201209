import CloserCore
import GRDB

extension SQLFilter {
    /// Limits `account a` to what the viewer may see (owned by the ownership work).
    ///
    /// A rep sees the pool, their own accounts, and accounts shared with them unless exclusive;
    /// not other reps' private (owned, exclusive, protected) accounts. A manager and a nil
    /// viewer (admin paths, imports) see everything.
    mutating func restrict(to viewer: Viewer?) {
        guard let viewer, viewer.role == .rep else { return }
        add(VisibilitySQL.visibleToRep("a"), VisibilitySQL.arguments(for: viewer.name))
    }
}

enum VisibilitySQL {
    /// A condition on an account alias, taking the arguments of `arguments(for:)`.
    static func visibleToRep(_ alias: String) -> String {
        "(\(alias).visibility = 'pool' OR \(alias).owner IS NULL OR \(alias).owner = ? "
            + "OR (\(alias).visibility != 'exclusive' AND instr(\(alias).shared_with, ?) > 0))"
    }

    static func arguments(for name: String) -> [(any DatabaseValueConvertible)?] {
        [name, sharedNeedle(name)]
    }

    /// The name as it appears inside the JSON list column (`["a","b"]` → `"a"`), quoted and
    /// escaped by the same encoder, so `li` never matches `li.na`.
    static func sharedNeedle(_ name: String) -> String {
        let list = ColumnCoding.strings([name])
        return String(list.dropFirst().dropLast())
    }
}
