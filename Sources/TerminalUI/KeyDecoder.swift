/// The key codes the decoder needs, as the terminal library reports them. Only `Screen`
/// knows ncurses: it fills these in (`KeyCodes.ncurses`), and tests build their own; shifted
/// up/down have no fixed code and are discovered from terminfo at start-up.
public struct KeyCodes: Sendable {
    public var codeYes: Int32
    public var up, down, left, right: UInt32
    public var shiftLeft, shiftRight: UInt32
    /// Shift-up/down: extended terminfo keys (kUP/kDN) and the scroll keys (kri/kind) some terminals send.
    public var shiftUp: Set<UInt32>
    public var shiftDown: Set<UInt32>
    public var pageUp, pageDown, home, end: UInt32
    public var backTab, enter, backspace, delete, insert: UInt32
    public var f0: UInt32
    public var resize, mouse: UInt32
}

/// What one `get_wch` result means.
public enum DecodedInput: Equatable, Sendable {
    case event(InputEvent)
    /// The terminal was resized; the caller asks ncurses for the new size.
    case resize
    /// A mouse event is waiting; the caller reads it with getmouse.
    case mouse
    /// Nothing the app cares about.
    case ignored
}

/// Turns `get_wch` results into events. Pure, so it is tested without a terminal.
public struct KeyDecoder: Sendable {
    public var codes: KeyCodes

    public init(codes: KeyCodes) { self.codes = codes }

    /// `status` is get_wch's return (OK or KEY_CODE_YES); `code` the wint_t it filled in.
    public func decode(status: Int32, code: UInt32) -> DecodedInput {
        if status == codes.codeYes { return decodeSpecial(code) }
        switch code {
        case 9: return .event(.key(.tab))
        case 10, 13: return .event(.key(.enter))
        case 27: return .event(.key(.escape))
        case 8, 127: return .event(.key(.backspace))
        case 0: return .event(.key(.ctrl(" ")))
        case 1...26: return .event(.key(.ctrl(Character(Unicode.Scalar(UInt8(code) + 96)))))
        case 28...31: return .event(.key(.ctrl(Character(Unicode.Scalar(UInt8(code) + 64)))))
        default:
            guard let scalar = Unicode.Scalar(code), !(0x80...0x9F).contains(code) else { return .ignored }
            return .event(.key(.char(Character(scalar))))
        }
    }

    private func decodeSpecial(_ code: UInt32) -> DecodedInput {
        let c = codes
        let key: Key
        switch code {
        case c.up: key = .up
        case c.down: key = .down
        case c.left: key = .left
        case c.right: key = .right
        case c.shiftLeft: key = .shiftLeft
        case c.shiftRight: key = .shiftRight
        case c.pageUp: key = .pageUp
        case c.pageDown: key = .pageDown
        case c.home: key = .home
        case c.end: key = .end
        case c.backTab: key = .backTab
        case c.enter: key = .enter
        case c.backspace: key = .backspace
        case c.delete: key = .delete
        case c.insert: key = .insert
        case c.resize: return .resize
        case c.mouse: return .mouse
        default:
            if c.shiftUp.contains(code) { key = .shiftUp }
            else if c.shiftDown.contains(code) { key = .shiftDown }
            else if code > c.f0, code <= c.f0 + 63 { key = .function(Int(code - c.f0)) }
            else { return .ignored }
        }
        return .event(.key(key))
    }

    /// Mouse button state → event. The masks are passed in so this stays pure.
    public static func decodeMouse(x: Int, y: Int, state: UInt, masks: MouseMasks) -> InputEvent? {
        if state & masks.wheelUp != 0 { return .mouse(MouseEvent(x: x, y: y, kind: .wheelUp)) }
        if masks.wheelDown != 0, state & masks.wheelDown != 0 { return .mouse(MouseEvent(x: x, y: y, kind: .wheelDown)) }
        if state & masks.doubleClick != 0 { return .mouse(MouseEvent(x: x, y: y, kind: .doubleClick)) }
        if state & (masks.click | masks.press) != 0 { return .mouse(MouseEvent(x: x, y: y, kind: .click)) }
        return nil
    }
}

/// ncurses mouse masks the app listens for.
public struct MouseMasks: Sendable {
    public var click, press, doubleClick, wheelUp, wheelDown: UInt

    public var all: UInt { click | press | doubleClick | wheelUp | wheelDown }
}
