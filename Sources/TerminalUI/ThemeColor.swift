/// A colour as written in a theme file.
public enum ThemeColor: Hashable, Sendable {
    /// The terminal's own default foreground/background.
    case terminalDefault
    /// A palette index 0–255 (0–15 are the named ANSI colours).
    case indexed(Int)
    case rgb(UInt8, UInt8, UInt8)

    public static let names: [String: Int] = [
        "black": 0, "red": 1, "green": 2, "yellow": 3, "blue": 4, "magenta": 5, "cyan": 6, "white": 7,
        "brightblack": 8, "gray": 8, "grey": 8, "brightred": 9, "brightgreen": 10, "brightyellow": 11,
        "brightblue": 12, "brightmagenta": 13, "brightcyan": 14, "brightwhite": 15,
    ]

    /// Parses "#rrggbb", "0"–"255", a colour name, or "default".
    public init?(parsing text: String) {
        let t = text.lowercased()
        if t == "default" || t == "none" { self = .terminalDefault; return }
        if let index = ThemeColor.names[t] { self = .indexed(index); return }
        if let n = Int(t), (0...255).contains(n) { self = .indexed(n); return }
        if t.hasPrefix("#"), t.count == 7, let v = UInt32(t.dropFirst(), radix: 16) {
            self = .rgb(UInt8((v >> 16) & 0xFF), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF))
            return
        }
        return nil
    }
}

/// How many colours the terminal can show.
public enum ColorDepth: Sendable, Equatable {
    case none, ansi8, ansi16, palette256
    /// 24-bit terminals (COLORS = 2^24, e.g. TERM=xterm-direct) take RGB values as colour numbers.
    case direct

    /// Classifies ncurses' COLORS; `noColor` is the NO_COLOR convention.
    public init(colors: Int, noColor: Bool = false) {
        if noColor || colors < 8 { self = .none }
        else if colors >= 0x1000000 { self = .direct }
        else if colors >= 256 { self = .palette256 }
        else if colors >= 16 { self = .ansi16 }
        else { self = .ansi8 }
    }
}

/// Maps theme colours to terminal colour numbers, degrading gracefully.
/// Pure, so the degradation ladder (truecolor → 256 → 16 → 8) is testable.
public enum ColorMapper {
    /// The terminal colour number for `color`, -1 for the terminal default, nil when the
    /// terminal shows no colour at all.
    public static func terminalColor(_ color: ThemeColor, depth: ColorDepth) -> Int? {
        if depth == .none { return nil }
        switch color {
        case .terminalDefault:
            return -1
        case .indexed(let n):
            switch depth {
            case .direct:
                if n < 8 { return n }  // xterm-direct keeps 0–7 as ANSI colours
                let (r, g, b) = rgb(ofIndex: n)
                return packed(r, g, b)
            case .palette256: return n
            case .ansi16: return n < 16 ? n : nearest(rgb(ofIndex: n), in: 0..<16)
            case .ansi8:
                if n < 8 { return n }
                if n < 16 { return n - 8 }
                return nearest(rgb(ofIndex: n), in: 0..<8)
            case .none: return nil
            }
        case .rgb(let r, let g, let b):
            switch depth {
            case .direct: return packed(Int(r), Int(g), Int(b))
            case .palette256: return nearest256(Int(r), Int(g), Int(b))
            case .ansi16: return nearest((Int(r), Int(g), Int(b)), in: 0..<16)
            case .ansi8: return nearest((Int(r), Int(g), Int(b)), in: 0..<8)
            case .none: return nil
            }
        }
    }

    private static func packed(_ r: Int, _ g: Int, _ b: Int) -> Int {
        let value = (r << 16) | (g << 8) | b
        // Values below 8 would be read as ANSI colours; nudge to the closest distinct value.
        return value < 8 ? 8 : value
    }

    /// xterm's standard RGB for a palette index.
    static func rgb(ofIndex n: Int) -> (Int, Int, Int) {
        let ansi: [(Int, Int, Int)] = [
            (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
            (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
        ]
        if n < 16 { return ansi[max(0, n)] }
        if n < 232 {
            let i = n - 16
            return (cubeLevels[i / 36], cubeLevels[(i / 6) % 6], cubeLevels[i % 6])
        }
        let grey = 8 + 10 * (min(n, 255) - 232)
        return (grey, grey, grey)
    }

    private static let cubeLevels = [0, 95, 135, 175, 215, 255]

    /// Closest of the 6×6×6 cube and the 24-step grey ramp.
    static func nearest256(_ r: Int, _ g: Int, _ b: Int) -> Int {
        func level(_ v: Int) -> Int {
            var best = 0
            for (i, l) in cubeLevels.enumerated() where abs(l - v) < abs(cubeLevels[best] - v) { best = i }
            return best
        }
        let cube = 16 + 36 * level(r) + 6 * level(g) + level(b)
        let average = (r + g + b) / 3
        let greyIndex = 232 + min(23, max(0, (average - 8 + 5) / 10))
        return distance(rgb(ofIndex: greyIndex), (r, g, b)) < distance(rgb(ofIndex: cube), (r, g, b)) ? greyIndex : cube
    }

    private static func nearest(_ c: (Int, Int, Int), in range: Range<Int>) -> Int {
        var best = range.lowerBound
        var bestDistance = Int.max
        for i in range {
            let d = distance(rgb(ofIndex: i), c)
            if d < bestDistance { best = i; bestDistance = d }
        }
        return best
    }

    private static func distance(_ a: (Int, Int, Int), _ b: (Int, Int, Int)) -> Int {
        // Weighted so greens, to which the eye is most sensitive, matter most.
        let dr = a.0 - b.0, dg = a.1 - b.1, db = a.2 - b.2
        return 3 * dr * dr + 4 * dg * dg + 2 * db * db
    }
}
