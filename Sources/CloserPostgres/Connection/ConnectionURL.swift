import Foundation

/// The pieces of a libpq connection URI,
/// `postgresql://[user[:password]@][host][:port][/dbname][?param=value&…]`, percent-decoded.
/// Empty pieces are nil so the environment and defaults can fill them. A host may be a
/// percent-encoded socket folder (`%2Fvar%2Frun%2Fpostgresql`) or an IPv6 address in brackets.
struct ConnectionURL: Equatable {
    var user: String?
    var password: String?
    var host: String?
    var port: String?
    var database: String?
    var parameters: [String: String] = [:]

    init(_ text: String) throws {
        guard let schemeEnd = text.range(of: "://"),
              ["postgres", "postgresql"].contains(text[..<schemeEnd.lowerBound].lowercased()) else {
            throw PostgresSettingsError("'\(text)' is not a postgres:// or postgresql:// URL")
        }
        var rest = Substring(text[schemeEnd.upperBound...])
        if let question = rest.firstIndex(of: "?") {
            for pair in rest[rest.index(after: question)...].split(separator: "&") where !pair.isEmpty {
                let keyValue = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                guard keyValue.count == 2 else { throw PostgresSettingsError("'\(pair)' in the URL is not name=value") }
                parameters[try Self.decode(keyValue[0])] = try Self.decode(keyValue[1])
            }
            rest = rest[..<question]
        }
        var authority = rest
        if let slash = rest.firstIndex(of: "/") {
            authority = rest[..<slash]
            let name = try Self.decode(rest[rest.index(after: slash)...])
            database = name.isEmpty ? nil : name
        }
        if let at = authority.lastIndex(of: "@") {
            let userInfo = authority[..<at]
            authority = authority[authority.index(after: at)...]
            if let colon = userInfo.firstIndex(of: ":") {
                user = try Self.nonEmpty(userInfo[..<colon])
                password = try Self.decode(userInfo[userInfo.index(after: colon)...])
            } else {
                user = try Self.nonEmpty(userInfo)
            }
        }
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { throw PostgresSettingsError("an IPv6 address in the URL lacks its ']'") }
            host = String(authority[authority.index(after: authority.startIndex)..<close])
            let after = authority[authority.index(after: close)...]
            if after.hasPrefix(":") { port = try Self.nonEmpty(after.dropFirst()) }
            else if !after.isEmpty { throw PostgresSettingsError("'\(after)' after the IPv6 address in the URL is not a port") }
        } else if let colon = authority.lastIndex(of: ":") {
            host = try Self.nonEmpty(authority[..<colon])
            port = try Self.nonEmpty(authority[authority.index(after: colon)...])
        } else {
            host = try Self.nonEmpty(authority)
        }
    }

    private static func nonEmpty(_ text: Substring) throws -> String? {
        let decoded = try decode(text)
        return decoded.isEmpty ? nil : decoded
    }

    private static func decode(_ text: Substring) throws -> String {
        guard let decoded = String(text).removingPercentEncoding else {
            throw PostgresSettingsError("'\(text)' in the URL has a broken %-escape")
        }
        return decoded
    }
}
