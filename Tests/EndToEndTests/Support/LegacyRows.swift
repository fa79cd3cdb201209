import Foundation
import GRDB

extension Sandbox {
    /// Writes a text straight into the sandbox's store file, as an older version of Closer (which
    /// did not yet refuse control characters) or another program may have left it.
    func writeLegacy(table: String, id: Int64, column: String, value: String) throws {
        let queue = try DatabaseQueue(path: db)
        try queue.write { db in
            try db.execute(sql: "UPDATE \(table) SET \(column) = ? WHERE id = ?", arguments: [value, id])
        }
    }
}
