import NIOCore
import PostgresNIO

/// Statements sent without waiting for their answers. postgres-nio hands a connection's
/// statements to the server one behind another, in the order they were sent, so a transaction's
/// BEGIN need not hold its caller up for a round trip: the caller's first statement goes right
/// behind it, and the wait for that statement's answer also takes in BEGIN's (an error in BEGIN
/// is reported there, in its own words, not as whatever the statements behind it then said).
/// A read-only transaction's COMMIT is not waited for either: the connection goes back to the
/// pool with it under way, and the pool hands the connection to nobody before its answer is in
/// and clean (`readyForNextCaller`).
extension Connection {
    struct Pipeline {
        /// Sent, and not yet answered to anyone: the next statement waited for reports their failures.
        var unchecked: [EventLoopFuture<PostgresQueryResult>] = []
        var ending: Ending = .settled
    }

    /// The end of the last transaction, as far as the next caller is concerned.
    enum Ending {
        case settled
        case pending(EventLoopFuture<PostgresQueryResult>)
        /// It failed: the transaction may still be open on the server, so the connection is not reused.
        case failed
    }

    /// Sends a statement whose answer nobody waits for: its failure is reported by the next
    /// statement waited for on this connection.
    func sendUnchecked(_ sql: String) {
        let sent = send(sql)
        pipeline.withLockedValue { $0.unchecked.append(sent) }
    }

    /// `sent`'s answer, once the statements sent unchecked before it have answered: the first of
    /// them that failed is the failure (what followed it ran in a state nobody meant).
    func behindUnchecked<T: Sendable>(_ sent: EventLoopFuture<T>) -> EventLoopFuture<T> {
        let earlier = pipeline.withLockedValue { pipeline in
            defer { pipeline.unchecked = [] }
            return pipeline.unchecked
        }
        guard !earlier.isEmpty else { return sent }
        return EventLoopFuture.whenAllComplete(earlier, on: sent.eventLoop).flatMap { results in
            for case .failure(let error) in results { return sent.eventLoop.makeFailedFuture(error) }
            return sent
        }
    }

    /// Ends a read-only transaction without making its caller wait for the answer.
    func endWithoutWaiting(_ sql: String) {
        let sent = behindUnchecked(send(sql))
        pipeline.withLockedValue { $0.ending = .pending(sent) }
        sent.whenComplete { [pipeline] result in
            pipeline.withLockedValue { pipeline in
                guard case .pending(let pending) = pipeline.ending, pending === sent else { return }
                if case .success = result { pipeline.ending = .settled } else { pipeline.ending = .failed }
            }
        }
    }

    /// Whether the last transaction on this connection ended cleanly, so another caller may use
    /// it; waits for the answer when it is not in yet (it almost always is by the next read).
    func readyForNextCaller() -> Bool {
        let ending = pipeline.withLockedValue { $0.ending }
        switch ending {
        case .settled:
            return !isClosed
        case .failed:
            return false
        case .pending(let sent):
            do {
                _ = try answer(sent)
            } catch {
                return false
            }
            pipeline.withLockedValue { pipeline in
                if case .pending(let pending) = pipeline.ending, pending === sent { pipeline.ending = .settled }
            }
            return !isClosed
        }
    }
}
