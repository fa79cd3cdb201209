import Foundation

/// libpq's password file (`~/.pgpass`, or `PGPASSFILE`): lines of
/// `hostname:port:database:username:password`, `*` matching anything in the first four, `\:` and
/// `\\` escaping, `#` starting a comment. As libpq does, a file that others may read or write is
/// ignored with a warning, and the default socket folder is looked up as `localhost`.
enum PassFile {
    struct Lookup: Equatable {
        var password: String?
        var warning: String?
    }

    static func password(in path: String, host: String, port: Int, database: String, user: String) -> Lookup {
        var status = stat()
        guard stat(path, &status) == 0 else { return Lookup() }
        guard status.st_mode & S_IFMT == S_IFREG else {
            return Lookup(warning: "password file \"\(path)\" is not a plain file: it was not read")
        }
        guard status.st_mode & (S_IRWXG | S_IRWXO) == 0 else {
            return Lookup(warning: "password file \"\(path)\" has group or world access; permissions should be u=rw (0600) or less: it was not read")
        }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return Lookup() }
        let lookupHost = host == PostgresSettings.defaultSocketFolder ? "localhost" : host
        return Lookup(password: match(text, host: lookupHost, port: String(port), database: database, user: user))
    }

    /// The password of the first line whose four fields match.
    static func match(_ text: String, host: String, port: String, database: String, user: String) -> String? {
        for line in text.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }) {
            if line.hasPrefix("#") { continue }
            let fields = split(line)
            guard fields.count == 5 else { continue }
            let wanted = [host, port, database, user]
            if zip(fields.prefix(4), wanted).allSatisfy({ $0.0 == "*" || $0.0 == $0.1 }) { return fields[4] }
        }
        return nil
    }

    /// Splits at unescaped colons into at most five fields; the fifth (the password) keeps any further colons.
    private static func split(_ line: Substring) -> [String] {
        var fields: [String] = []
        var current = ""
        var escaped = false
        for character in line {
            if escaped {
                current.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == ":" && fields.count < 4 {
                fields.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        fields.append(current)
        return fields
    }
}
