// Search keys: what the store saves per row, and the matching test for a query.

/// Builds and matches search keys.
///
/// A key is the folded fields plus each field's pinyin-initial variants, joined with
/// `SearchText.separator` ("\u{1F}", which `fold` never outputs). A row matches a
/// query when the folded query is a substring of its key, which SQL tests with
/// `search_key LIKE '%' || :pattern || '%' ESCAPE '\'` where `pattern = pattern(for:)`,
/// and Swift tests with `matches(key:query:)`.
public enum SearchText {
    /// Separates the parts of a key. `fold` maps control characters to spaces, so no
    /// folded query contains it and no match can span two parts.
    public static let separator: Character = "\u{1F}"

    /// The search key of a row made of `fields` (name, company, …).
    /// Each non-empty folded field, followed, if it has Han characters, by each of its
    /// `PinyinInitials.variants(of:)` that differs from it; built in one byte buffer
    /// (`SearchKeyBuilder`) because the bulk import makes one key per row.
    public static func key(for fields: [String]) -> String {
        var builder = SearchKeyBuilder(capacity: fields.reduce(0) { $0 + $1.utf8.count } * 2 + 16)
        for field in fields { builder.append(field) }
        return String(decoding: builder.bytes, as: UTF8.self)
    }

    /// The key of several fields from the keys of each (`key(for: [a, b])` is
    /// `joined([key(for: [a]), key(for: [b])])`): a bulk write works a shared field's key out once.
    public static func joined(_ keys: [String]) -> String {
        keys.filter { !$0.isEmpty }.joined(separator: String(separator))
    }

    /// `joined([first, second])` without building an array, for one key per imported row.
    public static func joined(_ first: String, _ second: String) -> String {
        if first.isEmpty { return second }
        if second.isEmpty { return first }
        var out = first
        out.reserveCapacity(first.utf8.count + 1 + second.utf8.count)
        out.append(separator)
        out += second
        return out
    }

    /// Whether a row with search key `key` matches `query` (the Swift twin of the SQL
    /// LIKE test). An empty query matches everything, as `LIKE '%%'` does.
    public static func matches(key: String, query: String) -> Bool {
        let needle = Array(fold(query).utf8)
        if needle.isEmpty { return true }
        var key = key
        return key.withUTF8 { hay in
            guard hay.count >= needle.count else { return false }
            let first = needle[0]
            var i = 0
            let end = hay.count - needle.count
            while i <= end {
                if hay[i] == first {
                    var j = 1
                    while j < needle.count && hay[i + j] == needle[j] { j += 1 }
                    if j == needle.count { return true }
                }
                i += 1
            }
            return false
        }
    }

    /// Whether `text` has a character the pinyin table knows.
    static func containsHan(_ text: String) -> Bool {
        let table = PinyinTable.shared
        return text.unicodeScalars.contains { $0.value >= 0x3400 && table.word(for: $0.value) != 0 }
    }
}
