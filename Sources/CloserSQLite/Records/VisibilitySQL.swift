import CloserCore
import GRDB

extension SQLFilter {
    /// Limits `account a` to what the viewer may see (owned by the ownership work).
    mutating func restrict(to viewer: Viewer?) {}
}
