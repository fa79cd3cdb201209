import CloserCore
import Foundation
import NIOConcurrencyHelpers
import PostgresNIO

/// Hears every committed write to the store, whoever made it, through PostgreSQL's LISTEN/NOTIFY:
/// triggers on the store's tables notify `closer_change` (delivered at commit, once per
/// transaction), and one connection of this handle listens. The count of notifications heard is
/// the store's change token, so the dashboard notices another client's commit as soon as the
/// server sends it — asking for the token never sends a statement.
///
/// A lost listening connection (a server restart, a killed backend) is opened again when the
/// token is next asked for, at most every `retryEvery`; until it is, asking for the token throws
/// the reason (`StoreError.unreachable`), so a caller knows the server is away rather than quiet.
/// The token moves on reconnecting, since writes may have been missed meanwhile.
final class ChangeListener: Sendable {
    static let channel = "closer_change"
    /// The callers pace their own retries (the dashboard backs off); this only keeps a caller
    /// that asks in a tight loop from opening a connection on every call.
    static let retryEvery: TimeInterval = 0.2

    private let settings: PostgresSettings
    private let state = NIOLockedValueBox(State())

    private struct State {
        var heard: Int64 = 0
        var connection: Connection?
        var lastAttempt: Date = .distantPast
        var lastFailure: StoreError?
    }

    init(settings: PostgresSettings) {
        self.settings = settings
    }

    /// Starts listening; throws when the server cannot be reached.
    func start() throws {
        try listen(settings)
    }

    private func listen(_ settings: PostgresSettings) throws {
        let connection = try Connection.open(settings, applicationName: "closer-listen")
        let box = state
        connection.raw.addListener(channel: Self.channel) { _, _ in
            box.withLockedValue { $0.heard += 1 }
        }
        do {
            try connection.execute("LISTEN \(Self.channel)")
        } catch {
            connection.close()
            throw error
        }
        let previous = state.withLockedValue { state -> Connection? in
            defer { state.connection = connection }
            return state.connection
        }
        previous?.close()
    }

    /// How many commits this handle has heard of; moves on every commit by anyone. Throws
    /// `StoreError.unreachable` while the listening connection is lost and cannot be opened again.
    func token() throws -> Int64 {
        enum Next { case heard(Int64), failed(StoreError), reconnect }
        let next = state.withLockedValue { state -> Next in
            let lost = state.connection?.isClosed ?? true
            guard lost else { return .heard(state.heard) }
            if Date().timeIntervalSince(state.lastAttempt) < Self.retryEvery {
                return .failed(state.lastFailure ?? .unreachable("the connection to \(settings.location) was lost"))
            }
            state.lastAttempt = Date()
            return .reconnect
        }
        switch next {
        case .heard(let heard): return heard
        case .failed(let failure): throw failure
        case .reconnect: break
        }
        // A short wait: the caller may be drawing a screen while the server is away.
        var quick = settings
        quick.connectTimeout = min(settings.connectTimeout, 2)
        do {
            try listen(quick)
        } catch {
            let failure = (error as? StoreError).map { Self.asUnreachable($0) }
                ?? .unreachable("the connection to \(settings.location) was lost: \(error)")
            state.withLockedValue { $0.lastFailure = failure }
            throw failure
        }
        return state.withLockedValue { state in
            state.lastFailure = nil
            state.heard += 1
            return state.heard
        }
    }

    /// Any failure to listen again is the server being away, as far as the token's callers go.
    private static func asUnreachable(_ error: StoreError) -> StoreError {
        if StoreError.isUnreachable(error) { return error }
        return .unreachable("\(error)")
    }

    func stop() {
        let connection = state.withLockedValue { state -> Connection? in
            defer { state.connection = nil }
            return state.connection
        }
        connection?.close()
    }

    deinit {
        stop()
    }
}
