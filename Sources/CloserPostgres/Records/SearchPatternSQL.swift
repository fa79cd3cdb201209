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

    /// Whether the indexes narrow a search for `folded` to a few rows: two characters or more
    /// with one outside ASCII (the characters index), or three or more (the trigram index; a
    /// shorter ASCII text has no trigram and is found by reading every row).
    static func findsFew(_ folded: String) -> Bool {
        let characters = folded.filter { !$0.isWhitespace }.count
        return usesCharacters(folded) ? characters >= 2 : characters >= 3
    }

    /// The rows of `alias` whose search key holds `text`, folded as keys are.
    static func condition(_ text: String, alias: String) -> (sql: String, values: [SQLValue]) {
        let like = "\(alias).search_key LIKE ? ESCAPE '\\'"
        let pattern = SQLValue.text("%" + SearchText.pattern(for: text) + "%")
        let folded = SearchText.fold(text)
        guard usesCharacters(folded) else { return (like, [pattern]) }
        return ("\(like) AND \(characters("\(alias).search_key")) @> \(characters("?"))", [pattern, .text(folded)])
    }
}

extension SQLConditions {
    /// Rows of `alias` (a table of `ScreenIndexesSQL.searchedTables`) whose search key holds
    /// `text`, folded as keys are. On deals, the indexes answer it beside `outcome = 'open'`
    /// (DealSearchByOutcomeSQL); `addSearchOfEveryOutcome` is the deals' search with the closed ones.
    mutating func addSearch(_ text: String, alias: String) {
        let (sql, values) = SearchPatternSQL.condition(text, alias: alias)
        add(sql, values)
    }

    /// Deals of any outcome whose search key holds `text`. Their search indexes hold the open
    /// deals apart from the closed ones (DealSearchByOutcomeSQL), and the planner uses an index
    /// of part of a table only for a condition that names that part: the search is asked of
    /// each part, and PostgreSQL joins what the two indexes find.
    mutating func addSearchOfEveryOutcome(_ text: String, alias: String) {
        let (sql, values) = SearchPatternSQL.condition(text, alias: alias)
        add("((\(alias).outcome = 'open' AND \(sql)) OR (\(alias).outcome <> 'open' AND \(sql)))", values + values)
    }
}
