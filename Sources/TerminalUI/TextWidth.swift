/// Display width of text in terminal columns, measured per grapheme cluster.
///
/// Pure Swift on purpose: the C `wcwidth` depends on the locale and libc version,
/// and layout must be identical in tests and on every machine.
public enum TextWidth {
    /// Columns one grapheme cluster occupies: 0, 1 or 2.
    public static func of(_ character: Character) -> Int {
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return 0 }
        if scalars.count == 1 { return width(of: first) }
        // Multi-scalar clusters: emoji sequences (ZWJ, skin tones, flags, VS16) are one wide glyph.
        if scalars.contains(where: { $0.value == 0xFE0F }) { return 2 }
        if scalars.allSatisfy({ isRegionalIndicator($0) }) { return 2 }
        if scalars.contains(where: { $0.value == 0x200D }) && scalars.contains(where: { $0.properties.isEmoji && $0.value > 0xFF }) { return 2 }
        var base = 0
        for scalar in scalars {
            base = width(of: scalar)
            if base > 0 { break }
        }
        return base
    }

    /// Total columns of a string.
    public static func of(_ text: String) -> Int {
        // Printable ASCII is one column a byte, and no such byte joins a cluster with the next
        // (a combining mark after it would not be ASCII): most cells are measured this way.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text.utf8.count }
        var total = 0
        for character in text { total += of(character) }
        return total
    }

    /// Columns of a single scalar as if it stood alone.
    static func width(of scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v < 0x20 || (0x7F..<0xA0).contains(v) { return 0 }
        if v < 0x7F { return 1 }
        // CJK ideographs and Hangul syllables, the bulk of Chinese names: wide, never marks.
        if (0x4E00...0x9FFF).contains(v) || (0x3400...0x4DBF).contains(v) || (0xAC00...0xD7A3).contains(v) { return 2 }
        if isZeroWidth(scalar) { return 0 }
        if isRegionalIndicator(scalar) { return 2 }
        if scalar.properties.isEmojiPresentation { return 2 }
        if isEastAsianWide(v) { return 2 }
        return 1
    }

    private static func isRegionalIndicator(_ scalar: Unicode.Scalar) -> Bool {
        (0x1F1E6...0x1F1FF).contains(scalar.value)
    }

    private static func isZeroWidth(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return scalar.value != 0x00AD
        default: break
        }
        let v = scalar.value
        return (0x1160...0x11FF).contains(v)   // Hangul medial vowels / finals join the syllable
            || (0xFE00...0xFE0F).contains(v)   // variation selectors
            || (0xE0100...0xE01EF).contains(v)
    }

    /// East Asian Wide and Fullwidth blocks (UAX #11), condensed to the ranges that matter.
    private static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x2329...0x232A, 0x2E80...0x303E, 0x3041...0x33FF,
        0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF, 0xA960...0xA97F,
        0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F,
        0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x16FE0...0x16FE4, 0x17000...0x18CFF,
        0x1B000...0x1B2FF, 0x1F200...0x1F2FF, 0x20000...0x2FFFD, 0x30000...0x3FFFD,
    ]

    private static func isEastAsianWide(_ v: UInt32) -> Bool {
        guard v >= 0x1100 else { return false }
        for range in wideRanges where range.contains(v) { return true }
        return false
    }

    /// Cuts `text` to at most `columns`, ending in "…" when something was cut.
    /// A wide character that would straddle the limit is replaced by a space so the
    /// result is always exactly as wide as it claims.
    public static func truncate(_ text: String, to columns: Int, ellipsis: String = "…") -> String {
        guard columns > 0 else { return "" }
        if of(text) <= columns { return text }
        let ellipsisWidth = of(ellipsis)
        guard ellipsisWidth <= columns else { return prefix(text, columns: columns) }
        return prefix(text, columns: columns - ellipsisWidth) + ellipsis
    }

    /// The leading part of `text` that fits `columns` exactly, padding with a space where a
    /// wide character would not fit.
    public static func prefix(_ text: String, columns: Int) -> String {
        var result = ""
        var used = 0
        for character in text {
            let w = of(character)
            if used + w > columns {
                if used < columns { result += String(repeating: " ", count: columns - used) }
                return result
            }
            result.append(character)
            used += w
        }
        return result
    }

    public enum Alignment: Sendable { case left, right, center }

    /// Truncates (with ellipsis) or pads `text` to exactly `columns`.
    public static func fit(_ text: String, to columns: Int, alignment: Alignment = .left) -> String {
        guard columns > 0 else { return "" }
        // Measured once when it fits (most cells do), twice only when cut.
        let width = of(text)
        let cut = width <= columns ? text : truncate(text, to: columns)
        let gap = max(0, columns - (width <= columns ? width : of(cut)))
        switch alignment {
        case .left: return cut + String(repeating: " ", count: gap)
        case .right: return String(repeating: " ", count: gap) + cut
        case .center:
            let left = gap / 2
            return String(repeating: " ", count: left) + cut + String(repeating: " ", count: gap - left)
        }
    }

    public static func padRight(_ text: String, to columns: Int) -> String { fit(text, to: columns, alignment: .left) }
    public static func padLeft(_ text: String, to columns: Int) -> String { fit(text, to: columns, alignment: .right) }
    public static func center(_ text: String, to columns: Int) -> String { fit(text, to: columns, alignment: .center) }

    /// Breaks text into lines of at most `columns`, preferring to break at spaces
    /// (CJK text has no spaces, so it breaks between characters).
    public static func wrap(_ text: String, to columns: Int) -> [String] {
        guard columns > 0 else { return [] }
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            var lineWidth = 0
            var lastSpace: String.Index? = nil
            for character in paragraph {
                let w = of(character)
                if lineWidth + w > columns {
                    if character == " " { lines.append(line); line = ""; lineWidth = 0; lastSpace = nil; continue }
                    if let space = lastSpace {
                        let head = String(line[..<space])
                        let tail = String(line[line.index(after: space)...])
                        lines.append(head)
                        line = tail
                        lineWidth = of(tail)
                    } else {
                        lines.append(line)
                        line = ""
                        lineWidth = 0
                    }
                    lastSpace = nil
                }
                if character == " " { lastSpace = line.endIndex }
                line.append(character)
                lineWidth += w
            }
            lines.append(line)
        }
        return lines
    }
}
