import GRDB

extension SQLiteStore {
    /// Every row of one query, from one read transaction (one snapshot, however long `body`
    /// takes: writers carry on beside it), turned into values and handed over in batches.
    func eachRow<T>(sql: String, arguments: StatementArguments, batchSize: Int,
                    _ transform: (Row) throws -> T, _ body: ([T]) throws -> Void) throws {
        let size = max(1, batchSize)
        try read { db in
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
