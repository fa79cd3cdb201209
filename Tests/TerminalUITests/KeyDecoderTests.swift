import CNcurses
import Testing
@testable import TerminalUI

@Suite struct KeyDecoderTests {
    let codes = KeyCodes.ncurses
    var decoder: KeyDecoder {
        var c = codes
        c.shiftUp.insert(600)  // what terminfo's kUP would be assigned at runtime
        c.shiftDown.insert(601)
        return KeyDecoder(codes: c)
    }
    let ok: Int32 = 0

    func key(_ status: Int32, _ code: UInt32) -> Key? {
        if case .event(.key(let k)) = decoder.decode(status: status, code: code) { return k }
        return nil
    }

    @Test func plainCharactersIncludingCJK() {
        #expect(key(ok, 0x61) == .char("a"))
        #expect(key(ok, 0x5BA2) == .char("客"))
        #expect(key(ok, 0x1F600) == .char("😀"))
    }

    @Test func controlKeys() {
        #expect(key(ok, 1) == .ctrl("a"))
        #expect(key(ok, 21) == .ctrl("u"))
        #expect(key(ok, 23) == .ctrl("w"))
        #expect(key(ok, 26) == .ctrl("z"))
        #expect(key(ok, 9) == .tab)
        #expect(key(ok, 10) == .enter)
        #expect(key(ok, 13) == .enter)
        #expect(key(ok, 27) == .escape)
        #expect(key(ok, 127) == .backspace)
        #expect(key(ok, 8) == .backspace)
    }

    @Test func specialKeys() {
        let yes = codes.codeYes
        #expect(yes == Int32(KEY_CODE_YES))
        #expect(key(yes, codes.up) == .up)
        #expect(key(yes, codes.backspace) == .backspace)
        #expect(key(yes, codes.enter) == .enter)
        #expect(key(yes, codes.backTab) == .backTab)
        #expect(key(yes, codes.shiftLeft) == .shiftLeft)
        #expect(key(yes, codes.shiftRight) == .shiftRight)
        #expect(key(yes, 600) == .shiftUp)
        #expect(key(yes, 601) == .shiftDown)
        #expect(key(yes, codes.delete) == .delete)
        #expect(key(yes, codes.pageDown) == .pageDown)
        #expect(key(yes, codes.f0 + 5) == .function(5))
        #expect(decoder.decode(status: yes, code: codes.resize) == .resize)
        #expect(decoder.decode(status: yes, code: codes.mouse) == .mouse)
        #expect(decoder.decode(status: yes, code: 0o777) == .ignored)
    }

    @Test func mouseStates() {
        let m = MouseMasks.ncurses
        #expect(KeyDecoder.decodeMouse(x: 3, y: 4, state: m.click, masks: m) == .mouse(MouseEvent(x: 3, y: 4, kind: .click)))
        #expect(KeyDecoder.decodeMouse(x: 0, y: 0, state: m.wheelUp, masks: m) == .mouse(MouseEvent(x: 0, y: 0, kind: .wheelUp)))
        #expect(KeyDecoder.decodeMouse(x: 0, y: 0, state: m.wheelDown, masks: m) == .mouse(MouseEvent(x: 0, y: 0, kind: .wheelDown)))
        #expect(KeyDecoder.decodeMouse(x: 1, y: 1, state: m.doubleClick, masks: m) == .mouse(MouseEvent(x: 1, y: 1, kind: .doubleClick)))
        #expect(KeyDecoder.decodeMouse(x: 1, y: 1, state: 0, masks: m) == nil)
    }
}
