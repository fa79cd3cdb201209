import CloserCore

/// Search as you type over a stored search key (`SearchText.key`): the LIKE both stores run, and
/// a condition the characters index (ScreenIndexesSQL) answers, for
/// the Chinese patterns too short for trigrams. The LIKE alone decides which rows match; the
/// extra condition holds for every row the LIKE keeps (a key containing the text contains each of
/// its characters), so it changes how the rows are found, never which.
enum SearchPatternSQL {
    /// The characters of `expression`, as the index holds them and as a pattern is split.
    static func characters(_ expression: String) -> String { "string_to_array(\(expression), NULL)" }

    /// Whether the characters index helps find `folded`: a pattern with a character outside
    /// ASCII (any one Han character is in few keys; a Latin letter is in most of them). Longer
    /// ones are asked too, as a pattern of one-character words ("长 春") has no trigram.
    static func usesCharacters(_ folded: String) -> Bool {
        folded.unicodeScalars.contains { !$0.isASCII }
    }
}

extension SQLConditions {
    /// Rows of `alias` (a table of `ScreenIndexesSQL.searchedTables`) whose search key holds
    /// `text`, folded as keys are.
    mutating func addSearch(_ text: String, alias: String) {
        add("\(alias).search_key LIKE ? ESCAPE '\\'", [.text("%" + SearchText.pattern(for: text) + "%")])
        let folded = SearchText.fold(text)
        guard SearchPatternSQL.usesCharacters(folded) else { return }
        add("\(SearchPatternSQL.characters("\(alias).search_key")) @> \(SearchPatternSQL.characters("?"))", [.text(folded)])
    }
}
