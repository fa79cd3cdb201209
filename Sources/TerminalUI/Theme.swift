/// Text attributes a theme can ask for.
public struct TextAttributes: OptionSet, Hashable, Sendable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }
    public static let bold = TextAttributes(rawValue: 1)
    public static let dim = TextAttributes(rawValue: 2)
    public static let underline = TextAttributes(rawValue: 4)
    public static let reverse = TextAttributes(rawValue: 8)
    public static let italic = TextAttributes(rawValue: 16)

    static let names: [String: TextAttributes] = [
        "bold": .bold, "dim": .dim, "underline": .underline, "reverse": .reverse, "italic": .italic,
    ]
}

/// How one role looks. Nil colours mean "the terminal default".
public struct Style: Hashable, Sendable {
    public var foreground: ThemeColor?
    public var background: ThemeColor?
    public var attributes: TextAttributes

    public init(foreground: ThemeColor? = nil, background: ThemeColor? = nil, attributes: TextAttributes = []) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }
}

/// A theme file line that could not be understood.
public struct ThemeError: Error, Equatable, Sendable, CustomStringConvertible {
    public let file: String
    public let line: Int
    public let message: String

    public init(file: String, line: Int, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String { "\(file):\(line): \(message)" }
}

/// Role name → style, with suffix fallback so apps can add specific roles that degrade
/// to generic ones in themes that don't know them.
public struct Theme: Sendable, Equatable {
    public var name: String
    public var styles: [String: Style]

    public init(name: String, styles: [String: Style]) {
        self.name = name
        self.styles = styles
    }

    /// Exact name, then shorter suffixes ("card.selected" → "selected"), then "normal".
    public func style(for role: StyleRole) -> Style {
        for candidate in role.fallbackChain {
            if let style = styles[candidate] { return style }
        }
        return Style()
    }

    /// Parses the theme format:
    ///
    ///     # comment
    ///     role.name = fg=#rrggbb bg=236 bold underline
    ///
    /// Colours: #rrggbb, 0–255, a name (black … brightwhite) or default.
    /// Attributes: bold dim underline reverse italic.
    public static func parse(_ text: String, name: String, file: String) throws(ThemeError) -> Theme {
        var styles: [String: Style] = [:]
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let lineNumber = index + 1
            // '#' also starts hex colours, so only a '#' at the start or after whitespace is a comment.
            let content = stripComment(String(rawLine))
            if content.isEmpty { continue }
            guard let eq = content.firstIndex(of: "=") else {
                throw ThemeError(file: file, line: lineNumber, message: "expected 'role = style', found '\(content)'")
            }
            let role = content[..<eq].trimmedOf(" \t")
            guard !role.isEmpty, role.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" || $0 == "_" }) else {
                throw ThemeError(file: file, line: lineNumber, message: "invalid role name '\(role)'")
            }
            let spec = String(content[content.index(after: eq)...])
            styles[role] = try parseStyle(spec, file: file, line: lineNumber)
        }
        guard styles["normal"] != nil else {
            throw ThemeError(file: file, line: 1, message: "theme defines no 'normal' role")
        }
        return Theme(name: name, styles: styles)
    }

    private static func stripComment(_ line: String) -> String {
        var result = ""
        var previous: Character = " "
        for character in line {
            if character == "#", previous == " " || previous == "\t" {
                // A hex colour is '#' right after 'fg=' / 'bg=', never after whitespace.
                break
            }
            result.append(character)
            previous = character
        }
        return result.trimmedOf(" \t\r")
    }

    private static func parseStyle(_ spec: String, file: String, line: Int) throws(ThemeError) -> Style {
        var style = Style()
        for word in spec.split(whereSeparator: { $0 == " " || $0 == "\t" }) {
            let token = String(word).lowercased()
            if token.hasPrefix("fg=") || token.hasPrefix("bg=") {
                let value = String(token.dropFirst(3))
                guard let color = ThemeColor(parsing: value) else {
                    throw ThemeError(file: file, line: line, message: "unknown colour '\(value)' (use #rrggbb, 0-255 or a name like brightblue)")
                }
                if token.hasPrefix("fg=") { style.foreground = color } else { style.background = color }
            } else if let attribute = TextAttributes.names[token] {
                style.attributes.insert(attribute)
            } else {
                throw ThemeError(file: file, line: line, message: "unknown attribute '\(token)' (use fg=, bg=, bold, dim, underline, reverse, italic)")
            }
        }
        return style
    }
}

extension StringProtocol {
    func trimmedOf(_ set: String) -> String {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s.removeFirst() }
        while let l = s.last, set.contains(l) { s.removeLast() }
        return String(s)
    }
}
