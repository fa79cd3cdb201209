import Testing
@testable import TerminalUI

@Suite struct TextWidthTests {
    @Test func asciiIsOneColumnEach() {
        #expect(TextWidth.of("hello") == 5)
        #expect(TextWidth.of("") == 0)
    }

    @Test func cjkIsTwoColumnsEach() {
        #expect(TextWidth.of("客户") == 4)
        #expect(TextWidth.of("ｶﾅ") == 2)  // halfwidth katakana stays narrow
        #expect(TextWidth.of("Ａ") == 2)   // fullwidth Latin
        #expect(TextWidth.of("한국") == 4)
    }

    @Test func emojiIsTwoColumns() {
        #expect(TextWidth.of("😀") == 2)
        #expect(TextWidth.of("👍🏽") == 2)          // skin tone modifier
        #expect(TextWidth.of("👨‍👩‍👧") == 2)      // ZWJ family
        #expect(TextWidth.of("🇨🇳") == 2)          // flag
        #expect(TextWidth.of("❤️") == 2)           // text symbol + VS16
    }

    @Test func combiningMarksAddNothing() {
        #expect(TextWidth.of("e\u{301}") == 1)
        #expect(TextWidth.of("Zoë") == 3)
        #expect(TextWidth.of("\u{301}") == 0)
        #expect(TextWidth.of("a\u{200B}b") == 2)
    }

    @Test func controlCharactersAreZero() {
        #expect(TextWidth.of("\u{7}") == 0)
        #expect(TextWidth.of("\u{9B}") == 0)
    }

    @Test func truncateAddsEllipsisWithinWidth() {
        #expect(TextWidth.truncate("Hello world", to: 8) == "Hello w…")
        #expect(TextWidth.truncate("short", to: 8) == "short")
        #expect(TextWidth.truncate("abc", to: 0) == "")
    }

    @Test func truncateNeverSplitsAWideCharacter() {
        // 5 columns: "客户" (4) fits, the ellipsis takes the 5th.
        #expect(TextWidth.truncate("客户关系管理", to: 5) == "客户…")
        // 6 columns: 5 for text leaves "客户" + one padding space, then "…".
        let cut = TextWidth.truncate("客户关系管理", to: 6)
        #expect(cut == "客户 …")
        #expect(TextWidth.of(cut) == 6)
        for n in 0...13 {
            #expect(TextWidth.of(TextWidth.truncate("客户关系管理😀x", to: n)) <= n)
        }
    }

    @Test func padToExactWidth() {
        #expect(TextWidth.padRight("客户", to: 6) == "客户  ")
        #expect(TextWidth.padLeft("客户", to: 6) == "  客户")
        #expect(TextWidth.center("客户", to: 7) == " 客户  ")
        for n in 1...10 {
            #expect(TextWidth.of(TextWidth.padRight("王小明👍", to: n)) == n)
            #expect(TextWidth.of(TextWidth.center("王小明👍", to: n)) == n)
        }
    }

    @Test func wrapBreaksAtSpacesAndBetweenCJK() {
        #expect(TextWidth.wrap("the quick brown fox", to: 10) == ["the quick", "brown fox"])
        #expect(TextWidth.wrap("终端太小了啊", to: 4) == ["终端", "太小", "了啊"])
    }
}
