// Splitting a query into terms: whitespace separates, quotes keep spaces (and `:`, `,`) in a value.

/// One whitespace-separated term of a query, quotes removed.
struct AccountQueryTerm: Sendable {
    struct Piece: Sendable {
        /// nil marks where a pair of quotes opened, so `region:""` has a (empty) value.
        var character: Character?
        /// Inside quotes: never an operator or a list separator.
        var quoted: Bool
    }

    var pieces: [Piece]
    /// Offset of the term's first Character in the query.
    var position: Int
    /// Characters the term takes in the query, quotes included.
    var length: Int

    var text: String { String(pieces.compactMap(\.character)) }

    func error(_ english: String, _ chinese: String) -> QueryError {
        QueryError(position: position, length: length, text: LocalizedText(en: english, zh: chinese))
    }
}

enum AccountQueryLexer {
    /// `"` closes `"`; a Chinese input method's `“` closes with `”` (or `"`).
    static let closingQuote: [Character: Set<Character>] = ["\"": ["\""], "“": ["”", "\""]]

    /// The terms of `text`. Inside quotes `\"` is a quote and `\\` a backslash; outside, a
    /// backslash is an ordinary character.
    static func terms(_ text: String) throws(QueryError) -> [AccountQueryTerm] {
        let characters = Array(text)
        var terms: [AccountQueryTerm] = []
        var index = 0
        while index < characters.count {
            if characters[index].isWhitespace {
                index += 1
                continue
            }
            let start = index
            var pieces: [AccountQueryTerm.Piece] = []
            while index < characters.count, !characters[index].isWhitespace {
                let character = characters[index]
                guard let closers = closingQuote[character] else {
                    pieces.append(.init(character: character, quoted: false))
                    index += 1
                    continue
                }
                index += 1
                pieces.append(.init(character: nil, quoted: true))
                var closed = false
                while index < characters.count {
                    let inner = characters[index]
                    if closers.contains(inner) {
                        closed = true
                        index += 1
                        break
                    }
                    if inner == "\\", index + 1 < characters.count, characters[index + 1] == "\\" || closers.contains(characters[index + 1]) {
                        pieces.append(.init(character: characters[index + 1], quoted: true))
                        index += 2
                        continue
                    }
                    pieces.append(.init(character: inner, quoted: true))
                    index += 1
                }
                if !closed {
                    throw QueryError(position: start, length: characters.count - start,
                                     text: LocalizedText(en: "unclosed quote: add a closing \" after the value",
                                                         zh: "引号没有闭合：请在值后加上 \""))
                }
            }
            terms.append(AccountQueryTerm(pieces: pieces, position: start, length: index - start))
        }
        return terms
    }
}
