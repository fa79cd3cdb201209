import Testing
@testable import TerminalUI

/// The shortcuts a frame takes (printable ASCII written and measured a byte at a time, a
/// fill cell by cell, CJK ideographs measured first) draw exactly what the general path draws.
@Suite struct FastPathTests {
    /// What `put` draws by the general path: one character at a time, each through the same call.
    static func slowPut(_ text: String, into canvas: inout Canvas, x: Int, y: Int, maxWidth: Int? = nil) {
        var used = 0
        for character in text {
            let limit = (maxWidth ?? Int.max) - used
            guard limit > 0 else { break }
            used += canvas.put(String(character) + "\u{200B}", x: x + used, y: y, maxWidth: limit)
        }
    }

    @Test(arguments: ["plain ascii 123", "a\u{301}cute", "tab\there", "", "~!@#$%^&*()_+{}|:\"<>?"])
    func asciiPutMatchesTheGeneralPath(_ text: String) {
        var fast = Canvas(width: 12, height: 1)
        var slow = Canvas(width: 12, height: 1)
        fast.put("客户客户客户", x: 0, y: 0)
        slow.put("客户客户客户", x: 0, y: 0)
        #expect(fast.put(text, x: 1, y: 0, maxWidth: 9) == TextWidth.of(Sanitizer.clean(text)).clamped(to: 9))
        Self.slowPut(Sanitizer.clean(text), into: &slow, x: 1, y: 0, maxWidth: 9)
        #expect(fast.lines() == slow.lines(), "\(text)")
        #expect(fast.cells.map(\.width) == slow.cells.map(\.width))
    }

    @Test func fillRepairsTheWideCharactersItCuts() {
        var canvas = Canvas(width: 8, height: 2)
        canvas.put("客户客户", x: 0, y: 0)
        canvas.put("客户客户", x: 0, y: 1)
        // From the right half of the first 户 to the left half of the last 户.
        canvas.fill(Rect(x: 3, y: 0, width: 4, height: 2), role: .selected)
        #expect(canvas.lines() == ["客", "客"])
        #expect(canvas.cells.filter(\.isContinuation).count == 2)
        #expect(canvas.roleAt(x: 3, y: 0) == .selected && canvas.roleAt(x: 7, y: 1) == .normal)
        canvas.fill(canvas.bounds, character: "·")
        #expect(canvas.lines() == ["········", "········"])
        canvas.fill(canvas.bounds, character: "客")   // wide: the general path
        #expect(canvas.lines() == ["客客客客", "客客客客"])
    }

    @Test func widthsOfAsciiAndIdeographs() {
        #expect(TextWidth.of("pipeline>500k") == 13)
        #expect(TextWidth.of("中国石化") == 8)
        #expect(TextWidth.of("\u{3400}\u{9FFF}\u{AC00}") == 6)
        #expect(TextWidth.of("\u{3099}") == 0)   // a combining kana mark stays zero width
        #expect(TextWidth.of("e\u{301}") == 1)
    }
}

private extension Int {
    func clamped(to limit: Int) -> Int { Swift.min(self, limit) }
}
