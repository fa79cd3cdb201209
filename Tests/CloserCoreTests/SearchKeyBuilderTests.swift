import Testing
@testable import CloserCore

/// `SearchText.key(for:)` builds keys in one byte buffer; stored keys must not change, so
/// it is compared with the plain way of building them (kept here as the reference).
@Suite("Search key builder")
struct SearchKeyBuilderTests {
    /// The key as `SearchText.key(for:)` built it before it worked over bytes.
    private func referenceKey(_ fields: [String]) -> String {
        var parts: [String] = []
        for field in fields {
            let folded = SearchText.fold(field)
            guard !folded.isEmpty else { continue }
            parts.append(folded)
            let hasHan = folded.unicodeScalars.contains { $0.value >= 0x3400 && !PinyinInitials.initials(of: $0).isEmpty }
            guard hasHan else { continue }
            for variant in PinyinInitials.variants(of: folded) where variant != folded {
                parts.append(variant)
            }
        }
        return parts.joined(separator: String(SearchText.separator))
    }

    /// Pieces random texts are made of: polyphones, rare and compatibility ideographs,
    /// ASCII, full-width forms, accents, ligatures, whitespace and control characters, emoji.
    private static let pieces: [String] = [
        "重", "行", "长", "乐", "银行", "重庆", "长乐", "音乐", "中国石化", "单", "朝", "还", "传", "调",
        "项目", "设备改造", "客户", "有限公司", "㐀", "䶵", "豈", "𠀀", "〇", "ー", "カ", "ｶ", "한",
        "a", "Z", "abc", "ACME", "0", "42", "x1", "-", "_", "%", "\\", "(", ")", ",", ".", "·", "、", "。", "，",
        "Ａ", "ｚ", "１", "！", "＠", "（", "　", " ", "  ", "\t", "\r\n", "\u{0}", "\u{7F}", "\u{1F}", "\u{85}",
        "é", "Ü", "ß", "ﬁ", "İ", "Å", "e\u{301}", "😀", "👍🏽", "🇨🇳", "👨‍👩‍👧", "\u{200B}", "\u{FEFF}",
    ]

    private func randomText(_ generator: inout SystemRandomNumberGenerator) -> String {
        var text = ""
        for _ in 0..<Int.random(in: 0...10, using: &generator) {
            text += Self.pieces.randomElement(using: &generator) ?? ""
        }
        return text
    }

    @Test func matchesTheReferenceOnRandomTexts() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5_000 {
            let fields = (0..<Int.random(in: 0...3, using: &generator)).map { _ in randomText(&generator) }
            let key = SearchText.key(for: fields)
            #expect(key == referenceKey(fields), "fields \(fields.map { Array($0.unicodeScalars) })")
            if key != referenceKey(fields) { return }
        }
    }

    @Test func matchesTheReferenceOnManyPolyphones() {
        // Enough polyphones that the 32-variant limit cuts the enumeration short.
        let texts = ["重行长乐重行长乐", "长长长长长长长长", "重庆银行长乐支行", "ＡＢ重行 x 长乐!", "单朝还传调重行长乐😀"]
        for text in texts {
            #expect(SearchText.key(for: [text]) == referenceKey([text]))
            #expect(SearchText.key(for: [text, "客户 7 有限公司"]) == referenceKey([text, "客户 7 有限公司"]))
        }
    }

    @Test func fixedExpectations() {
        let separator = String(SearchText.separator)
        #expect(SearchText.key(for: ["银行"]) == ["银行", "yx", "yh"].joined(separator: separator))
        #expect(SearchText.key(for: ["  ACME  Corp "]) == "acme corp")
        #expect(SearchText.key(for: ["", " ", "A"]) == "a")
        #expect(SearchText.key(for: []) == "")
    }

    @Test func joinedTwoIsJoinedOfTheArray() {
        for (a, b) in [("", ""), ("a", ""), ("", "b"), ("银行\u{1F}yx", "acme")] {
            #expect(SearchText.joined(a, b) == SearchText.joined([a, b]))
        }
    }
}
