import CloserCore
import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import PostgresNIO

/// Turns what postgres-nio and the server report into the store's one-line refusals: the user
/// hears what went wrong and what to do, never a driver's type name.
enum PostgresFailure {
    /// A mistake in this program's SQL or decoding, not in the user's data.
    static func programming(_ message: String) -> StoreError {
        .refused(.storeFailure(message))
    }

    /// The server's SQLSTATE of an error, when the server sent one.
    static func sqlState(_ error: any Error) -> String? {
        if case .server(let reply) = error as? PostgresError { return reply.fields[.sqlState] }
        return (error as? PSQLError)?.serverInfo?[.sqlState]
    }

    /// (Statements kept by name answer in postgres-nio's older error type.)
    static func serverMessage(_ error: any Error) -> String? {
        if case .server(let reply) = error as? PostgresError { return reply.fields[.message] }
        return (error as? PSQLError)?.serverInfo?[.message]
    }

    /// Why connecting failed, as one line.
    static func connecting(_ error: any Error, _ settings: PostgresSettings) -> StoreError {
        if let error = error as? StoreError { return error }
        let location = settings.location
        let server = settings.usesUnixSocket ? "on the socket \(settings.socketPath)" : "at \(settings.host):\(settings.port)"
        if let state = sqlState(error) {
            switch state {
            case "28P01":
                return .cannotOpen(path: location, reason: "the server refused the password of user \(settings.user)")
            case "28000":
                return .cannotOpen(path: location, reason: "the server refused user \(settings.user): \(serverMessage(error) ?? "not allowed")")
            case "3D000":
                return .cannotOpen(path: location, reason: "the database \(settings.database) does not exist: create it (createdb \(settings.database)), then run closer server init")
            case "57P03":
                return .unreachable("cannot open the store \(location): the server is starting up or shutting down: try again in a moment")
            case "53300":
                return .unreachable("cannot open the store \(location): the server has no connection left for you (too many clients)")
            default:
                return .cannotOpen(path: location, reason: "the server said: \(serverMessage(error) ?? state)")
            }
        }
        if let error = error as? PSQLError {
            switch error.code {
            case .authMechanismRequiresPassword:
                return .cannotOpen(path: location, reason: "the server asks for the password of user \(settings.user): put it in the URL, PGPASSWORD or ~/.pgpass")
            case .sslUnsupported:
                return .cannotOpen(path: location, reason: "the server does not offer SSL, which sslmode=\(settings.sslMode.rawValue) requires")
            case .unsupportedAuthMechanism:
                return .cannotOpen(path: location, reason: "the server asks for a kind of login this program does not speak (use scram-sha-256, md5, password or trust)")
            case .connectionError, .failedToAddSSLHandler:
                return unreachable(error.underlying ?? error, server: server, settings: settings)
            case .serverClosedConnection, .clientClosedConnection, .uncleanShutdown:
                return .unreachable("cannot open the store \(location): the server \(server) closed the connection while logging in")
            default:
                return .cannotOpen(path: location, reason: "could not connect \(server): \(error.code)")
            }
        }
        return unreachable(error, server: server, settings: settings)
    }

    private static func unreachable(_ error: any Error, server: String, settings: PostgresSettings) -> StoreError {
        let location = settings.location
        if let ssl = error as? NIOSSLError {
            return .cannotOpen(path: location, reason: "the server's certificate was not accepted (sslmode=\(settings.sslMode.rawValue)): \(ssl)")
        }
        if error is BoringSSLError {
            return .cannotOpen(path: location, reason: "the server's certificate was not accepted (sslmode=\(settings.sslMode.rawValue))")
        }
        if case ChannelError.connectTimeout = error {
            return .unreachable("cannot open the store \(location): no PostgreSQL server answered \(server) within \(settings.connectTimeout) s")
        }
        if let io = error as? IOError, io.errnoCode == ENOENT || io.errnoCode == ECONNREFUSED {
            return .unreachable("cannot open the store \(location): no PostgreSQL server is running \(server) (is it started?)")
        }
        let description = "\(error)"
        if description.contains("connectionRefused") || description.contains("Connection refused") || description.contains("No such file") {
            return .unreachable("cannot open the store \(location): no PostgreSQL server is running \(server) (is it started?)")
        }
        if description.contains("unknown host") || description.contains("resolve") || description.contains("NXDOMAIN") {
            return .cannotOpen(path: location, reason: "the host name \(settings.host) is not known")
        }
        return .cannotOpen(path: location, reason: "could not reach the server \(server): \(description)")
    }

    /// postgres-nio's older error type (statements kept by name) saying the connection closed.
    private static func isClosedConnection(_ error: any Error) -> Bool {
        guard case .connectionClosed = error as? PostgresError else { return false }
        return true
    }

    /// Why a statement failed, as one line; `location` names the store.
    static func statement(_ error: any Error, location: String) -> StoreError {
        if let error = error as? StoreError { return error }
        if error is ConnectionLost || isClosedConnection(error) {
            return .unreachable("the connection to \(location) was lost: nothing was written, try again in a moment")
        }
        if let state = sqlState(error) {
            let message = serverMessage(error) ?? state
            switch state {
            case "23505": return .duplicate(.constraint(message))
            case "23502", "23503", "23514", "22001", "22003", "22P02": return .invalid(.constraint(message))
            case "40001", "40P01": return .locked(path: location)
            case "25006": return .readOnly(path: location)
            case "42501": return .refused(.serverForbids(message))
            case "57P01", "57P02", "57P03": return .unreachable("the server at \(location) is shutting down: nothing was written, try again in a moment")
            case "53100": return .refused(.serverDiskFull)
            default: return .refused(.storeFailure(message))
            }
        }
        if let error = error as? PSQLError {
            switch error.code {
            case .serverClosedConnection, .clientClosedConnection, .connectionError, .uncleanShutdown:
                return .unreachable("the connection to \(location) was lost: nothing was written, try again in a moment")
            default:
                return .refused(.storeFailure(String(reflecting: error)))
            }
        }
        return .refused(.storeFailure("\(error)"))
    }
}
