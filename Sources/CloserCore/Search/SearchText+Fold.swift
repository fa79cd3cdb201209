// Folding text for search: case-, width- and diacritic-insensitive, whitespace collapsed.

import Foundation

extension SearchText {
    /// `s` lowercased (case-folded: ß → ss), full-width/half-width forms folded
    /// (Ａ → a, ｶ → カ), diacritics removed (é → e), control characters treated as
    /// spaces, runs of whitespace collapsed to one space and the ends trimmed.
    public static func fold(_ s: String) -> String {
        if let fast = foldSimple(s) { return fast }
        let folded = s.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
        return collapseWhitespace(folded)
    }

    /// Fast path for the common case (ASCII and CJK ideographs only), which Foundation's
    /// folding would leave unchanged apart from ASCII case and whitespace. Nil otherwise.
    private static func foldSimple(_ s: String) -> String? {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in s.unicodeScalars {
            let v = scalar.value
            if v < 0x80 {
                if v <= 0x20 || v == 0x7F {
                    pendingSpace = !out.isEmpty
                    continue
                }
                if pendingSpace { out.append(" "); pendingSpace = false }
                out.append(v >= 0x41 && v <= 0x5A ? Unicode.Scalar(v + 32)! : scalar)
            } else if (v >= 0x4E00 && v <= 0x9FFF) || (v >= 0x3400 && v <= 0x4DBF) {
                if pendingSpace { out.append(" "); pendingSpace = false }
                out.append(scalar)
            } else {
                return nil
            }
        }
        return String(out)
    }

    private static func collapseWhitespace(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in s.unicodeScalars {
            let p = scalar.properties
            if p.isWhitespace || p.generalCategory == .control {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace { out.append(" "); pendingSpace = false }
            out.append(scalar)
        }
        return String(out)
    }
}
