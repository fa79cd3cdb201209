/// The order Chinese readers expect names in: by pinyin, so 何 (he), 仇 (qiu), 任 (ren) rather than
/// by code point (仇, 任, 何). A name's key is its letters — each Han character by the initial of its
/// most common reading (the pinyin table the search uses), Latin letters and digits folded to lower
/// case, everything else left out — then a space and the folded name itself, which orders names
/// with the same letters (张 and 赵 are both z) and keeps the order total. Keys compare as plain
/// bytes, so SQL sorts a stored key column with its default collation.
public enum NameCollation {
    public static func key(_ name: String) -> String {
        let folded = SearchText.fold(name)
        var letters = String.UnicodeScalarView()
        for scalar in folded.unicodeScalars {
            let value = scalar.value
            if (0x61...0x7A).contains(value) || (0x30...0x39).contains(value) {
                letters.append(scalar)
            } else if let first = PinyinTable.shared.word(for: value).pinyinInitialBytes.first {
                letters.append(Unicode.Scalar(first))
            }
        }
        return String(letters) + " " + folded
    }

    /// Whether `a` sorts before `b`.
    public static func precedes(_ a: String, _ b: String) -> Bool { key(a) < key(b) }

    /// Items in name order (the key worked out once per item).
    public static func sorted<T>(_ items: [T], by name: (T) -> String) -> [T] {
        items.map { (key(name($0)), $0) }.sorted { $0.0 < $1.0 }.map(\.1)
    }
}
