/// Characters a terminal acts on instead of showing, or that reorder what is shown.
public enum TextControl {
    /// C0 (with ESC, tab and line breaks), DEL, C1 (with CSI U+009B and OSC U+009D), and the
    /// bidi embeddings, overrides, isolates and marks.
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return v < 0x20 || (0x7F...0x9F).contains(v)
            || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
            || v == 0x200E || v == 0x200F || v == 0x061C
    }

    /// Tab and line breaks: layout in a multi-line text, not commands.
    public static func isLineLayout(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "\t" || scalar == "\n" || scalar == "\r"
    }

    /// False when no scalar of `text` can be a control: no byte below 0x20, no DEL, and none of
    /// the lead bytes of C1 (0xC2), the bidi controls (0xE2) and the Arabic letter mark (0xD8).
    /// An import validates every field of every row: most texts pass on this test alone.
    public static func mayContainControl(_ text: String) -> Bool {
        text.utf8.contains { $0 < 0x20 || $0 == 0x7F || $0 == 0xC2 || $0 == 0xE2 || $0 == 0xD8 }
    }

    public static func firstControl(in text: String, allowingLineLayout: Bool = false) -> Unicode.Scalar? {
        guard mayContainControl(text) else { return nil }
        return text.unicodeScalars.first { isControl($0) && !(allowingLineLayout && isLineLayout($0)) }
    }
}
