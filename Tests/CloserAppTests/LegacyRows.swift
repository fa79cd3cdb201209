import CloserCore
import CloserSQLite
import Foundation
import GRDB

/// Texts written straight into a store file, as an older version of Closer (which did not yet
/// refuse control characters) or another program left them: what the screens must still show
/// safely.
enum LegacyRows {
    struct Text {
        var table: String
        var id: Int64
        var column: String
        var value: String
    }

    /// A store file holding `snapshot`, with `texts` then written over its rows, opened as the fixture's user.
    static func store(_ snapshot: Snapshot, texts: [Text]) throws -> SQLiteStore {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("closer-legacy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("legacy.sqlite").path
        _ = try SQLiteStore(path: path, actor: Fixture.user, clock: { Fixture.now }).importSnapshot(snapshot)
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            for text in texts {
                try db.execute(sql: "UPDATE \(text.table) SET \(text.column) = ? WHERE id = ?", arguments: [text.value, text.id])
            }
        }
        return try SQLiteStore(path: path, actor: Fixture.user, clock: { Fixture.now })
    }
}
