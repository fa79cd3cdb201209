import CloserCore
import GRDB

extension SQLFilter {
    /// Adds the query-language conditions over `account a` (owned by the query-language work).
    mutating func add(conditions: [AccountCondition], viewer: Viewer?) {
        for condition in conditions {
            if case .text(let text) = condition, !text.isEmpty {
                add("a.search_key LIKE ? ESCAPE '\\\\'", ["%" + SearchText.pattern(for: text) + "%"])
            }
        }
    }
}
