import Foundation

/// Where and how to reach a PostgreSQL server, worked out the way libpq does it so that a
/// team's existing habits carry over: a `postgres://` (or `postgresql://`) URL first, then the
/// `PG…` environment variables, then libpq's defaults; the password from the URL, else
/// `PGPASSWORD`, else the password file (`PGPASSFILE` or `~/.pgpass`).
public struct PostgresSettings: Sendable, Equatable {
    /// A host name, or a folder holding the server's unix socket (anything starting with `/`).
    public var host: String
    public var port: Int
    public var user: String
    public var password: String?
    public var database: String
    public var sslMode: SSLMode
    /// A file of trusted root certificates for `verify-ca` / `verify-full` (libpq's `sslrootcert`).
    public var sslRootCertificate: String?
    /// Seconds to wait for the server to answer before saying it is unreachable.
    public var connectTimeout: Int
    /// Things the user should hear about their settings (an unsafe password file, as libpq warns).
    public var warnings: [String] = []

    public enum SSLMode: String, Sendable, CaseIterable {
        case disable, allow, prefer, require
        case verifyCA = "verify-ca"
        case verifyFull = "verify-full"
    }

    /// The folder Debian's libpq looks in when no host is named.
    public static let defaultSocketFolder = "/var/run/postgresql"

    public var usesUnixSocket: Bool { host.hasPrefix("/") }

    /// The socket file libpq would open: `FOLDER/.s.PGSQL.PORT`.
    public var socketPath: String { (host as NSString).appendingPathComponent(".s.PGSQL.\(port)") }

    /// The store's name for status lines and messages: never the password.
    public var location: String {
        let hostPart = usesUnixSocket ? "[\(host)]" : host.contains(":") ? "[\(host)]" : host
        return "postgres://\(user)@\(hostPart):\(port)/\(database)"
    }

    /// A URL that reaches the same server (without the password, which stays where it was found).
    public var url: String {
        let hostPart = usesUnixSocket ? host.replacingOccurrences(of: "/", with: "%2F") : host.contains(":") ? "[\(host)]" : host
        let userPart = user.addingPercentEncoding(withAllowedCharacters: .urlUserAllowed) ?? user
        let databasePart = database.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? database
        return "postgres://\(userPart)@\(hostPart):\(port)/\(databasePart)" + (sslMode == .prefer ? "" : "?sslmode=\(sslMode.rawValue)")
    }

    /// Whether `text` names a PostgreSQL store rather than a file.
    public static func isURL(_ text: String) -> Bool {
        let lower = text.lowercased()
        return lower.hasPrefix("postgres://") || lower.hasPrefix("postgresql://")
    }

    public init(host: String, port: Int = 5432, user: String, password: String? = nil, database: String,
                sslMode: SSLMode = .prefer, sslRootCertificate: String? = nil, connectTimeout: Int = 10) {
        self.host = host
        self.port = port
        self.user = user
        self.password = password
        self.database = database
        self.sslMode = sslMode
        self.sslRootCertificate = sslRootCertificate
        self.connectTimeout = connectTimeout
    }

    /// Settings from a URL, completed from `environment` and the password file as libpq completes them.
    /// `osUser` is the login name libpq falls back to; `home` holds `.pgpass` and `.postgresql/root.crt`.
    public init(url: String, environment: [String: String] = ProcessInfo.processInfo.environment,
                home: String = NSHomeDirectory(), osUser: String = PostgresSettings.loginName()) throws {
        let parts = try ConnectionURL(url)
        func setting(_ key: String, _ variable: String) -> String? {
            if let value = parts.parameters[key], !value.isEmpty { return value }
            if let value = environment[variable], !value.isEmpty { return value }
            return nil
        }
        let host = parts.host ?? setting("host", "PGHOST") ?? Self.defaultSocketFolder
        guard !host.contains(",") else {
            throw PostgresSettingsError("several hosts in one URL are not supported: name one server")
        }
        let portText = parts.port ?? setting("port", "PGPORT") ?? "5432"
        guard let port = Int(portText), (1...65535).contains(port) else {
            throw PostgresSettingsError("'\(portText)' is not a port number (1–65535)")
        }
        let user = parts.user ?? setting("user", "PGUSER") ?? osUser
        let database = parts.database ?? setting("dbname", "PGDATABASE") ?? user
        let modeText = setting("sslmode", "PGSSLMODE") ?? SSLMode.prefer.rawValue
        guard let sslMode = SSLMode(rawValue: modeText) else {
            throw PostgresSettingsError("sslmode '\(modeText)' is not one of \(SSLMode.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let timeoutText = setting("connect_timeout", "PGCONNECT_TIMEOUT") ?? "10"
        guard let timeout = Int(timeoutText), timeout >= 0 else {
            throw PostgresSettingsError("connect_timeout '\(timeoutText)' is not a number of seconds")
        }
        self.init(host: host, port: port, user: user, password: parts.password ?? setting("password", "PGPASSWORD"),
                  database: database, sslMode: sslMode, connectTimeout: timeout == 0 ? 10 : timeout)
        let defaultRoot = (home as NSString).appendingPathComponent(".postgresql/root.crt")
        sslRootCertificate = setting("sslrootcert", "PGSSLROOTCERT")
            ?? (FileManager.default.fileExists(atPath: defaultRoot) ? defaultRoot : nil)
        let unknown = Set(parts.parameters.keys).subtracting(Self.knownParameters)
        guard unknown.isEmpty else {
            throw PostgresSettingsError("unknown connection parameter \(unknown.sorted().map { "'\($0)'" }.joined(separator: ", ")) in the URL")
        }
        if password == nil {
            let file = setting("passfile", "PGPASSFILE") ?? (home as NSString).appendingPathComponent(".pgpass")
            let lookup = PassFile.password(in: file, host: host, port: port, database: database, user: user)
            password = lookup.password
            if let warning = lookup.warning { warnings.append(warning) }
        }
    }

    /// Parameters libpq users put in a URL that this program understands (the rest are refused, not ignored).
    static let knownParameters: Set<String> = [
        "host", "port", "user", "password", "dbname", "sslmode", "sslrootcert", "connect_timeout", "passfile", "application_name",
    ]

    public static func loginName() -> String {
        if let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name { return String(cString: name) }
        return ProcessInfo.processInfo.environment["USER"] ?? "postgres"
    }
}

public struct PostgresSettingsError: Error, CustomStringConvertible, Equatable {
    public let description: String
    init(_ description: String) { self.description = description }
}
