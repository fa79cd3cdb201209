import CloserCore
import NIOCore

/// A read that knows who is reading. Asking the user table first and then running the read cost
/// a round trip to the server on every screen, so the read starts on who the actor was at this
/// handle's last read, with the question sent right ahead of it in the same transaction: one
/// wait for both. The answer is checked before anything is returned, and it is the snapshot the
/// read saw, so a right taken away a moment ago is never used: a read made for someone the actor
/// no longer is runs again for who they are, and a name the team no longer knows is refused.
extension PostgresStore {
    func readAsActor<T>(_ body: (Connection, Actor) throws -> T) throws -> T {
        // nil: run the read again (once), for who the actor turned out to be.
        for _ in 0..<2 {
            let outcome = try read { connection -> T? in
                guard let guess = lastActor.withLockedValue({ $0 }) else {
                    let who = try knownActor(connection)
                    lastActor.withLockedValue { $0 = who }
                    return .some(try body(connection, who))
                }
                try session.requireActing(as: actor, location: location)
                let asked = connection.sendReusingPlan("SELECT \(Self.actorColumns)", [.text(actor)])
                let result = Result { try body(connection, guess) }
                // The question's own failure explains a failed read best (what followed it in the
                // transaction could only say that the transaction had failed).
                let who = try actingActor(from: try connection.wait(asked).first)
                if case .stranger(let name) = who {
                    lastActor.withLockedValue { $0 = nil }
                    throw StoreError.refused(.notAUser(name))
                }
                lastActor.withLockedValue { $0 = who }
                if who == guess { return .some(try result.get()) }
                // Made for someone the actor no longer is: the same snapshot, read for who they are,
                // unless the read failed (its transaction then takes no more statements).
                guard case .success = result else { return nil }
                return .some(try body(connection, who))
            }
            if let value = outcome { return value }
        }
        return try read { connection in try body(connection, try knownActor(connection)) }
    }
}
