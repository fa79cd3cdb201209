// LIKE patterns for search queries.

extension SearchText {
    /// The folded `query` with `\`, `%` and `_` escaped for
    /// `search_key LIKE '%' || pattern || '%' ESCAPE '\'`.
    public static func pattern(for query: String) -> String {
        var out = ""
        for character in fold(query) {
            if character == "\\" || character == "%" || character == "_" { out.append("\\") }
            out.append(character)
        }
        return out
    }
}
