import CloserCore
import GRDB

extension SQLiteStore {
    /// Every row of one query, from one read transaction (one snapshot, however long `body`
    /// takes: writers carry on beside it), turned into values and handed over in batches. The
    /// query is built for the actor as the transaction knows them.
    func eachRow<T>(batchSize: Int, _ query: (Actor) -> (sql: String, arguments: StatementArguments),
                    _ transform: (Row) throws -> T, _ body: ([T]) throws -> Void) throws {
        let size = max(1, batchSize)
        try readAsActor { db, who in
            let (sql, arguments) = query(who)
            var batch: [T] = []
            batch.reserveCapacity(size)
            try Row.forEach(db, sql: sql, arguments: arguments) { row in
                batch.append(try transform(row))
                if batch.count == size {
                    try body(batch)
                    batch.removeAll(keepingCapacity: true)
                }
            }
            if !batch.isEmpty { try body(batch) }
        }
    }
}
