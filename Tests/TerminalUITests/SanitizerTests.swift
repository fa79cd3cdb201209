import Testing
@testable import TerminalUI

@Suite struct SanitizerTests {
    let standIn = String(Sanitizer.standIn)

    @Test func osc52ClipboardWriteBecomesOneStandIn() {
        #expect(Sanitizer.clean("\u{1B}]52;c;AAAA\u{07}") == standIn)
        #expect(Sanitizer.clean("deal\u{1B}]52;c;AAAA\u{1B}\\ end") == "deal\(standIn) end")
    }

    @Test func csiClearScreenBecomesOneStandIn() {
        #expect(Sanitizer.clean("\u{1B}[2J") == standIn)
        #expect(Sanitizer.clean("a\u{1B}[1;31mred\u{1B}[0m") == "a\(standIn)red\(standIn)")
    }

    @Test func otherEscapesAndC1() {
        #expect(Sanitizer.clean("\u{1B}c") == standIn)
        #expect(Sanitizer.clean("x\u{9B}2Jy") == "x\(standIn)y")      // C1 CSI
        #expect(Sanitizer.clean("x\u{85}y") == "x\(standIn)y")        // NEL
        #expect(Sanitizer.clean("x\u{9D}0;title\u{9C}y") == "x\(standIn)y")
        #expect(Sanitizer.clean("trailing\u{1B}") == "trailing\(standIn)")
    }

    @Test func delAndC0() {
        #expect(Sanitizer.clean("a\u{7F}b") == "a\(standIn)b")
        #expect(Sanitizer.clean("a\u{0}b\u{8}c") == "a\(standIn)b\(standIn)c")
        #expect(Sanitizer.clean("a\tb\nc\r") == "a b c ")
    }

    @Test func bidiControlsAreNeutralised() {
        #expect(Sanitizer.clean("invoice\u{202E}fdp.exe") == "invoice\(standIn)fdp.exe")
        let controls = ["\u{202A}", "\u{202B}", "\u{202C}", "\u{202D}", "\u{2066}", "\u{2067}", "\u{2068}",
                        "\u{2069}", "\u{200E}", "\u{200F}", "\u{061C}"]
        for control in controls {
            #expect(Sanitizer.clean("x" + control + "y") == "x\(standIn)y")
        }
    }

    @Test func ordinaryTextIsUntouched() {
        let text = "华为 Cloud 👍 Zoë — 100%"
        #expect(Sanitizer.clean(text) == text)
    }

    @Test func canvasSanitisesEveryWrite() {
        var canvas = Canvas(width: 20, height: 1)
        canvas.put("\u{1B}[2Jdeal", x: 0, y: 0)
        #expect(canvas.lines() == ["\(standIn)deal"])
        #expect(!canvas.cells.contains { $0.text.unicodeScalars.contains { $0.value == 0x1B } })
    }
}
