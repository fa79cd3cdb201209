import CloserCore
import NIOCore
import PostgresNIO

/// Statements the store runs again and again (a screen's page, who is acting) kept on the server
/// under a name: parsing and planning the deal table's page took twice as long as running it.
/// After five runs planned for the values at hand, the server plans a kept statement once for
/// all values when that plan costs no more (its `plan_cache_mode=auto`; a statement without
/// values is planned once from the start), and each run then sends only the values.
///
/// A statement is kept from its second run on a connection, so a page nobody asks for twice
/// (paging down through a long table) costs no more than before; a connection keeps at most
/// `reusedLimit` of them, dropping the least recently used.
extension Connection {
    struct ReusedStatements {
        var seen: Set<String> = []
        var kept: [String: PreparedQuery] = [:]
        /// Least recently used first.
        var order: [String] = []
    }

    static let reusedLimit = 64

    /// Every row of `sql`, a statement the caller runs often with other values.
    func queryReusingPlan(_ sql: String, _ values: [SQLValue] = []) throws -> [SQLRow] {
        try wait(sendReusingPlan(sql, values))
    }

    /// A statement sent the way `queryReusingPlan` runs it, its answer to `wait` for later.
    struct Reusing {
        let rows: EventLoopFuture<[PostgresRow]>
        /// Whether a kept statement ran (its rows' columns are labelled text: `SQLRow(kept:)`).
        let kept: Bool
    }

    func sendReusingPlan(_ sql: String, _ values: [SQLValue] = []) -> Reusing {
        let text = Placeholders.numbered(sql, typedAs: values)
        enum Plan { case kept(PreparedQuery), keep, once }
        let plan = reused.withLockedValue { reused -> Plan in
            if let kept = reused.kept[text] {
                if reused.order.last != text {
                    reused.order.removeAll { $0 == text }
                    reused.order.append(text)
                }
                return .kept(kept)
            }
            if reused.seen.contains(text) { return .keep }
            if reused.seen.count >= Self.reusedLimit * 16 { reused.seen = [] }
            reused.seen.insert(text)
            return .once
        }
        let binds = values.map(\.data)
        switch plan {
        case .once:
            return Reusing(rows: behindUnchecked(send(sql, values).map(\.rows)), kept: false)
        case .kept(let kept):
            return Reusing(rows: behindUnchecked(kept.execute(binds)), kept: true)
        case .keep:
            let box = reused
            let rows = raw.prepare(query: text).flatMap { prepared in
                let dropped = box.withLockedValue { reused -> PreparedQuery? in
                    reused.kept[text] = prepared
                    reused.order.append(text)
                    guard reused.order.count > Self.reusedLimit else { return nil }
                    return reused.kept.removeValue(forKey: reused.order.removeFirst())
                }
                _ = dropped?.deallocate()
                return prepared.execute(binds)
            }
            return Reusing(rows: behindUnchecked(rows), kept: true)
        }
    }

    func wait(_ sent: Reusing) throws -> [SQLRow] {
        do {
            let rows = try answer(sent.rows)
            return sent.kept ? rows.map(SQLRow.init(kept:)) : rows.map { SQLRow($0) }
        } catch {
            // A kept statement the server no longer has (a pooler's DISCARD ALL), or whose result
            // an upgrade of the tables changed: plain statements have neither problem.
            if sent.kept, let state = PostgresFailure.sqlState(error), state == "26000" || state == "0A000" {
                forgetReusedStatements()
                throw OutdatedStatement(location: location)
            }
            throw PostgresFailure.statement(error, location: location)
        }
    }

    /// Forgets the statements kept on this connection (after the server said one no longer fits
    /// its tables, whose columns a schema upgrade changed).
    func forgetReusedStatements() {
        let kept = reused.withLockedValue { reused in
            defer { reused = ReusedStatements() }
            return Array(reused.kept.values)
        }
        for statement in kept { _ = statement.deallocate() }
    }
}

/// A statement kept on a connection no longer fits the server (Connection+Reuse): the
/// connection has forgotten its kept statements, and a read runs once more.
struct OutdatedStatement: Error {
    let location: String

    var refusal: StoreError {
        .refused(.storeFailure("the store's tables at \(location) changed while it was open (an upgrade?): nothing was written, try again"))
    }
}
