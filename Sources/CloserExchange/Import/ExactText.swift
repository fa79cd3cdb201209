// A String keyed by its UTF-8 bytes, for caches in front of String-keyed lookups.

/// Hashes and compares a string's UTF-8 bytes. `String`'s own hashing normalises the
/// text first, which for Chinese names costs hundreds of instructions per lookup; an
/// import looks each row's account name up several times. Byte-equal strings are equal
/// Strings, so a cache keyed by this answers as the String-keyed lookups behind it
/// (two spellings of one name, e.g. composed and decomposed é, just take two entries).
struct ExactText: Hashable {
    let text: String

    init(_ text: String) { self.text = text }

    static func == (lhs: ExactText, rhs: ExactText) -> Bool {
        lhs.text.utf8.elementsEqual(rhs.text.utf8)
    }

    func hash(into hasher: inout Hasher) {
        var text = text
        text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}
