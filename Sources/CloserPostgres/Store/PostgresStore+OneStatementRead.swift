import CloserCore

/// A read answered whole by one statement (the deal table's page; a search whose matches are
/// kept), with who the actor is asked in that same statement: no transaction around it.
///
/// postgres-nio hands a connection's statements to the server one at a time, each after the
/// last one's answer is in, so a read in a transaction (BEGIN, who is acting, the page, COMMIT)
/// waits for four answers in turn, even though the caller waits once (Connection+Pipeline): on
/// a local socket 0.5 ms, where the deal table's page takes the server 0.2 ms. One statement
/// sees one snapshot by itself, the user table in it as much as the deals, so the answer is
/// the same: the read starts on who the actor was at the handle's last read, and a read made
/// for someone the actor no longer is, or the first read of a handle, goes the usual way
/// (`readAsActor`).
extension PostgresStore {
    /// The statement of a one-statement read for `actor`, and how to read its rows; its select list
    /// carries the actor's columns (`columns`). `read` gives nil when the rows do not answer
    /// (kept matches of another snapshot), and the read then goes the usual way.
    struct OneStatement<T> {
        let sql: String
        let values: [SQLValue]
        /// Whether the server keeps it from its second run (Connection+Reuse), or plans it for its values each time.
        var kept = true
        let read: ([SQLRow]) throws -> T?

        /// The statement run on `connection` (in a read's transaction, or as the whole read), its rows read.
        func run(_ connection: Connection) throws -> T? {
            try read(try rows(connection))
        }

        func rows(_ connection: Connection) throws -> [SQLRow] {
            kept ? try connection.queryReusingPlan(sql, values) : try connection.query(sql, values)
        }
    }

    /// The answer of the statement `make` writes for who the actor was at the last read, or nil
    /// when the read must go the usual way. `make` gets the actor and the select-list entries
    /// that ask who the actor is (the name written in, so the statement stays one the server plans once).
    func readInOneStatement<T>(_ make: (_ who: Actor, _ columns: String) throws -> OneStatement<T>?) throws -> T? {
        guard let guess = lastActor.withLockedValue({ $0 }) else { return nil }
        try session.requireActing(as: actor, location: location)
        let columns = Self.actorColumns.replacingOccurrences(of: "?", with: VisibilitySQL.literal(actor))
        guard let statement = try make(guess, columns) else { return nil }
        let rows: [SQLRow]
        do {
            rows = try pool.withConnection { connection in try statement.rows(connection) }
        } catch is OutdatedStatement {
            // The connection forgot its kept statements; the usual read plans them again.
            return nil
        } catch let error as StoreError {
            throw explained(error)
        }
        // Every one-statement read answers at least one row (the page's total or its kept matches' check).
        guard let first = rows.first else { return nil }
        let who = try actingActor(from: first)
        if case .stranger(let name) = who {
            lastActor.withLockedValue { $0 = nil }
            throw StoreError.refused(.notAUser(name))
        }
        lastActor.withLockedValue { $0 = who }
        guard who == guess else { return nil }
        return try statement.read(rows)
    }
}
