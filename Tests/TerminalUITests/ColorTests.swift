import Testing
@testable import TerminalUI

@Suite struct ColorTests {
    @Test func depthFromColorCount() {
        #expect(ColorDepth(colors: 16_777_216) == .direct)
        #expect(ColorDepth(colors: 256) == .palette256)
        #expect(ColorDepth(colors: 88) == .ansi16)
        #expect(ColorDepth(colors: 16) == .ansi16)
        #expect(ColorDepth(colors: 8) == .ansi8)
        #expect(ColorDepth(colors: 0) == .none)
        #expect(ColorDepth(colors: 256, noColor: true) == .none)
    }

    @Test func rgbDegradesStepByStep() {
        let blue = ThemeColor.rgb(0x00, 0x5f, 0x87)
        #expect(ColorMapper.terminalColor(blue, depth: .direct) == 0x005f87)
        #expect(ColorMapper.terminalColor(blue, depth: .palette256) == 24)   // exact cube entry
        #expect(ColorMapper.terminalColor(.rgb(255, 0, 0), depth: .palette256) == 196)
        #expect(ColorMapper.terminalColor(.rgb(0x80, 0x80, 0x80), depth: .palette256) == 244)  // grey ramp
        #expect(ColorMapper.terminalColor(.rgb(255, 0, 0), depth: .ansi16) == 9)
        #expect(ColorMapper.terminalColor(.rgb(200, 0, 0), depth: .ansi8) == 1)
        #expect(ColorMapper.terminalColor(blue, depth: .ansi8) == 4)
        #expect(ColorMapper.terminalColor(.rgb(250, 250, 250), depth: .ansi16) == 15)
        #expect(ColorMapper.terminalColor(blue, depth: .none) == nil)
    }

    @Test func indexedColoursDegradeToo() {
        #expect(ColorMapper.terminalColor(.indexed(196), depth: .palette256) == 196)
        #expect(ColorMapper.terminalColor(.indexed(196), depth: .ansi16) == 9)
        #expect(ColorMapper.terminalColor(.indexed(12), depth: .ansi8) == 4)
        #expect(ColorMapper.terminalColor(.indexed(3), depth: .direct) == 3)
        #expect(ColorMapper.terminalColor(.terminalDefault, depth: .ansi8) == -1)
    }

    @Test func parsesColourSpellings() {
        #expect(ThemeColor(parsing: "#FF8000") == .rgb(255, 128, 0))
        #expect(ThemeColor(parsing: "brightwhite") == .indexed(15))
        #expect(ThemeColor(parsing: "255") == .indexed(255))
        #expect(ThemeColor(parsing: "256") == nil)
        #expect(ThemeColor(parsing: "#12345") == nil)
    }
}
