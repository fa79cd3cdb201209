/// Makes untrusted text (deal names, notes, imported CSV) safe to draw.
///
/// Anything a terminal would interpret rather than show — control characters, escape
/// sequences (clipboard writes via OSC 52, screen clears), bidi overrides that reorder
/// what the user sees — becomes one visible stand-in, so hostile data shows as data.
public enum Sanitizer {
    /// Drawn in place of each removed control character or escape sequence.
    public static let standIn: Character = "\u{FFFD}"

    public static func clean(_ text: String) -> String {
        // Fast path: nearly all text is harmless.
        if !text.unicodeScalars.contains(where: needsAttention) { return text }
        var out = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        var i = 0
        while i < scalars.count {
            let v = scalars[i].value
            switch v {
            case 0x09, 0x0A, 0x0D:
                out.append(" ")
                i += 1
            case 0x1B:
                i = skipEscape(scalars, from: i)
                out.append(contentsOf: String(standIn).unicodeScalars)
            case 0x9B:  // C1 CSI
                i = skipCSI(scalars, from: i + 1)
                out.append(contentsOf: String(standIn).unicodeScalars)
            case 0x90, 0x98, 0x9D, 0x9E, 0x9F:  // C1 DCS, SOS, OSC, PM, APC: run to a terminator
                i = skipString(scalars, from: i + 1)
                out.append(contentsOf: String(standIn).unicodeScalars)
            default:
                if isDangerous(scalars[i]) {
                    out.append(contentsOf: String(standIn).unicodeScalars)
                } else {
                    out.append(scalars[i])
                }
                i += 1
            }
        }
        return String(out)
    }

    private static func needsAttention(_ scalar: Unicode.Scalar) -> Bool {
        isDangerous(scalar) || scalar.value == 0x09 || scalar.value == 0x0A || scalar.value == 0x0D
    }

    private static func isDangerous(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return v < 0x20 || (0x7F...0x9F).contains(v)
            || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
            || v == 0x200E || v == 0x200F || v == 0x061C
    }

    /// Index just past an ESC-introduced sequence starting at `start`.
    private static func skipEscape(_ s: [Unicode.Scalar], from start: Int) -> Int {
        let next = start + 1
        guard next < s.count else { return next }
        switch s[next] {
        case "[": return skipCSI(s, from: next + 1)
        case "]", "P", "X", "^", "_": return skipString(s, from: next + 1)
        default:
            // Two-character escapes; intermediates (0x20–0x2F) may precede the final byte.
            var i = next
            while i < s.count, (0x20...0x2F).contains(s[i].value) { i += 1 }
            return min(i + 1, s.count)
        }
    }

    /// CSI: parameter and intermediate bytes up to a final byte in 0x40–0x7E.
    private static func skipCSI(_ s: [Unicode.Scalar], from start: Int) -> Int {
        var i = start
        while i < s.count {
            let v = s[i].value
            i += 1
            if (0x40...0x7E).contains(v) { return i }
            // Anything outside the CSI alphabet ends a malformed sequence without eating more text.
            if !(0x20...0x3F).contains(v) { return i - 1 }
        }
        return i
    }

    /// OSC/DCS-style strings end at BEL, ST (ESC \) or C1 ST.
    private static func skipString(_ s: [Unicode.Scalar], from start: Int) -> Int {
        var i = start
        while i < s.count {
            let v = s[i].value
            if v == 0x07 || v == 0x9C { return i + 1 }
            if v == 0x1B { return (i + 1 < s.count && s[i + 1] == "\\") ? i + 2 : i + 1 }
            i += 1
        }
        return i
    }
}
