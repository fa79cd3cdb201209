import Foundation
import NIOConcurrencyHelpers
import PostgresNIO

/// Hears every committed write to the store, whoever made it, through PostgreSQL's LISTEN/NOTIFY:
/// triggers on the store's tables notify `closer_change` (delivered at commit, once per
/// transaction), and one connection of this handle listens. The count of notifications heard is
/// the store's change token, so the dashboard notices another client's commit as soon as the
/// server sends it — asking for the token never sends a statement.
///
/// A lost listening connection is opened again, at most once a second, when the token is next
/// asked for; the token moves on reconnecting, since writes may have been missed meanwhile.
final class ChangeListener: Sendable {
    static let channel = "closer_change"

    private let settings: PostgresSettings
    private let state = NIOLockedValueBox(State())

    private struct State {
        var heard: Int64 = 0
        var connection: Connection?
        var lastAttempt: Date = .distantPast
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

    /// How many commits this handle has heard of; moves on every commit by anyone.
    var token: Int64 {
        let (heard, needsReconnect) = state.withLockedValue { state -> (Int64, Bool) in
            let lost = state.connection?.isClosed ?? true
            guard lost, Date().timeIntervalSince(state.lastAttempt) >= 1 else { return (state.heard, false) }
            state.lastAttempt = Date()
            return (state.heard, true)
        }
        guard needsReconnect else { return heard }
        // A short wait: the caller may be drawing a screen while the server is away.
        var quick = settings
        quick.connectTimeout = min(settings.connectTimeout, 2)
        guard (try? listen(quick)) != nil else { return heard }
        return state.withLockedValue { state in
            state.heard += 1
            return state.heard
        }
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
