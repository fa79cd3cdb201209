/// What a piece of text *is* (a title, a selected card), not how it looks.
/// Themes decide the look; apps may invent roles like "card.selected" freely.
public struct StyleRole: Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    public let name: String

    public init(_ name: String) { self.name = name }
    public init(stringLiteral value: String) { self.name = value }
    public var description: String { name }

    /// Names to try in a theme, most specific first: "card.selected" → "selected" → "normal".
    public var fallbackChain: [String] {
        var chain: [String] = [name]
        var parts = name.split(separator: ".").map(String.init)
        while parts.count > 1 {
            parts.removeFirst()
            chain.append(parts.joined(separator: "."))
        }
        if name != "normal" { chain.append("normal") }
        return chain
    }

    public static let normal: StyleRole = "normal"
    public static let dim: StyleRole = "dim"
    public static let title: StyleRole = "title"
    public static let border: StyleRole = "border"
    public static let borderFocused: StyleRole = "borderFocused"
    public static let selected: StyleRole = "selected"
    public static let header: StyleRole = "header"
    public static let status: StyleRole = "status"
    public static let statusKey: StyleRole = "statusKey"
    public static let error: StyleRole = "error"
    public static let warning: StyleRole = "warning"
    public static let success: StyleRole = "success"
    public static let accent: StyleRole = "accent"
    public static let input: StyleRole = "input"
    public static let inputCursor: StyleRole = "inputCursor"
    public static let overlay: StyleRole = "overlay"
    public static let highlight: StyleRole = "highlight"
    /// The key column of help.
    public static let helpKey: StyleRole = "help.key"
    /// The tab bar, and its current tab.
    public static let tab: StyleRole = "tab"
    public static let tabActive: StyleRole = "tab.active"
}
