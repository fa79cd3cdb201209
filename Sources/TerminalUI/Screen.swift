import CNcurses
import Foundation

public enum ScreenError: Error, Equatable, CustomStringConvertible {
    case cannotOpenTerminal(term: String)

    public var description: String {
        switch self {
        case .cannotOpenTerminal(let term): "cannot open the terminal (TERM=\(term)); try TERM=xterm-256color"
        }
    }
}

/// The only type that talks to ncurses. Draws `Canvas`es, writing only the cells that
/// changed since the last flush, and reads input as `InputEvent`s.
///
/// Not thread-safe: ncurses is global state, so use one Screen from one thread.
public final class Screen {
    public private(set) var theme: Theme
    public private(set) var depth: ColorDepth
    /// Cells written by the most recent `flush`, for benchmarks.
    public private(set) var lastCellsWritten = 0
    public private(set) var isRunning = false

    private var previous: Canvas?
    private var decoder = KeyDecoder(codes: .ncurses)
    private let masks = MouseMasks.ncurses
    private var styles = StyleCache()
    private let noColor: Bool
    private var opened = false

    /// - Parameters:
    ///   - theme: how roles look; swap later with `setTheme`.
    ///   - noColor: attributes only; by default follows the NO_COLOR convention.
    public init(theme: Theme, noColor: Bool? = nil) {
        self.theme = theme
        self.noColor = noColor ?? !(ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty
        self.depth = .none
    }

    /// Takes over the terminal. Throws when $TERM is unknown, leaving the terminal untouched.
    public func start() throws(ScreenError) {
        guard !isRunning else { return }
        if opened {
            // Coming back after stop() (e.g. from a shelled-out editor): ncurses restores its modes on refresh.
            previous = nil
            isRunning = true
            clear()
            return
        }
        // Without a UTF-8 locale ncurses treats UTF-8 bytes as separate Latin-1 characters.
        Screen.useUTF8Locale()
        guard closer_open_terminal() == 0 else {
            throw .cannotOpenTerminal(term: ProcessInfo.processInfo.environment["TERM"] ?? "")
        }
        closer_install_signal_restore()
        cbreak()  // Ctrl-C still interrupts; the signal handler restores the terminal.
        noecho()
        nonl()
        keypad(closer_stdscr(), true)
        set_escdelay(25)
        leaveok(closer_stdscr(), false)
        if has_colors() {
            start_color()
            use_default_colors()
        }
        depth = ColorDepth(colors: has_colors() ? Int(closer_colors()) : 0, noColor: noColor)
        mousemask(mmask_t(masks.all), nil)
        mouseinterval(200)
        discoverShiftedArrows()
        styles = StyleCache()
        previous = nil
        isRunning = true
        opened = true
        curs_set(0)
    }

    /// Gives the terminal back (also to suspend for an external editor; `start()` resumes).
    /// Safe to call twice.
    /// The user's locale, or C.UTF-8 when theirs is not UTF-8 or not installed (LANG=zh_CN.UTF-8
    /// on a server without that locale is common): Chinese text must never silently vanish.
    static func useUTF8Locale() {
        setlocale(LC_ALL, "")
        if let codeset = nl_langinfo(nl_item(CODESET)), String(cString: codeset).uppercased().replacingOccurrences(of: "-", with: "") == "UTF8" {
            return
        }
        for name in ["C.UTF-8", "C.utf8", "en_US.UTF-8"] where setlocale(LC_CTYPE, name) != nil { return }
    }

    public func stop() {
        guard isRunning else { return }
        isRunning = false
        curs_set(1)
        endwin()
    }

    deinit { stop() }

    public var size: (width: Int, height: Int) {
        isRunning ? (Int(closer_width()), Int(closer_height())) : (0, 0)
    }

    public func setTheme(_ theme: Theme) {
        self.theme = theme
        styles = StyleCache()
        previous = nil  // every cell must be repainted in the new colours
    }

    /// Forgets what is on screen so the next flush repaints everything (after a resize,
    /// or when another program may have written to the terminal).
    public func invalidate() {
        previous = nil
        clear()
    }

    /// Copies the canvas to the terminal, writing only changed cells.
    public func flush(_ canvas: Canvas) {
        guard isRunning else { return }
        if previous.map({ $0.width != canvas.width || $0.height != canvas.height }) ?? true { erase() }
        var written = 0
        let maxX = min(canvas.width, Int(closer_width()))
        let maxY = min(canvas.height, Int(closer_height()))
        for point in canvas.changedCells(since: previous) where point.x < maxX && point.y < maxY {
            guard let cell = canvas.cell(x: point.x, y: point.y) else { continue }
            // A wide char whose second half would hang off the screen is drawn as a space.
            let text = (cell.width == 2 && point.x + 1 >= maxX) ? " " : cell.text
            draw(text, x: point.x, y: point.y, role: cell.role)
            written += 1
        }
        lastCellsWritten = written
        previous = canvas
        if let cursor = canvas.cursor {
            curs_set(1)
            move(Int32(cursor.y), Int32(cursor.x))
        } else {
            curs_set(0)
        }
        wnoutrefresh(closer_stdscr())
        doupdate()
    }

    private func draw(_ text: String, x: Int, y: Int, role: StyleRole) {
        let (attrs, pair) = styles.resolve(role, theme: theme, depth: depth)
        // cchar_t holds at most CCHARW_MAX (5) wide chars: a base plus combining marks.
        var chars = text.unicodeScalars.prefix(5).map { wchar_t(bitPattern: $0.value) }
        chars.append(0)
        _ = chars.withUnsafeBufferPointer { buffer in
            closer_put_cell(Int32(y), Int32(x), buffer.baseAddress, attrs, pair)
        }
    }

    /// Waits up to `timeoutMilliseconds` for input; nil on timeout so the app can poll.
    /// A negative timeout waits forever.
    /// True when the terminal has hung up (the window closed, the ssh link dropped). A program
    /// that ignores SIGHUP would otherwise read nothing, instantly, forever.
    public var terminalIsGone: Bool {
        var descriptor = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
        guard poll(&descriptor, 1, 0) >= 0 else { return true }
        return descriptor.revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 || isatty(STDIN_FILENO) == 0
    }

    public func nextEvent(timeoutMilliseconds: Int) -> InputEvent? {
        guard isRunning else { return nil }
        wtimeout(closer_stdscr(), Int32(clamping: timeoutMilliseconds))
        var code: wint_t = 0
        let status = wget_wch(closer_stdscr(), &code)
        if status == closer_err() { return nil }
        switch decoder.decode(status: status, code: UInt32(code)) {
        case .event(let event):
            return event
        case .resize:
            previous = nil
            return .resize(width: Int(closer_width()), height: Int(closer_height()))
        case .mouse:
            var x: Int32 = 0, y: Int32 = 0
            var state: mmask_t = 0
            guard closer_get_mouse(&x, &y, &state) == 0 else { return nil }
            return KeyDecoder.decodeMouse(x: Int(x), y: Int(y), state: UInt(state), masks: masks)
        case .ignored:
            return nil
        }
    }

    /// Shift-up/down have no standard key code; terminfo's extended names give them one.
    private func discoverShiftedArrows() {
        var codes = KeyCodes.ncurses
        for cap in ["kUP", "kUP2"] {
            let code = closer_keycode_for_cap(cap)
            if code > 0 { codes.shiftUp.insert(UInt32(code)) }
        }
        for cap in ["kDN", "kDN2"] {
            let code = closer_keycode_for_cap(cap)
            if code > 0 { codes.shiftDown.insert(UInt32(code)) }
        }
        for cap in ["kLFT2"] {
            let code = closer_keycode_for_cap(cap)
            if code > 0 { codes.shiftLeft = UInt32(code) }
        }
        for cap in ["kRIT2"] {
            let code = closer_keycode_for_cap(cap)
            if code > 0 { codes.shiftRight = UInt32(code) }
        }
        decoder = KeyDecoder(codes: codes)
    }
}

/// Role → ncurses attributes and colour pair, allocated on first use and cached because
/// pairs are a limited terminal resource.
private struct StyleCache {
    private var byRole: [StyleRole: (attr_t, Int32)] = [:]
    private var pairs: [PairKey: Int32] = [:]

    private struct PairKey: Hashable { let fg: Int; let bg: Int }

    mutating func resolve(_ role: StyleRole, theme: Theme, depth: ColorDepth) -> (attr_t, Int32) {
        if let cached = byRole[role] { return cached }
        let style = theme.style(for: role)
        var attrs = closer_attr_normal()
        if style.attributes.contains(.bold) { attrs |= closer_attr_bold() }
        if style.attributes.contains(.dim) { attrs |= closer_attr_dim() }
        if style.attributes.contains(.underline) { attrs |= closer_attr_underline() }
        if style.attributes.contains(.reverse) { attrs |= closer_attr_reverse() }
        if style.attributes.contains(.italic) { attrs |= closer_attr_italic() }
        var pair: Int32 = 0
        if depth != .none {
            let fg = style.foreground.flatMap { ColorMapper.terminalColor($0, depth: depth) } ?? -1
            let bg = style.background.flatMap { ColorMapper.terminalColor($0, depth: depth) } ?? -1
            pair = pairNumber(fg: fg, bg: bg)
        }
        byRole[role] = (attrs, pair)
        return (attrs, pair)
    }

    private mutating func pairNumber(fg: Int, bg: Int) -> Int32 {
        if fg == -1 && bg == -1 { return 0 }
        let key = PairKey(fg: fg, bg: bg)
        if let existing = pairs[key] { return existing }
        let next = Int32(pairs.count + 1)
        guard next < closer_color_pairs() else { return 0 }  // out of pairs: terminal default
        init_extended_pair(next, Int32(fg), Int32(bg))
        pairs[key] = next
        return next
    }
}

// The codes and masks of ncurses, for the decoder: the only place besides `Screen` that reads them.
extension KeyCodes {
    /// The fixed codes from the ncurses header (valid without a terminal).
    public static var ncurses: KeyCodes {
        func u(_ v: Int32) -> UInt32 { UInt32(bitPattern: v) }
        return KeyCodes(
            codeYes: closer_key_code_yes(),
            up: u(closer_key_up()), down: u(closer_key_down()), left: u(closer_key_left()), right: u(closer_key_right()),
            shiftLeft: u(closer_key_sleft()), shiftRight: u(closer_key_sright()),
            shiftUp: [u(closer_key_sr())], shiftDown: [u(closer_key_sf())],
            pageUp: u(closer_key_ppage()), pageDown: u(closer_key_npage()), home: u(closer_key_home()), end: u(closer_key_end()),
            backTab: u(closer_key_btab()), enter: u(closer_key_enter()), backspace: u(closer_key_backspace()),
            delete: u(closer_key_dc()), insert: u(closer_key_ic()), f0: u(closer_key_f0()),
            resize: u(closer_key_resize()), mouse: u(closer_key_mouse()))
    }
}

extension MouseMasks {
    public static var ncurses: MouseMasks {
        MouseMasks(click: UInt(closer_button1_clicked()), press: UInt(closer_button1_pressed()),
                   doubleClick: UInt(closer_button1_double_clicked()),
                   wheelUp: UInt(closer_wheel_up()), wheelDown: UInt(closer_wheel_down()))
    }

}
